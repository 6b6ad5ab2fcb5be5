/**
 * 双报到 — units: a county, street or community records a unit of its county; the unit (its own
 * account) or a place account registers it at a community; the community registered at confirms,
 * declines or ends it at the end of its term; the unit withdraws. Units are organisations, not people:
 * every account of the county that works with 双报到 may read the directory (a member picks their unit).
 */
import { UNIT_REGISTRATION_WORKFLOW, type UnitRegistrationRelation, type UnitRegistrationStatus } from '#contracts/units'
import { defineWorkflow } from '../../core/workflow'
import { placeInScope, type Actor } from '../actor'
import { rule } from '../policy'

export interface UnitFacts {
  id: number
  countyCode: string
}

export interface UnitRegistrationFacts {
  status: UnitRegistrationStatus
  unitId: number
  communityCode: string
}

const RELATIONS: Record<UnitRegistrationRelation, (actor: Actor, r: UnitRegistrationFacts) => boolean> = {
  unit: (actor, r) => actor.role === 'unit' && actor.unitId === r.unitId,
  community: (actor, r) => actor.role === 'community' && actor.placeCode === r.communityCode,
}

export const unitRegistrationWorkflow = defineWorkflow(UNIT_REGISTRATION_WORKFLOW, {
  stateOf: (r: UnitRegistrationFacts) => r.status,
  relations: RELATIONS,
  messages: { invalidTransition: '单位报到当前状态不能执行此操作', forbidden: '您不能处理这条单位报到' },
})

const PLACE_ROLES: readonly string[] = ['county', 'street', 'community']
const isPlace = (actor: Actor) => PLACE_ROLES.includes(actor.role)
/** the county of a place account or a party member (their community's county) */
const countyOf = (actor: Actor) => (actor.placeCode && actor.placeCode.length >= 6 ? actor.placeCode.slice(0, 6) : null)
const ownUnit = (actor: Actor, unitId: number) => actor.role === 'unit' && actor.unitId === unitId

export const unitRules = {
  /** 登记单位: the county, a street or a community of the county */
  'unit.create': rule((actor) => isPlace(actor) && countyOf(actor) !== null, 'FORBIDDEN', '只有县、街道、社区账号可以登记报到单位'),
  'unit.list': rule((actor) => isPlace(actor) || actor.role === 'partyMember' || actor.role === 'unit', 'FORBIDDEN', '您的角色不能查看报到单位'),
  /** a unit's own account; every place account and party member of its county */
  'unit.read': rule(
    (actor, u: UnitFacts) => ownUnit(actor, u.id) || ((isPlace(actor) || actor.role === 'partyMember') && countyOf(actor) === u.countyCode),
    'NOT_FOUND',
    '报到单位不存在或无权查看',
  ),
  /** 工作在单位、服务在社区: the unit sees all its members; a place sees those registered under it */
  'unit.members': rule((actor, u: UnitFacts) => ownUnit(actor, u.id) || (isPlace(actor) && countyOf(actor) === u.countyCode), 'NOT_FOUND', '报到单位不存在或无权查看'),
  /** who may start a unit's registration at all: the unit's own account, or a place account */
  'unitRegistration.start': rule((actor) => isPlace(actor) || (actor.role === 'unit' && actor.unitId !== null), 'FORBIDDEN', '只有报到单位或县、街道、社区账号可以办理单位报到'),
  /** the unit registers itself; a place account records it for a community under it */
  'unitRegistration.submit': rule(
    (actor, r: { unitId: number; communityCode: string }) => ownUnit(actor, r.unitId) || (isPlace(actor) && placeInScope(actor, r.communityCode)),
    'FORBIDDEN',
    '您不能为该单位在此社区报到',
  ),
  'unitRegistration.read': rule(
    (actor, r: UnitRegistrationFacts) => ownUnit(actor, r.unitId) || (isPlace(actor) && placeInScope(actor, r.communityCode)),
    'NOT_FOUND',
    '单位报到记录不存在或无权查看',
  ),
  'unitRegistration.list': rule((actor) => isPlace(actor) || actor.role === 'unit', 'FORBIDDEN', '您的角色不能查看单位报到记录'),
  /** 批量导入: a community imports the units paired with it (the import is its confirmation) */
  'unitRegistration.import': rule((actor) => actor.role === 'community' && actor.placeCode !== null, 'FORBIDDEN', '只有社区账号可以导入与本社区共建的报到单位（导入即视为社区确认）'),
  'unitRegistration.listAt': rule((actor, code: string) => placeInScope(actor, code), 'NOT_FOUND', '地点不存在或不在您的辖区内'),
}

/** 双报到: the member registers; the community registered at confirms, declines or transfers; places above see it. */
import { REGISTRATION_WORKFLOW, type RegistrationRelation, type RegistrationStatus } from '#contracts/registrations'
import { defineWorkflow } from '../../core/workflow'
import { placeInScope, type Actor } from '../actor'
import { rule } from '../policy'

export interface RegistrationFacts {
  status: RegistrationStatus
  partyMemberId: number
  communityCode: string
  /** the registered unit named (null for rows from before units) */
  unitId: number | null
}

const RELATIONS: Record<RegistrationRelation, (actor: Actor, r: RegistrationFacts) => boolean> = {
  member: (actor, r) => actor.role === 'partyMember' && actor.partyMemberId === r.partyMemberId,
  community: (actor, r) => actor.role === 'community' && actor.placeCode === r.communityCode,
}

export const registrationWorkflow = defineWorkflow(REGISTRATION_WORKFLOW, {
  stateOf: (r: RegistrationFacts) => r.status,
  relations: RELATIONS,
  messages: { invalidTransition: '报到当前状态不能执行此操作', forbidden: '您不能处理这条报到' },
})

const PLACE_ROLES: readonly string[] = ['county', 'street', 'community']

export const registrationRules = {
  /** only a party member account registers, and only as itself */
  'registration.submit': rule((actor) => actor.role === 'partyMember' && actor.partyMemberId !== null, 'FORBIDDEN', '只有党员账号可以到社区报到'),
  /** the member sees their own; the community, street and county see what is under them; a unit its own members */
  'registration.read': rule(
    (actor, r: RegistrationFacts) =>
      RELATIONS.member(actor, r) ||
      (PLACE_ROLES.includes(actor.role) && placeInScope(actor, r.communityCode)) ||
      (actor.role === 'unit' && actor.unitId !== null && actor.unitId === r.unitId),
    'NOT_FOUND',
    '报到记录不存在或无权查看',
  ),
  'registration.list': rule((actor) => actor.role === 'partyMember' || actor.role === 'unit' || PLACE_ROLES.includes(actor.role), 'FORBIDDEN', '您的角色不能查看报到记录'),
  /** 批量导入: a community imports the members registered with it; the import is its confirmation */
  'registration.import': rule((actor) => actor.role === 'community' && actor.placeCode !== null, 'FORBIDDEN', '只有社区账号可以导入本社区的在职党员报到（导入即视为社区确认）'),
  /** a place asked about must be the caller's own or below it */
  'registration.listAt': rule((actor, code: string) => placeInScope(actor, code), 'NOT_FOUND', '地点不存在或不在您的辖区内'),
}

/**
 * 包保: a confirmed party member pledges households of the community registered at, or the community /
 * the household's grid assigns them; the member, the community or the grid releases; only the member
 * records visits; places above see what is under them.
 */
import { PLEDGE_WORKFLOW, type PledgeRelation, type PledgeStatus } from '#contracts/pledges'
import { defineWorkflow } from '../../core/workflow'
import { placeInScope, type Actor } from '../actor'
import { rule } from '../policy'

export interface PledgeFacts {
  status: PledgeStatus
  partyMemberId: number
  communityCode: string
  gridCode: string
}

const GRID_ROLES: readonly string[] = ['gridHead', 'gridWorker']
const PLACE_ROLES: readonly string[] = ['county', 'street', 'community', 'gridHead', 'gridWorker']
const ASSIGN_ROLES: readonly string[] = ['community', 'gridHead', 'gridWorker']

const isMember = (actor: Actor, partyMemberId: number) => actor.role === 'partyMember' && actor.partyMemberId === partyMemberId

const RELATIONS: Record<PledgeRelation, (actor: Actor, p: PledgeFacts) => boolean> = {
  member: (actor, p) => isMember(actor, p.partyMemberId),
  community: (actor, p) => actor.role === 'community' && actor.placeCode === p.communityCode,
  grid: (actor, p) => GRID_ROLES.includes(actor.role) && actor.placeCode === p.gridCode,
}

export const pledgeWorkflow = defineWorkflow(PLEDGE_WORKFLOW, {
  stateOf: (p: PledgeFacts) => p.status,
  relations: RELATIONS,
  messages: { invalidTransition: '包保已结束，不能再执行此操作', forbidden: '您不能处理这条包保' },
  forbiddenMessages: { visit: '只能记录本人包保户的走访' },
})

/** A place a member may work at: their confirmed registrations' communities. */
export interface MemberPlace {
  gridCode: string
  communityCode: string
  /** the communities of the member's confirmed registrations (empty for staff) */
  registeredAt: readonly string[]
}

export const pledgeRules = {
  /** the member pledges for themself; the community and grid staff assign */
  'pledge.create': rule(
    (actor) => (actor.role === 'partyMember' && actor.partyMemberId !== null) || ASSIGN_ROLES.includes(actor.role),
    'FORBIDDEN',
    '只有已报到的党员本人或社区、网格可以认领包保户',
  ),
  /** staff assign only households of their own place (a grid worker: their grid) */
  'pledge.assignAt': rule((actor, gridCode: string) => ASSIGN_ROLES.includes(actor.role) && placeInScope(actor, gridCode), 'NOT_FOUND', '住户不存在或不在您的辖区内'),
  /** the member sees their own; places see what is under them */
  'pledge.read': rule(
    (actor, p: PledgeFacts) => isMember(actor, p.partyMemberId) || (PLACE_ROLES.includes(actor.role) && placeInScope(actor, p.gridCode)),
    'NOT_FOUND',
    '包保记录不存在或无权查看',
  ),
  'pledge.list': rule((actor) => actor.role === 'partyMember' || PLACE_ROLES.includes(actor.role), 'FORBIDDEN', '您的角色不能查看包保'),
  /** a place asked about must be the caller's own or below it */
  'pledge.listAt': rule((actor, code: string) => PLACE_ROLES.includes(actor.role) && placeInScope(actor, code), 'NOT_FOUND', '地点不存在或不在您的辖区内'),
  /** a building's pledge map and 三亮 notice: staff of a place above it, or a member registered at its community */
  'pledge.building': rule(
    (actor, b: MemberPlace) =>
      (PLACE_ROLES.includes(actor.role) && placeInScope(actor, b.gridCode)) || (actor.role === 'partyMember' && b.registeredAt.includes(b.communityCode)),
    'NOT_FOUND',
    '楼栋不存在或不在您的辖区内',
  ),
  /** may the caller assign households of this building (for the page's buttons) */
  'pledge.assignInBuilding': rule((actor, gridCode: string) => ASSIGN_ROLES.includes(actor.role) && placeInScope(actor, gridCode), 'NOT_FOUND'),
  'pledge.coverage': rule((actor) => PLACE_ROLES.includes(actor.role), 'FORBIDDEN', '您的角色不能查看包保覆盖情况'),
  /** the member's own pledges and notice contact */
  'pledge.own': rule((actor) => actor.role === 'partyMember' && actor.partyMemberId !== null, 'FORBIDDEN', '只有党员账号可以查看我的包保户'),
}

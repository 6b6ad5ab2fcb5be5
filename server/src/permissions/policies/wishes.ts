/**
 * 微心愿: the community publishes a resident's wish; a party member of the community, or a 报到单位 paired
 * with it, claims it (first wins) and fulfils it; the resident — or the community on their behalf — thanks and closes it. The
 * full name is seen by the community (and the levels above), the claimant and the resident only.
 */
import { WISH_WORKFLOW, type WishRelation, type WishStatus } from '#contracts/wishes-workflow'
import { defineWorkflow } from '../../core/workflow'
import { placeInScope, type Actor } from '../actor'
import { rule } from '../policy'

export interface WishFacts {
  status: WishStatus
  communityCode: string
  placeCode: string
  residentId: number | null
  claimantPartyMemberId: number | null
  claimantUnitId: number | null
}

const RELATIONS: Record<WishRelation, (actor: Actor, w: WishFacts) => boolean> = {
  // a party member of the community, or a 报到单位 paired with it (a confirmed registration)
  member: (actor, w) =>
    (actor.role === 'partyMember' && actor.partyMemberId !== null && actor.placeCode === w.communityCode) ||
    (actor.role === 'unit' && actor.unitId !== null && actor.pairedCommunityCodes.includes(w.communityCode)),
  // one claimant: the member or the unit holding it
  claimant: (actor, w) =>
    (actor.role === 'partyMember' && actor.partyMemberId !== null && actor.partyMemberId === w.claimantPartyMemberId) ||
    (actor.role === 'unit' && actor.unitId !== null && actor.unitId === w.claimantUnitId),
  beneficiary: (actor, w) => actor.role === 'resident' && actor.residentId !== null && actor.residentId === w.residentId,
  community: (actor, w) => actor.role === 'community' && actor.placeCode === w.communityCode,
}

const TAKEN: readonly WishStatus[] = ['claimed', 'fulfilled', 'closed']

export const wishWorkflow = defineWorkflow(WISH_WORKFLOW, {
  stateOf: (w: WishFacts) => w.status,
  relations: RELATIONS,
  stateRefusals: { claim: (w) => (TAKEN.includes(w.status) ? { code: 'WISH_ALREADY_CLAIMED' } : { code: 'INVALID_TRANSITION', message: '心愿已撤销' }) },
  messages: { invalidTransition: '心愿当前状态不能执行此操作', forbidden: '您不能处理这个心愿' },
  forbiddenMessages: {
    claim: '只有本社区的党员或已报到的单位可以认领心愿',
    release: '只有认领人可以放弃认领',
    fulfil: '只有认领人可以完成心愿',
    thank: '只有心愿人本人或社区可以答谢评价',
    cancel: '只有发布心愿的社区可以撤销',
  },
})

const AREA_ROLES: readonly string[] = ['county', 'street', 'community']
const GRID_ROLES: readonly string[] = ['gridHead', 'gridWorker']

export const wishRules = {
  'wish.publish': rule((actor) => actor.role === 'community', 'FORBIDDEN', '只有社区可以发布微心愿'),
  'wish.read': rule(
    (actor, w: WishFacts) =>
      (AREA_ROLES.includes(actor.role) && placeInScope(actor, w.communityCode)) ||
      (GRID_ROLES.includes(actor.role) && placeInScope(actor, w.placeCode)) ||
      RELATIONS.member(actor, w) ||
      RELATIONS.claimant(actor, w) ||
      RELATIONS.beneficiary(actor, w),
    'NOT_FOUND',
    '心愿不存在或无权查看',
  ),
  /** who reads the wisher's full name: the community and above, the claimant, the wisher */
  'wish.seeName': rule(
    (actor, w: WishFacts) => (AREA_ROLES.includes(actor.role) && placeInScope(actor, w.communityCode)) || RELATIONS.claimant(actor, w) || RELATIONS.beneficiary(actor, w),
    'NOT_FOUND',
  ),
  'wish.list': rule((actor) => [...AREA_ROLES, ...GRID_ROLES, 'partyMember', 'unit', 'resident'].includes(actor.role), 'FORBIDDEN', '您的角色不能查看微心愿'),
  'wish.listAt': rule((actor, code: string) => placeInScope(actor, code), 'NOT_FOUND', '地点不存在或不在您的辖区内'),
}

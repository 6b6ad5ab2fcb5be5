/**
 * 党建+积分 and 红黑榜: who reads a person's points, who awards and redeems, who sets the county's rules,
 * and who computes, confirms and sees a community's honour board.
 */
import { BOARD_WORKFLOW, type BoardRelation, type BoardStatus } from '#contracts/points'
import { defineWorkflow } from '../../core/workflow'
import { placeInScope, type Actor } from '../actor'
import { rule } from '../policy'

const PLACE_ROLES: readonly string[] = ['county', 'street', 'community']
/** the accounts that earn points: party members and resident volunteers */
export const EARNER_ROLES: readonly string[] = ['partyMember', 'resident']

/** A person whose points are asked about: their account and its scope path. */
export interface EarnerFacts {
  userId: number
  scope: string
}

const staffAbove = (actor: Actor, scopePath: string) => PLACE_ROLES.includes(actor.role) && scopePath.startsWith(actor.scope)

export interface BoardFacts {
  status: BoardStatus
  communityCode: string
}

const BOARD_RELATIONS: Record<BoardRelation, (actor: Actor, b: BoardFacts) => boolean> = {
  // the community's party secretary confirms with the community's account (there is no secretary role)
  community: (actor, b) => actor.role === 'community' && actor.placeCode === b.communityCode,
}

export const boardWorkflow = defineWorkflow(BOARD_WORKFLOW, {
  stateOf: (b: BoardFacts) => b.status,
  relations: BOARD_RELATIONS,
  messages: { invalidTransition: '红黑榜当前状态不能执行此操作', forbidden: '只有本社区可以确认或撤回红黑榜' },
})

/** Lives in (or is) the community: a party member's scope is the community, a resident's a grid of it. */
const livesIn = (actor: Actor, communityCode: string) => EARNER_ROLES.includes(actor.role) && actor.placeCode !== null && actor.placeCode.startsWith(communityCode)

export const pointsRules = {
  /** the county's rules: read by the places of the county (and above), set by the county itself */
  'points.rules.read': rule(
    (actor, county: string) => PLACE_ROLES.includes(actor.role) && actor.placeCode !== null && (county.startsWith(actor.placeCode) || actor.placeCode.startsWith(county)),
    'NOT_FOUND',
    '县不存在或不在您的辖区内',
  ),
  'points.rules.edit': rule((actor, county: string) => actor.role === 'county' && actor.placeCode === county, 'FORBIDDEN', '积分规则由县级设置'),
  /** a person's account and history: their own, or a person under the caller's place */
  'points.account.read': rule((actor, e: EarnerFacts) => actor.userId === e.userId || staffAbove(actor, e.scope), 'NOT_FOUND', '积分账户不存在或无权查看'),
  'points.account.list': rule((actor) => PLACE_ROLES.includes(actor.role), 'FORBIDDEN', '您的角色不能查看积分台账'),
  'points.listAt': rule((actor, code: string) => placeInScope(actor, code), 'NOT_FOUND', '地点不存在或不在您的辖区内'),
  /** awards, redemptions (the 爱心超市 is kept by the community) and reversals: the community's account */
  'points.manage': rule((actor) => actor.role === 'community', 'FORBIDDEN', '积分奖励、兑换和冲正由社区办理'),
  /** …for a person of that community */
  'points.manageEarner': rule((actor, e: EarnerFacts) => actor.role === 'community' && e.scope.startsWith(actor.scope), 'UNKNOWN_EARNER'),
  /** a board is drafted by its community */
  'board.compute': rule((actor) => actor.role === 'community', 'FORBIDDEN', '红黑榜由社区生成'),
  'board.computeAt': rule((actor, communityCode: string) => actor.placeCode === communityCode, 'NOT_FOUND', '社区不存在或不在您的辖区内'),
  'board.list': rule((actor) => PLACE_ROLES.includes(actor.role) || EARNER_ROLES.includes(actor.role), 'FORBIDDEN', '您的角色不能查看红黑榜'),
  /** staff above the community see every board; its party members and residents only published ones */
  'board.read': rule(
    (actor, b: BoardFacts) => (PLACE_ROLES.includes(actor.role) && placeInScope(actor, b.communityCode)) || (b.status === 'published' && livesIn(actor, b.communityCode)),
    'NOT_FOUND',
    '红黑榜不存在或尚未发布',
  ),
  /** the black list: staff, and the party members of the community — never residents */
  'board.readBlack': rule(
    (actor, b: BoardFacts) => (PLACE_ROLES.includes(actor.role) && placeInScope(actor, b.communityCode)) || (actor.role === 'partyMember' && livesIn(actor, b.communityCode)),
    'NOT_FOUND',
  ),
}

/**
 * What the pages add: who confirms a self-signed-up resident's household, who sees a community's grid
 * map and a grid's card, who may chase (催办) an appeal, and whose exports show names unmasked.
 */
import type { Role } from '#contracts/roles'
import { placeInScope, type Actor } from '../actor'
import { roleRule, rule } from '../policy'
import { REVEAL_ROLES } from './resident'

/** Grid staff and the community confirm the household a resident claimed when signing up. */
export const CLAIM_DECIDERS: readonly Role[] = ['gridWorker', 'gridHead', 'community']
/** The place accounts that see grid maps and cards (grid staff: their own grid and its community's map). */
export const GRID_MAP_ROLES: readonly Role[] = ['county', 'street', 'community', 'gridHead', 'gridWorker']

const isGridStaff = (a: Actor) => a.role === 'gridHead' || a.role === 'gridWorker'

export const webRules = {
  'householdClaim.decide': roleRule(CLAIM_DECIDERS, '只有网格员、网格长和社区可以确认住户'),
  /** a claim in the caller's grid (grid staff) or community; another place's claim does not exist for them */
  'householdClaim.place': rule((actor, gridCode: string) => placeInScope(actor, gridCode), 'NOT_FOUND'),
  'gridMap.read': roleRule(GRID_MAP_ROLES, '只有县、街道、社区和网格工作人员可以查看网格'),
  /**
   * a community map or grid card within reach: the caller's place and below; grid staff their own grid
   * and the map of the community it lies in
   */
  'gridMap.place': rule(
    (actor, code: string) =>
      actor.placeCode !== null &&
      (isGridStaff(actor) ? code === actor.placeCode || (code.length === 12 && actor.placeCode.startsWith(code)) : code.startsWith(actor.placeCode)),
    'NOT_FOUND',
    '网格不存在或不在您的辖区内',
  ),
  /** 催办: only the resident who raised the appeal */
  'appeal.urge': rule(
    (actor, a: { submitterId: string }) => actor.role === 'resident' && a.submitterId === String(actor.userId),
    'FORBIDDEN',
    '只有提出诉求的居民本人可以催办',
  ),
  /** figures split by category or channel are a place's: a department has no place to split */
  'stats.breakdown': rule((actor) => actor.role !== 'department', 'BREAKDOWN_PLACE_ONLY'),
  /** an export shows residents' names and phones as the list does for this role (unmasked only where they may be revealed) */
  'export.unmasked': rule((actor) => (REVEAL_ROLES as readonly string[]).includes(actor.role), 'FORBIDDEN'),
}

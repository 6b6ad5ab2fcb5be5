/**
 * 单位场所: the county, street and community keep the register under their place; grid staff read their grid's
 * and record what they find on visits (a venue closed, a new phone). Everyone else has nothing to do with it.
 * A venue outside the caller's place is 404.
 */
import type { Role } from '#contracts/roles'
import { placeInScope, type Actor } from '../actor'
import { REVEAL_ROLES } from './resident'
import { roleRule, rule } from '../policy'

export const VENUE_KEEPERS: readonly Role[] = ['county', 'street', 'community']
export const VENUE_ROLES: readonly Role[] = [...VENUE_KEEPERS, 'gridHead', 'gridWorker']

const inRoles = (actor: Actor, roles: readonly Role[]) => (roles as readonly string[]).includes(actor.role)

export const venueRules = {
  'venue.read': roleRule(VENUE_ROLES, '您的角色不能查看单位场所台账'),
  /** register, change and close venues (grid staff: in their grid, from visits) */
  'venue.record': roleRule(VENUE_ROLES, '您的角色不能登记单位场所'),
  /** import sheets: the keepers */
  'venue.keep': roleRule(VENUE_KEEPERS, '只有社区、街道或县级账号可以导入单位场所台账'),
  'venue.place': rule((actor, code: string) => inRoles(actor, VENUE_ROLES) && placeInScope(actor, code), 'NOT_FOUND', '单位场所不存在或不在您的辖区内'),
  'venue.exportNames': rule((actor) => inRoles(actor, REVEAL_ROLES), 'FORBIDDEN'),
  /** a landlord's or responsible person's phone / ID number in full (audited each time) */
  'venue.reveal': rule((actor) => inRoles(actor, REVEAL_ROLES), 'FORBIDDEN', '您的角色不能查看完整的个人信息'),
}

/**
 * 实有房屋 / 出租房屋: the county, street and community keep the housing register under their place; a grid head
 * or grid worker reads their grid's and records what they find on visits (a room's use, a rental, a tenant who
 * came or left). Everyone else has nothing to do with it. A record outside the caller's place is 404.
 */
import type { Role } from '#contracts/roles'
import { placeInScope, type Actor } from '../actor'
import { REVEAL_ROLES } from './resident'
import { roleRule, rule } from '../policy'

/** Roles that keep the housing register inside their place. */
export const HOUSING_KEEPERS: readonly Role[] = ['county', 'street', 'community']
/** Roles that read it and record changes found on visits (grid staff: their grid). */
export const HOUSING_ROLES: readonly Role[] = [...HOUSING_KEEPERS, 'gridHead', 'gridWorker']

const inRoles = (actor: Actor, roles: readonly Role[]) => (roles as readonly string[]).includes(actor.role)
const OUT_OF_SCOPE = '房屋或出租登记不存在，或不在您的辖区内'

export const housingRules = {
  'housing.read': roleRule(HOUSING_ROLES, '您的角色不能查看房屋台账'),
  /** record changes: a room's use, rentals and tenants */
  'housing.record': roleRule(HOUSING_ROLES, '您的角色不能登记房屋和出租信息'),
  /** add rooms to a building and import sheets: the keepers */
  'housing.keep': roleRule(HOUSING_KEEPERS, '只有社区、街道或县级账号可以新增房屋或导入房屋台账'),
  /** a building, room, rental or grid lies under the caller's place */
  'housing.place': rule((actor, code: string) => inRoles(actor, HOUSING_ROLES) && placeInScope(actor, code), 'NOT_FOUND', OUT_OF_SCOPE),
  /** names in an export in full (otherwise 张*) */
  'housing.exportNames': rule((actor) => inRoles(actor, REVEAL_ROLES), 'FORBIDDEN'),
  /** a landlord's or responsible person's phone / ID number in full (audited each time) */
  'housing.reveal': rule((actor) => inRoles(actor, REVEAL_ROLES), 'FORBIDDEN', '您的角色不能查看完整的个人信息'),
}

/** Residents' personal data: staff see their place's residents masked; a few roles may reveal one field, audited. */
import type { Role } from '#contracts/roles'
import { placeInScope, type Actor } from '../actor'
import { roleRule, rule } from '../policy'

/** Roles that may look residents up at all (masked). */
export const RESIDENT_READ_ROLES: readonly Role[] = ['county', 'street', 'community', 'gridHead', 'gridWorker']
/** Roles that may see a resident's ID number or phone in full (audited each time). */
export const REVEAL_ROLES: readonly Role[] = ['community', 'gridHead', 'gridWorker']

const readsResidents = (actor: Actor) => (RESIDENT_READ_ROLES as readonly string[]).includes(actor.role)

export const residentRules = {
  'resident.list': roleRule(RESIDENT_READ_ROLES, '您的角色不能查询居民信息'),
  /** the resident themself, or staff of the place they live in */
  'resident.read': rule(
    (actor, r: { residentId: number; gridCode: string }) =>
      (actor.role === 'resident' && actor.residentId === r.residentId) || (readsResidents(actor) && placeInScope(actor, r.gridCode)),
    'NOT_FOUND',
    '居民不存在或不在您的辖区内',
  ),
  'resident.reveal': roleRule(REVEAL_ROLES, '您的角色不能查看完整的个人信息'),
  /** a place named in a resident search must be the caller's own or below it */
  'resident.searchPlace': rule((actor, code: string) => placeInScope(actor, code), 'NOT_FOUND', '地点不存在或不在您的辖区内'),
}

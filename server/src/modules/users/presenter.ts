/** Accounts as the security administrator sees them: never the hash, never a resident's personal data. */
import type { Role } from '#contracts/roles'
import type { User } from '#contracts/users'
import { isoOrNull, isoShanghai } from '../../lib/time'
import type { UserRow } from './queries'

export function presentUser(u: UserRow): User {
  return {
    id: String(u.id),
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    scope: u.scope,
    lockedUntil: isoOrNull(u.lockedUntil),
    disabled: u.disabledAt !== null,
    lastLoginAt: isoOrNull(u.lastLoginAt),
    createdAt: isoShanghai(u.createdAt),
  }
}

/** Accounts as the security administrator sees them: never the hash, never a resident's personal data. */
import type { Role } from '#contracts/roles'
import type { User } from '#contracts/users'
import { isoOrNull, isoShanghai } from '../../lib/time'
import type { UserRow } from './queries'

/**
 * `sourceLock`: until when some source address is locked out of the account (auth's per-source count);
 * the list shows the later of that and a lock of the account itself. `mfaRequired`: the role must use a
 * second factor (MFA_REQUIRED_ROLES).
 */
export function presentUser(u: UserRow, mfaRequired: boolean, sourceLock?: Date): User {
  const lockedUntil = sourceLock && (!u.lockedUntil || sourceLock > u.lockedUntil) ? sourceLock : u.lockedUntil
  return {
    id: String(u.id),
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    scope: u.scope,
    lockedUntil: isoOrNull(lockedUntil),
    disabled: u.disabledAt !== null,
    lastLoginAt: isoOrNull(u.lastLoginAt),
    createdAt: isoShanghai(u.createdAt),
    mfaEnabled: u.totpEnabledAt !== null,
    mfaRequired,
  }
}

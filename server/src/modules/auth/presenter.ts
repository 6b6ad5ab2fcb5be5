import type { Me } from '#contracts/auth'
import { ROLE_NAMES, type Role } from '#contracts/roles'
import type { userAccount } from '../../db/schema/index'
import { isoShanghai } from '../../lib/time'
import { isPasswordExpired, passwordExpiresAt } from './service'

export function presentMe(u: typeof userAccount.$inferSelect, scopeName: string, now: Date, mfaRequired: boolean): Me {
  const expires = passwordExpiresAt(u.passwordChangedAt)
  return {
    id: String(u.id),
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    roleName: ROLE_NAMES[u.role as Role] ?? u.role,
    scope: u.scope,
    scopeName,
    residentId: u.residentId === null ? null : String(u.residentId),
    passwordExpiresAt: isoShanghai(expires),
    mustChangePassword: u.mustChangePassword || isPasswordExpired(u.passwordChangedAt, now),
    passwordChangeReason: u.mustChangePassword ? 'firstLogin' : isPasswordExpired(u.passwordChangedAt, now) ? 'expired' : null,
    mfaEnabled: u.totpEnabledAt !== null,
    mfaRequired,
  }
}

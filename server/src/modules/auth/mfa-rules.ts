/** Which accounts use a second factor (两步验证), decided in one place. */
import type { Env } from '../../env'

/** The account's role is one MFA_REQUIRED_ROLES names. */
export function roleRequiresMfa(env: Pick<Env, 'mfaRequiredRoles'>, role: string): boolean {
  return (env.mfaRequiredRoles as readonly string[]).includes(role)
}

/** Its role requires a second factor and it has none yet: its sessions may only enrol one. */
export function mustEnrolMfa(env: Pick<Env, 'mfaRequiredRoles'>, user: { role: string; totpEnabledAt: Date | null }): boolean {
  return user.totpEnabledAt === null && roleRequiresMfa(env, user.role)
}

/** How long the code may take after the password (the challenge's life). */
export const MFA_CHALLENGE_MS = 5 * 60_000

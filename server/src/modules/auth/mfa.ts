/**
 * 两步验证 of one's own account: start enrolment (a new TOTP secret, encrypted at rest like personal
 * data, shown once as a QR code and as text), confirm it with a current code (the factor is on, ten
 * recovery codes are handed out once — kept only as keyed hashes — and the session is replaced by a
 * full one), and see its state. Each step is audited. Removing a factor is the security
 * administrator's (users module) or the operator's (CLI), through `removeSecondFactor`.
 */
import crypto from 'node:crypto'
import type { MfaEnrolment, MfaStatus } from '#contracts/auth'
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import { AppError } from '../../errors'
import type { Pii } from '../../lib/pii'
import { isoOrNull } from '../../lib/time'
import { matchTotp, newRecoveryCodes, newTotpSecret, qrSvg, totpUri } from '../../lib/totp'
import { commitChange, recordAuditAs } from '../../core'
import { authorize } from '../../permissions'
import { roleRequiresMfa } from './mfa-rules'
import { clearSecondFactor, countRecoveryCodesLeft, deleteExpiredChallenges, enableTotp, replaceRecoveryCodes, setEnrolledSecret, setPendingSecret, type AccountRow } from './mfa-queries'
import { deleteSessionsOfUser, findUserById, findUserByUsername, insertSession } from './queries'
import { hashToken } from './service'

async function ownAccount(ctx: Ctx): Promise<AccountRow> {
  const user = await findUserById(ctx.db, ctx.actor.userId)
  if (!user) throw new AppError('UNAUTHENTICATED')
  return user
}

/** Whether the caller has a second factor, must have one, and how many recovery codes are left. */
export async function getMfaStatus(ctx: Ctx): Promise<MfaStatus> {
  const user = await ownAccount(ctx)
  return {
    enabled: user.totpEnabledAt !== null,
    required: roleRequiresMfa(ctx.deps.env, user.role),
    enabledAt: isoOrNull(user.totpEnabledAt),
    recoveryCodesLeft: user.totpEnabledAt ? await countRecoveryCodesLeft(ctx.db, user.id) : 0,
  }
}

/** A new secret for the caller's authenticator app (replacing any unconfirmed one); nothing changes until it is confirmed. */
export async function startMfaEnrolment(ctx: Ctx): Promise<MfaEnrolment> {
  authorize(ctx.actor, 'mfa.enrol')
  const user = await ownAccount(ctx)
  if (user.totpEnabledAt) throw new AppError('MFA_ALREADY_ENABLED')
  const secret = newTotpSecret()
  await commitChange(ctx, {
    entityId: user.id,
    apply: (tx) => setPendingSecret(tx, user.id, ctx.deps.pii.encrypt(secret)),
    audit: { action: 'auth.mfaEnrolmentStarted', entityType: 'user' },
  })
  const otpauthUri = totpUri(user.username, secret)
  return { secret, otpauthUri, qrSvg: await qrSvg(otpauthUri) }
}

/**
 * Confirm enrolment with the code the app shows now: the factor is on (that code's time step counts as
 * used), the recovery codes are replaced by ten new ones, and every session of the account — this one
 * included, which may have been confined to enrolling — is replaced by one full session.
 */
export async function confirmMfaEnrolment(ctx: Ctx, code: string, userAgent: string | null): Promise<{ token: string; recoveryCodes: string[] }> {
  authorize(ctx.actor, 'mfa.enrol')
  const user = await ownAccount(ctx)
  if (user.totpEnabledAt) throw new AppError('MFA_ALREADY_ENABLED')
  const pending = user.totpPendingSecretEnc
  if (!pending) throw new AppError('MFA_ENROLMENT_NOT_STARTED')
  const step = await matchTotp(ctx.deps.pii.decrypt(pending), code, ctx.now)
  if (step === null) throw new AppError('MFA_CODE_MISMATCH')
  const recoveryCodes = newRecoveryCodes()
  const token = crypto.randomBytes(32).toString('base64url')
  await commitChange(ctx, {
    entityId: user.id,
    apply: (tx) => enableTotp(tx, user.id, { pendingSecretEnc: pending, step, at: ctx.now }),
    // another request confirmed or restarted the enrolment meanwhile
    conflict: { code: 'MFA_ENROLMENT_NOT_STARTED' },
    after: async (tx) => {
      await replaceRecoveryCodes(tx, user.id, recoveryCodes.map((c) => ctx.deps.pii.blindIndex(c)), ctx.now)
      await deleteSessionsOfUser(tx, user.id)
      await insertSession(tx, { tokenHash: hashToken(token), userId: user.id, at: ctx.now, ip: ctx.ip, userAgent })
    },
    audit: { action: 'auth.mfaEnabled', entityType: 'user', detail: { method: 'totp', recoveryCodes: recoveryCodes.length } },
  })
  return { token, recoveryCodes }
}

/**
 * Give an account a second factor outright — the demo county's administrators, test factories — with
 * no enrolment step: returns the secret and the recovery codes (stored encrypted and hashed as usual).
 */
export async function enrolSecondFactor(db: Db, pii: Pii, userId: number, at: Date): Promise<{ secret: string; recoveryCodes: string[] }> {
  const secret = newTotpSecret()
  const recoveryCodes = newRecoveryCodes()
  await setEnrolledSecret(db, userId, pii.encrypt(secret), at)
  await replaceRecoveryCodes(db, userId, recoveryCodes.map((c) => pii.blindIndex(c)), at)
  return { secret, recoveryCodes }
}

/** The stored secret of an enrolled account, for printing the demo administrators' logins; null when none. */
export function revealTotpSecret(pii: Pii, user: { totpSecretEnc: string | null }): string | null {
  return user.totpSecretEnc ? pii.decrypt(user.totpSecretEnc) : null
}

/** Remove an account's second factor (secret, recovery codes, open challenges); the caller audits and ends its sessions. */
export function removeSecondFactor(db: Db, userId: number): Promise<AccountRow | undefined> {
  return clearSecondFactor(db, userId)
}

/** Challenges nobody answered in time (the housekeeping job). */
export function forgetExpiredChallenges(db: Db, now: Date): Promise<void> {
  return deleteExpiredChallenges(db, now)
}

/**
 * The operator's reset at the server (`yiwang mfa-reset <username>`), for an account nobody in the
 * console may reset — the security administrator's own. Audited as the platform. False: no such account
 * or no factor to reset.
 */
export async function resetSecondFactorAsOperator(db: Db, username: string, now: Date): Promise<boolean> {
  const user = await findUserByUsername(db, username)
  if (!user?.totpEnabledAt) return false
  await db.transaction(async (tx) => {
    await clearSecondFactor(tx, user.id)
    await deleteSessionsOfUser(tx, user.id)
    await recordAuditAs(tx, { userId: null, role: 'system', name: 'yiwang 命令行' }, { ip: null, now }, {
      action: 'user.mfaReset',
      entityType: 'user',
      entityId: user.id,
      before: { mfaEnabledAt: user.totpEnabledAt },
      detail: { via: 'cli', username: user.username },
    })
  })
  return true
}

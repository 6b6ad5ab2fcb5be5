/**
 * The second step of a login with a second factor: the challenge from the password step and a code —
 * the authenticator's 6 digits or one of the recovery codes. Counted by the login guard exactly like
 * passwords (per account and source, per source, per account; one audit row per burst). A TOTP code
 * is good once: its time step must be later than the last one accepted. A recovery code is good once.
 */
import type { AppDeps } from '../../context'
import { AppError } from '../../errors'
import { looksLikeTotpCode, matchTotp } from '../../lib/totp'
import { recordAuditAs } from '../../core'
import { claimTotpStep, countRecoveryCodesLeft, deleteChallenge, findChallenge, useRecoveryCode } from './mfa-queries'
import { clearGuard, findUserById, guardBlockedUntil, reserveGuard, reserveLoginAttempt } from './queries'
import {
  ACCOUNT_LOCK_MS,
  ACCOUNT_MAX_FAILURES,
  FAILURE_WINDOW_MS,
  hashToken,
  LOCK_MS,
  lockedError,
  MAX_FAILURES,
  openSession,
  SOURCE_BLOCK_MS,
  SOURCE_MAX_FAILURES,
  throttledError,
} from './service'

export async function loginWithCode(
  deps: AppDeps,
  input: { challenge: string; code: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; userId: number }> {
  const db = deps.database.db
  const now = deps.clock.now()
  const at = { ip: input.ip, now }
  const source = input.ip ?? 'unknown'

  const sourceBlocked = await guardBlockedUntil(db, `ip:${source}`, now)
  if (sourceBlocked) throw throttledError(sourceBlocked, now)

  const challengeHash = hashToken(input.challenge)
  const challenge = await findChallenge(db, challengeHash)
  const user = challenge && challenge.expiresAt > now ? await findUserById(db, challenge.userId) : undefined
  if (!challenge || !user || user.disabledAt || !user.totpSecretEnc) {
    if (challenge) await deleteChallenge(db, challengeHash)
    throw new AppError('MFA_CHALLENGE_EXPIRED')
  }
  const who = { userId: user.id, role: user.role, name: user.username }
  const failAudit = (reason: string, detail: Record<string, unknown> = {}) =>
    recordAuditAs(db, who, at, { action: 'auth.loginFailed', entityType: 'user', entityId: user.id, detail: { reason, username: user.username, ...detail } })

  // the same guards as the password, reserved before the code is checked
  const pairKey = `pair:${user.username.toLowerCase()}|${source}`
  const pair = await reserveGuard(db, pairKey, { limit: MAX_FAILURES, now, windowStart: new Date(now.getTime() - FAILURE_WINDOW_MS), blockUntil: new Date(now.getTime() + LOCK_MS) })
  if (!pair) throw lockedError((await guardBlockedUntil(db, pairKey, now)) ?? null, now)
  const attempt = await reserveLoginAttempt(db, user.id, ACCOUNT_MAX_FAILURES, now, new Date(now.getTime() + ACCOUNT_LOCK_MS))
  if (attempt === undefined) {
    await failAudit('locked')
    throw lockedError((await findUserById(db, user.id))?.lockedUntil ?? null, now)
  }

  let failure: 'badCode' | 'codeReused' | 'badRecoveryCode' | null = null
  const method = looksLikeTotpCode(input.code) ? 'totp' : 'recoveryCode'
  if (method === 'totp') {
    const step = await matchTotp(deps.pii.decrypt(user.totpSecretEnc), input.code, now)
    if (step === null) failure = 'badCode'
    else if (!(await claimTotpStep(db, user.id, step))) failure = 'codeReused'
  } else if (!(await useRecoveryCode(db, user.id, deps.pii.blindIndex(input.code), now))) {
    failure = 'badRecoveryCode'
  }

  if (failure) {
    if (pair.failures === 1) await failAudit(failure, { source })
    if (pair.failures >= MAX_FAILURES) await failAudit('locked', { source, failures: pair.failures })
    const sourceFailures = await reserveGuard(db, `ip:${source}`, {
      limit: SOURCE_MAX_FAILURES,
      now,
      windowStart: new Date(now.getTime() - FAILURE_WINDOW_MS),
      blockUntil: new Date(now.getTime() + SOURCE_BLOCK_MS),
    })
    if (sourceFailures && sourceFailures.failures === SOURCE_MAX_FAILURES) await failAudit('sourceThrottled', { source, failures: sourceFailures.failures })
    if (pair.failures >= MAX_FAILURES) {
      // the challenge goes with the lock: after it, the password is asked again
      await deleteChallenge(db, challengeHash)
      throw lockedError(pair.blockedUntil, now)
    }
    const left = `再失败 ${MAX_FAILURES - pair.failures} 次将锁定 5 分钟`
    if (failure === 'codeReused') throw new AppError('MFA_CODE_REUSED', `该动态验证码已经用过，请等验证器显示下一个验证码后再输入（${left}）`)
    throw new AppError('MFA_CODE_INVALID', `动态验证码或恢复码不正确，${left}`)
  }

  await clearGuard(db, pairKey)
  await deleteChallenge(db, challengeHash)
  const detail = method === 'recoveryCode' ? { recoveryCodesLeft: await countRecoveryCodesLeft(db, user.id) } : {}
  const token = await openSession(db, user, { ...at, userAgent: input.userAgent }, method, false, detail)
  return { token, userId: user.id }
}

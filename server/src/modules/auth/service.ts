/**
 * Login, sessions and the caller's own account (等保: lockout after 5 failures for 5 minutes,
 * 10-minute idle logout, passwords changed every 90 days). Sessions live in the database; the
 * last-seen time is written at most once a minute, not on every request.
 *
 * Failed logins are counted per account *and source address* (5 → that source waits 5 minutes, the
 * owner elsewhere is not locked out by an attacker), per source over all accounts (20 in 15 minutes →
 * the source waits 15 minutes), and per account over all sources (30 → locked for everyone for 15
 * minutes). Unknown and disabled usernames are counted and answered exactly like real ones. The
 * audit log gets one row per burst (its first failure and the one that locks), not one per attempt.
 *
 * An account with a second factor gets a challenge instead of a session after its password, and the
 * code goes to `loginWithCode` (mfa-login.ts), counted by the same guards. A right password clears no
 * count there (only the whole login does): otherwise each password would buy five more code guesses.
 */
import crypto from 'node:crypto'
import type { AppDeps, Authenticated, Ctx } from '../../context'
import type { Db } from '../../db/client'
import { AppError, invalidInput } from '../../errors'
import { burnVerify, hashPassword, passwordPolicyProblem, PASSWORD_MAX_AGE_DAYS, verifyPassword } from '../../lib/password'
import { inTransaction, recordAudit, recordAuditAs } from '../../core'
import { actorFromRow } from './actor'
import { MFA_CHALLENGE_MS, mustEnrolMfa } from './mfa-rules'
import { insertChallenge } from './mfa-queries'
import {
  clearGuard,
  clearGuardsOfUsername,
  clearLoginFailures,
  guardBlockedUntil,
  reserveGuard,
  sourceLocksOf,
  deleteIdleSessions,
  deleteSession,
  deleteSessionsOfUser,
  findSessionActor,
  findUserById,
  findUserByUsername,
  insertSession,
  recordLoginSuccess,
  releaseGuard,
  releaseLoginAttempt,
  reserveLoginAttempt,
  touchSession,
  updatePasswordHash,
  type SessionActorRow,
} from './queries'

/** 等保: 5 failures lock for 5 minutes — counted per account and source address */
export const MAX_FAILURES = 5
export const LOCK_MS = 5 * 60_000
/** failures count within this window */
export const FAILURE_WINDOW_MS = 15 * 60_000
/** a source that fails this often on any accounts waits SOURCE_BLOCK_MS */
export const SOURCE_MAX_FAILURES = 20
export const SOURCE_BLOCK_MS = 15 * 60_000
/** an account failed this often from every source together is locked for everyone */
export const ACCOUNT_MAX_FAILURES = 30
export const ACCOUNT_LOCK_MS = 15 * 60_000
export const IDLE_MS = 10 * 60_000
/** last_seen_at is refreshed when older than this */
export const TOUCH_MS = 60_000
export const SESSION_MAX_MS = 12 * 3600_000
const DAY_MS = 86_400_000

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}

export type { Authenticated }

/** A session, or — for an account with a second factor — the challenge its code must come with. */
export type LoginOutcome = { token: string; userId: number } | { challenge: string; expiresAt: Date; userId: number }

export async function login(
  deps: AppDeps,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginOutcome> {
  const db = deps.database.db
  const now = deps.clock.now()
  const at = { ip: input.ip, now }
  const source = input.ip ?? 'unknown'
  // one count however the name is capitalised (the login schema allows no spaces)
  const name = input.username.toLowerCase()
  const failAudit = (reason: string, userId: number | null, role: string | null, detail: Record<string, unknown> = {}) =>
    recordAuditAs(db, { userId, role, name: input.username }, at, {
      action: 'auth.loginFailed',
      entityType: 'user',
      entityId: userId,
      detail: { reason, username: input.username, ...detail },
    })

  // 1. a source that failed too often on any accounts waits, whoever it names (no password is tried)
  const sourceBlocked = await guardBlockedUntil(db, `ip:${source}`, now)
  if (sourceBlocked) throw throttledError(sourceBlocked, now)

  // 2. this account from this source: counted before the (slow) password check, so a burst of parallel
  // guesses gets no more than MAX_FAILURES tries; the owner elsewhere is not locked out by an attacker here.
  // Unknown and disabled names are counted the same way, so the answers never tell which accounts exist.
  const pairKey = `pair:${name}|${source}`
  const pair = await reserveGuard(db, pairKey, { limit: MAX_FAILURES, now, windowStart: new Date(now.getTime() - FAILURE_WINDOW_MS), blockUntil: new Date(now.getTime() + LOCK_MS) })
  if (!pair) throw lockedError((await guardBlockedUntil(db, pairKey, now)) ?? null, now)

  const user = await findUserByUsername(db, input.username)
  const usable = user && !user.disabledAt ? user : undefined
  // 3. the account itself, across every source: a distributed guess locks it for everyone, later
  const attempt = usable ? await reserveLoginAttempt(db, usable.id, ACCOUNT_MAX_FAILURES, now, new Date(now.getTime() + ACCOUNT_LOCK_MS)) : null
  if (attempt === undefined) {
    await failAudit('locked', usable!.id, usable!.role)
    throw lockedError((await findUserById(db, usable!.id))?.lockedUntil ?? null, now)
  }

  const ok = usable ? await verifyPassword(usable.passwordHash, input.password) : (await burnVerify(input.password), false)
  if (!usable || !ok) {
    const reason = !user ? 'unknownUser' : user.disabledAt ? 'disabled' : 'badPassword'
    // one audit row per burst: its first failure, and the one that locks (never the password)
    if (pair.failures === 1) await failAudit(reason, user?.id ?? null, user?.role ?? null, { source })
    if (pair.failures >= MAX_FAILURES) await failAudit('locked', user?.id ?? null, user?.role ?? null, { source, failures: pair.failures })
    const sourceFailures = await reserveGuard(db, `ip:${source}`, {
      limit: SOURCE_MAX_FAILURES,
      now,
      windowStart: new Date(now.getTime() - FAILURE_WINDOW_MS),
      blockUntil: new Date(now.getTime() + SOURCE_BLOCK_MS),
    })
    if (sourceFailures && sourceFailures.failures === SOURCE_MAX_FAILURES) await failAudit('sourceThrottled', null, null, { source, failures: sourceFailures.failures })
    if (pair.failures >= MAX_FAILURES) throw lockedError(pair.blockedUntil, now)
    throw new AppError('INVALID_CREDENTIALS', `用户名或密码错误，再失败 ${MAX_FAILURES - pair.failures} 次将锁定 5 分钟`)
  }
  if (usable.totpEnabledAt) {
    // the password was right, so this attempt was no failure; earlier failures stay until the code is right too
    await releaseGuard(db, pairKey, MAX_FAILURES)
    await releaseLoginAttempt(db, usable.id, ACCOUNT_MAX_FAILURES)
    const challenge = crypto.randomBytes(32).toString('base64url')
    const expiresAt = new Date(now.getTime() + MFA_CHALLENGE_MS)
    await insertChallenge(db, { tokenHash: hashToken(challenge), userId: usable.id, createdAt: now, expiresAt })
    return { challenge, expiresAt, userId: usable.id }
  }
  await clearGuard(db, pairKey)
  const token = await openSession(db, usable, { ...at, userAgent: input.userAgent }, undefined, mustEnrolMfa(deps.env, usable))
  return { token, userId: usable.id }
}

/**
 * The session row, the login success and its audit row, together; `method` says how the identity was
 * proven (and `detail` what else the audit row should say); `mfaPending` confines the session to enrolling a second factor.
 */
export async function openSession(
  db: Db,
  user: { id: number; role: string; displayName: string },
  at: { ip: string | null; now: Date; userAgent: string | null },
  method?: string,
  mfaPending = false,
  detail: Record<string, unknown> = {},
): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url')
  await db.transaction(async (tx) => {
    await recordLoginSuccess(tx, user.id, at.now)
    await insertSession(tx, { tokenHash: hashToken(token), userId: user.id, at: at.now, ip: at.ip, userAgent: at.userAgent, mfaPending })
    await recordAuditAs(tx, { userId: user.id, role: user.role, name: user.displayName }, at, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      ...(method || mfaPending ? { detail: { ...(method ? { method } : {}), ...(mfaPending ? { mfaEnrolmentRequired: true } : {}), ...detail } } : {}),
    })
  })
  return token
}

export function throttledError(until: Date, now: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000))
  return new AppError('LOGIN_THROTTLED', `登录失败次数过多，请 ${minutes} 分钟后再试`)
}

export function lockedError(until: Date | null, now: Date): AppError {
  const ms = until ? until.getTime() - now.getTime() : LOCK_MS
  const minutes = Math.max(1, Math.ceil(ms / 60_000))
  return new AppError('ACCOUNT_LOCKED', `连续登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`)
}

/**
 * The caller of a token: from this instance's session cache (core/session-cache.ts) when it has a fresh
 * entry, else from the database (and remembered). An entry that looks idle or past its age is read again
 * before it is refused: another instance may have seen the session since.
 */
async function sessionRow(deps: AppDeps, tokenHash: string, now: number): Promise<SessionActorRow | undefined> {
  const cached = deps.sessions.get<SessionActorRow>(tokenHash)?.row
  if (cached && now - cached.last_seen_at.getTime() < IDLE_MS && now - cached.created_at.getTime() < SESSION_MAX_MS) return cached
  // a revocation arriving while this read runs may concern it: then the row is used once, not kept
  const readAt = deps.sessions.epoch
  const row = await findSessionActor(deps.database.db, tokenHash)
  if (row) deps.sessions.set(tokenHash, { userId: row.user_id, role: row.role, row }, readAt)
  else deps.sessions.forgetToken(tokenHash)
  return row
}

/** Resolve a bearer token or cookie into the caller, enforcing idle and absolute timeouts. */
export async function authenticate(deps: AppDeps, token: string): Promise<Authenticated> {
  const db = deps.database.db
  const tokenHash = hashToken(token)
  const now = deps.clock.now().getTime()
  const row = await sessionRow(deps, tokenHash, now)
  if (!row) throw new AppError('UNAUTHENTICATED')
  const end = async () => {
    deps.sessions.forgetToken(tokenHash)
    await deleteSession(db, tokenHash)
  }
  if (row.disabled_at) {
    await end()
    throw new AppError('ACCOUNT_DISABLED', '账号已停用')
  }
  if (now - row.last_seen_at.getTime() >= IDLE_MS) {
    await end()
    throw new AppError('SESSION_EXPIRED', '长时间未操作，已自动退出，请重新登录')
  }
  if (now - row.created_at.getTime() >= SESSION_MAX_MS) {
    await end()
    throw new AppError('SESSION_EXPIRED', '登录已过期，请重新登录')
  }
  if (now - row.last_seen_at.getTime() >= TOUCH_MS) {
    await touchSession(db, tokenHash, new Date(now))
    // the cached row moves with it (the touch's own notification may drop it, which costs one read)
    row.last_seen_at = new Date(now)
  }

  return {
    actor: actorFromRow(row),
    tokenHash,
    passwordExpired: isPasswordExpired(row.password_changed_at, new Date(now)),
    mustChangePassword: row.must_change_password,
    mfaPending: row.mfa_pending,
  }
}

export async function logout(ctx: Ctx, tokenHash: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await deleteSession(tx, tokenHash)
    await recordAudit(ctx, tx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor.userId })
  })
}

/** Change one's own password; every session of the account ends and a fresh one is returned. */
export async function changePassword(
  ctx: Ctx,
  oldPassword: string,
  newPassword: string,
  userAgent: string | null,
): Promise<{ token: string }> {
  const user = await findUserById(ctx.db, ctx.actor.userId)
  if (!user) throw new AppError('UNAUTHENTICATED')
  // Guessing the old password through a stolen session counts like failed logins.
  const attempt = await reserveLoginAttempt(ctx.db, user.id, MAX_FAILURES, ctx.now, new Date(ctx.now.getTime() + LOCK_MS))
  if (!attempt) throw lockedError((await findUserById(ctx.db, user.id))?.lockedUntil ?? null, ctx.now)
  if (!(await verifyPassword(user.passwordHash, oldPassword))) {
    await recordAudit(ctx, ctx.db, { action: 'auth.passwordChangeFailed', entityType: 'user', entityId: user.id, detail: { reason: 'wrongPassword' } })
    if (attempt.failedLogins >= MAX_FAILURES) throw lockedError(attempt.lockedUntil, ctx.now)
    throw new AppError('WRONG_PASSWORD', `原密码不正确，再失败 ${MAX_FAILURES - attempt.failedLogins} 次将锁定 5 分钟`)
  }
  await clearLoginFailures(ctx.db, user.id)
  const problem = passwordPolicyProblem(newPassword)
  if (problem) throw invalidInput([{ field: 'newPassword', message: problem }], problem)
  if (await verifyPassword(user.passwordHash, newPassword)) {
    throw new AppError('PASSWORD_REUSED', '新密码不能与原密码相同')
  }
  const hash = await hashPassword(newPassword)
  const token = crypto.randomBytes(32).toString('base64url')
  await inTransaction(ctx, async (tx) => {
    await updatePasswordHash(tx, user.id, hash, ctx.now)
    await deleteSessionsOfUser(tx, user.id)
    // an account still to enrol its second factor stays confined to enrolling it
    await insertSession(tx, { tokenHash: hashToken(token), userId: user.id, at: ctx.now, ip: ctx.ip, userAgent, mfaPending: mustEnrolMfa(ctx.deps.env, user) })
    await recordAudit(ctx, tx, { action: 'auth.passwordChanged', entityType: 'user', entityId: user.id })
  })
  return { token }
}

export function passwordExpiresAt(passwordChangedAt: Date): Date {
  return new Date(passwordChangedAt.getTime() + PASSWORD_MAX_AGE_DAYS * DAY_MS)
}

/** One rule for both the 403 PASSWORD_EXPIRED gate and `mustChangePassword` in /me. */
export function isPasswordExpired(passwordChangedAt: Date, now: Date): boolean {
  return passwordExpiresAt(passwordChangedAt) <= now
}

/** The security administrator unlocked the account: every source's count on it starts again. */
export function forgetLoginFailures(db: Db, username: string): Promise<void> {
  return clearGuardsOfUsername(db, username)
}

/** For the security administrator's list: until when some source is locked out of each account. */
export function sourceLockedUntil(db: Db, usernames: string[], now: Date): Promise<Map<string, Date>> {
  return sourceLocksOf(db, usernames, now)
}

/** Sessions idle past the limit are gone anyway at the next request; the job deletes them. */
export function forgetIdleSessions(db: Db, now: Date): Promise<void> {
  return deleteIdleSessions(db, new Date(now.getTime() - IDLE_MS))
}

/**
 * Open a session for an account whose identity another check has already proven (a one-time code
 * sent to the resident's phone): the same session row and audit entry as a password login.
 */
export async function openVerifiedSession(
  deps: AppDeps,
  input: { userId: number; ip: string | null; userAgent: string | null; method: string },
): Promise<{ token: string }> {
  const db = deps.database.db
  const user = await findUserById(db, input.userId)
  if (!user || user.disabledAt) throw new AppError('ACCOUNT_DISABLED')
  return { token: await openSession(db, user, { ip: input.ip, now: deps.clock.now(), userAgent: input.userAgent }, input.method, mustEnrolMfa(deps.env, user)) }
}

import { and, eq, lt, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { rowsOf } from '../../db/client'
import { loginGuard, session, userAccount } from '../../db/schema/index'

export async function findUserByUsername(db: Db, username: string) {
  const rows = await db.select().from(userAccount).where(eq(userAccount.username, username)).limit(1)
  return rows[0]
}

export async function findUserById(db: Db, id: number) {
  const rows = await db.select().from(userAccount).where(eq(userAccount.id, id)).limit(1)
  return rows[0]
}

/**
 * Take one login attempt *before* the password is checked, so that concurrent guesses cannot get
 * past the limit: the count goes up atomically and the attempt that reaches the limit locks the
 * account at once (a correct password then clears count and lock). An expired lock starts the
 * count again. Returns undefined while the account is locked.
 */
export async function reserveLoginAttempt(
  db: Db,
  userId: number,
  limit: number,
  now: Date,
  lockUntil: Date,
): Promise<{ failedLogins: number; lockedUntil: Date | null } | undefined> {
  const nowSql = sql`${now.toISOString()}::timestamptz`
  const lockExpired = sql`(${userAccount.lockedUntil} IS NOT NULL AND ${userAccount.lockedUntil} <= ${nowSql})`
  const next = sql`(CASE WHEN ${lockExpired} THEN 1 ELSE ${userAccount.failedLogins} + 1 END)`
  const rows = await db
    .update(userAccount)
    .set({
      failedLogins: next,
      lockedUntil: sql`CASE WHEN ${next} >= ${limit}::int THEN ${lockUntil.toISOString()}::timestamptz
        WHEN ${lockExpired} THEN NULL ELSE ${userAccount.lockedUntil} END`,
    })
    .where(and(eq(userAccount.id, userId), sql`(${userAccount.lockedUntil} IS NULL OR ${userAccount.lockedUntil} <= ${nowSql})`))
    .returning({ failedLogins: userAccount.failedLogins, lockedUntil: userAccount.lockedUntil })
  const row = rows[0]
  if (!row) return undefined
  return { failedLogins: row.failedLogins, lockedUntil: row.lockedUntil === null ? null : new Date(row.lockedUntil) }
}

export async function recordLoginSuccess(db: Db, userId: number, at: Date): Promise<void> {
  await db.update(userAccount).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: at }).where(eq(userAccount.id, userId))
}

/** The password was proven (e.g. when changing it): forget earlier failures. */
export async function clearLoginFailures(db: Db, userId: number): Promise<void> {
  await db.update(userAccount).set({ failedLogins: 0, lockedUntil: null }).where(eq(userAccount.id, userId))
}

export async function insertSession(
  db: Db,
  s: { tokenHash: string; userId: number; at: Date; ip: string | null; userAgent: string | null; mfaPending?: boolean },
): Promise<void> {
  await db.insert(session).values({
    tokenHash: s.tokenHash,
    userId: s.userId,
    createdAt: s.at,
    lastSeenAt: s.at,
    ip: s.ip,
    userAgent: s.userAgent,
    mfaPending: s.mfaPending ?? false,
  })
}

export interface SessionActorRow {
  token_hash: string
  created_at: Date
  last_seen_at: Date
  user_id: number
  username: string
  display_name: string
  role: string
  scope: string
  resident_id: number | null
  party_member_id: number | null
  password_changed_at: Date
  must_change_password: boolean
  disabled_at: Date | null
  team_ids: number[] | null
  leader_building_ids: number[] | null
  /** a unit account: the communities its unit is paired with (confirmed registrations) */
  paired_community_codes: string[] | null
  /** the session may only enrol a second factor (session.mfa_pending) */
  mfa_pending: boolean
}

/** One round trip: the session, its account, team memberships and a 联户长's buildings. */
export async function findSessionActor(db: Db, tokenHash: string): Promise<SessionActorRow | undefined> {
  const res = await db.execute(sql`
    SELECT s.token_hash, s.created_at, s.last_seen_at, s.mfa_pending, u.id AS user_id, u.username, u.display_name, u.role, u.scope,
           u.resident_id, u.party_member_id, u.password_changed_at, u.must_change_password, u.disabled_at,
           ARRAY(SELECT tm.team_id FROM team_member tm WHERE tm.user_id = u.id) AS team_ids,
           CASE WHEN u.role = 'householdLeader' THEN ARRAY(
             SELECT DISTINCT h.building_id FROM household h JOIN household_group g ON g.id = h.group_id
             WHERE g.leader_resident_id = u.resident_id AND h.building_id IS NOT NULL) END AS leader_building_ids,
           CASE WHEN u.role = 'unit' AND u.scope LIKE 'unit:%' THEN ARRAY(
             SELECT ur.community_code FROM unit_registration ur
             WHERE ur.unit_id = substring(u.scope FROM 6)::bigint AND ur.status = 'confirmed' ORDER BY ur.community_code) END AS paired_community_codes
    FROM session s JOIN user_account u ON u.id = s.user_id
    WHERE s.token_hash = ${tokenHash}`)
  const row = rowsOf<SessionActorRow>(res)[0]
  if (!row) return undefined
  // PGlite and node-postgres both parse timestamptz; normalise in case a driver hands back strings.
  row.created_at = new Date(row.created_at)
  row.last_seen_at = new Date(row.last_seen_at)
  row.password_changed_at = new Date(row.password_changed_at)
  row.team_ids = (row.team_ids ?? []).map(Number)
  row.leader_building_ids = (row.leader_building_ids ?? []).map(Number)
  row.paired_community_codes = row.paired_community_codes ?? []
  return row
}

export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.update(session).set({ lastSeenAt: at }).where(eq(session.tokenHash, tokenHash))
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(session).where(eq(session.tokenHash, tokenHash))
}

export async function deleteSessionsOfUser(db: Db, userId: number): Promise<void> {
  await db.delete(session).where(eq(session.userId, userId))
}

export async function updatePasswordHash(db: Db, userId: number, hash: string, at: Date): Promise<void> {
  await db.update(userAccount).set({ passwordHash: hash, passwordChangedAt: at, mustChangePassword: false }).where(eq(userAccount.id, userId))
}

/** The same account facts as findSessionActor, by account id (jobs and the demo history act as accounts). */
export async function findAccountActor(db: Db, userId: number): Promise<SessionActorRow | undefined> {
  const res = await db.execute(sql`
    SELECT '' AS token_hash, now() AS created_at, now() AS last_seen_at, false AS mfa_pending, u.id AS user_id, u.username, u.display_name, u.role,
           u.scope, u.resident_id, u.party_member_id, u.password_changed_at, u.must_change_password, u.disabled_at,
           ARRAY(SELECT tm.team_id FROM team_member tm WHERE tm.user_id = u.id) AS team_ids,
           CASE WHEN u.role = 'householdLeader' THEN ARRAY(
             SELECT DISTINCT h.building_id FROM household h JOIN household_group g ON g.id = h.group_id
             WHERE g.leader_resident_id = u.resident_id AND h.building_id IS NOT NULL) END AS leader_building_ids,
           CASE WHEN u.role = 'unit' AND u.scope LIKE 'unit:%' THEN ARRAY(
             SELECT ur.community_code FROM unit_registration ur
             WHERE ur.unit_id = substring(u.scope FROM 6)::bigint AND ur.status = 'confirmed' ORDER BY ur.community_code) END AS paired_community_codes
    FROM user_account u WHERE u.id = ${userId}`)
  const row = rowsOf<SessionActorRow>(res)[0]
  if (!row) return undefined
  row.team_ids = (row.team_ids ?? []).map(Number)
  row.leader_building_ids = (row.leader_building_ids ?? []).map(Number)
  row.paired_community_codes = row.paired_community_codes ?? []
  return row
}

export async function deleteIdleSessions(db: Db, lastSeenBefore: Date): Promise<void> {
  await db.delete(session).where(lt(session.lastSeenAt, lastSeenBefore))
}

/**
 * Count one failure under a guard key, atomically and before the password is checked: a window that
 * has run out (or a block that has ended) starts the count again; the failure that reaches `limit`
 * blocks the key until `blockUntil`. Returns the count in the window, or undefined while blocked.
 */
export async function reserveGuard(
  db: Db,
  key: string,
  o: { limit: number; now: Date; windowStart: Date; blockUntil: Date },
): Promise<{ failures: number; blockedUntil: Date | null } | undefined> {
  const now = sql`${o.now.toISOString()}::timestamptz`
  const stale = sql`(${loginGuard.firstAt} < ${o.windowStart.toISOString()}::timestamptz OR (${loginGuard.blockedUntil} IS NOT NULL AND ${loginGuard.blockedUntil} <= ${now}))`
  const next = sql`(CASE WHEN ${stale} THEN 1 ELSE ${loginGuard.failures} + 1 END)`
  const rows = await db
    .insert(loginGuard)
    .values({ key, failures: 1, firstAt: o.now, blockedUntil: o.limit <= 1 ? o.blockUntil : null })
    .onConflictDoUpdate({
      target: loginGuard.key,
      set: {
        failures: next,
        firstAt: sql`CASE WHEN ${stale} THEN ${now} ELSE ${loginGuard.firstAt} END`,
        blockedUntil: sql`CASE WHEN ${next} >= ${o.limit}::int THEN ${o.blockUntil.toISOString()}::timestamptz ELSE NULL END`,
      },
      setWhere: sql`${loginGuard.blockedUntil} IS NULL OR ${loginGuard.blockedUntil} <= ${now}`,
    })
    .returning({ failures: loginGuard.failures, blockedUntil: loginGuard.blockedUntil })
  const row = rows[0]
  if (!row) return undefined
  return { failures: row.failures, blockedUntil: row.blockedUntil === null ? null : new Date(row.blockedUntil) }
}

/** Until when a guard key is blocked (undefined: it is not). */
export async function guardBlockedUntil(db: Db, key: string, now: Date): Promise<Date | undefined> {
  const rows = await db
    .select({ until: loginGuard.blockedUntil })
    .from(loginGuard)
    .where(and(eq(loginGuard.key, key), sql`${loginGuard.blockedUntil} > ${now.toISOString()}::timestamptz`))
  const until = rows[0]?.until
  return until ? new Date(until) : undefined
}

export async function clearGuard(db: Db, key: string): Promise<void> {
  await db.delete(loginGuard).where(eq(loginGuard.key, key))
}

/** Forget every source's failures on one username (the security administrator unlocks the account). */
export async function clearGuardsOfUsername(db: Db, username: string): Promise<void> {
  const prefix = `pair:${username.toLowerCase()}|`
  await db.delete(loginGuard).where(sql`left(${loginGuard.key}, ${prefix.length}) = ${prefix}`)
}

/** The latest source lock still running on each of these usernames (pair keys blocked past `now`). */
export async function sourceLocksOf(db: Db, usernames: string[], now: Date): Promise<Map<string, Date>> {
  if (usernames.length === 0) return new Map()
  const res = await db.execute(sql`
    SELECT split_part(substr(key, 6), '|', 1) AS username, max(blocked_until) AS until
    FROM login_guard
    WHERE key LIKE 'pair:%' AND blocked_until > ${now.toISOString()}::timestamptz
      AND split_part(substr(key, 6), '|', 1) IN (${sql.join(usernames.map((u) => sql`${u.toLowerCase()}`), sql`, `)})
    GROUP BY 1`)
  return new Map(rowsOf<{ username: string; until: Date | string }>(res).map((r) => [r.username, new Date(r.until)]))
}

/**
 * Give back one reservation of a guard key: the attempt it was taken for succeeded (a right password of an
 * account with a second factor). Earlier failures stay counted — only a whole login clears them — and a
 * block that this reservation set is lifted.
 */
export async function releaseGuard(db: Db, key: string, limit: number): Promise<void> {
  await db
    .update(loginGuard)
    .set({
      failures: sql`greatest(${loginGuard.failures} - 1, 0)`,
      blockedUntil: sql`CASE WHEN ${loginGuard.failures} - 1 >= ${limit}::int THEN ${loginGuard.blockedUntil} ELSE NULL END`,
    })
    .where(eq(loginGuard.key, key))
}

/** The same for the account's own count (reserveLoginAttempt). */
export async function releaseLoginAttempt(db: Db, userId: number, limit: number): Promise<void> {
  await db
    .update(userAccount)
    .set({
      failedLogins: sql`greatest(${userAccount.failedLogins} - 1, 0)`,
      lockedUntil: sql`CASE WHEN ${userAccount.failedLogins} - 1 >= ${limit}::int THEN ${userAccount.lockedUntil} ELSE NULL END`,
    })
    .where(eq(userAccount.id, userId))
}

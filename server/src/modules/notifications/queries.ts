/** SQL for the in-app inbox, the outbox of outbound channels, and finding who to tell. */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { newestFirst, olderThan } from '../../db/keyset'
import { placePath } from '../../permissions'
import { notification, notificationOutbox, teamMember, userAccount } from '../../db/schema/index'
import { fromRaw, rowsOf } from '../../db/client'

export type NotificationRow = typeof notification.$inferSelect

export async function insertNotifications(db: Db, rows: (typeof notification.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(notification).values(rows.slice(i, i + 500))
}

export function listNotifications(db: Db, userId: number, f: { unread?: boolean; cursor?: { t: string; id: number }; limit: number }) {
  return db
    .select()
    .from(notification)
    .where(
      and(
        eq(notification.userId, userId),
        f.unread ? isNull(notification.readAt) : undefined,
        olderThan(notification.createdAt, notification.id, f.cursor),
      ),
    )
    .orderBy(...newestFirst(notification.createdAt, notification.id))
    .limit(f.limit + 1)
}

export async function countNotifications(db: Db, userId: number, unreadOnly: boolean): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notification)
    .where(and(eq(notification.userId, userId), unreadOnly ? isNull(notification.readAt) : undefined))
  return r?.n ?? 0
}

export async function countUnread(db: Db, userId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notification)
    .where(and(eq(notification.userId, userId), isNull(notification.readAt)))
  return r?.n ?? 0
}

export async function markRead(db: Db, userId: number, at: Date, id?: number): Promise<number> {
  const rows = await db
    .update(notification)
    .set({ readAt: at })
    .where(and(eq(notification.userId, userId), isNull(notification.readAt), id ? eq(notification.id, id) : undefined))
    .returning({ id: notification.id })
  return rows.length
}

export async function findNotification(db: Db, id: number) {
  const rows = await db.select().from(notification).where(eq(notification.id, id)).limit(1)
  return rows[0]
}

/** Take a batch of unsent notifications; SKIP LOCKED lets two senders share the work without overlap. */
export async function claimUnsent(db: Db, limit: number): Promise<NotificationRow[]> {
  const res = await db.execute(sql`
    SELECT * FROM notification WHERE sent_at IS NULL ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED`)
  return (res as unknown as { rows: Record<string, unknown>[] }).rows.map((r) => ({
    id: Number(r.id),
    userId: Number(r.user_id),
    kind: String(r.kind),
    title: String(r.title),
    body: String(r.body),
    appealId: r.appeal_id === null ? null : Number(r.appeal_id),
    createdAt: new Date(r.created_at as string),
    readAt: r.read_at ? new Date(r.read_at as string) : null,
    sentAt: null,
  }))
}

export async function markSent(db: Db, ids: number[], at: Date): Promise<void> {
  if (ids.length) await db.update(notification).set({ sentAt: at }).where(inArray(notification.id, ids))
}

/**
 * Take the oldest outbox rows off the outbox: deleted in the caller's transaction, so they are either
 * turned into inbox rows in that same transaction or, if it fails, left for the next drain. SKIP
 * LOCKED lets instances drain at once without handling a row twice.
 */
export async function takeOutboxBatch(db: Db, limit: number): Promise<(typeof notificationOutbox.$inferSelect)[]> {
  const res = await db.execute(sql`
    DELETE FROM notification_outbox WHERE id IN (
      SELECT id FROM notification_outbox ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING *`)
  return rowsOf<Record<string, unknown>>(res)
    .map((r) => fromRaw(notificationOutbox, r))
    .sort((a, b) => a.id - b.id)
}

// ---- recipients ---------------------------------------------------------------------------

const active = sql`${userAccount.disabledAt} IS NULL`

/** Accounts of given roles whose scope is exactly this place (the community account, a grid's staff). */
export async function findAccountsAtPlace(db: Db, roles: string[], placeCode: string): Promise<number[]> {
  const rows = await db
    .select({ id: userAccount.id })
    .from(userAccount)
    .where(and(inArray(userAccount.role, roles), eq(userAccount.scope, placePath(placeCode)), active))
    .orderBy(asc(userAccount.id))
  return rows.map((r) => r.id)
}

export async function findAccountsWithRole(db: Db, role: string): Promise<number[]> {
  const rows = await db.select({ id: userAccount.id }).from(userAccount).where(and(eq(userAccount.role, role), active)).orderBy(asc(userAccount.id))
  return rows.map((r) => r.id)
}

export async function findAccountsWithScope(db: Db, scope: string): Promise<number[]> {
  const rows = await db.select({ id: userAccount.id }).from(userAccount).where(and(eq(userAccount.scope, scope), active))
  return rows.map((r) => r.id)
}

export async function findPartyMemberAccounts(db: Db, partyMemberId: number): Promise<number[]> {
  const rows = await db.select({ id: userAccount.id }).from(userAccount).where(and(eq(userAccount.partyMemberId, partyMemberId), active))
  return rows.map((r) => r.id)
}

export async function findPartyMemberAccountsOfCommunity(db: Db, communityPath: string): Promise<number[]> {
  const rows = await db
    .select({ id: userAccount.id })
    .from(userAccount)
    .where(and(eq(userAccount.role, 'partyMember'), eq(userAccount.scope, communityPath), active))
  return rows.map((r) => r.id)
}

/** Of these accounts, the ones still in use (a disabled account is told nothing, in-app or outbound). */
export async function filterActiveAccounts(db: Db, ids: number[]): Promise<number[]> {
  if (!ids.length) return []
  const rows = await db
    .select({ id: userAccount.id })
    .from(userAccount)
    .where(and(inArray(userAccount.id, ids), active))
    .orderBy(asc(userAccount.id))
  return rows.map((r) => r.id)
}

export async function findTeamMemberAccounts(db: Db, teamId: number): Promise<number[]> {
  const rows = await db.select({ id: teamMember.userId }).from(teamMember).where(eq(teamMember.teamId, teamId))
  return rows.map((r) => r.id)
}

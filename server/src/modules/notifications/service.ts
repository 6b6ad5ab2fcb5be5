/**
 * Who to tell, and telling them. Recipients are named by their relation to an appeal (its grid
 * staff, community, street, the handler …) and resolved to accounts here; rows go into the inbox in
 * the caller's transaction, so a notification exists exactly when the change it reports does.
 */
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import { notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { isoOrNull, isoShanghai } from '../../lib/time'
import type { PageOf } from '#contracts/common'
import type { Notification } from '#contracts/notifications'
import {
  claimUnsent,
  countNotifications,
  countUnread,
  filterActiveAccounts,
  findAccountsAtPlace,
  findAccountsWithScope,
  findNotification,
  findPartyMemberAccounts,
  findPartyMemberAccountsOfCommunity,
  findTeamMemberAccounts,
  insertNotifications,
  listNotifications,
  markRead,
  markSent,
  type NotificationRow,
} from './queries'
import type { OutboundChannel } from './channel'

export type Recipient =
  | { kind: 'user'; userId: number }
  | { kind: 'gridStaff'; gridCode: string }
  | { kind: 'place'; role: 'community' | 'street' | 'county'; code: string }
  | { kind: 'department'; code: string }
  | { kind: 'assignee'; type: string | null; id: string | null; communityPath?: string }

export async function resolveRecipients(db: Db, recipients: Recipient[]): Promise<number[]> {
  const ids = new Set<number>()
  for (const r of recipients) {
    let found: number[] = []
    switch (r.kind) {
      case 'user':
        found = [r.userId]
        break
      case 'gridStaff':
        found = await findAccountsAtPlace(db, ['gridWorker', 'gridHead'], r.gridCode)
        break
      case 'place':
        found = await findAccountsAtPlace(db, [r.role], r.code)
        break
      case 'department':
        found = await findAccountsWithScope(db, `department:${r.code}`)
        break
      case 'assignee':
        if (!r.type || !r.id) break
        if (r.type === 'gridWorker' || r.type === 'householdLeader') found = [Number(r.id)]
        else if (r.type === 'property') found = await findAccountsWithScope(db, `property:${r.id}`)
        else if (r.type === 'department') found = await findAccountsWithScope(db, `department:${r.id}`)
        else if (r.type === 'team') found = await findTeamMemberAccounts(db, Number(r.id))
        else if (r.type === 'partyMember')
          found = r.id === 'pool' ? (r.communityPath ? await findPartyMemberAccountsOfCommunity(db, r.communityPath) : []) : await findPartyMemberAccounts(db, Number(r.id))
        break
    }
    for (const id of found) ids.add(id)
  }
  // Named users, handlers and team members come by id: drop any account disabled since.
  return filterActiveAccounts(db, [...ids])
}

export interface NotifyInput {
  to: Recipient[]
  kind: string
  title: string
  body: string
  appealId?: number | null
  /** never notify these accounts (usually whoever caused it) */
  except?: number[]
}

export async function notify(db: Db, at: Date, n: NotifyInput): Promise<number> {
  const users = (await resolveRecipients(db, n.to)).filter((u) => !n.except?.includes(u))
  await insertNotifications(
    db,
    users.map((userId) => ({ userId, kind: n.kind, title: n.title, body: n.body, appealId: n.appealId ?? null, createdAt: at })),
  )
  return users.length
}

function present(n: NotificationRow): Notification {
  return {
    id: String(n.id),
    kind: n.kind,
    title: n.title,
    body: n.body,
    appealId: n.appealId === null ? null : String(n.appealId),
    createdAt: isoShanghai(n.createdAt),
    readAt: isoOrNull(n.readAt),
  }
}

export async function listMyNotifications(
  ctx: Ctx,
  q: { unread?: boolean; cursor?: string; limit?: number; withTotal?: boolean },
): Promise<PageOf<Notification> & { unread: number }> {
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const rows = await listNotifications(ctx.db, ctx.actor.userId, { limit, ...(q.unread ? { unread: true } : {}), ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map(present),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
    unread: await countUnread(ctx.db, ctx.actor.userId),
    ...(q.withTotal ? { total: await countNotifications(ctx.db, ctx.actor.userId, q.unread === true) } : {}),
  }
}

export async function markMyNotificationRead(ctx: Ctx, id: number): Promise<Notification> {
  const n = await findNotification(ctx.db, id)
  if (!n || n.userId !== ctx.actor.userId) throw notFound('通知不存在')
  await markRead(ctx.db, ctx.actor.userId, ctx.now, id)
  return present((await findNotification(ctx.db, id))!)
}

export async function markAllMyNotificationsRead(ctx: Ctx): Promise<{ marked: number }> {
  return { marked: await markRead(ctx.db, ctx.actor.userId, ctx.now) }
}

/** A channel that does not answer in this time fails the batch (it is retried at the next run). */
export const SEND_TIMEOUT_MS = 30_000

async function sendWithin(channel: OutboundChannel, rows: NotificationRow[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      channel.send(rows),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`outbound channel ${channel.name} did not answer within ${ms} ms`)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Feed the outbox to the outbound channel; safe to run on several instances at once. A batch is
 * marked sent only when the channel took it; a channel that fails or hangs leaves it for the next
 * run (at least once), and never holds the rows' locks — or the job runner — for longer than the timeout.
 */
export async function deliverOutbox(db: Db, channel: OutboundChannel, at: Date, batch = 200, timeoutMs = SEND_TIMEOUT_MS): Promise<number> {
  let total = 0
  for (;;) {
    const sent = await db.transaction(async (tx) => {
      const rows = await claimUnsent(tx, batch)
      if (!rows.length) return 0
      await sendWithin(channel, rows, timeoutMs)
      await markSent(tx, rows.map((r) => r.id), at)
      return rows.length
    })
    total += sent
    if (sent < batch) return total
  }
}

/**
 * The inbox: notification intents committed with their changes (core/outbox.ts) become inbox rows
 * here, with recipients resolved by recipients.ts; each account reads and marks its own; the same rows
 * feed the outbound channel (SMS, WeChat …).
 */
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import { notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import type { PageOf } from '#contracts/common'
import type { Notification } from '#contracts/notifications'
import { presentNotification } from './presenter'
import type { Recipient } from '../../core/outbox'
import { authorize } from '../../permissions'
import {
  claimUnsent,
  countNotifications,
  countUnread,
  findNotification,
  insertNotifications,
  listNotifications,
  markRead,
  markSent,
  takeOutboxBatch,
  type NotificationRow,
} from './queries'
import { resolveRecipients } from './recipients'
import type { OutboundChannel } from './channel'

/**
 * Turn outbox rows (notification intents committed with their changes) into inbox rows: one
 * transaction per batch takes the rows off the outbox and writes the inbox rows, so each intent is
 * delivered once. Run right after commits by the outbox pump, and by the leader's job.
 */
export async function expandOutbox(db: Db, batch = 200): Promise<number> {
  let total = 0
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const rows = await takeOutboxBatch(tx, batch)
      const memo = new Map<string, Promise<number[]>>()
      const inbox: Parameters<typeof insertNotifications>[1] = []
      for (const o of rows) {
        const except = new Set(o.exceptUserIds)
        for (const userId of await resolveRecipients(tx, o.recipients as Recipient[], memo)) {
          if (!except.has(userId)) inbox.push({ userId, kind: o.kind, title: o.title, body: o.body, appealId: o.appealId, createdAt: o.createdAt })
        }
      }
      await insertNotifications(tx, inbox)
      return rows.length
    })
    total += n
    if (n < batch) return total
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
    items: page.map(presentNotification),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null,
    unread: await countUnread(ctx.db, ctx.actor.userId),
    ...(q.withTotal ? { total: await countNotifications(ctx.db, ctx.actor.userId, q.unread === true) } : {}),
  }
}

export async function markMyNotificationRead(ctx: Ctx, id: number): Promise<Notification> {
  const n = await findNotification(ctx.db, id)
  if (!n) throw notFound('通知不存在')
  authorize(ctx.actor, 'notification.read', n)
  await markRead(ctx.db, ctx.actor.userId, ctx.now, id)
  return presentNotification((await findNotification(ctx.db, id))!)
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

/** Reading the audit log: the audit administrator only (三员分立), and reading it is itself audited. */
import type { Ctx } from '../../context'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { addDays, shanghaiDayStart } from '../../lib/time'
import { presentAuditEntry } from './presenter'
import { recordAudit } from '../../core'
import { authorize } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type { AuditLogEntry, ListAuditQuery } from '#contracts/users'
import { countAuditRows, listAuditLogs } from './queries'

export async function readAuditLog(ctx: Ctx, q: ListAuditQuery): Promise<PageOf<AuditLogEntry>> {
  authorize(ctx.actor, 'audit.read')
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { at: 'instant', id: 'id' })
  const filter = {
    ...(q.from ? { from: shanghaiDayStart(q.from) } : {}),
    ...(q.to ? { to: shanghaiDayStart(addDays(q.to, 1)) } : {}),
    ...(q.actorUserId ? { actorUserId: Number(q.actorUserId) } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.entityType ? { entityType: q.entityType } : {}),
    ...(q.entityId ? { entityId: q.entityId } : {}),
  }
  const rows = await listAuditLogs(ctx.db, { ...filter, limit, ...(cursor ? { cursor } : {}) })
  const total = q.withTotal ? await countAuditRows(ctx.db, filter) : undefined
  await recordAudit(ctx, ctx.db, { action: 'audit.read', entityType: 'auditLog', detail: { filter: { ...q, cursor: undefined } } })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map(presentAuditEntry),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at.toISOString(), id: last.id }) : null,
    ...(total !== undefined ? { total } : {}),
  }
}

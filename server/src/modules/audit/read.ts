/** Reading the audit log: the audit administrator only (三员分立), and reading it is itself audited. */
import type { Ctx } from '../../context'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { addDays, shanghaiDayStart } from '../../lib/time'
import { presentAuditEntry } from './presenter'
import { recordAudit } from '../../core'
import { authorize } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type { AuditLogEntry, ListAuditQuery } from '#contracts/users'
import type { ExportAuditQuery } from '#contracts/exports'
import { countAuditRows, listAuditLogs, type AuditFilter } from './queries'

function filterOf(q: ExportAuditQuery): AuditFilter {
  return {
    ...(q.from ? { from: shanghaiDayStart(q.from) } : {}),
    ...(q.to ? { to: shanghaiDayStart(addDays(q.to, 1)) } : {}),
    ...(q.actorUserId ? { actorUserId: Number(q.actorUserId) } : {}),
    ...(q.actor ? { actorUsername: q.actor } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.entityType ? { entityType: q.entityType } : {}),
    ...(q.entityId ? { entityId: q.entityId } : {}),
  }
}

/** One page, newest first, without the read's own audit row (the caller writes the one it needs). */
async function auditPage(ctx: Ctx, q: ListAuditQuery): Promise<PageOf<AuditLogEntry>> {
  authorize(ctx.actor, 'audit.read')
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { at: 'instant', id: 'id' })
  const filter = filterOf(q)
  const rows = await listAuditLogs(ctx.db, { ...filter, limit, ...(cursor ? { cursor } : {}) })
  const total = q.withTotal ? await countAuditRows(ctx.db, filter) : undefined
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map(presentAuditEntry),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at.toISOString(), id: last.id }) : null,
    ...(total !== undefined ? { total } : {}),
  }
}

/** The 审计日志 page: search by actor, action (or its namespace), entity and days, keyset paged; audited. */
export async function readAuditLog(ctx: Ctx, q: ListAuditQuery): Promise<PageOf<AuditLogEntry>> {
  const page = await auditPage(ctx, q)
  await recordAudit(ctx, ctx.db, { action: 'audit.read', entityType: 'auditLog', detail: { filter: { ...q, cursor: undefined } } })
  return page
}

/**
 * Every entry matching the filter, newest first, 100 at a time — for the export, which audits itself once.
 * The first page is read (and the caller authorised) before the generator is returned, so a refusal is
 * an ordinary error response rather than a broken download.
 */
export async function auditEntriesFor(ctx: Ctx, q: ExportAuditQuery): Promise<AsyncGenerator<AuditLogEntry>> {
  const first = await auditPage(ctx, { ...q, limit: 100 })
  async function* all() {
    let page = first
    for (;;) {
      yield* page.items
      if (!page.nextCursor) return
      page = await auditPage(ctx, { ...q, limit: 100, cursor: page.nextCursor })
    }
  }
  return all()
}

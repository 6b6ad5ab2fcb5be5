/**
 * Exports: the filtered appeal list (every matching row, read page by page through the appeal
 * service — the same visibility and masking as the list) and any table a page shows.
 * Each export leaves an audit row naming the filter; the file names who exported it and when.
 */
import type { ExportAppealsQuery, ExportAuditQuery, ExportTableBody } from '#contracts/exports'
import type { Ctx } from '../../context'
import { attachmentHeader, writeXlsx, xlsxStream, type Cell, type ExportMeta } from '../../core/excel/index'
import { recordAudit } from '../../core'
import { can } from '../../permissions'
import { getMe } from '../auth'
import { listAppealsForActor } from '../appeals'
import { auditEntriesFor } from '../audit'
import { APPEAL_COLUMNS, AUDIT_COLUMNS, appealRow, auditRow } from './presenter'

/** The watermark line's facts: who exports, as what, when. */
export async function metaOf(ctx: Ctx, title: string, note?: string): Promise<ExportMeta> {
  const me = await getMe(ctx)
  return { title, exportedBy: `${me.displayName}（${me.roleName} · ${me.scopeName}）`, exportedAt: ctx.now, ...(note ? { note } : {}) }
}

/** Every appeal the caller's list shows for this filter, 100 at a time. */
async function* appealRows(ctx: Ctx, q: ExportAppealsQuery): AsyncGenerator<Record<string, Cell>> {
  let cursor: string | undefined
  const seesNames = can(ctx.actor, 'export.unmasked')
  for (;;) {
    const page = await listAppealsForActor(ctx, { ...q, limit: 100, ...(cursor ? { cursor } : {}) })
    for (const a of page.items) yield appealRow(a, seesNames)
    if (!page.nextCursor) return
    cursor = page.nextCursor
  }
}

function describeFilter(q: ExportAppealsQuery | ExportAuditQuery): string | undefined {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
  return parts.length ? `筛选：${parts.join('；')}` : undefined
}

export async function exportAppeals(ctx: Ctx, q: ExportAppealsQuery, onError: (e: unknown) => void): Promise<{ filename: string; stream: NodeJS.ReadableStream }> {
  // the first page runs before the download starts, so a refusal (403, 422) is an ordinary error response
  await listAppealsForActor(ctx, { ...q, limit: 1 })
  const meta = await metaOf(ctx, '诉求列表', describeFilter(q))
  await recordAudit(ctx, ctx.db, { action: 'appeal.export', entityType: 'appeal', detail: { filter: q, format: 'xlsx' } })
  return { filename: attachmentHeader(meta.title, ctx.now), stream: xlsxStream((out) => writeXlsx(out, meta, APPEAL_COLUMNS, appealRows(ctx, q)), onError) }
}

export async function exportTable(ctx: Ctx, body: ExportTableBody, onError: (e: unknown) => void): Promise<{ filename: string; stream: NodeJS.ReadableStream }> {
  const meta = await metaOf(ctx, body.title, body.note)
  await recordAudit(ctx, ctx.db, { action: 'table.export', entityType: 'export', detail: { title: body.title, note: body.note ?? null, rows: body.rows.length } })
  async function* rows() {
    for (const r of body.rows) yield r as Record<string, Cell>
  }
  return { filename: attachmentHeader(meta.title, ctx.now), stream: xlsxStream((out) => writeXlsx(out, meta, body.columns, rows()), onError) }
}

/**
 * The audit log as the audit administrator searched it (审计日志导出): every matching entry, newest first,
 * personal data masked, watermarked with who exported it; the export is itself an audit row.
 */
export async function exportAuditLog(ctx: Ctx, q: ExportAuditQuery, onError: (e: unknown) => void): Promise<{ filename: string; stream: NodeJS.ReadableStream }> {
  const entries = await auditEntriesFor(ctx, q)
  const meta = await metaOf(ctx, '审计日志', describeFilter(q))
  await recordAudit(ctx, ctx.db, { action: 'auditLog.export', entityType: 'auditLog', detail: { filter: q, format: 'xlsx' } })
  async function* rows() {
    for await (const e of entries) yield auditRow(e)
  }
  return { filename: attachmentHeader(meta.title, ctx.now), stream: xlsxStream((out) => writeXlsx(out, meta, AUDIT_COLUMNS, rows()), onError) }
}

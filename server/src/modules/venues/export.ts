/**
 * 单位场所 as .xlsx through the one export pipeline: every venue the caller's list shows for the filter (same scope
 * and masking), the responsible person's name masked (张*) for roles that may not see it in full, phones masked for
 * everyone, a watermark line naming the exporter, an audit row naming the filter.
 */
import type { ExportVenuesQuery } from '#contracts/venues'
import type { Ctx } from '../../context'
import { recordAudit } from '../../core'
import { attachmentHeader, writeXlsx, xlsxStream, type Cell, type ExcelColumn } from '../../core/excel/index'
import { maskName } from '../../lib/pii'
import { can } from '../../permissions'
import { metaOf } from '../exports'
import { listVenuesFor } from './service'

const COLUMNS: ExcelColumn[] = [
  { key: 'name', header: '名称', width: 28 },
  { key: 'kind', header: '类别', width: 10 },
  { key: 'smallVenueType', header: '九小场所类型', width: 16 },
  { key: 'keyTypes', header: '重点类型', width: 20 },
  { key: 'address', header: '地址', width: 36 },
  { key: 'grid', header: '网格', width: 12 },
  { key: 'creditCode', header: '统一社会信用代码', width: 22 },
  { key: 'responsible', header: '负责人', width: 10 },
  { key: 'phone', header: '电话', width: 14 },
  { key: 'employees', header: '从业人数', width: 8 },
  { key: 'status', header: '状态', width: 10 },
]

export async function exportVenues(ctx: Ctx, q: ExportVenuesQuery, onError: (e: unknown) => void): Promise<{ filename: string; stream: NodeJS.ReadableStream }> {
  await listVenuesFor(ctx, { ...q, limit: 1 })
  const names = can(ctx.actor, 'venue.exportNames')
  async function* rows(): AsyncGenerator<Record<string, Cell>> {
    let cursor: string | undefined
    for (;;) {
      const page = await listVenuesFor(ctx, { ...q, limit: 100, ...(cursor ? { cursor } : {}) })
      for (const v of page.items) {
        yield {
          name: v.name,
          kind: v.kindName,
          smallVenueType: v.smallVenueTypeName ?? '',
          keyTypes: v.keyTypeNames.join('、'),
          address: v.address,
          grid: v.gridName,
          creditCode: v.creditCode ?? '',
          responsible: names ? v.responsibleName : maskName(v.responsibleName),
          phone: v.responsiblePhone ?? '',
          employees: v.employees ?? '',
          status: v.statusName,
        }
      }
      if (!page.nextCursor) return
      cursor = page.nextCursor
    }
  }
  const parts = Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${String(v)}`)
  const meta = await metaOf(ctx, '单位场所台账', parts.length ? `筛选：${parts.join('；')}` : undefined)
  await recordAudit(ctx, ctx.db, { action: 'venue.export', entityType: 'venue', detail: { filter: q, format: 'xlsx', namesInFull: names } })
  return { filename: attachmentHeader(meta.title, ctx.now), stream: xlsxStream((out) => writeXlsx(out, meta, COLUMNS, rows()), onError) }
}

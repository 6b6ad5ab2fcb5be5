/**
 * 特殊人群台账 as .xlsx: every record of the caller's filter, read through the special-groups module (the same
 * kinds and place as the list: a kind the caller may not see is never exported), masked as the list is (ID
 * number, phones, crime …); a watermark line naming the exporter; one audit row naming every record exported.
 */
import { detailsInWords, type ExportSpecialGroupsQuery, type SpecialGroup } from '#contracts/special-groups'
import type { Ctx } from '../../context'
import { attachmentHeader, writeXlsx, xlsxStream, type Cell, type ExcelColumn } from '../../core/excel/index'
import { recordAudit } from '../../core'
import { listSpecialGroupsForExport } from '../special-groups'
import { metaOf } from './service'

export const SPECIAL_GROUP_COLUMNS: ExcelColumn[] = [
  { key: 'name', header: '姓名', width: 10 },
  { key: 'idNumber', header: '身份证号', width: 20 },
  { key: 'phone', header: '联系电话', width: 14 },
  { key: 'kind', header: '人群类别', width: 16 },
  { key: 'level', header: '等级', width: 8 },
  { key: 'status', header: '状态', width: 8 },
  { key: 'community', header: '社区', width: 12 },
  { key: 'grid', header: '网格', width: 12 },
  { key: 'address', header: '住址', width: 30 },
  { key: 'since', header: '起始日期', width: 12 },
  { key: 'until', header: '解除日期', width: 12 },
  { key: 'details', header: '专项信息', width: 50 },
  { key: 'note', header: '备注', width: 24 },
]

export function specialGroupRow(g: SpecialGroup): Record<string, Cell> {
  return {
    name: g.resident.name,
    idNumber: g.resident.idNumber ?? '',
    phone: g.resident.phone ?? '',
    kind: g.kindName,
    level: g.levelName,
    status: g.statusName,
    community: g.community.name,
    grid: g.grid.name,
    address: g.address ?? '',
    since: g.since ?? '',
    until: g.until ?? '',
    details: detailsInWords(g.details),
    note: g.note ?? '',
  }
}

/** 特殊人群台账 */
export async function exportSpecialGroups(ctx: Ctx, q: ExportSpecialGroupsQuery, onError: (e: unknown) => void): Promise<{ filename: string; stream: NodeJS.ReadableStream }> {
  const items = await listSpecialGroupsForExport(ctx, q)
  const meta = await metaOf(ctx, '特殊人群台账', q.kind || q.place || q.level || q.status ? `筛选：${[q.kind, q.place, q.level, q.status].filter(Boolean).join('；')}` : undefined)
  await recordAudit(ctx, ctx.db, {
    action: 'specialGroup.export',
    entityType: 'specialGroup',
    detail: { filter: { ...q, q: q.q ? '（已检索）' : undefined }, format: 'xlsx', masked: true, count: items.length, ids: items.map((g) => g.id) },
  })
  async function* rows() {
    for (const g of items) yield specialGroupRow(g)
  }
  return { filename: attachmentHeader(meta.title, ctx.now), stream: xlsxStream((out) => writeXlsx(out, meta, SPECIAL_GROUP_COLUMNS, rows()), onError) }
}

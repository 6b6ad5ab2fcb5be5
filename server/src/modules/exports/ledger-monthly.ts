/**
 * 台账月报表 as .xlsx: one sheet per table (人口, 房屋, 单位场所, 特殊人群), each a row per grid or community and the
 * totals row, computed by the ledger-stats module for the caller (same scope and special-group kinds as the
 * page), under the watermark line naming the exporter; the export itself is an audit row.
 */
import type { LedgerFigures, LedgerMonthlyQuery } from '#contracts/ledger-stats'
import { HOUSING_COLUMNS, LEDGER_TABLE_NAMES, PEOPLE_COLUMNS, SPECIAL_GROUP_TOTAL_COLUMNS, VENUE_COLUMNS } from '#contracts/ledger-stats-names'
import type { Ctx } from '../../context'
import { recordAudit } from '../../core'
import { attachmentHeader, writeXlsxSheets, xlsxStream, type Cell, type ExcelColumn, type XlsxSheet } from '../../core/excel/index'
import { getLedgerMonthly } from '../ledger-stats'
import { metaOf } from './service'

const column = (c: { key: string; header: string }): ExcelColumn => ({ key: c.key, header: c.header, width: Math.max(10, c.header.length * 2 + 2) })

export async function exportLedgerMonthly(ctx: Ctx, q: LedgerMonthlyQuery, onError: (e: unknown) => void): Promise<{ filename: string; stream: NodeJS.ReadableStream }> {
  // computed before the download starts, so a refusal (403, 404, 422) is an ordinary error response
  const m = await getLedgerMonthly(ctx, q)
  const placeHeader = m.groupedBy === 'grid' ? '网格' : '社区'
  const meta = await metaOf(ctx, `台账月报表（${m.scope.name} ${m.month}）`, `截至 ${m.asOf}；由台账自动生成`)
  await recordAudit(ctx, ctx.db, {
    action: 'ledgerMonthly.export',
    entityType: 'export',
    detail: { place: m.scope.code, month: m.month, format: 'xlsx', rows: m.items.length + 1, specialGroupKinds: m.specialGroupKinds.map((k) => k.kind) },
  })
  const rowsOf = (pick: (f: LedgerFigures) => Record<string, Cell>): Record<string, Cell>[] => [
    ...m.items.map((i) => ({ place: i.place.name, ...pick(i.figures) })),
    { place: '合计', ...pick(m.totals) },
  ]
  const first: ExcelColumn = { key: 'place', header: placeHeader, width: 20 }
  const sheet = (key: keyof typeof LEDGER_TABLE_NAMES, columns: readonly { key: string; header: string }[], pick: (f: LedgerFigures) => Record<string, Cell>): XlsxSheet => ({
    name: LEDGER_TABLE_NAMES[key],
    title: `${LEDGER_TABLE_NAMES[key]}月报表（${m.scope.name} ${m.month}）`,
    columns: [first, ...columns.map(column)],
    rows: rowsOf(pick),
  })
  const groupColumns = [...m.specialGroupKinds.map((k) => ({ key: k.kind, header: k.name })), ...SPECIAL_GROUP_TOTAL_COLUMNS.filter((c) => c.key !== 'managed' || m.totals.specialGroups.managed !== null)]
  const sheets = [
    sheet('people', PEOPLE_COLUMNS, (f) => f.people),
    sheet('housing', HOUSING_COLUMNS, (f) => f.housing),
    sheet('venues', VENUE_COLUMNS, (f) => f.venues),
    sheet('specialGroups', groupColumns, (f) => ({ ...f.specialGroups.byKind, care: f.specialGroups.care, managed: f.specialGroups.managed, total: f.specialGroups.total })),
  ]
  return { filename: attachmentHeader(meta.title, ctx.now), stream: xlsxStream((out) => writeXlsxSheets(out, meta, sheets), onError) }
}

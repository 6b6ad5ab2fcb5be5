/**
 * The one Excel pipeline (docs/ARCHITECTURE.md, "Excel") — its export half: every register and list that leaves the
 * system as .xlsx goes through writeXlsx. It streams (exceljs WorkbookWriter, one committed row at
 * a time, so 100,000 rows never sit in memory), puts a watermark line naming who exported it and
 * when above the header and in every printed page's header, and leaves masking to the caller's
 * presenter (the rows arrive already masked for the exporter's role). The caller writes the audit row.
 * The import half (a register's `Importer`, template, column mapping, dry run into staging, all-or-nothing
 * publish) is in import.ts and import-run.ts, re-exported here.
 */
import { PassThrough, type Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import { formatShanghai } from '../../lib/time'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** Exports stop here; the last line says so (narrow the filter for the rest). */
export const MAX_EXPORT_ROWS = 100_000

export interface ExcelColumn {
  key: string
  header: string
  width?: number
}

export interface ExportMeta {
  title: string
  /** "张涛（社区 · 北街社区）" */
  exportedBy: string
  exportedAt: Date
  /** the filter or scope, in words */
  note?: string
}

export type Cell = string | number | null | undefined

/** The watermark line: who exported it and when (also repeated in the printed page header). */
export function watermarkOf(meta: ExportMeta): string {
  return `导出人：${meta.exportedBy}\u3000导出时间：${formatShanghai(meta.exportedAt)}\u3000仅限工作使用，请勿外传${meta.note ? `\u3000${meta.note}` : ''}`
}

/** `诉求列表-20261201-1030.xlsx`, as a Content-Disposition value (RFC 5987 for the Chinese name). */
export function attachmentHeader(title: string, at: Date): string {
  const stamp = formatShanghai(at).replace(/[-:]/g, '').replace(' ', '-')
  const name = `${title}-${stamp}.xlsx`
  return `attachment; filename="export-${stamp}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/** One sheet of a workbook: its tab name, the title line above the watermark (the export's title by default), columns, rows. */
export interface XlsxSheet {
  name: string
  title?: string
  columns: ExcelColumn[]
  rows: AsyncIterable<Record<string, Cell>> | Iterable<Record<string, Cell>>
}

/**
 * Write one sheet to `out`: title, watermark, header, then the rows as they come.
 * Returns the number of data rows written (at most MAX_EXPORT_ROWS).
 */
export async function writeXlsx(out: Writable, meta: ExportMeta, columns: ExcelColumn[], rows: AsyncIterable<Record<string, Cell>>): Promise<number> {
  const [n] = await writeXlsxSheets(out, meta, [{ name: meta.title, title: meta.title, columns, rows }])
  return n!
}

/** A tab name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, '·').slice(0, 31) || 'Sheet'

/**
 * Write several sheets to `out` (a statistical report's tables), each as writeXlsx writes its one: title, the
 * same watermark line (and page header), header, rows — streamed, one committed row at a time.
 * Returns the number of data rows written per sheet.
 */
export async function writeXlsxSheets(out: Writable, meta: ExportMeta, sheets: XlsxSheet[]): Promise<number[]> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = '一网'
  wb.created = meta.exportedAt
  const counts: number[] = []
  for (const sheet of sheets) {
    const { columns } = sheet
    const ws = wb.addWorksheet(sheetName(sheet.name), {
      views: [{ state: 'frozen', ySplit: 3 }],
      headerFooter: { oddHeader: `&L${watermarkOf(meta).replace(/&/g, '&&')}`, oddFooter: '&C第 &P 页，共 &N 页' },
    })
    ws.columns = columns.map((c) => ({ key: c.key, width: c.width ?? 16 }))
    const title = ws.addRow([sheet.title ?? meta.title])
    title.font = { bold: true, size: 14 }
    ws.mergeCells(1, 1, 1, Math.max(1, columns.length))
    title.commit()
    const mark = ws.addRow([watermarkOf(meta)])
    mark.font = { color: { argb: 'FF8C8C8C' }, size: 10 }
    ws.mergeCells(2, 1, 2, Math.max(1, columns.length))
    mark.commit()
    const header = ws.addRow(columns.map((c) => c.header))
    header.font = { bold: true }
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5F5F5' } }
    header.commit()
    let n = 0
    for await (const r of sheet.rows) {
      if (n >= MAX_EXPORT_ROWS) {
        ws.addRow([`已达导出上限 ${MAX_EXPORT_ROWS} 行，其余请缩小筛选范围后再导出`]).commit()
        break
      }
      ws.addRow(columns.map((c) => r[c.key] ?? '')).commit()
      n++
    }
    ws.commit()
    counts.push(n)
  }
  await wb.commit()
  return counts
}

/** A stream to hand to the HTTP reply while writeXlsx fills it; a failure ends the download. */
export function xlsxStream(fill: (out: Writable) => Promise<unknown>, onError: (e: unknown) => void): PassThrough {
  const out = new PassThrough()
  fill(out).catch((e) => {
    onError(e)
    out.destroy(e as Error)
  })
  return out
}

export {
  columnNote,
  defineImporter,
  importTemplate,
  IMPORT_CHUNK,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  templateAttachment,
  type AnyImporter,
  type ImportCellType,
  type ImportColumn,
  type Importer,
  type ImportOption,
  type ImportValue,
  type ImportValues,
  type RowCheck,
  type RowProblem,
  type StagedProblem,
} from './import'
export { BACKGROUND_DRY_RUN_BYTES, commitImport, dryRunImport, forgetExpiredImports, importProgress, IMPORT_KEEP_MS, type DryRunOutcome } from './import-run'

/**
 * The one Excel pipeline — its import half (docs/ARCHITECTURE.md, "Excel"). A register declares its import
 * as data (an `Importer`: columns with their types, aliases and closed lists, a per-row check returning
 * Chinese reasons, a natural key, and a `publish` written with the domain's own queries); this file turns
 * the declaration into a template and reads a sheet cell by cell. import-run.ts runs the dry run (staging)
 * and the all-or-nothing commit.
 */
import ExcelJS from 'exceljs'
import { normalizeHeader, type ImportCounts } from '#contracts/imports'
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import { isValidIdNumber, normalizeIdNumber } from '../../lib/id-number'
import type { Actor } from '../../permissions/actor'

/** How a column's cells are read and checked before the register's own check. */
export type ImportCellType =
  /** free text (trimmed; at most `maxLength`, 200 by default) */
  | 'text'
  /** one of a closed list (`options`): a dropdown in the template; a cell may hold the label or the code */
  | 'code'
  /** a date cell, or text such as 2026-11-23, 2026/11/23, 2026年11月23日 → YYYY-MM-DD */
  | 'date'
  | 'integer'
  /** a mobile number (11 digits from 1) or a landline with its area code */
  | 'phone'
  /** a GB 11643 citizen ID number: 18 characters, a real birth date, the check digit */
  | 'idNumber'
  /** a place: its code (6, 9, 12 or 15 digits) or its name, which the register resolves */
  | 'placeCode'

export interface ImportOption {
  /** what is stored */
  value: string
  /** what a person picks in the dropdown */
  label: string
  /** other spellings a sheet may hold for it (男 for 男性, 汉 for 汉族 …); not in the dropdown */
  also?: readonly string[]
}

export interface ImportColumn {
  key: string
  /** the header of the template, in Chinese */
  header: string
  required?: boolean
  type: ImportCellType
  options?: readonly ImportOption[]
  /** other headers meaning the same column (older sheets, other systems' exports) */
  aliases?: readonly string[]
  maxLength?: number
  /** how to fill it, for the instructions sheet */
  note?: string
  width?: number
  /** mask the cell in the error report like this kind of personal data (a `text` column holding ID or passport numbers) */
  mask?: 'idNumber' | 'phone'
}

/** A parsed cell: text (codes, dates, numbers as typed), a whole number, or empty. */
export type ImportValue = string | number | null
export type ImportValues = Record<string, ImportValue>

/** A problem the register found in a row: the column's key ('' for the whole row) and the reason in Chinese. */
export interface RowProblem {
  column: string
  message: string
}

export interface RowCheck<Staged> {
  problems: RowProblem[]
  /** the row as it will be published (personal data encrypted); present when there is no problem */
  staged?: Staged
}

/**
 * A register's import, declared by its domain module and listed in app.ts. The pipeline calls
 * `authorize` on every route, `prepare` once per dry run, `check` per row, `naturalKey` to find the same
 * record twice in one sheet, `present` for the dry run's sample, and `publish` inside the commit's one
 * transaction, with the staged rows in chunks of IMPORT_CHUNK (so 100,000 rows never sit in memory).
 */
export interface Importer<Ref = unknown, Staged extends object = Record<string, unknown>> {
  /** the name in the URL: /imports/<register>/… */
  register: string
  /** the register's name in Chinese (template file and sheet, audit, pages) */
  title: string
  columns: readonly ImportColumn[]
  /** refuse a caller who may not import into this register (its policy's verb) */
  authorize(actor: Actor): void
  /** reference data the checks need, read once per dry run (the communities in scope …) */
  prepare(ctx: Ctx): Promise<Ref>
  /** the register's own rules for one row whose cells all parsed */
  check(ctx: Ctx, values: ImportValues, ref: Ref): RowCheck<Staged>
  /** the same key twice in one sheet is a duplicate row; the same key as a stored record is an update */
  naturalKey(staged: Staged): string
  /** a staged row as the importer reads it back: column key → text (masked) */
  present(staged: Staged): Record<string, string>
  /** write the rows with the domain's own queries (inside the commit's transaction), counting what changed */
  publish(ctx: Ctx, tx: Db, rows: Staged[]): Promise<ImportCounts>
  /**
   * Optional, for large registers: publish every staged row of the batch (import_row, error_count = 0) in ONE
   * set-based statement inside the commit's transaction — used instead of `publish` when present, so a
   * 100,000-row commit is one statement rather than a hundred JSON round trips.
   */
  publishStaged?(ctx: Ctx, tx: Db, importId: string): Promise<ImportCounts>
  /**
   * Optional: the register's checks that need its stored records (a person registered elsewhere …), run once
   * over the whole staged batch at the end of the dry run, set-based. Each problem names the sheet row; the
   * pipeline marks the row as faulty and adds the problem to the report.
   */
  checkStaged?(ctx: Ctx, db: Db, importId: string): Promise<StagedProblem[]>
}

/** A problem `checkStaged` found in a staged row (sheet row number, column key or '', reason). */
export interface StagedProblem extends RowProblem {
  rowNo: number
}

/** An importer with its types erased, as the registry keeps them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each importer keeps its own Ref and Staged
export type AnyImporter = Importer<any, any>

export const defineImporter = <Ref, Staged extends object>(i: Importer<Ref, Staged>): Importer<Ref, Staged> => i

/** A sheet may not have more data rows than this (issue 13's resident ledgers: 100,000 rows a file). */
export const MAX_IMPORT_ROWS = 100_000
/** nor be larger than this */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024
/** staged rows are written and published this many at a time */
export const IMPORT_CHUNK = 1000
/** the dropdowns of the template cover this many data rows */
const TEMPLATE_ROWS = 20_000
/** an inline list longer than this goes to the hidden 选项 sheet (Excel's inline limit is 255 characters) */
const INLINE_LIST_MAX = 200

// ---- reading cells -------------------------------------------------------------------------------

/** A cell's value as exceljs gives it, reduced to text, a number, a date or nothing. */
export function cellValue(v: unknown): string | number | Date | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'string') return v.trim() === '' ? null : v
  if (typeof v === 'number' || v instanceof Date) return v
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown }
    if (Array.isArray(o.richText)) return cellValue(o.richText.map((t) => t.text).join(''))
    if ('result' in o) return cellValue(o.result)
    if ('text' in o) return cellValue(o.text)
    if ('error' in o) return null
  }
  return cellValue(String(v))
}

/** How a header is compared (the wizard compares the same way): contracts/imports.ts. */
export { normalizeHeader }

const pad2 = (n: number) => String(n).padStart(2, '0')
const isoDay = (y: number, m: number, d: number): string | null => {
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? `${y}-${pad2(m)}-${pad2(d)}` : null
}

/** Masked for the error report: the importer typed it, but the report is kept in the staging table. */
export function maskedForReport(type: ImportCellType | 'idNumber' | 'phone', text: string): string {
  if (type === 'idNumber') return text.length < 10 ? '*'.repeat(text.length) : `${text.slice(0, 6)}${'*'.repeat(text.length - 10)}${text.slice(-4)}`
  if (type === 'phone') return text.length < 7 ? '*'.repeat(text.length) : `${text.slice(0, 3)}${'*'.repeat(text.length - 7)}${text.slice(-4)}`
  return text.length > 100 ? `${text.slice(0, 100)}…` : text
}

export function cellText(raw: string | number | Date | null): string {
  if (raw === null) return ''
  if (raw instanceof Date) return isoDay(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate()) ?? ''
  if (typeof raw === 'number') return Number.isInteger(raw) && Math.abs(raw) < 1e21 ? BigInt(raw).toString() : String(raw)
  return raw.trim()
}

/** Parse one cell by its column's type: the value, or the reason it is refused. */
export function parseCell(col: ImportColumn, raw: string | number | Date | null): { value: ImportValue } | { error: string } {
  const text = cellText(raw)
  if (text === '') return col.required ? { error: `${col.header}未填写（必填）` } : { value: null }
  switch (col.type) {
    case 'text': {
      const max = col.maxLength ?? 200
      return text.length > max ? { error: `${col.header}不能超过 ${max} 个字` } : { value: text }
    }
    case 'code': {
      const t = text.normalize('NFKC').trim()
      const hit = col.options?.find((o) => o.label === t || o.value === t) ?? col.options?.find((o) => o.also?.includes(t))
      if (hit) return { value: hit.value }
      const list = (col.options ?? []).map((o) => o.label)
      return { error: `「${text}」不是可选的${col.header}（可选：${list.slice(0, 10).join('、')}${list.length > 10 ? ' 等' : ''}），请从下拉列表中选择` }
    }
    case 'date': {
      if (raw instanceof Date) return { value: text }
      if (typeof raw === 'number' && raw > 0 && raw < 2958466) {
        // an Excel serial day number (a date cell whose style was lost)
        const d = new Date(Date.UTC(1899, 11, 30) + Math.round(raw) * 86_400_000)
        return { value: cellText(d) }
      }
      const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.normalize('NFKC'))
      const iso = m ? isoDay(Number(m[1]), Number(m[2]), Number(m[3])) : null
      return iso ? { value: iso } : { error: `${col.header}不是有效日期（例如 2026-11-23）` }
    }
    case 'integer': {
      const t = text.normalize('NFKC').replace(/,/g, '')
      return /^-?\d{1,15}$/.test(t) ? { value: Number(t) } : { error: `${col.header}应为整数` }
    }
    case 'phone': {
      const t = text.normalize('NFKC').replace(/[\s-]/g, '')
      if (/^1[3-9]\d{9}$/.test(t) || /^0\d{9,11}$/.test(t)) return { value: t }
      return { error: `${col.header}格式不正确（应为 11 位手机号，或带区号的固定电话）` }
    }
    case 'idNumber': {
      // an 18-digit number typed into a number cell has lost its last digits: Excel keeps 15
      if (typeof raw === 'number' && !Number.isSafeInteger(raw)) return { error: `${col.header}被 Excel 当作数字保存，后几位已丢失；请把该列设为文本格式后重新填写` }
      const t = normalizeIdNumber(text)
      if (!/^[0-9]{17}[0-9X]$/.test(t)) return { error: `${col.header}应为 18 位（最后一位可以是 X）` }
      if (!isValidIdNumber(t)) {
        const birthOk = isoDay(Number(t.slice(6, 10)), Number(t.slice(10, 12)), Number(t.slice(12, 14))) !== null
        return { error: birthOk ? `${col.header}校验位不正确，请核对（GB 11643）` : `${col.header}中的出生日期不正确` }
      }
      return { value: t }
    }
    case 'placeCode': {
      const t = text.normalize('NFKC').replace(/\s/g, '')
      if (/^\d+$/.test(t) && ![6, 9, 12, 15].includes(t.length)) return { error: `${col.header}代码应为 6、9、12 或 15 位数字` }
      return { value: t }
    }
  }
}

// ---- the template ------------------------------------------------------------------------------

const columnLetter = (n: number): string => {
  let s = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s
  return s
}

const TYPE_NOTES: Record<ImportCellType, string> = {
  text: '文字',
  code: '从下拉列表中选择',
  date: '日期，例如 2026-11-23',
  integer: '整数',
  phone: '11 位手机号（或带区号的固定电话）',
  idNumber: '18 位居民身份证号（按文本填写，最后一位可以是 X）',
  placeCode: '地区代码（12 位社区代码）或名称',
}

/** What the instructions sheet and the wizard say about a column. */
export const columnNote = (c: ImportColumn): string => c.note ?? TYPE_NOTES[c.type]

/**
 * The template: the data sheet (headers, required ones in red, dropdowns on closed lists, text format on
 * number-like columns), a hidden 选项 sheet holding long lists, and a 填写说明 sheet in Chinese.
 */
export async function importTemplate(importer: AnyImporter): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '一网'
  const ws = wb.addWorksheet(importer.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] })
  const help = wb.addWorksheet('填写说明')
  let lists: ExcelJS.Worksheet | undefined
  let listCol = 0
  ws.columns = importer.columns.map((c) => ({ key: c.key, width: c.width ?? Math.max(12, c.header.length * 2 + 4) }))
  const header = ws.getRow(1)
  importer.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1)
    cell.value = c.header
    cell.font = { bold: true, color: { argb: c.required ? 'FFCF1322' : 'FF262626' } }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF5F5F5' } }
    cell.note = `${c.required ? '必填。' : '选填。'}${columnNote(c)}`
    const letter = columnLetter(i + 1)
    if (c.type === 'idNumber' || c.type === 'phone' || c.type === 'placeCode' || c.type === 'text') ws.getColumn(i + 1).numFmt = '@'
    if (c.type === 'code' && c.options?.length) {
      const labels = c.options.map((o) => o.label)
      let formula: string
      if (labels.join(',').length <= INLINE_LIST_MAX) {
        formula = `"${labels.join(',')}"`
      } else {
        lists ??= wb.addWorksheet('选项', { state: 'hidden' })
        listCol++
        labels.forEach((l, r) => (lists!.getCell(r + 1, listCol).value = l))
        const lc = columnLetter(listCol)
        formula = `'选项'!$${lc}$1:$${lc}$${labels.length}`
      }
      // exceljs writes validations over a range (its typings omit the sheet's collection)
      ;(ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${TEMPLATE_ROWS + 1}`, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [formula],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: c.header,
        error: `请从下拉列表中选择${c.header}`,
      })
    }
  })
  header.commit()

  help.columns = [{ width: 16 }, { width: 10 }, { width: 48 }, { width: 48 }]
  const title = help.addRow([`${importer.title}导入模板 · 填写说明`])
  title.font = { bold: true, size: 14 }
  const rules = [
    `1. 在「${ws.name}」工作表中填写，每行一条记录，从第 2 行开始；请勿修改、删除或调换表头。`,
    '2. 表头为红色的列必填；有下拉箭头的列请从下拉列表中选择。',
    '3. 身份证号、手机号请按文本填写（本模板已设为文本格式），不要以数字格式保存。',
    `4. 一次最多导入 ${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行、${MAX_IMPORT_BYTES / 1024 / 1024} MB；上传后系统先逐行核对，全部无误才能导入，有一行错误则整批都不导入。`,
    '5. 同一份表格重复导入不会产生重复记录：已有的记录按表格内容更新，内容相同的保持不变。',
  ]
  for (const r of rules) help.addRow([r])
  help.addRow([])
  const th = help.addRow(['列名', '是否必填', '填写要求', '可选值'])
  th.font = { bold: true }
  for (const c of importer.columns) {
    help.addRow([c.header, c.required ? '必填' : '选填', columnNote(c), c.options?.map((o) => o.label).join('、') ?? ''])
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** `在职党员报到-导入模板.xlsx`, as a Content-Disposition value. */
export function templateAttachment(importer: AnyImporter): string {
  return `attachment; filename="import-template.xlsx"; filename*=UTF-8''${encodeURIComponent(`${importer.title}-导入模板.xlsx`)}`
}

/**
 * Running an import (docs/ARCHITECTURE.md, "Excel"): the dry run reads the sheet as a stream (exceljs
 * WorkbookReader), maps its headers to the register's columns, checks every row (cell types, then the
 * register's rules, then duplicates by natural key) and stages the good rows in `import_row`, 1000 at a time
 * outside any transaction (so other requests go on between chunks and the batch shows its progress);
 * nothing of the register is written. The commit refuses a batch with any error, then publishes every
 * staged row in ONE transaction through the core's commit path: the batch claimed (a second commit loses
 * with 409), the register's `publish` chunk by chunk, one audit row with the counts.
 */
import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { IMPORT_STATUS_NAMES, type CommitResult, type DryRunResult, type ImportCounts, type ImportMappingItem, type ImportProgress, type ImportRowError, type ImportStatus } from '#contracts/imports'
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import { AppError } from '../../errors'
import { isoOrNull, isoShanghai } from '../../lib/time'
import { commitChange } from '../commit'
import {
  cellText,
  cellValue,
  IMPORT_CHUNK,
  MAX_IMPORT_ROWS,
  maskedForReport,
  normalizeHeader,
  parseCell,
  type AnyImporter,
  type ImportColumn,
  type ImportValues,
} from './import'
import { claimImportBatch, deleteExpiredImportBatches, deleteImportBatch, findImportBatch, insertImportBatch, insertImportRows, listImportRows, updateImportBatch, type ImportBatchRow } from './import-queries'

/** A dry run's staging is kept this long; housekeeping deletes it after. */
export const IMPORT_KEEP_MS = 24 * 3600_000
/** The report lists at most this many errors (the count is exact). */
const MAX_REPORTED_ERRORS = 1000
const SAMPLE_ROWS = 5

/** Housekeeping: staging past its time goes (a committed batch's record is its audit row). */
export const forgetExpiredImports = (db: Db, now: Date): Promise<number> => deleteExpiredImportBatches(db, now)

/** Does it start like a zip file (.xlsx is one)? */
const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04

interface HeaderMap {
  /** the sheet's column index (1-based) → the register's column */
  at: Map<number, ImportColumn>
  items: ImportMappingItem[]
}

/**
 * The sheet's header row → the register's columns: an explicit mapping {header: key ('' ignores it)} first,
 * then the column's own header or one of its aliases. Required columns left unmapped: 400 naming them.
 */
export function mapHeader(importer: AnyImporter, headerCells: unknown[], mapping?: Record<string, string>): HeaderMap {
  const byKey = new Map(importer.columns.map((c) => [c.key, c]))
  const byName = new Map<string, ImportColumn>()
  for (const c of importer.columns) for (const h of [c.header, ...(c.aliases ?? [])]) byName.set(normalizeHeader(h), c)
  const at = new Map<number, ImportColumn>()
  const taken = new Set<string>()
  const items: ImportMappingItem[] = []
  const headers: string[] = []
  headerCells.forEach((v, i) => {
    const h = cellText(cellValue(v))
    if (!h) return
    headers.push(h)
    let col: ImportColumn | undefined
    if (mapping && h in mapping) {
      const key = mapping[h]!
      if (key !== '') {
        col = byKey.get(key)
        if (!col) throw new AppError('IMPORT_BAD_MAPPING', `「${h}」对应的字段 ${key} 不存在`, [{ column: h, message: `字段 ${key} 不存在` }])
        if (taken.has(key)) throw new AppError('IMPORT_BAD_MAPPING', `有两列都对应「${col.header}」，请只选一列`, [{ column: h, message: `「${col.header}」已由另一列对应` }])
      }
    } else {
      col = byName.get(normalizeHeader(h))
      if (col && taken.has(col.key)) col = undefined
    }
    if (col) {
      at.set(i, col)
      taken.add(col.key)
    }
    items.push({ header: h, key: col?.key ?? null, column: col?.header ?? null })
  })
  for (const h of Object.keys(mapping ?? {})) {
    if (!headers.includes(h)) throw new AppError('IMPORT_BAD_MAPPING', `表格中没有「${h}」这一列`, [{ column: h, message: '表格中没有这一列' }])
  }
  const missing = importer.columns.filter((c) => c.required && !taken.has(c.key))
  if (missing.length) {
    throw new AppError('IMPORT_COLUMNS_MISMATCH', `表格缺少必填列：${missing.map((c) => c.header).join('、')}。请下载模板按模板填写，或指定各列的对应关系`, [
      ...missing.map((c) => ({ field: 'missing', column: c.header, message: `缺少必填列「${c.header}」` })),
      ...headers.map((h) => ({ field: 'found', column: h, message: '表格中的列' })),
    ])
  }
  return { at, items }
}

/** POST /imports/:register/dry-run — read, check and stage a sheet; nothing of the register is written. */
export async function dryRunImport(
  ctx: Ctx,
  importer: AnyImporter,
  upload: { bytes: Buffer; fileName: string | null },
  mapping?: Record<string, string>,
): Promise<DryRunResult> {
  importer.authorize(ctx.actor)
  if (!isZip(upload.bytes)) throw new AppError('IMPORT_NOT_XLSX')
  const ref: unknown = await importer.prepare(ctx)
  const id = randomUUID()
  const expiresAt = new Date(ctx.now.getTime() + IMPORT_KEEP_MS)
  let header: HeaderMap | undefined
  let created = false
  let total = 0
  let valid = 0
  let errorCount = 0
  const errors: ImportRowError[] = []
  const sample: Record<string, string>[] = []
  const seen = new Map<string, number>()
  let chunk: { rowNo: number; data: unknown }[] = []
  const flush = async () => {
    await insertImportRows(ctx.db, id, chunk)
    chunk = []
    await updateImportBatch(ctx.db, id, { processed: total })
  }

  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([upload.bytes]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    })
    // the first worksheet holds the data (the template's instructions and lists come after it)
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const cells = row.values as unknown[]
        if (!header) {
          if (cells.every((v) => cellValue(v) === null)) continue
          header = mapHeader(importer, cells, mapping)
          await insertImportBatch(ctx.db, {
            id,
            register: importer.register,
            status: 'checking',
            createdByUserId: ctx.actor.userId,
            placeCode: ctx.actor.placeCode,
            fileName: upload.fileName,
            mapping: header.items,
            createdAt: ctx.now,
            expiresAt,
          })
          created = true
          continue
        }
        const values: ImportValues = {}
        const shown: Record<string, string> = {}
        const problems: ImportRowError[] = []
        let blank = true
        for (const c of importer.columns) values[c.key] = null
        for (const [i, col] of header.at) {
          const raw = cellValue(cells[i])
          if (raw !== null) blank = false
          shown[col.key] = maskedForReport(col.type, cellText(raw))
          const p = parseCell(col, raw)
          if ('error' in p) problems.push({ row: row.number, column: col.header, value: shown[col.key]!, message: p.error })
          else values[col.key] = p.value
        }
        if (blank) continue
        total++
        if (total > MAX_IMPORT_ROWS) throw new AppError('IMPORT_TOO_LARGE', `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`)
        let staged: object | undefined
        if (!problems.length) {
          const checked = importer.check(ctx, values, ref)
          for (const p of checked.problems) {
            const col = importer.columns.find((c) => c.key === p.column)
            problems.push({ row: row.number, column: col?.header ?? '', value: col ? (shown[col.key] ?? '') : '', message: p.message })
          }
          if (!problems.length && checked.staged) {
            const key = importer.naturalKey(checked.staged)
            const first = seen.get(key)
            if (first !== undefined) problems.push({ row: row.number, column: '', value: '', message: `与第 ${first} 行重复（同一条记录出现两次）` })
            else {
              seen.set(key, row.number)
              staged = checked.staged
            }
          }
        }
        if (problems.length || !staged) {
          errorCount += problems.length
          for (const p of problems) if (errors.length < MAX_REPORTED_ERRORS) errors.push(p)
          continue
        }
        valid++
        if (sample.length < SAMPLE_ROWS) sample.push(importer.present(staged))
        chunk.push({ rowNo: row.number, data: staged })
        if (chunk.length >= IMPORT_CHUNK) await flush()
      }
      break
    }
  } catch (e) {
    if (created) await deleteImportBatch(ctx.db, id)
    if (e instanceof AppError) throw e
    throw new AppError('IMPORT_NOT_XLSX', '文件无法读取：只能导入 .xlsx 格式的 Excel 文件（可先下载模板）')
  }
  if (!header) mapHeader(importer, [], mapping) // an empty sheet lacks every required column
  if (total === 0) {
    await deleteImportBatch(ctx.db, id)
    throw new AppError('IMPORT_EMPTY', '表格中只有表头，没有数据行')
  }
  await flush()
  await updateImportBatch(ctx.db, id, { status: 'checked', processed: total, total, valid, errorCount, errors })
  return {
    importId: id,
    register: importer.register,
    total,
    valid,
    errorCount,
    errors,
    mapping: header!.items,
    sample,
    expiresAt: isoShanghai(expiresAt),
  }
}

/** The caller's own batch of this register that has not expired, or 404. */
async function ownBatch(ctx: Ctx, importId: string, register?: string): Promise<ImportBatchRow> {
  const b = await findImportBatch(ctx.db, importId)
  if (!b || b.createdByUserId !== ctx.actor.userId || (register && b.register !== register) || b.expiresAt <= ctx.now) {
    throw new AppError('NOT_FOUND', '导入批次不存在或已过期，请重新上传')
  }
  return b
}

/** POST /imports/:register/:importId/commit — all or nothing: publish every staged row in one transaction. */
export async function commitImport(ctx: Ctx, importer: AnyImporter, importId: string): Promise<CommitResult> {
  importer.authorize(ctx.actor)
  const batch = await ownBatch(ctx, importId, importer.register)
  if (batch.status === 'committed') throw new AppError('IMPORT_ALREADY_COMMITTED')
  if (batch.status !== 'checked') throw new AppError('INVALID_TRANSITION', '这批数据还没有核对完成')
  if (batch.errorCount > 0) {
    throw new AppError(
      'IMPORT_HAS_ERRORS',
      `表格中还有 ${batch.errorCount} 处错误，请改正后重新上传，全部无误才能导入`,
      (batch.errors as ImportRowError[]).slice(0, 100).map((e) => ({ row: e.row, column: e.column, message: e.message })),
    )
  }
  const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 }
  await commitChange(ctx, {
    entityId: importId,
    apply: (tx) => claimImportBatch(tx, importId, ctx.now),
    conflict: { code: 'IMPORT_ALREADY_COMMITTED' },
    after: async (tx) => {
      for (let after = 0; ; ) {
        const rows = await listImportRows(tx, importId, after, IMPORT_CHUNK)
        if (!rows.length) break
        const c = await importer.publish(ctx, tx, rows.map((r) => r.data as object))
        counts.inserted += c.inserted
        counts.updated += c.updated
        counts.unchanged += c.unchanged
        after = rows.at(-1)!.rowNo
      }
      await updateImportBatch(tx, importId, { result: counts, processed: batch.total })
    },
    audit: () => ({
      action: 'import.commit',
      entityType: 'import',
      entityId: importId,
      after: { register: importer.register, title: importer.title, total: batch.valid, ...counts },
      detail: { fileName: batch.fileName },
    }),
  })
  return { importId, register: importer.register, total: batch.valid, ...counts }
}

/** GET /imports/:importId — where a batch stands (the caller's own). */
export async function importProgress(ctx: Ctx, importId: string, titleOf: (register: string) => string): Promise<ImportProgress> {
  const b = await ownBatch(ctx, importId)
  const status = b.status as ImportStatus
  return {
    importId: b.id,
    register: b.register,
    title: titleOf(b.register),
    status,
    statusName: IMPORT_STATUS_NAMES[status],
    fileName: b.fileName,
    processed: b.processed,
    total: b.total,
    valid: b.valid,
    errorCount: b.errorCount,
    result: (b.result as ImportCounts | null) ?? null,
    createdAt: isoShanghai(b.createdAt),
    committedAt: isoOrNull(b.committedAt),
    expiresAt: isoShanghai(b.expiresAt),
  }
}

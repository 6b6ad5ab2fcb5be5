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
import {
  claimImportBatch,
  deleteExpiredImportBatches,
  deleteImportBatch,
  findImportBatch,
  insertImportBatch,
  insertImportRows,
  listImportRows,
  markImportRows,
  updateImportBatch,
  type ImportBatchRow,
} from './import-queries'
import { countSheetRows } from './sheet-rows'

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

/** An upload this large is always checked in the background (202 at once, progress on GET /imports/:importId). */
export const BACKGROUND_DRY_RUN_BYTES = 512 * 1024

/** How a dry run answered: the report (200) or, for a run going on in the background, where it stands (202). */
export type DryRunOutcome = { done: DryRunResult } | { accepted: ImportProgress; running: Promise<void> }

/**
 * POST /imports/:register/dry-run — read, check and stage a sheet; nothing of the register is written.
 * The header is read and mapped before answering (a mismatch is still a 400, nothing written); the rows are
 * then checked in the request, or — when `background` is asked for (the wizard asks) or the upload is large —
 * after answering 202 with the batch, whose `processed` rises chunk by chunk until it is `checked` (the report
 * on GET /imports/:importId) or `failed` (its `failure`).
 */
export async function dryRunImport(
  ctx: Ctx,
  importer: AnyImporter,
  upload: { bytes: Buffer; fileName: string | null },
  mapping?: Record<string, string>,
  opts: { background?: boolean } = {},
): Promise<DryRunOutcome> {
  importer.authorize(ctx.actor)
  if (!isZip(upload.bytes)) throw new AppError('IMPORT_NOT_XLSX')
  const ref: unknown = await importer.prepare(ctx)
  const id = randomUUID()
  const expiresAt = new Date(ctx.now.getTime() + IMPORT_KEEP_MS)
  let header: HeaderMap | undefined
  const unreadable = () => new AppError('IMPORT_NOT_XLSX', '文件无法读取：只能导入 .xlsx 格式的 Excel 文件（可先下载模板）')

  // the first worksheet holds the data (the template's instructions and lists come after it)
  let rows: AsyncIterator<ExcelJS.Row> | undefined
  let stopReading = async () => {}
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([upload.bytes]), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    })
    const sheets = (reader as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>)[Symbol.asyncIterator]()
    stopReading = async () => {
      await sheets.return?.()
    }
    const first = await sheets.next()
    if (!first.done) rows = first.value[Symbol.asyncIterator]()
    // the header: the first non-empty row
    while (rows && !header) {
      const next = await rows.next()
      if (next.done) break
      const cells = next.value.values as unknown[]
      if (cells.every((v) => cellValue(v) === null)) continue
      header = mapHeader(importer, cells, mapping)
    }
  } catch (e) {
    await stopReading().catch(() => {})
    if (e instanceof AppError) throw e
    throw unreadable()
  }
  if (!header || !rows) {
    await stopReading().catch(() => {})
    mapHeader(importer, [], mapping) // an empty sheet lacks every required column
    throw new AppError('IMPORT_EMPTY', '表格中只有表头，没有数据行')
  }
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
  const map = header
  const body = rows

  let total = 0
  let valid = 0
  let errorCount = 0
  const errors: ImportRowError[] = []
  const sample: { rowNo: number; shown: Record<string, string> }[] = []
  const seen = new Map<string, number>()
  let chunk: { rowNo: number; data: unknown }[] = []
  const flush = async () => {
    await insertImportRows(ctx.db, id, chunk)
    chunk = []
    await updateImportBatch(ctx.db, id, { processed: total })
  }

  const checkRows = async (): Promise<DryRunResult> => {
    try {
      for (let next = await body.next(); !next.done; next = await body.next()) {
        const row = next.value
        const cells = row.values as unknown[]
        const values: ImportValues = {}
        const shown: Record<string, string> = {}
        const problems: ImportRowError[] = []
        let blank = true
        for (const c of importer.columns) values[c.key] = null
        for (const [i, col] of map.at) {
          const raw = cellValue(cells[i])
          if (raw !== null) blank = false
          shown[col.key] = maskedForReport(col.mask ?? col.type, cellText(raw))
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
        if (sample.length < SAMPLE_ROWS * 2) sample.push({ rowNo: row.number, shown: importer.present(staged) })
        chunk.push({ rowNo: row.number, data: staged })
        if (chunk.length >= IMPORT_CHUNK) await flush()
      }
    } catch (e) {
      if (e instanceof AppError) throw e
      throw unreadable()
    } finally {
      await stopReading().catch(() => {})
    }
    if (total === 0) throw new AppError('IMPORT_EMPTY', '表格中只有表头，没有数据行')
    await flush()
    // the register's checks against its stored records, over the whole staged batch at once
    if (importer.checkStaged) {
      const found = await importer.checkStaged(ctx, ctx.db, id)
      if (found.length) {
        const bad = await markImportRows(ctx.db, id, found.map((p) => p.rowNo))
        valid -= bad
        errorCount += found.length
        const faulty = new Set(found.map((p) => p.rowNo))
        for (let i = sample.length - 1; i >= 0; i--) if (faulty.has(sample[i]!.rowNo)) sample.splice(i, 1)
        for (const p of found) {
          const col = importer.columns.find((c) => c.key === p.column)
          if (errors.length < MAX_REPORTED_ERRORS) errors.push({ row: p.rowNo, column: col?.header ?? '', value: '', message: p.message })
        }
        errors.sort((a, b) => a.row - b.row)
      }
    }
    await updateImportBatch(ctx.db, id, { status: 'checked', processed: total, total, valid, errorCount, errors })
    return {
      importId: id,
      register: importer.register,
      total,
      valid,
      errorCount,
      errors,
      mapping: map.items,
      sample: sample.slice(0, SAMPLE_ROWS).map((x) => x.shown),
      expiresAt: isoShanghai(expiresAt),
    }
  }

  const background = opts.background === true || upload.bytes.length >= BACKGROUND_DRY_RUN_BYTES
  if (background) {
    // the total to show progress against, until the exact count is known: the sheet's rows less the header
    const rowsInSheet = await countSheetRows(upload.bytes)
    if (rowsInSheet) await updateImportBatch(ctx.db, id, { total: Math.max(0, rowsInSheet - 1) })
  } else {
    try {
      return { done: await checkRows() }
    } catch (e) {
      await deleteImportBatch(ctx.db, id)
      throw e
    }
  }
  // in the background: a failure is the batch's (status failed, the reason as its only error), never the request's
  const running = checkRows().then(
    () => undefined,
    async (e: unknown) => {
      const message = e instanceof AppError ? e.messageZh : '核对时出错，请重新上传'
      ctx.deps.log?.warn({ importId: id, err: e instanceof AppError ? e.code : String(e) }, 'import dry run failed')
      await updateImportBatch(ctx.db, id, { status: 'failed', processed: total, total, valid: 0, errorCount: 1, errors: [{ row: 0, column: '', value: '', message }] }).catch(() => {})
    },
  )
  return { accepted: await importProgress(ctx, id, () => importer), running }
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
      if (importer.publishStaged) {
        Object.assign(counts, await importer.publishStaged(ctx, tx, importId))
        await updateImportBatch(tx, importId, { result: counts, processed: batch.total })
        return
      }
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

/** GET /imports/:importId — where a batch stands (the caller's own); once checked, its report. */
export async function importProgress(ctx: Ctx, importId: string, importerOf?: (register: string) => AnyImporter | undefined): Promise<ImportProgress> {
  const b = await ownBatch(ctx, importId)
  const status = b.status as ImportStatus
  const importer = importerOf?.(b.register)
  const errors = b.errors as ImportRowError[]
  let report: DryRunResult | undefined
  if (status === 'checked' && importer) {
    const first = await listImportRows(ctx.db, importId, 0, SAMPLE_ROWS, true)
    report = {
      importId: b.id,
      register: b.register,
      total: b.total,
      valid: b.valid,
      errorCount: b.errorCount,
      errors,
      mapping: b.mapping as ImportMappingItem[],
      sample: first.map((r) => importer.present(r.data as object)),
      expiresAt: isoShanghai(b.expiresAt),
    }
  }
  return {
    importId: b.id,
    register: b.register,
    title: importer?.title ?? b.register,
    status,
    statusName: IMPORT_STATUS_NAMES[status],
    fileName: b.fileName,
    processed: b.processed,
    total: b.total,
    valid: b.valid,
    errorCount: b.errorCount,
    result: (b.result as ImportCounts | null) ?? null,
    failure: status === 'failed' ? (errors[0]?.message ?? '核对失败') : null,
    ...(report ? { report } : {}),
    createdAt: isoShanghai(b.createdAt),
    committedAt: isoOrNull(b.committedAt),
    expiresAt: isoShanghai(b.expiresAt),
  }
}

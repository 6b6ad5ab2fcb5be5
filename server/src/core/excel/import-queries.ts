/** The import pipeline's staging SQL (import_batch, import_row). Each takes a handle that may be a transaction. */
import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { importBatch, importRow } from '../../db/schema/index'

export type ImportBatchRow = typeof importBatch.$inferSelect
export type ImportBatchInsert = typeof importBatch.$inferInsert

export async function insertImportBatch(db: Db, row: ImportBatchInsert): Promise<void> {
  await db.insert(importBatch).values(row)
}

export async function findImportBatch(db: Db, id: string): Promise<ImportBatchRow | undefined> {
  const [r] = await db.select().from(importBatch).where(eq(importBatch.id, id)).limit(1)
  return r
}

export async function updateImportBatch(db: Db, id: string, patch: Partial<ImportBatchInsert>): Promise<void> {
  await db.update(importBatch).set(patch).where(eq(importBatch.id, id))
}

export async function deleteImportBatch(db: Db, id: string): Promise<void> {
  await db.delete(importBatch).where(eq(importBatch.id, id))
}

/** checked → committed, once: undefined when another commit took it first. */
export async function claimImportBatch(db: Db, id: string, at: Date): Promise<ImportBatchRow | undefined> {
  const [r] = await db
    .update(importBatch)
    .set({ status: 'committed', committedAt: at })
    .where(and(eq(importBatch.id, id), eq(importBatch.status, 'checked')))
    .returning()
  return r
}

/** A chunk of checked rows of one batch, in one statement (one JSON parameter rather than three a row). */
export async function insertImportRows(db: Db, importId: string, rows: { rowNo: number; data: unknown }[]): Promise<void> {
  if (!rows.length) return
  await db.execute(sql`
    INSERT INTO import_row (import_id, row_no, data)
    SELECT ${importId}::uuid, x."rowNo", x.data FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("rowNo" integer, data jsonb)`)
}

/** The staged rows after `afterRowNo`, in sheet order (only the faultless ones when `readyOnly`). */
export function listImportRows(db: Db, importId: string, afterRowNo: number, limit: number, readyOnly = false): Promise<{ rowNo: number; data: unknown }[]> {
  return db
    .select({ rowNo: importRow.rowNo, data: importRow.data })
    .from(importRow)
    .where(and(eq(importRow.importId, importId), gt(importRow.rowNo, afterRowNo), readyOnly ? eq(importRow.errorCount, 0) : undefined))
    .orderBy(asc(importRow.rowNo))
    .limit(limit)
}

/** Mark staged rows as faulty (a register's check over the batch found a problem); how many rows that is. */
export async function markImportRows(db: Db, importId: string, rowNos: number[]): Promise<number> {
  if (!rowNos.length) return 0
  const rows = await db
    .update(importRow)
    .set({ errorCount: sql`${importRow.errorCount} + 1` })
    .where(and(eq(importRow.importId, importId), inArray(importRow.rowNo, [...new Set(rowNos)])))
    .returning({ rowNo: importRow.rowNo })
  return rows.length
}

/** Housekeeping: batches (and their rows, by cascade) past their time. */
export async function deleteExpiredImportBatches(db: Db, now: Date): Promise<number> {
  const rows = await db.delete(importBatch).where(lt(importBatch.expiresAt, now)).returning({ id: importBatch.id })
  return rows.length
}

/** How many staged rows a batch has (tests, status). */
export async function countImportRows(db: Db, importId: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(importRow).where(eq(importRow.importId, importId))
  return r?.n ?? 0
}

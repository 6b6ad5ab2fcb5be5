import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm'
import { rowsOf, type Db } from '../../db/client'
import { file } from '../../db/schema/index'

const INFO = { id: file.id, mime: file.mime, size: file.size, sha256: file.sha256, keepsLocation: file.keepsLocation }

export async function insertFile(db: Db, f: typeof file.$inferInsert) {
  const rows = await db.insert(file).values(f).returning(INFO)
  return rows[0]!
}

export async function findFileById(db: Db, id: string) {
  const rows = await db.select().from(file).where(eq(file.id, id)).limit(1)
  return rows[0]
}

/** Which of these files belong to this account. */
export async function findOwnedFileIds(db: Db, ownerUserId: number, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const rows = await db
    .select({ id: file.id })
    .from(file)
    .where(and(eq(file.ownerUserId, ownerUserId), inArray(file.id, ids)))
  return new Set(rows.map((r) => r.id))
}

/** Which of these ids still have a row (the orphan sweep keeps their bytes). */
export async function findExistingFileIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const rows = await db.select({ id: file.id }).from(file).where(inArray(file.id, ids))
  return new Set(rows.map((r) => r.id))
}

/** How many files and bytes an account has uploaded since `since` (its daily quota). */
export async function findUploadTotalsSince(db: Db, ownerUserId: number, since: Date): Promise<{ files: number; bytes: number }> {
  const rows = await db
    .select({ files: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${file.size}), 0)::bigint` })
    .from(file)
    .where(and(eq(file.ownerUserId, ownerUserId), gte(file.createdAt, since)))
  return { files: Number(rows[0]?.files ?? 0), bytes: Number(rows[0]?.bytes ?? 0) }
}

/**
 * One account's uploads commit one at a time (until the transaction ends), so two parallel uploads
 * cannot both fit under the quota's last slot. Keyed per account; another account never waits.
 */
export async function lockAccountUploads(tx: Db, ownerUserId: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7345203, ${ownerUserId % 2147483647}::int)`)
}

/**
 * Remove up to `limit` uploads made before `before` that no record ever referred to, returning them.
 * Rows an attaching transaction holds right now are skipped (its foreign key locks them); the next
 * run sees them attached.
 */
export async function deleteUnattachedFilesBefore(tx: Db, before: Date, limit: number) {
  const doomed = tx
    .select({ id: file.id })
    .from(file)
    .where(and(isNull(file.attachedAt), lt(file.createdAt, before)))
    .orderBy(asc(file.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true })
  return tx
    .delete(file)
    .where(inArray(file.id, doomed))
    .returning({ id: file.id, ownerUserId: file.ownerUserId, mime: file.mime, size: file.size, createdAt: file.createdAt })
}

// ---- files that still hold their bytes in the database (before migration 0016) ----------------

/** Whether the table still has its bytea column (the migration that drops it has not run yet). */
export async function hasLegacyFileData(db: Db): Promise<boolean> {
  const res = await db.execute(sql`
    SELECT 1 FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name = 'file' AND column_name = 'data'`)
  return rowsOf(res).length > 0
}

export async function listLegacyFileIds(db: Db): Promise<string[]> {
  const res = await db.execute(sql`SELECT id::text AS id FROM file ORDER BY created_at, id`)
  return rowsOf<{ id: string }>(res).map((r) => r.id)
}

export async function readLegacyFileBytes(db: Db, id: string): Promise<{ data: Buffer; mime: string; sha256: string } | undefined> {
  const res = await db.execute(sql`SELECT data, mime, sha256 FROM file WHERE id = ${id}::uuid`)
  const row = rowsOf<{ data: Buffer | Uint8Array; mime: string; sha256: string }>(res)[0]
  return row && { data: Buffer.isBuffer(row.data) ? row.data : Buffer.from(row.data), mime: row.mime, sha256: row.sha256 }
}

/** Rewrite the table so the space the dropped bytes took goes back to the disk (not in a transaction). */
export async function compactFileTable(db: Db): Promise<void> {
  await db.execute(sql`VACUUM FULL file`)
}

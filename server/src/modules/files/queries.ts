import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { file } from '../../db/schema/index'

export async function insertFile(db: Db, f: typeof file.$inferInsert) {
  const rows = await db.insert(file).values(f).returning({ id: file.id, mime: file.mime, size: file.size, sha256: file.sha256 })
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

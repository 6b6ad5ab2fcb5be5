import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { category } from '../../db/schema/index'

export type CategoryRow = typeof category.$inferSelect

export function listCategories(db: Db) {
  return db.select().from(category).orderBy(asc(category.sort), asc(category.code))
}

export async function findCategory(db: Db, code: string) {
  const rows = await db.select().from(category).where(eq(category.code, code)).limit(1)
  return rows[0]
}

export async function upsertCategories(db: Db, rows: (typeof category.$inferInsert)[]): Promise<void> {
  if (rows.length === 0) return
  await db.insert(category).values(rows).onConflictDoNothing()
}

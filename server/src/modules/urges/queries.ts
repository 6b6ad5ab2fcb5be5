/** The only SQL of 催办. */
import { and, desc, eq, gte } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appealUrge } from '../../db/schema/index'

export async function findRecentUrge(db: Db, appealId: number, since: Date) {
  const rows = await db.select().from(appealUrge).where(and(eq(appealUrge.appealId, appealId), gte(appealUrge.at, since))).orderBy(desc(appealUrge.at)).limit(1)
  return rows[0]
}

export async function insertUrge(db: Db, row: typeof appealUrge.$inferInsert) {
  const [r] = await db.insert(appealUrge).values(row).returning()
  return r
}

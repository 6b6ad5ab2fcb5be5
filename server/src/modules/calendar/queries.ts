import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { workCalendar } from '../../db/schema/index'
import type { CalendarEntry } from './chinese-days'

export function listCalendarExceptions(db: Db) {
  return db.select().from(workCalendar).orderBy(asc(workCalendar.day))
}

/** Insert holiday rows that are not there yet; never overwrite an admin's edit. */
export async function insertCalendarEntries(db: Db, entries: CalendarEntry[], source = 'chinese-days'): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    const chunk = entries.slice(i, i + 500)
    await db
      .insert(workCalendar)
      .values(chunk.map((e) => ({ day: e.day, isWorkday: e.isWorkday, name: e.name, source })))
      .onConflictDoNothing()
  }
}

const yearOf = (year: number) => and(gte(workCalendar.day, `${year}-01-01`), lte(workCalendar.day, `${year}-12-31`))

/** How many rows of each source a year holds. */
export async function countYearSources(db: Db, year: number): Promise<Record<string, number>> {
  const rows = await db
    .select({ source: workCalendar.source, n: sql<number>`count(*)::int` })
    .from(workCalendar)
    .where(yearOf(year))
    .groupBy(workCalendar.source)
  return Object.fromEntries(rows.map((r) => [r.source, r.n]))
}

/** Drop a year's provisional rows (the official schedule has arrived). */
export async function deleteProvisionalRows(db: Db, year: number): Promise<void> {
  await db.delete(workCalendar).where(and(yearOf(year), eq(workCalendar.source, 'provisional')))
}

/** The administrator accepts a year's provisional rows as its official schedule. */
export function confirmProvisionalRows(db: Db, year: number) {
  return db
    .update(workCalendar)
    .set({ source: 'admin', name: sql`replace(${workCalendar.name}, '（暂定）', '')` })
    .where(and(yearOf(year), inArray(workCalendar.source, ['provisional'])))
    .returning()
}

export function listCalendarYear(db: Db, year: number) {
  return db
    .select()
    .from(workCalendar)
    .where(and(gte(workCalendar.day, `${year}-01-01`), lte(workCalendar.day, `${year}-12-31`)))
    .orderBy(asc(workCalendar.day))
}

export async function findCalendarDay(db: Db, day: string) {
  const rows = await db.select().from(workCalendar).where(eq(workCalendar.day, day)).limit(1)
  return rows[0]
}

export type CalendarRow = typeof workCalendar.$inferSelect

export async function upsertCalendarDay(db: Db, row: typeof workCalendar.$inferInsert) {
  const [r] = await db
    .insert(workCalendar)
    .values(row)
    .onConflictDoUpdate({ target: workCalendar.day, set: { isWorkday: row.isWorkday, name: row.name, source: row.source } })
    .returning()
  return r!
}

export async function deleteCalendarDay(db: Db, day: string): Promise<void> {
  await db.delete(workCalendar).where(eq(workCalendar.day, day))
}

import { asc } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { workCalendar } from '../../db/schema/index'
import type { CalendarEntry } from './chinese-days'

export function listCalendarExceptions(db: Db) {
  return db.select().from(workCalendar).orderBy(asc(workCalendar.day))
}

/** Insert holiday rows that are not there yet; never overwrite an admin's edit. */
export async function insertCalendarEntries(db: Db, entries: CalendarEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    const chunk = entries.slice(i, i + 500)
    await db
      .insert(workCalendar)
      .values(chunk.map((e) => ({ day: e.day, isWorkday: e.isWorkday, name: e.name, source: 'chinese-days' })))
      .onConflictDoNothing()
  }
}

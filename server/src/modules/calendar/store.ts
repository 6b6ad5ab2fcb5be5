/** The working calendar held in memory (a few hundred rows), loaded from the work_calendar table. */
import type { Db } from '../../db/client'
import { listCalendarExceptions } from './queries'
import { makeCalendar, type CalendarStore } from '../../lib/working-time'

export type { CalendarStore }

export async function loadCalendarStore(db: Db): Promise<CalendarStore> {
  let current = makeCalendar([])
  const store: CalendarStore = {
    get: () => current,
    async reload(d: Db) {
      const rows = await listCalendarExceptions(d)
      current = makeCalendar(rows.map((r) => [r.day, r.isWorkday] as const))
    },
  }
  await store.reload(db)
  return store
}

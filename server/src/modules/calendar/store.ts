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
      const provisional = rows.filter((r) => r.source === 'provisional').map((r) => Number(r.day.slice(0, 4)))
      current = makeCalendar(
        rows.map((r) => [r.day, r.isWorkday] as const),
        undefined,
        undefined,
        provisional,
      )
    },
  }
  await store.reload(db)
  return store
}

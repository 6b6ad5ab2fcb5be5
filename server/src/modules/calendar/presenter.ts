/** The working calendar as the API shows it. */
import type { CalendarDay } from '#contracts/calendar'
import type { WorkCalendar } from '../../lib/working-time'
import type { CalendarRow } from './queries'

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

export function presentDay(r: CalendarRow): CalendarDay {
  return { day: r.day, isWorkday: r.isWorkday, name: r.name, source: r.source }
}

export function presentYear(year: number, cal: WorkCalendar, rows: CalendarRow[]) {
  return { year, workStart: hhmm(cal.workStart), workEnd: hhmm(cal.workEnd), days: rows.map(presentDay) }
}

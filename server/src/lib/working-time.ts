/**
 * Working-time arithmetic (DOMAIN §3.3, §6): one function adds a limit to an instant, and every
 * deadline in the system is computed with it. Working days follow the State Council calendar
 * (holidays off, 调休 make-up days on); working hours are 09:00–17:30 Asia/Shanghai.
 * "N working days" means N × (one working day's minutes) of working time: an appeal received at
 * 16:00 on a Friday with one working day to go is due at 16:00 on the next working day (90 minutes
 * on Friday, 420 on the next).
 */
import type { Limit } from '#contracts/appeals'
import type { Db } from '../db/client'
import { SHANGHAI_OFFSET_MS, shanghaiDate, weekday, addDays } from './time'

/** The working calendar in memory, reloaded when the administrator edits it (modules/calendar loads it). */
export interface CalendarStore {
  get(): WorkCalendar
  reload(db: Db): Promise<void>
}

export interface WorkCalendar {
  /** exceptions to Monday–Friday: date → isWorkday */
  readonly exceptions: ReadonlyMap<string, boolean>
  /** minutes after local midnight */
  readonly workStart: number
  readonly workEnd: number
  /** years whose schedule is only computed, not yet the State Council's (no 调休) */
  readonly provisionalYears: ReadonlySet<number>
}

export const DEFAULT_WORK_START = 9 * 60
export const DEFAULT_WORK_END = 17 * 60 + 30

export function makeCalendar(
  exceptions: Iterable<readonly [string, boolean]>,
  workStart = DEFAULT_WORK_START,
  workEnd = DEFAULT_WORK_END,
  provisionalYears: Iterable<number> = [],
): WorkCalendar {
  return { exceptions: new Map(exceptions), workStart, workEnd, provisionalYears: new Set(provisionalYears) }
}

/** Does the span [from, to] touch a year whose calendar is provisional (a deadline computed on it says so)? */
export function spansProvisional(cal: WorkCalendar, from: Date, to: Date): boolean {
  const first = Number(shanghaiDate(from).slice(0, 4))
  const last = Number(shanghaiDate(to).slice(0, 4))
  for (let y = first; y <= last; y++) if (cal.provisionalYears.has(y)) return true
  return false
}

export function isWorkday(cal: WorkCalendar, day: string): boolean {
  const ex = cal.exceptions.get(day)
  if (ex !== undefined) return ex
  const w = weekday(day)
  return w !== 0 && w !== 6
}

export function workdayMinutes(cal: WorkCalendar): number {
  return cal.workEnd - cal.workStart
}

const MIN = 60_000

/** Add working minutes to an instant, skipping nights, weekends and holidays. */
export function addWorkingMinutes(cal: WorkCalendar, start: Date, minutes: number): Date {
  if (minutes <= 0) return new Date(start)
  let remaining = minutes * MIN
  let day = shanghaiDate(start)
  let t = start.getTime()
  // A guard against an absurd calendar (no working day for years): 20 years of days.
  for (let i = 0; i < 7300; i++) {
    if (isWorkday(cal, day)) {
      const dayStart = Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS
      const open = dayStart + cal.workStart * MIN
      const close = dayStart + cal.workEnd * MIN
      if (t < open) t = open
      if (t < close) {
        const available = close - t
        if (remaining <= available) return new Date(t + remaining)
        remaining -= available
      }
    }
    day = addDays(day, 1)
    t = Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS
  }
  throw new Error('working calendar has no working time in 20 years')
}

/** Add a limit (calendar or working time) to an instant. */
export function addLimit(cal: WorkCalendar, start: Date, limit: Limit): Date {
  switch (limit.unit as Limit['unit']) {
    case 'minutes':
      return new Date(start.getTime() + limit.amount * MIN)
    case 'hours':
      return new Date(start.getTime() + limit.amount * 60 * MIN)
    case 'days':
      return new Date(start.getTime() + limit.amount * 24 * 60 * MIN)
    case 'workingHours':
      return addWorkingMinutes(cal, start, limit.amount * 60)
    case 'workingDays':
      return addWorkingMinutes(cal, start, limit.amount * workdayMinutes(cal))
    default:
      // Limits come from category rows edited by admins: an unknown unit must fail loudly here
      // rather than become an undefined deadline further on.
      throw new Error(`unknown limit unit: ${String((limit as { unit: unknown }).unit)}`)
  }
}

/** Working minutes between two instants (for "70% of the limit used" and lateness). */
export function workingMinutesBetween(cal: WorkCalendar, from: Date, to: Date): number {
  if (to <= from) return 0
  let total = 0
  let day = shanghaiDate(from)
  const end = to.getTime()
  for (let i = 0; i < 7300; i++) {
    const dayStart = Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS
    if (dayStart >= end) break
    if (isWorkday(cal, day)) {
      const open = Math.max(dayStart + cal.workStart * MIN, from.getTime())
      const close = Math.min(dayStart + cal.workEnd * MIN, end)
      if (close > open) total += close - open
    }
    day = addDays(day, 1)
  }
  return total / MIN
}

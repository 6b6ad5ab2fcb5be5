/**
 * When a subject is next due, and how a month's visits count against the frequency — pure functions over
 * Asia/Shanghai days (YYYY-MM-DD), so the list, the campaign progress and the coverage figures agree.
 */
import { DUE_SOON_DAYS, type DueState } from '#contracts/visits'
import { addDays, shanghaiDate } from '../../lib/time'

/** b − a in whole days. */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)

/**
 * The next due day: the last visit's day plus the frequency; never visited → the day it entered the register.
 * Overdue once that day has passed, due when it is at most DUE_SOON_DAYS away.
 */
export function dueOf(s: { enteredOn: string; lastVisitMs: number | null }, frequencyDays: number, today: string): { nextDueDate: string; state: DueState; daysOverdue: number } {
  const nextDueDate = s.lastVisitMs !== null ? addDays(shanghaiDate(new Date(s.lastVisitMs)), frequencyDays) : s.enteredOn
  const ahead = daysBetween(today, nextDueDate)
  const state: DueState = ahead < 0 ? 'overdue' : ahead <= DUE_SOON_DAYS ? 'due' : 'ok'
  return { nextDueDate, state, daysOverdue: Math.max(0, -ahead) }
}

export interface MonthCount {
  /** visits that fell due in the month, up to today (a due day still ahead is not counted yet) */
  due: number
  onTime: number
  late: number
  overdue: number
}

/**
 * One subject's month [from, to): walk its due days. A due day is met on time by any visit on or before it
 * (the latest of them starts the next interval), late by the first visit after it, and is overdue when it
 * has passed (before today) with no visit. A due day carried in from before the month counts in the month.
 */
export function countMonth(o: { enteredOn: string; lastBeforeMs: number | null; visitDays: string[]; frequencyDays: number; from: string; to: string; today: string }): MonthCount {
  const out: MonthCount = { due: 0, onTime: 0, late: 0, overdue: 0 }
  let due = o.lastBeforeMs !== null ? addDays(shanghaiDate(new Date(o.lastBeforeMs)), o.frequencyDays) : o.enteredOn
  let i = 0
  const days = o.visitDays
  while (due < o.to) {
    let latest: string | undefined
    while (i < days.length && days[i]! <= due) latest = days[i++]
    if (latest !== undefined) {
      out.due++
      out.onTime++
    } else if (i < days.length) {
      latest = days[i++]!
      out.due++
      out.late++
    } else {
      if (due < o.today) {
        out.due++
        out.overdue++
      }
      break
    }
    const next = addDays(latest, o.frequencyDays)
    due = next > due ? next : addDays(due, 1)
  }
  return out
}

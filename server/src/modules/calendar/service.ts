/** The working calendar: everyone may read it; the system administrator adds or corrects days. */
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import { notFound } from '../../errors'
import { commitChange } from '../../core'
import { authorize } from '../../permissions'
import type { CalendarDay } from '#contracts/calendar'
import { chineseDaysEntries } from './chinese-days'
import { presentDay, presentYear } from './presenter'
import { deleteCalendarDay, findCalendarDay, listCalendarYear, upsertCalendarDay } from './queries'
import { isWorkday, makeCalendar } from '../../lib/working-time'

/** The days the chinese-days package lists (re-inserted at every start if missing). */
let packageDays: Set<string> | undefined
const isPackageDay = (day: string) => (packageDays ??= new Set(chineseDaysEntries().map((e) => e.day))).has(day)

/** Name of the row that records "this package day follows Monday–Friday after all". */
export const CLEARED_NAME = '取消特别安排'

export async function getCalendarYear(ctx: Ctx, year: number) {
  return presentYear(year, ctx.deps.calendar.get(), await listCalendarYear(ctx.db, year))
}

export async function setCalendarDay(ctx: Ctx, day: string, isWorkdayValue: boolean, name: string | undefined): Promise<CalendarDay> {
  authorize(ctx.actor, 'calendar.edit')
  const before = await findCalendarDay(ctx.db, day)
  const row = await commitChange(ctx, {
    entityId: day,
    apply: (tx: Db) => upsertCalendarDay(tx, { day, isWorkday: isWorkdayValue, name: name ?? null, source: 'admin' }),
    audit: (r) => ({ action: 'calendar.set', entityType: 'calendar', before: before ?? null, after: r }),
  })
  await ctx.deps.calendar.reload(ctx.db)
  return presentDay(row)
}

/**
 * Remove an exception: the day follows the Monday–Friday rule again. A day the chinese-days package
 * lists cannot simply be deleted — every start re-inserts missing package days, which would silently
 * undo the administrator's decision — so it is kept as an admin row holding the Monday–Friday value.
 */
export async function clearCalendarDay(ctx: Ctx, day: string): Promise<{ day: string; isWorkday: boolean }> {
  authorize(ctx.actor, 'calendar.edit')
  const before = await findCalendarDay(ctx.db, day)
  if (!before) throw notFound('该日期没有特别安排')
  const weekdayRule = isWorkday(makeCalendar([]), day)
  if (isPackageDay(day) && before.source === 'admin' && before.isWorkday === weekdayRule && before.name === CLEARED_NAME) {
    throw notFound('该日期没有特别安排')
  }
  // a package day stays as an admin row holding the Monday–Friday value; any other day's row goes
  await commitChange(ctx, {
    entityId: day,
    apply: async (tx: Db) =>
      isPackageDay(day) ? upsertCalendarDay(tx, { day, isWorkday: weekdayRule, name: CLEARED_NAME, source: 'admin' }) : deleteCalendarDay(tx, day).then(() => null),
    audit: (after) => ({ action: 'calendar.clear', entityType: 'calendar', before, ...(after ? { after } : {}) }),
  })
  await ctx.deps.calendar.reload(ctx.db)
  return { day, isWorkday: isWorkday(ctx.deps.calendar.get(), day) }
}

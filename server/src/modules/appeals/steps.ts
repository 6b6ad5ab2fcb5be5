/**
 * Timed steps (DOMAIN §3.3): each step of an appeal that has a limit — response, resolve, verify,
 * reply, and each whistled department's report-in — is a row with its due time, the 70% warning
 * time and the red-card time (twice the limit), plus any approved extension.
 */
import type { Limit } from '#contracts/appeals'
import { addLimit, addWorkingMinutes, spansProvisional, workingMinutesBetween, type WorkCalendar } from '../../lib/working-time'

import type { Step } from '#contracts/workflow'
export { OVERDUE_NAMES, STEP_NAMES, STEPS, type Step } from '#contracts/workflow'

export const WARNING_SHARE = 0.7

export interface StepTimes {
  dueAt: Date
  warnAt: Date
  redAt: Date
}

const isWorking = (l: Limit) => l.unit === 'workingDays' || l.unit === 'workingHours'

/** Due, 70%-warning and red-card times of a step, with `extensionDays` working days added. */
export function stepTimes(cal: WorkCalendar, startedAt: Date, limit: Limit, extensionDays = 0): StepTimes {
  const ext = (d: Date) => (extensionDays > 0 ? addLimit(cal, d, { amount: extensionDays, unit: 'workingDays' }) : d)
  const dueAt = ext(addLimit(cal, startedAt, limit))
  const warnAt = isWorking(limit)
    ? addWorkingMinutes(cal, startedAt, WARNING_SHARE * workingMinutesBetween(cal, startedAt, dueAt))
    : new Date(startedAt.getTime() + WARNING_SHARE * (dueAt.getTime() - startedAt.getTime()))
  const redAt = ext(addLimit(cal, startedAt, { amount: limit.amount * 2, unit: limit.unit }))
  return { dueAt, warnAt, redAt }
}

/** A calendar-minute limit from now to a fixed instant (a whistle's report-by time). */
export function limitUntil(start: Date, until: Date): Limit {
  return { amount: Math.max(1, Math.round((until.getTime() - start.getTime()) / 60_000)), unit: 'minutes' }
}

/** What the timeline says of a deadline computed on a provisional calendar (a year without its official schedule). */
export const PROVISIONAL_NOTE = '时限按暂定工作日历计算（该年度国务院节假日安排尚未录入）'

/** The timeline's note for steps started now, if any of their deadlines falls in a provisional year. */
export function provisionalNote(cal: WorkCalendar, now: Date, limits: Limit[]): { calendar?: string } {
  return limits.some((l) => spansProvisional(cal, now, stepTimes(cal, now, l).dueAt)) ? { calendar: PROVISIONAL_NOTE } : {}
}

/** The overdue flags of the appeal that steps run past their limit set (the statistics' overdue kinds). */
export function overdueMarks(steps: Step[]): { responseOverdue?: true; resolveOverdue?: true; dispatchOverdue?: true; reviewOverdue?: true } {
  return {
    ...(steps.includes('response') ? { responseOverdue: true } : {}),
    ...(steps.includes('resolve') ? { resolveOverdue: true } : {}),
    ...(steps.includes('dispatch') ? { dispatchOverdue: true } : {}),
    ...(steps.includes('review') ? { reviewOverdue: true } : {}),
  }
}

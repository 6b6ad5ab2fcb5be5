/**
 * Keeping the calendar ahead of time. The package holds the State Council's schedule only for the years
 * it knows (2026 at this writing); for the current and the next year it lacks, a provisional schedule is
 * computed (chinese-days.ts: the statutory holidays, no 调休), marked `provisional`, and the system
 * administrator is told — in the inbox and on /healthz — from November of the year before, until the
 * official schedule is entered and confirmed, or a newer package provides it.
 */
import type { Ctx } from '../../context'
import { auditExists, commitChange, notifyOnly, recordAudit } from '../../core'
import type { Db } from '../../db/client'
import { shanghaiDate } from '../../lib/time'
import { authorize } from '../../permissions'
import { chineseDaysEntries, packageYears, provisionalEntries } from './chinese-days'
import { presentDay } from './presenter'
import { confirmProvisionalRows, countYearSources, deleteProvisionalRows, insertCalendarEntries } from './queries'

/** The official schedule the package has, and a provisional one for this year and next where it has none. */
export async function ensureCalendarYears(db: Db, now: Date): Promise<void> {
  const official = packageYears()
  const year = Number(shanghaiDate(now).slice(0, 4))
  // an official year that was provisional so far: the package's schedule replaces the computed one
  for (const y of [year - 1, year, year + 1]) if (official.has(y)) await deleteProvisionalRows(db, y)
  await insertCalendarEntries(db, chineseDaysEntries())
  for (const y of [year, year + 1]) {
    if (official.has(y)) continue
    const sources = await countYearSources(db, y)
    if (!sources['chinese-days'] && !sources.admin) await insertCalendarEntries(db, provisionalEntries(y), 'provisional')
  }
}

/** The years whose calendar is provisional and already matter: this year, and next year from November on. */
export async function provisionalYearsDue(db: Db, now: Date): Promise<number[]> {
  const today = shanghaiDate(now)
  const year = Number(today.slice(0, 4))
  const due: number[] = []
  for (const y of [year, year + 1]) {
    if (y > year && today < `${year}-11-01`) continue
    const sources = await countYearSources(db, y)
    if (sources.provisional || (!sources['chinese-days'] && !sources.admin)) due.push(y)
  }
  return due
}

export const provisionalWarning = (year: number) =>
  `${year} 年工作日历为系统推算的暂定安排（仅法定节假日，无调休），请系统管理员录入国务院办公厅正式通知并确认`

/** Tell the system administrators once per year that it is still provisional (the leader's job runs this). */
export async function warnProvisionalCalendar(ctx: Ctx): Promise<number> {
  let told = 0
  for (const year of await provisionalYearsDue(ctx.db, ctx.now)) {
    const notice = { action: 'calendar.provisionalNotice', entityType: 'calendar', entityId: String(year), detail: { year } }
    if (await auditExists(ctx.db, notice)) continue
    await recordAudit(ctx, ctx.db, notice)
    await notifyOnly(ctx, [
      { to: [{ kind: 'role', role: 'systemAdmin' }], kind: 'calendarProvisional', title: `请录入 ${year} 年节假日安排`, body: provisionalWarning(year) },
    ])
    told++
  }
  return told
}

/** The system administrator accepts a year's schedule (after entering the official days) as official. */
export async function confirmCalendarYear(ctx: Ctx, year: number) {
  authorize(ctx.actor, 'calendar.edit')
  const rows = await commitChange(ctx, {
    entityId: year,
    apply: (tx: Db) => confirmProvisionalRows(tx, year),
    audit: (r) => ({ action: 'calendar.confirmYear', entityType: 'calendar', detail: { year, days: r.length } }),
  })
  await ctx.deps.calendar.reload(ctx.db)
  return { year, confirmed: rows.map(presentDay) }
}

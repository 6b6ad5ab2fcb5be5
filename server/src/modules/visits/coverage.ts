/**
 * 走访覆盖: for a place and a month, per grid and community — subjects on the lists, visits that fell due (up to
 * today), met on time, late, and overdue, and the on-time share. Computed from the registers and the recorded
 * visits (schedule.ts countMonth), never filled in; the monthly tables read these figures through index.ts.
 */
import type { CoverageRow, VisitCoverage, VisitCoverageQuery } from '#contracts/visits'
import type { Ctx } from '../../context'
import { shanghaiDate, shanghaiDayStart } from '../../lib/time'
import { authorize } from '../../permissions'
import { findRegionName, listSubjects, listVisitTimes } from './queries'
import { listableRules } from './rules'
import { countMonth } from './schedule'

const nextMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

const emptyRow = (level: CoverageRow['level'], code: string, name: string): CoverageRow => ({
  level,
  code,
  name,
  subjects: 0,
  due: 0,
  visitedOnTime: 0,
  visitedLate: 0,
  overdue: 0,
  coverageRate: null,
})

export async function visitCoverage(ctx: Ctx, q: VisitCoverageQuery): Promise<VisitCoverage> {
  authorize(ctx.actor, 'visit.read')
  if (q.placeCode) authorize(ctx.actor, 'visit.at', q.placeCode)
  const placeCode = q.placeCode ?? ctx.actor.placeCode!
  const today = shanghaiDate(ctx.now)
  const month = q.month ?? today.slice(0, 7)
  const from = `${month}-01`
  const to = `${nextMonth(month)}-01`
  const rules = await listableRules(ctx)
  const subjects = await listSubjects(ctx.db, { prefix: placeCode, kinds: [...rules.keys()], asOf: new Date(shanghaiDayStart(from).getTime() - 1) })
  const visits = await listVisitTimes(ctx.db, { prefix: placeCode, from: shanghaiDayStart(from), to: shanghaiDayStart(to) })
  const daysOf = new Map<string, string[]>()
  for (const v of visits) {
    const key = `${v.subjectType}:${v.subjectId}`
    const list = daysOf.get(key) ?? []
    list.push(shanghaiDate(v.visitedAt))
    daysOf.set(key, list)
  }
  const grids = new Map<string, CoverageRow>()
  const communities = new Map<string, CoverageRow>()
  const total = emptyRow('total', placeCode, (await findRegionName(ctx.db, placeCode)) ?? placeCode)
  // a month still ahead counts nothing as due; today bounds the current month
  const bound = today < from ? from : today > to ? to : today
  for (const s of subjects) {
    const m = countMonth({
      enteredOn: s.enteredOn,
      lastBeforeMs: s.lastVisitMs,
      visitDays: daysOf.get(`${s.subjectType}:${s.subjectId}`) ?? [],
      frequencyDays: rules.get(s.subjectKind)!,
      from,
      to,
      today: bound,
    })
    let g = grids.get(s.gridCode)
    if (!g) grids.set(s.gridCode, (g = emptyRow('grid', s.gridCode, s.gridName)))
    let c = communities.get(s.communityCode)
    if (!c) communities.set(s.communityCode, (c = emptyRow('community', s.communityCode, s.communityName)))
    for (const r of [g, c, total]) {
      r.subjects++
      r.due += m.due
      r.visitedOnTime += m.onTime
      r.visitedLate += m.late
      r.overdue += m.overdue
    }
  }
  const rows = [...[...communities.values()].flatMap((c) => [c, ...[...grids.values()].filter((g) => g.code.startsWith(c.code))]), total]
  for (const r of rows) r.coverageRate = r.due > 0 ? Math.round((r.visitedOnTime / r.due) * 1000) / 1000 : null
  return { placeCode, month, rows }
}

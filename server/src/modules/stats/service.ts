/**
 * 响应率 · 解决率 · 满意率 and the rest of DOMAIN §3.5, for a place or a department, and the same per
 * child place ranked worst first (排队抓尾). Every level sees its own place and what is under it.
 */
import type { Ctx } from '../../context'
import { AppError, notFound } from '../../errors'
import { addDays, shanghaiDate, shanghaiDayStart } from '../../lib/time'
import { authorize } from '../../permissions'
import type { ChildrenStatsQuery, OverviewQuery, PERIODS, StatsOverview } from '#contracts/stats'
import { presentDepartmentOverview, presentFigures } from './presenter'
import { findDepartment, findGrid, findRegion, listGridsOfCommunity, listRegionChildren } from '../places'
import { departmentFigures, departmentReportIn, rawPlaceFigures, type FigureRow } from './queries'
import { rollupFigures, type RollupGroup } from './rollup-queries'

const MAX_DAYS = 3 * 366 + 1

/** The first day of the period a name gives, up to today (Asia/Shanghai). */
function periodStart(today: string, name: (typeof PERIODS)[number] | undefined): string {
  switch (name) {
    case 'quarter':
      return `${today.slice(0, 5)}${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`
    case 'year':
      return `${today.slice(0, 4)}-01-01`
    case 'last30':
      return addDays(today, -29)
    default:
      return `${today.slice(0, 8)}01`
  }
}

/** [from, to) in Shanghai days: the named period (this month by default) up to today, unless from/to say otherwise. */
export function period(ctx: Ctx, q: { period?: (typeof PERIODS)[number]; from?: string; to?: string }) {
  const today = shanghaiDate(ctx.now)
  const from = q.from ?? periodStart(today, q.period)
  const to = q.to ?? addDays(today, 1)
  if (to <= from) throw new AppError('INVALID_RANGE', '截止日期必须晚于起始日期（截止日不含）')
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) throw new AppError('RANGE_TOO_LONG', '统计区间不能超过三年')
  return { from, to, fromAt: shanghaiDayStart(from), toAt: shanghaiDayStart(to) }
}

const CHILD_GROUP: Record<number, RollupGroup> = { 2: 'city', 4: 'county', 6: 'street' }

/**
 * Province, city, county and street figures come from the rollups (months + edge days + live
 * deltas); a street's communities and anything smaller are counted from the appeals directly.
 */
function placeFigures(ctx: Ctx, code: string, p: ReturnType<typeof period>, byChild: boolean): Promise<FigureRow[]> {
  if (code.length < 9 || (code.length === 9 && !byChild)) {
    return rollupFigures(ctx.db, code, p.from, p.to, byChild ? CHILD_GROUP[code.length]! : 'none')
  }
  return rawPlaceFigures(ctx.db, code, p.fromAt, p.toAt, byChild)
}

/** The place asked about, or the caller's own; a caller with no place (a department) must name one it may read. */
export function placeOf(ctx: Ctx, asked: string | undefined): string {
  const code = asked ?? ctx.actor.placeCode
  if (code) return code
  authorize(ctx.actor, 'stats.places')
  throw notFound('地点不存在或不在您的辖区内')
}

export async function placeScope(ctx: Ctx, code: string) {
  authorize(ctx.actor, 'stats.places')
  authorize(ctx.actor, 'stats.place', code)
  const named = code.length === 15 ? await findGrid(ctx.db, code) : await findRegion(ctx.db, code)
  if (!named) throw notFound('地点不存在或不在您的辖区内')
  const level = ({ 2: 'province', 4: 'city', 6: 'county', 9: 'street', 12: 'community', 15: 'grid' } as Record<number, string>)[code.length]!
  return { kind: 'place', code, name: named.name, level }
}

export async function getOverview(ctx: Ctx, q: OverviewQuery): Promise<StatsOverview> {
  const a = ctx.actor
  authorize(a, 'stats.read')
  const p = period(ctx, q)
  // A department asking with no parameter gets its own figures.
  const departmentCode = q.department ?? (a.role === 'department' && !q.place ? a.departmentCode : null)
  if (departmentCode) {
    if (q.place) throw new AppError('PLACE_OR_DEPARTMENT', 'place 与 department 只能选一个')
    const dept = await findDepartment(ctx.db, departmentCode)
    if (!dept) throw notFound('部门不存在或无权查看')
    authorize(a, 'stats.department', dept)
    const [row, rep] = await Promise.all([
      departmentFigures(ctx.db, dept.code, p.fromAt, p.toAt),
      departmentReportIn(ctx.db, dept.code, p.fromAt, p.toAt),
    ])
    return presentDepartmentOverview(dept, p, row, rep)
  }
  const code = placeOf(ctx, q.place)
  const scope = await placeScope(ctx, code)
  const [row] = await placeFigures(ctx, code, p, false)
  return { scope, from: p.from, to: p.to, figures: presentFigures(row) }
}

/** The same figures for every child place, worst first (lowest resolution, response, satisfaction). */
export async function getChildren(ctx: Ctx, q: ChildrenStatsQuery) {
  const p = period(ctx, q)
  const code = placeOf(ctx, q.place)
  const scope = await placeScope(ctx, code)
  if (code.length === 15) throw new AppError('NO_CHILD_PLACES', '网格没有下级地点')
  const rows = new Map((await placeFigures(ctx, code, p, true)).map((r) => [r.key, r]))
  // A retired grid keeps its history: it is listed when it received appeals in the period, so the
  // children always add up to the parent.
  const children =
    code.length === 12
      ? (await listGridsOfCommunity(ctx.db, code, true))
          .filter((g) => !g.retiredAt || rows.has(g.code))
          .map((g) => ({ code: g.code, name: g.name, level: 'grid' }))
      : (await listRegionChildren(ctx.db, code)).map((r) => ({ code: r.code, name: r.name, level: r.level }))
  const items = children.map((c) => ({ place: { kind: 'place', ...c }, figures: presentFigures(rows.get(c.code)) }))
  const worstFirst = (x: number | null, y: number | null) => (x ?? 2) - (y ?? 2)
  items.sort(
    (a, b) =>
      worstFirst(a.figures.resolutionRate, b.figures.resolutionRate) ||
      worstFirst(a.figures.responseRate, b.figures.responseRate) ||
      worstFirst(a.figures.satisfactionRate, b.figures.satisfactionRate) ||
      b.figures.received - a.figures.received ||
      a.place.code.localeCompare(b.place.code),
  )
  return { scope, from: p.from, to: p.to, items }
}

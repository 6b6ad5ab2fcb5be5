/**
 * 统计：按大类、按渠道. The overview's own authorisation and period decide who may ask and for
 * when; the figures are the same counters, grouped.
 */
import type { StatsBreakdown } from '#contracts/stats'
import { CHANNEL_NAMES, labelOf } from '#contracts/labels'
import type { Ctx } from '../../context'
import { shanghaiDayStart } from '../../lib/time'
import { authorize } from '../../permissions'
import { getCategoryTree } from '../categories'
import { presentFigures } from './presenter'
import { placeFiguresGroupedBy } from './queries'
import { getOverview } from './service'

export async function getBreakdown(ctx: Ctx, q: { place?: string; by: 'category' | 'channel'; from?: string; to?: string }): Promise<StatsBreakdown> {
  authorize(ctx.actor, 'stats.breakdown')
  // the overview checks the role and the place's scope (403/404) and settles the period
  const overview = await getOverview(ctx, { place: q.place, from: q.from, to: q.to })
  const rows = await placeFiguresGroupedBy(ctx.db, q.by, overview.scope.code, shanghaiDayStart(overview.from), shanghaiDayStart(overview.to))
  const names = q.by === 'category' ? new Map((await getCategoryTree(ctx)).map((c) => [c.code, c.name])) : null
  return {
    scope: overview.scope,
    from: overview.from,
    to: overview.to,
    by: q.by,
    items: rows.map((r) => ({ key: r.key ?? '', name: names ? (names.get(r.key ?? '') ?? r.key ?? '') : labelOf(CHANNEL_NAMES, r.key), figures: presentFigures(r) })),
  }
}

/**
 * 统计：按大类、按渠道. The overview's own authorisation and period decide who may ask and for
 * when; the figures are the same counters, grouped.
 */
import type { StatsBreakdown } from '#contracts/stats'
import { CHANNEL_NAMES, labelOf } from '#contracts/labels'
import type { Ctx } from '../../context'
import { unprocessable } from '../../errors'
import { shanghaiDayStart } from '../../lib/time'
import { getCategoryTree } from '../categories/service'
import { getOverview, toFigures } from '../stats/service'
import { figuresGroupedBy } from './queries'

export async function getBreakdown(ctx: Ctx, q: { place?: string; by: 'category' | 'channel'; from?: string; to?: string }): Promise<StatsBreakdown> {
  if (ctx.actor.role === 'department') throw unprocessable('BREAKDOWN_PLACE_ONLY', '按分类、渠道的统计只适用于地区')
  // the overview checks the role and the place's scope (403/404) and settles the period
  const overview = await getOverview(ctx, { place: q.place, from: q.from, to: q.to })
  const rows = await figuresGroupedBy(ctx.db, q.by, overview.scope.code, shanghaiDayStart(overview.from), shanghaiDayStart(overview.to))
  const names = q.by === 'category' ? new Map((await getCategoryTree(ctx)).map((c) => [c.code, c.name])) : null
  return {
    scope: overview.scope,
    from: overview.from,
    to: overview.to,
    by: q.by,
    items: rows.map((r) => ({ key: r.key ?? '', name: names ? (names.get(r.key ?? '') ?? r.key ?? '') : labelOf(CHANNEL_NAMES, r.key), figures: toFigures(r) })),
  }
}

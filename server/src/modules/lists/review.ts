/**
 * 季度梳理 (quarterly review) of a community: what was collected, done, published, claimed and accepted
 * in the quarter, and — as of today — the needs still open, the projects nobody has claimed and the
 * late ones, each listed so the community can act on them.
 */
import type { QuarterlyReview, QuarterlyReviewQuery } from '#contracts/lists'
import type { Ctx } from '../../context'
import { AppError, notFound } from '../../errors'
import { addDays, shanghaiDate, shanghaiDayStart } from '../../lib/time'
import { authorize } from '../../permissions'
import { presentNeed } from './presenter'
import { presentProjects } from './projects'
import { countNeeds, countProjects, countResources, findCommunity, listNeeds, listProjects, quarterCounts } from './queries'

const LISTED = 100

/** The first day of a quarter (2026Q4 → 2026-10-01) and the first day after it. */
export function quarterDays(quarter: string): { from: string; to: string } {
  const year = Number(quarter.slice(0, 4))
  const q = Number(quarter.slice(5))
  const month = (n: number) => String(n).padStart(2, '0')
  const from = `${year}-${month((q - 1) * 3 + 1)}-01`
  const to = q === 4 ? `${year + 1}-01-01` : `${year}-${month(q * 3 + 1)}-01`
  return { from, to }
}

export async function quarterlyReview(ctx: Ctx, q: QuarterlyReviewQuery): Promise<QuarterlyReview> {
  authorize(ctx.actor, 'project.review', q.community)
  const community = await findCommunity(ctx.db, q.community)
  if (!community) throw notFound('社区不存在或不在您的辖区内')
  const { from, to } = quarterDays(q.quarter)
  if (from > shanghaiDate(ctx.now)) throw new AppError('VALIDATION_FAILED', '该季度尚未开始', [{ field: 'quarter', message: '该季度尚未开始' }])
  const [fromAt, toAt] = [shanghaiDayStart(from), shanghaiDayStart(to)]
  const today = shanghaiDate(ctx.now)
  const place = { placePrefix: community.code }
  const openNeeds = { ...place, statuses: ['open'], createdBefore: toAt }
  const unclaimed = { ...place, statuses: ['published'], createdBefore: toAt }
  const late = { ...place, lateAsOf: today }
  const counts = await quarterCounts(ctx.db, community.code, fromAt, toAt)
  return {
    community,
    quarter: q.quarter,
    from,
    to: addDays(to, -1),
    counts: {
      ...counts,
      needsOpen: await countNeeds(ctx.db, openNeeds),
      projectsUnclaimed: await countProjects(ctx.db, unclaimed),
      projectsLate: await countProjects(ctx.db, late),
      resourcesActive: await countResources(ctx.db, { ...place, statuses: ['active'] }),
    },
    openNeeds: (await listNeeds(ctx.db, { ...openNeeds, limit: LISTED - 1 })).map((r) => presentNeed(ctx.actor, r)),
    unclaimedProjects: await presentProjects(ctx, await listProjects(ctx.db, { ...unclaimed, limit: LISTED - 1 })),
    lateProjects: await presentProjects(ctx, await listProjects(ctx.db, { ...late, limit: LISTED - 1 })),
  }
}

import { and, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { newestFirst, olderThan } from '../../db/keyset'
import { appeal, category, grid, region } from '../../db/schema/index'
import { placeCondition } from './queries'

/** What the board shows: closed appeals that were actually handled (not rejected or merged), in a place if asked. */
function shownOnBoard(place: string | undefined): SQL {
  return and(
    eq(appeal.status, 'closed'),
    eq(category.isPublic, true),
    inArray(appeal.closeReason, ['satisfied', 'basic', 'unrated', 'explained']),
    place ? placeCondition(place) : undefined,
  )!
}

export type PublicAppealRow = Awaited<ReturnType<typeof listPublicAppeals>>[number]

/** Closed appeals that were actually handled (not rejected or merged), newest first. */
export function listPublicAppeals(db: Db, f: { place?: string; cursor?: { t: string; id: number }; limit: number }) {
  return db
    .select({
      number: appeal.number,
      id: appeal.id,
      categoryCode: appeal.categoryCode,
      categoryName: category.name,
      publicSummary: appeal.publicSummary,
      communityName: region.name,
      gridName: grid.name,
      streetCode: appeal.streetCode,
      communityCode: appeal.communityCode,
      createdAt: appeal.createdAt,
      closedAt: appeal.closedAt,
      resolutionLevel: appeal.resolutionLevel,
      rating: appeal.rating,
      closeReason: appeal.closeReason,
    })
    .from(appeal)
    .innerJoin(grid, eq(grid.code, appeal.gridCode))
    .innerJoin(region, eq(region.code, appeal.communityCode))
    .innerJoin(category, eq(category.code, appeal.categoryCode))
    .where(
      and(
        shownOnBoard(f.place),
        olderThan(appeal.closedAt, appeal.id, f.cursor),
      ),
    )
    .orderBy(...newestFirst(appeal.closedAt, appeal.id))
    .limit(f.limit + 1)
}

export async function countPublicAppeals(db: Db, place?: string): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(appeal).innerJoin(category, eq(category.code, appeal.categoryCode)).where(shownOnBoard(place))
  return r?.n ?? 0
}

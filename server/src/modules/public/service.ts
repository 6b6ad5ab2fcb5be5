/** 晒单: the public board. Only the category, the community and grid, dates and the outcome leave. */
import type { PageOf } from '#contracts/common'
import type { PublicAppeal } from '#contracts/public'
import type { Db } from '../../db/client'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { shanghaiDate } from '../../lib/time'
import { countPublicAppeals, listPublicAppeals } from './queries'

export async function publicBoard(
  db: Db,
  q: { place?: string; cursor?: string; limit?: number; withTotal?: boolean },
): Promise<PageOf<PublicAppeal>> {
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const rows = await listPublicAppeals(db, { limit, ...(q.place ? { place: q.place } : {}), ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => ({
      number: r.number,
      category: { code: r.categoryCode, name: r.categoryName },
      place: { communityName: r.communityName, gridName: r.gridName, streetCode: r.streetCode, communityCode: r.communityCode },
      receivedOn: shanghaiDate(r.createdAt),
      closedOn: shanghaiDate(r.closedAt!),
      hoursToClose: Math.round(((r.closedAt!.getTime() - r.createdAt.getTime()) / 3_600_000) * 10) / 10,
      resolutionLevel: r.resolutionLevel,
      rating: r.rating,
      closeReason: r.closeReason!,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.closedAt!.toISOString(), id: last.id }) : null,
    ...(q.withTotal ? { total: await countPublicAppeals(db, q.place) } : {}),
  }
}

/** 晒单: the public board of closed, handled appeals. Only the category, the community and grid, dates and the outcome leave. */
import type { PageOf } from '#contracts/common'
import type { PublicAppeal } from '#contracts/public'
import type { Db } from '../../db/client'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { presentPublicAppeal } from './presenter'
import { countPublicAppeals, listPublicAppeals } from './public-queries'

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
    items: page.map(presentPublicAppeal),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.closedAt!.toISOString(), id: last.id }) : null,
    ...(q.withTotal ? { total: await countPublicAppeals(db, q.place) } : {}),
  }
}

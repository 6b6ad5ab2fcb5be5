/**
 * 心愿墙, the public wish wall of a community, readable without login: the wish (scrubbed of the name,
 * phones and rooms), the wisher as 王**, the category and the grid — never a full name or an address.
 * Answers are kept for 30 seconds per process (the wall is read by many and changes slowly).
 */
import type { PageOf } from '#contracts/common'
import type { PublicWish, PublicWishesQuery } from '#contracts/wishes'
import type { AppDeps } from '../../context'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { presentPublicWish } from './presenter'
import { listPublicWishes } from './queries'

export const WALL_CACHE_MS = 30_000
const MAX_ENTRIES = 500
const caches = new WeakMap<AppDeps, Map<string, { at: number; page: PageOf<PublicWish> }>>()

export async function publicWishWall(deps: AppDeps, q: PublicWishesQuery): Promise<PageOf<PublicWish>> {
  const cache = caches.get(deps) ?? new Map()
  caches.set(deps, cache)
  const key = JSON.stringify([q.community, q.status ?? '', q.cursor ?? '', q.limit ?? 20])
  const now = Date.now()
  const hit = cache.get(key)
  if (hit && now - hit.at < WALL_CACHE_MS) return hit.page

  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const rows = await listPublicWishes(deps.database.db, { communityCode: q.community, limit, ...(q.status ? { status: q.status } : {}), ...(cursor ? { cursor } : {}) })
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  const page = { items: items.map(presentPublicWish), nextCursor: rows.length > limit && last ? encodeCursor({ t: last.createdAt.toISOString(), id: last.id }) : null }
  if (cache.size >= MAX_ENTRIES) cache.clear()
  cache.set(key, { at: now, page })
  return page
}

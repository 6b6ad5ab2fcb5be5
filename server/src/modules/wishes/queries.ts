/** Every SQL statement of 微心愿. Each takes a handle that may be a transaction. */
import { and, eq, inArray, like, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { newestFirst, olderThan } from '../../db/keyset'
import { byKey, figureKey, inPeriod, underPlace, type FigureScope } from '../../db/figures'
import { grid, region, resident, wish, wishFile } from '../../db/schema/index'

export type WishRow = typeof wish.$inferSelect
export type WishInsert = typeof wish.$inferInsert
type Cursor = { t: string; id: number }

export interface WishWithNames {
  wish: WishRow
  communityName: string
  gridName: string | null
}

function selectWishes(db: Db) {
  return db
    .select({ wish, communityName: region.name, gridName: grid.name })
    .from(wish)
    .innerJoin(region, eq(region.code, wish.communityCode))
    .leftJoin(grid, eq(grid.code, wish.gridCode))
}

export async function findWish(db: Db, id: number): Promise<WishWithNames | undefined> {
  const [r] = await selectWishes(db).where(eq(wish.id, id)).limit(1)
  return r
}

export async function insertWish(db: Db, row: WishInsert): Promise<WishRow | undefined> {
  const [r] = await db.insert(wish).values(row).returning()
  return r
}

/** Many wishes at once (the demo seed). */
export async function insertWishes(db: Db, rows: WishInsert[]): Promise<WishRow[]> {
  return rows.length ? db.insert(wish).values(rows).returning() : []
}

export async function updateWishVersioned(db: Db, id: number, version: number, patch: Partial<WishInsert>): Promise<WishRow | undefined> {
  const [r] = await db
    .update(wish)
    .set({ ...patch, version: sql`${wish.version} + 1` })
    .where(and(eq(wish.id, id), eq(wish.version, version)))
    .returning()
  return r
}

export async function insertWishFiles(db: Db, wishId: number, fileIds: string[]): Promise<void> {
  if (fileIds.length) await db.insert(wishFile).values(fileIds.map((fileId) => ({ wishId, fileId }))).onConflictDoNothing()
}

export async function listWishFiles(db: Db, wishIds: number[]) {
  if (!wishIds.length) return []
  return db.select({ wishId: wishFile.wishId, fileId: wishFile.fileId }).from(wishFile).where(inArray(wishFile.wishId, wishIds)).orderBy(wishFile.fileId)
}

export async function listWishIdsOfFile(db: Db, fileId: string): Promise<number[]> {
  const rows = await db.select({ id: wishFile.wishId }).from(wishFile).where(eq(wishFile.fileId, fileId))
  return rows.map((r) => r.id)
}

export async function findResidentBrief(db: Db, id: number) {
  const [r] = await db.select({ id: resident.id, name: resident.name, gridCode: resident.gridCode }).from(resident).where(eq(resident.id, id)).limit(1)
  return r
}

export async function findGrid(db: Db, code: string) {
  const [r] = await db.select({ code: grid.code, communityCode: grid.communityCode }).from(grid).where(eq(grid.code, code)).limit(1)
  return r
}

export async function findCommunityName(db: Db, code: string): Promise<string | undefined> {
  const [r] = await db.select({ name: region.name, level: region.level }).from(region).where(eq(region.code, code)).limit(1)
  return r?.level === 'community' ? r.name : undefined
}

export interface WishFilter {
  placePrefix?: string
  communityCode?: string
  claimantPartyMemberId?: number
  residentId?: number
  statuses?: string[]
}

function wishesWhere(f: WishFilter) {
  return and(
    f.placePrefix ? like(wish.placeCode, `${f.placePrefix}%`) : undefined,
    f.communityCode ? eq(wish.communityCode, f.communityCode) : undefined,
    f.claimantPartyMemberId !== undefined ? eq(wish.claimantPartyMemberId, f.claimantPartyMemberId) : undefined,
    f.residentId !== undefined ? eq(wish.residentId, f.residentId) : undefined,
    f.statuses?.length ? inArray(wish.status, f.statuses) : undefined,
  )
}

export function listWishes(db: Db, f: WishFilter & { cursor?: Cursor; limit: number }) {
  return selectWishes(db)
    .where(and(wishesWhere(f), olderThan(wish.createdAt, wish.id, f.cursor)))
    .orderBy(...newestFirst(wish.createdAt, wish.id))
    .limit(f.limit + 1)
}

export async function countWishes(db: Db, f: WishFilter): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(wish).where(wishesWhere(f))
  return r?.n ?? 0
}

/** The public wall's rows: only the columns it may show (the full name is read only to be masked and scrubbed from the text). */
export function listPublicWishes(db: Db, f: { communityCode: string; status?: string; cursor?: Cursor; limit: number }) {
  return db
    .select({
      id: wish.id,
      title: wish.title,
      category: wish.category,
      beneficiaryGroup: wish.beneficiaryGroup,
      beneficiaryName: wish.beneficiaryName,
      status: wish.status,
      communityCode: wish.communityCode,
      communityName: region.name,
      gridName: grid.name,
      createdAt: wish.createdAt,
      fulfilledAt: wish.fulfilledAt,
    })
    .from(wish)
    .innerJoin(region, eq(region.code, wish.communityCode))
    .leftJoin(grid, eq(grid.code, wish.gridCode))
    .where(
      and(
        eq(wish.communityCode, f.communityCode),
        f.status ? eq(wish.status, f.status) : ne(wish.status, 'cancelled'),
        olderThan(wish.createdAt, wish.id, f.cursor),
      ),
    )
    .orderBy(...newestFirst(wish.createdAt, wish.id))
    .limit(f.limit + 1)
}

// ---- figures (统计: 党建引领) ------------------------------------------------------------------------

/** 微心愿: wishes published and wishes fulfilled (实现, thanked or not) in the period, per group of their place. */
export function countWishFigures(db: Db, s: FigureScope) {
  return db
    .select({
      key: figureKey(wish.placeCode, s),
      published: sql<number>`count(*) FILTER (WHERE ${inPeriod(wish.createdAt, s)})::int`,
      fulfilled: sql<number>`count(*) FILTER (WHERE ${wish.status} IN ('fulfilled', 'closed') AND ${inPeriod(wish.fulfilledAt, s)})::int`,
    })
    .from(wish)
    .where(underPlace(wish.placeCode, s))
    .groupBy(byKey)
}

/** 单位场所: the only SQL of the venues module. Every function takes a handle that may be a transaction. */
import { and, desc, eq, ilike, inArray, isNull, like, lt, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { grid } from '../../db/schema/places'
import { venue } from '../../db/schema/ledger'
import { building } from '../../db/schema/places'

export type VenueRow = typeof venue.$inferSelect
export type VenueInsert = typeof venue.$inferInsert

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

export interface VenueFilter {
  placePrefix: string
  kind?: string
  smallVenueType?: string
  keyType?: string
  status?: string
  q?: string
}

function venuesWhere(f: VenueFilter) {
  return and(
    like(venue.gridCode, `${f.placePrefix}%`),
    f.kind ? eq(venue.kind, f.kind) : undefined,
    f.smallVenueType ? eq(venue.smallVenueType, f.smallVenueType) : undefined,
    f.keyType ? sql`${f.keyType} = ANY(${venue.keyTypes})` : undefined,
    f.status ? eq(venue.status, f.status) : undefined,
    f.q ? or(ilike(venue.name, `%${escapeLike(f.q)}%`), ilike(venue.address, `%${escapeLike(f.q)}%`)) : undefined,
  )
}

const selectVenues = (db: Db) => db.select({ venue, gridName: grid.name }).from(venue).innerJoin(grid, eq(grid.code, venue.gridCode))

/** Newest first (by id). */
export function listVenues(db: Db, f: VenueFilter & { beforeId?: number; limit: number }) {
  return selectVenues(db)
    .where(and(venuesWhere(f), f.beforeId !== undefined ? lt(venue.id, f.beforeId) : undefined))
    .orderBy(desc(venue.id))
    .limit(f.limit + 1)
}
export type VenueWithGrid = Awaited<ReturnType<typeof listVenues>>[number]

export async function countVenues(db: Db, f: VenueFilter): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(venue).where(venuesWhere(f))
  return r?.n ?? 0
}

export async function findVenue(db: Db, id: number): Promise<VenueWithGrid | undefined> {
  const [r] = await selectVenues(db).where(eq(venue.id, id)).limit(1)
  return r
}

export async function findVenueByCreditCode(db: Db, creditCode: string): Promise<VenueRow | undefined> {
  const [r] = await db.select().from(venue).where(eq(venue.creditCode, creditCode)).limit(1)
  return r
}

/** A new venue; undefined when its credit code is taken (the unique index). */
export async function insertVenue(db: Db, v: VenueInsert): Promise<VenueRow | undefined> {
  const [r] = await db.insert(venue).values(v).onConflictDoNothing().returning()
  return r
}

export async function updateVenueVersioned(db: Db, id: number, version: number, patch: Partial<VenueInsert>): Promise<VenueRow | undefined> {
  const [r] = await db
    .update(venue)
    .set({ ...patch, version: sql`${venue.version} + 1` })
    .where(and(eq(venue.id, id), eq(venue.version, version)))
    .returning()
  return r
}

export async function findBuildingGrid(db: Db, id: number): Promise<string | undefined> {
  const [r] = await db.select({ gridCode: building.gridCode }).from(building).where(eq(building.id, id)).limit(1)
  return r?.gridCode
}

export async function findGridName(db: Db, code: string): Promise<{ code: string; name: string; retiredAt: Date | null } | undefined> {
  const [r] = await db.select({ code: grid.code, name: grid.name, retiredAt: grid.retiredAt }).from(grid).where(eq(grid.code, code)).limit(1)
  return r
}

// ---- imports ---------------------------------------------------------------------------------------

/** Live grids under a place (codes and names): what a sheet's 网格 column resolves to. */
export function listGridsUnder(db: Db, placePrefix: string) {
  return db.select({ code: grid.code, name: grid.name }).from(grid).where(and(like(grid.code, `${placePrefix}%`), isNull(grid.retiredAt)))
}

/** Venues an imported sheet may mean: by credit code, or by name and address. */
export function findVenuesByKeys(db: Db, creditCodes: string[], names: string[]): Promise<VenueRow[]> {
  if (!creditCodes.length && !names.length) return Promise.resolve([])
  return db
    .select()
    .from(venue)
    .where(or(creditCodes.length ? inArray(venue.creditCode, creditCodes) : undefined, names.length ? inArray(venue.name, names) : undefined))
}

/** Every credit code already used by a venue under a place or elsewhere (a sheet's duplicate check). */
export function listCreditCodesIn(db: Db, codes: string[]) {
  if (!codes.length) return Promise.resolve([])
  return db.select({ id: venue.id, creditCode: venue.creditCode, gridCode: venue.gridCode }).from(venue).where(inArray(venue.creditCode, codes))
}

/** Every SQL statement of 特殊人群 records. Each takes a handle that may be a transaction. */
import { and, eq, inArray, isNotNull, like, lt, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { byKey, figureKey, underPlace, type FigureScope } from '../../db/figures'
import { grid, household, region, resident, specialGroup } from '../../db/schema/index'

export type SpecialGroupRow = typeof specialGroup.$inferSelect
export type SpecialGroupInsert = typeof specialGroup.$inferInsert

/** A record with what its presentation needs of the person and the place. */
export interface SpecialGroupWithPerson {
  group: SpecialGroupRow
  residentName: string
  gender: string | null
  birthDate: string | null
  idNumberEnc: string | null
  phoneEnc: string | null
  address: string | null
  gridName: string
  communityCode: string
  communityName: string
}

const withPerson = {
  group: specialGroup,
  residentName: resident.name,
  gender: resident.gender,
  birthDate: resident.birthDate,
  idNumberEnc: resident.idNumberEnc,
  phoneEnc: resident.phoneEnc,
  address: household.address,
  gridName: grid.name,
  communityCode: grid.communityCode,
  communityName: region.name,
}

function selectWithPerson(db: Db) {
  return db
    .select(withPerson)
    .from(specialGroup)
    .innerJoin(resident, eq(resident.id, specialGroup.residentId))
    .leftJoin(household, eq(household.id, resident.householdId))
    .innerJoin(grid, eq(grid.code, specialGroup.gridCode))
    .innerJoin(region, eq(region.code, grid.communityCode))
}

export async function findSpecialGroup(db: Db, id: number): Promise<SpecialGroupWithPerson | undefined> {
  const [r] = await selectWithPerson(db).where(eq(specialGroup.id, id)).limit(1)
  return r
}

export interface SpecialGroupFilter {
  /** only these kinds (the caller's readable kinds, narrowed by the query): never empty */
  kinds: string[]
  /** records whose grid lies under this place code */
  placePrefix: string
  category?: string
  level?: string
  status?: string
  residentId?: number
  /** a name fragment */
  name?: string
  /** an ID number's blind index */
  idNumberIdx?: string
}

function groupsWhere(f: SpecialGroupFilter) {
  return and(
    inArray(specialGroup.kind, f.kinds),
    like(specialGroup.gridCode, `${f.placePrefix}%`),
    f.category ? eq(specialGroup.category, f.category) : undefined,
    f.level ? eq(specialGroup.level, f.level) : undefined,
    f.status ? eq(specialGroup.status, f.status) : undefined,
    f.residentId !== undefined ? eq(specialGroup.residentId, f.residentId) : undefined,
    f.name ? like(resident.name, `%${f.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    f.idNumberIdx ? eq(resident.idNumberIdx, f.idNumberIdx) : undefined,
  )
}

/** Newest first by id (keyset on id); one row more than the limit tells whether a next page exists. */
export function listSpecialGroups(db: Db, f: SpecialGroupFilter & { afterId?: number; limit: number }) {
  return selectWithPerson(db)
    .where(and(groupsWhere(f), f.afterId !== undefined ? lt(specialGroup.id, f.afterId) : undefined))
    .orderBy(sql`${specialGroup.id} DESC`)
    .limit(f.limit + 1)
}

export async function countSpecialGroups(db: Db, f: SpecialGroupFilter): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(specialGroup)
    .innerJoin(resident, eq(resident.id, specialGroup.residentId))
    .where(groupsWhere(f))
  return r?.n ?? 0
}

/** Active records per kind under a place, only of the kinds given. */
export function countActiveByKind(db: Db, f: { kinds: string[]; placePrefix: string }) {
  return db
    .select({ kind: specialGroup.kind, n: sql<number>`count(*)::int` })
    .from(specialGroup)
    .where(and(inArray(specialGroup.kind, f.kinds), like(specialGroup.gridCode, `${f.placePrefix}%`), eq(specialGroup.status, 'active')))
    .groupBy(specialGroup.kind)
}

/** A new record; undefined when the person already has an active record of that kind (the unique index). */
export async function insertSpecialGroup(db: Db, row: SpecialGroupInsert): Promise<SpecialGroupRow | undefined> {
  const [r] = await db.insert(specialGroup).values(row).onConflictDoNothing().returning()
  return r
}

/** Optimistic update: only applies if nobody changed the record since `version`. */
export async function updateSpecialGroupVersioned(db: Db, id: number, version: number, patch: Partial<SpecialGroupInsert>): Promise<SpecialGroupRow | undefined> {
  const [r] = await db
    .update(specialGroup)
    .set({ ...patch, version: sql`${specialGroup.version} + 1` })
    .where(and(eq(specialGroup.id, id), eq(specialGroup.version, version)))
    .returning()
  return r
}

/** The person a record is for: their grid (the record's scope) and whether they still live there. */
export async function findResidentForGroup(db: Db, id: number) {
  const [r] = await db
    .select({ id: resident.id, name: resident.name, gridCode: resident.gridCode, status: resident.status })
    .from(resident)
    .where(eq(resident.id, id))
    .limit(1)
  return r
}

/** A resident under a place by ID-number blind index. */
export async function findResidentByIdIndex(db: Db, idx: string, placePrefix: string) {
  const [r] = await db
    .select({ id: resident.id, name: resident.name, gridCode: resident.gridCode, status: resident.status })
    .from(resident)
    .where(and(eq(resident.idNumberIdx, idx), like(resident.gridCode, `${placePrefix}%`)))
    .limit(1)
  return r
}

/** The residents under a place with an ID number (the importer finds a row's person by its blind index). */
export function listResidentsUnder(db: Db, placePrefix: string) {
  return db
    .select({ id: resident.id, name: resident.name, gridCode: resident.gridCode, status: resident.status, idNumberIdx: resident.idNumberIdx })
    .from(resident)
    .where(and(like(resident.gridCode, `${placePrefix}%`), isNotNull(resident.idNumberIdx)))
}

/** The active records of some residents (the importer's natural key: person + kind). */
export function listActiveGroupsOf(db: Db, residentIds: number[]) {
  if (!residentIds.length) return Promise.resolve([] as SpecialGroupRow[])
  return db
    .select()
    .from(specialGroup)
    .where(and(inArray(specialGroup.residentId, residentIds), eq(specialGroup.status, 'active')))
}

/** The demo seed: residents of a community carrying tags, with their birth dates. */
export function listTaggedResidents(db: Db, communityCode: string) {
  return db
    .select({ id: resident.id, name: resident.name, gridCode: resident.gridCode, tags: resident.tags, birthDate: resident.birthDate, gender: resident.gender })
    .from(resident)
    .where(and(like(resident.gridCode, `${communityCode}%`), eq(resident.isDemo, true)))
    .orderBy(resident.id)
}

/**
 * 特殊人群 figures of the monthly tables (by grid or community): records in force on the scope's `today` (since on or
 * before it, not ended by it), per group and kind — only of the kinds given (the caller's readable kinds).
 */
export function countSpecialGroupFigures(db: Db, s: FigureScope, kinds: string[]) {
  return db
    .select({ key: figureKey(specialGroup.gridCode, s), kind: specialGroup.kind, n: sql<number>`count(*)::int` })
    .from(specialGroup)
    .where(
      and(
        underPlace(specialGroup.gridCode, s),
        inArray(specialGroup.kind, kinds.length ? kinds : ['-']),
        sql`(${specialGroup.since} IS NULL OR ${specialGroup.since} <= ${s.today}::date)`,
        sql`(${specialGroup.until} IS NULL OR ${specialGroup.until} > ${s.today}::date)`,
        sql`(${specialGroup.status} = 'active' OR ${specialGroup.until} IS NOT NULL)`,
      ),
    )
    .groupBy(byKey, specialGroup.kind)
}

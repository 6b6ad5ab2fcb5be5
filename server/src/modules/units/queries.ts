/** Every SQL statement of 双报到 units and their registrations. Each takes a handle that may be a transaction. */
import { and, asc, eq, ilike, inArray, like, lt, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { after, newestFirst, olderThan } from '../../db/keyset'
import { partyRegistration, partyUnit, region, unitRegistration } from '../../db/schema/index'
import { byKey, figureKey, underPlace, type FigureScope } from '../../db/figures'

export type UnitRow = typeof partyUnit.$inferSelect
export type UnitInsert = typeof partyUnit.$inferInsert
export type UnitRegistrationRow = typeof unitRegistration.$inferSelect
export type UnitRegistrationInsert = typeof unitRegistration.$inferInsert

/** A unit with the communities it is paired with (confirmed) and its confirmed members. */
export interface UnitWithFigures {
  unit: UnitRow
  paired: { code: string; name: string }[]
  memberCount: number
}

// drizzle renders a column inside a selected sql`` unqualified ("id"), which a subquery would take as its own
const UNIT_ID = sql.raw('"party_unit"."id"')

const withFigures = {
  unit: partyUnit,
  paired: sql<{ code: string; name: string }[]>`(
    SELECT coalesce(json_agg(json_build_object('code', r.code, 'name', r.name) ORDER BY r.code), '[]'::json)
    FROM ${unitRegistration} ur JOIN ${region} r ON r.code = ur.community_code
    WHERE ur.unit_id = ${UNIT_ID} AND ur.status = 'confirmed')`,
  // 双报到 is one domain: the members naming the unit are read here, never written
  memberCount: sql<number>`(SELECT count(*)::int FROM ${partyRegistration} pr WHERE pr.unit_id = ${UNIT_ID} AND pr.status = 'confirmed')`,
}

export async function insertUnit(db: Db, row: UnitInsert): Promise<UnitRow | undefined> {
  const [r] = await db.insert(partyUnit).values(row).onConflictDoNothing().returning()
  return r
}

export async function findUnit(db: Db, id: number): Promise<UnitWithFigures | undefined> {
  const [r] = await db.select(withFigures).from(partyUnit).where(eq(partyUnit.id, id)).limit(1)
  return r
}

/** Has the unit a confirmed registration at some community of this county? */
export async function isUnitRegisteredInCounty(db: Db, unitId: number, countyCode: string): Promise<boolean> {
  const [r] = await db
    .select({ id: unitRegistration.id })
    .from(unitRegistration)
    .where(and(eq(unitRegistration.unitId, unitId), eq(unitRegistration.status, 'confirmed'), like(unitRegistration.communityCode, `${countyCode}%`)))
    .limit(1)
  return r !== undefined
}

export interface UnitFilter {
  countyCode: string
  unitId?: number
  q?: string
  kind?: string
  registered?: boolean
}

function unitsWhere(f: UnitFilter) {
  return and(
    eq(partyUnit.countyCode, f.countyCode),
    f.unitId !== undefined ? eq(partyUnit.id, f.unitId) : undefined,
    f.q ? ilike(partyUnit.name, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    f.kind ? eq(partyUnit.kind, f.kind) : undefined,
    f.registered
      ? sql`EXISTS (SELECT 1 FROM ${unitRegistration} ur WHERE ur.unit_id = ${UNIT_ID} AND ur.status = 'confirmed' AND ur.community_code LIKE ${`${f.countyCode}%`})`
      : undefined,
  )
}

export function listUnits(db: Db, f: UnitFilter & { afterId?: number; limit: number }) {
  return db
    .select(withFigures)
    .from(partyUnit)
    .where(and(unitsWhere(f), after(partyUnit.id, f.afterId)))
    .orderBy(asc(partyUnit.id))
    .limit(f.limit + 1)
}

export async function countUnits(db: Db, f: UnitFilter): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(partyUnit).where(unitsWhere(f))
  return r?.n ?? 0
}

/** A unit registration with the names its presentation needs. */
export interface UnitRegistrationWithNames {
  registration: UnitRegistrationRow
  unit: UnitRow
  communityName: string
}

function selectRegistrations(db: Db) {
  return db
    .select({ registration: unitRegistration, unit: partyUnit, communityName: region.name })
    .from(unitRegistration)
    .innerJoin(partyUnit, eq(partyUnit.id, unitRegistration.unitId))
    .innerJoin(region, eq(region.code, unitRegistration.communityCode))
}

export async function findUnitRegistration(db: Db, id: number): Promise<UnitRegistrationWithNames | undefined> {
  const [r] = await selectRegistrations(db).where(eq(unitRegistration.id, id)).limit(1)
  return r
}

/** A new registration; undefined when the unit already has a live one (submitted or confirmed) at that community. */
export async function insertUnitRegistration(db: Db, row: UnitRegistrationInsert): Promise<UnitRegistrationRow | undefined> {
  const [r] = await db.insert(unitRegistration).values(row).onConflictDoNothing().returning()
  return r
}

/** Optimistic update: only applies if nobody changed the registration since `version`. */
export async function updateUnitRegistrationVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<UnitRegistrationInsert>,
): Promise<UnitRegistrationRow | undefined> {
  const [r] = await db
    .update(unitRegistration)
    .set({ ...patch, version: sql`${unitRegistration.version} + 1` })
    .where(and(eq(unitRegistration.id, id), eq(unitRegistration.version, version)))
    .returning()
  return r
}

export async function findCommunity(db: Db, code: string) {
  const [r] = await db.select({ code: region.code, name: region.name, level: region.level }).from(region).where(eq(region.code, code)).limit(1)
  return r?.level === 'community' ? r : undefined
}

export interface UnitRegistrationFilter {
  unitId?: number
  /** registrations at communities under this place code */
  placePrefix?: string
  statuses?: string[]
}

function registrationsWhere(f: UnitRegistrationFilter) {
  return and(
    f.unitId !== undefined ? eq(unitRegistration.unitId, f.unitId) : undefined,
    f.placePrefix ? like(unitRegistration.communityCode, `${f.placePrefix}%`) : undefined,
    f.statuses?.length ? inArray(unitRegistration.status, f.statuses) : undefined,
  )
}

export function listUnitRegistrations(db: Db, f: UnitRegistrationFilter & { cursor?: { t: string; id: number }; limit: number }) {
  return selectRegistrations(db)
    .where(and(registrationsWhere(f), olderThan(unitRegistration.submittedAt, unitRegistration.id, f.cursor)))
    .orderBy(...newestFirst(unitRegistration.submittedAt, unitRegistration.id))
    .limit(f.limit + 1)
}

export async function countUnitRegistrations(db: Db, f: UnitRegistrationFilter): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(unitRegistration).where(registrationsWhere(f))
  return r?.n ?? 0
}

/** Confirmed registrations whose agreement ended before `day` (YYYY-MM-DD): what the term-end job closes. */
export function listExpiredUnitRegistrations(db: Db, day: string, limit: number) {
  return db
    .select()
    .from(unitRegistration)
    .where(and(eq(unitRegistration.status, 'confirmed'), lt(unitRegistration.termEnd, day)))
    .orderBy(asc(unitRegistration.id))
    .limit(limit)
}

// ---- figures (统计: 党建引领) ------------------------------------------------------------------------

/** 报到单位: units with a confirmed pairing in force today at a community of the place (a unit counts once per group). */
export function countRegisteredUnits(db: Db, s: FigureScope) {
  return db
    .select({ key: figureKey(unitRegistration.communityCode, s), units: sql<number>`count(DISTINCT ${unitRegistration.unitId})::int` })
    .from(unitRegistration)
    .where(
      and(
        underPlace(unitRegistration.communityCode, s),
        eq(unitRegistration.status, 'confirmed'),
        sql`${unitRegistration.termStart} <= ${s.today}`,
        sql`${unitRegistration.termEnd} >= ${s.today}`,
      ),
    )
    .groupBy(byKey)
}

/**
 * Every SQL statement of 走访. The visit lists are generated from the registers — special_group, rental, venue,
 * household / resident — which other modules keep: this file only reads them. Each function takes a handle that
 * may be a transaction.
 */
import { and, asc, desc, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../db/client'
import { rowsOf } from '../../db/client'
import { olderThan } from '../../db/keyset'
import { SPECIAL_GROUP_NAMES } from '#contracts/ledger-names'
import { appeal, grid, household, region, rental, resident, specialGroup, userAccount, venue, visit, visitCampaign, visitRule } from '../../db/schema/index'

export type VisitRuleRow = typeof visitRule.$inferSelect
export type VisitRow = typeof visit.$inferSelect
export type VisitInsert = typeof visit.$inferInsert
export type CampaignRow = typeof visitCampaign.$inferSelect
export type CampaignInsert = typeof visitCampaign.$inferInsert

// ---- rules ------------------------------------------------------------------------------------------

export function listVisitRules(db: Db, countyCode: string) {
  return db.select().from(visitRule).where(eq(visitRule.countyCode, countyCode)).orderBy(asc(visitRule.id))
}

/** Set a county's frequency for a kind (insert, or update and bump the version). */
export async function upsertVisitRule(db: Db, r: { countyCode: string; subjectKind: string; frequencyDays: number; active: boolean; updatedAt: Date }): Promise<VisitRuleRow> {
  const [row] = await db
    .insert(visitRule)
    .values(r)
    .onConflictDoUpdate({
      target: [visitRule.countyCode, visitRule.subjectKind],
      set: { frequencyDays: r.frequencyDays, active: r.active, updatedAt: r.updatedAt, version: sql`${visitRule.version} + 1` },
    })
    .returning()
  return row!
}

export async function findVisitRule(db: Db, countyCode: string, subjectKind: string): Promise<VisitRuleRow | undefined> {
  const [row] = await db.select().from(visitRule).where(and(eq(visitRule.countyCode, countyCode), eq(visitRule.subjectKind, subjectKind)))
  return row
}

// ---- subjects of the visit lists ------------------------------------------------------------------------

const isSpecialGroupKind = (k: string) => k in SPECIAL_GROUP_NAMES
const SHANGHAI_DAY = (col: SQL) => sql`to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`

/** The subjects of some visit kinds under a place, one row per (subject, kind), as a union over the registers. */
function subjectsUnion(kinds: readonly string[], prefix: string): SQL | undefined {
  const under = `${prefix}%`
  const parts: SQL[] = []
  const groups = kinds.filter(isSpecialGroupKind)
  if (groups.length) {
    parts.push(sql`SELECT 'resident'::text AS subject_type, r.id AS subject_id, sg.kind AS subject_kind, r.name AS name,
        coalesce(h.address, '') AS address, sg.grid_code AS grid_code, ${SHANGHAI_DAY(sql`sg.created_at`)} AS entered_on
      FROM special_group sg JOIN resident r ON r.id = sg.resident_id LEFT JOIN household h ON h.id = r.household_id
      WHERE sg.status = 'active' AND r.status = 'present' AND sg.grid_code LIKE ${under}
        AND sg.kind IN (${sql.join(groups.map((k) => sql`${k}`), sql`, `)})`)
  }
  if (kinds.includes('rental')) {
    parts.push(sql`SELECT 'rental'::text, rt.id, 'rental'::text, h.address, '房东 ' || rt.landlord_name, rt.grid_code, to_char(rt.start_date, 'YYYY-MM-DD')
      FROM rental rt JOIN household h ON h.id = rt.household_id
      WHERE rt.status = 'active' AND rt.grid_code LIKE ${under}`)
  }
  if (kinds.includes('keyVenue')) {
    parts.push(sql`SELECT 'venue'::text, v.id, 'keyVenue'::text, v.name, v.address, v.grid_code, ${SHANGHAI_DAY(sql`v.created_at`)}
      FROM venue v WHERE v.status = 'open' AND cardinality(v.key_types) > 0 AND v.grid_code LIKE ${under}`)
  }
  if (kinds.includes('household')) {
    parts.push(sql`SELECT 'household'::text, h.id, 'household'::text,
        (array_agg(r.name ORDER BY (r.id = h.head_resident_id) DESC, r.id))[1] || '户', h.address, h.grid_code, ${SHANGHAI_DAY(sql`min(r.created_at)`)}
      FROM household h JOIN resident r ON r.household_id = h.id AND r.status = 'present'
      WHERE h.grid_code LIKE ${under} GROUP BY h.id`)
  }
  return parts.length ? sql.join(parts, sql` UNION ALL `) : undefined
}

export interface SubjectRow {
  subjectType: string
  subjectId: number
  subjectKind: string
  name: string
  address: string
  gridCode: string
  gridName: string
  communityCode: string
  communityName: string
  /** Shanghai day it entered the register */
  enteredOn: string
  /** the last visit up to `asOf` (ms), or null */
  lastVisitMs: number | null
  /** visited at or after `since` (and before `asOf`) */
  visitedSince: boolean
}

/**
 * The subjects of the given kinds under a place (optionally one grid), each with its last visit before `asOf`
 * and whether it was visited since `since` (a campaign's start).
 */
export async function listSubjects(db: Db, o: { prefix: string; kinds: readonly string[]; asOf: Date; since?: Date }): Promise<SubjectRow[]> {
  const union = subjectsUnion(o.kinds, o.prefix)
  if (!union) return []
  const asOf = o.asOf.toISOString()
  const since = o.since
    ? sql`EXISTS (SELECT 1 FROM visit v WHERE v.subject_type = s.subject_type AND v.subject_id = s.subject_id
        AND v.visited_at >= ${o.since.toISOString()}::timestamptz AND v.visited_at <= ${asOf}::timestamptz)`
    : sql`false`
  const res = await db.execute(sql`WITH s AS (${union})
    SELECT s.subject_type, s.subject_id::text AS subject_id, s.subject_kind, s.name, s.address, s.grid_code, g.name AS grid_name,
      g.community_code, c.name AS community_name, s.entered_on,
      (SELECT (extract(epoch FROM max(v.visited_at)) * 1000)::float8 FROM visit v
        WHERE v.subject_type = s.subject_type AND v.subject_id = s.subject_id AND v.visited_at <= ${asOf}::timestamptz) AS last_ms,
      ${since} AS visited_since
    FROM s JOIN grid g ON g.code = s.grid_code JOIN region c ON c.code = g.community_code
    ORDER BY s.grid_code, s.subject_type, s.subject_id, s.subject_kind`)
  return rowsOf<Record<string, unknown>>(res).map((r) => ({
    subjectType: String(r.subject_type),
    subjectId: Number(r.subject_id),
    subjectKind: String(r.subject_kind),
    name: String(r.name ?? ''),
    address: String(r.address ?? ''),
    gridCode: String(r.grid_code),
    gridName: String(r.grid_name),
    communityCode: String(r.community_code),
    communityName: String(r.community_name),
    enteredOn: String(r.entered_on),
    lastVisitMs: r.last_ms === null || r.last_ms === undefined ? null : Number(r.last_ms),
    visitedSince: r.visited_since === true || r.visited_since === 't',
  }))
}

/** Every visit under a place in [from, to), for the coverage figures. */
export async function listVisitTimes(db: Db, o: { prefix: string; from: Date; to: Date }): Promise<{ subjectType: string; subjectId: number; visitedAt: Date }[]> {
  return db
    .select({ subjectType: visit.subjectType, subjectId: visit.subjectId, visitedAt: visit.visitedAt })
    .from(visit)
    .where(and(like(visit.gridCode, `${o.prefix}%`), sql`${visit.visitedAt} >= ${o.from.toISOString()}::timestamptz`, sql`${visit.visitedAt} < ${o.to.toISOString()}::timestamptz`))
    .orderBy(asc(visit.visitedAt))
}

// ---- one subject (the form's header, the visit's checks) ----------------------------------------------------

export async function findResidentSubject(db: Db, id: number) {
  const [row] = await db
    .select({ id: resident.id, name: resident.name, gridCode: resident.gridCode, householdId: resident.householdId, status: resident.status, address: household.address })
    .from(resident)
    .leftJoin(household, eq(household.id, resident.householdId))
    .where(eq(resident.id, id))
  return row
}

export async function findHouseholdSubject(db: Db, id: number) {
  const [row] = await db.select({ id: household.id, gridCode: household.gridCode, address: household.address, headResidentId: household.headResidentId }).from(household).where(eq(household.id, id))
  return row
}

export async function findRentalSubject(db: Db, id: number) {
  const [row] = await db
    .select({ id: rental.id, gridCode: rental.gridCode, householdId: rental.householdId, landlordName: rental.landlordName, landlordResidentId: rental.landlordResidentId, status: rental.status, address: household.address })
    .from(rental)
    .innerJoin(household, eq(household.id, rental.householdId))
    .where(eq(rental.id, id))
  return row
}

export async function findVenueSubject(db: Db, id: number) {
  const [row] = await db.select({ id: venue.id, gridCode: venue.gridCode, name: venue.name, address: venue.address, keyTypes: venue.keyTypes, status: venue.status }).from(venue).where(eq(venue.id, id))
  return row
}

/** The present members of a household (and, for a rental, its present tenants are members of it too). */
export function listHouseholdMembers(db: Db, householdId: number) {
  return db
    .select({ id: resident.id, name: resident.name, birthDate: resident.birthDate })
    .from(resident)
    .where(and(eq(resident.householdId, householdId), eq(resident.status, 'present')))
    .orderBy(asc(resident.id))
}

/** The kinds of the person's active special-group records. */
export async function activeSpecialGroupKinds(db: Db, residentId: number): Promise<string[]> {
  const rows = await db.select({ kind: specialGroup.kind }).from(specialGroup).where(and(eq(specialGroup.residentId, residentId), eq(specialGroup.status, 'active')))
  return rows.map((r) => r.kind)
}

export async function findGridName(db: Db, code: string): Promise<string | undefined> {
  const [row] = await db.select({ name: grid.name }).from(grid).where(eq(grid.code, code))
  return row?.name
}

export async function lastVisitOf(db: Db, subjectType: string, subjectId: number): Promise<Date | null> {
  const [row] = await db
    .select({ at: visit.visitedAt })
    .from(visit)
    .where(and(eq(visit.subjectType, subjectType), eq(visit.subjectId, subjectId)))
    .orderBy(desc(visit.visitedAt))
    .limit(1)
  return row?.at ?? null
}

export async function residentNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map()
  const rows = await db.select({ id: resident.id, name: resident.name }).from(resident).where(inArray(resident.id, ids))
  return new Map(rows.map((r) => [Number(r.id), r.name]))
}

export async function findRegionName(db: Db, code: string): Promise<string | undefined> {
  if (code.length === 15) return findGridName(db, code)
  const [row] = await db.select({ name: region.name }).from(region).where(eq(region.code, code))
  return row?.name
}

// ---- visits ----------------------------------------------------------------------------------------------

export async function insertVisit(db: Db, v: VisitInsert): Promise<VisitRow> {
  const [row] = await db.insert(visit).values(v).returning()
  return row!
}

/** Demo seed: many visits at once. */
export async function insertVisits(db: Db, vs: VisitInsert[]): Promise<void> {
  for (let i = 0; i < vs.length; i += 500) await db.insert(visit).values(vs.slice(i, i + 500))
}

const rentalHousehold = alias(household, 'rental_household')
const subjectHousehold = alias(household, 'subject_household')
const subjectResident = alias(resident, 'subject_resident')

export interface VisitFilter {
  placePrefix: string
  /** special-group kinds the caller may not see: their visits are left out */
  hiddenKinds: readonly string[]
  resident?: { id: number; householdId: number | null }
  householdId?: number
  gridCode?: string
  campaignId?: number
  id?: number
}

export async function listVisits(db: Db, f: VisitFilter & { limit: number; cursor?: { t: string; id: number } }) {
  const conds: (SQL | undefined)[] = [
    like(visit.gridCode, `${f.placePrefix}%`),
    f.hiddenKinds.length ? or(isNull(visit.subjectKind), sql`${visit.subjectKind} NOT IN (${sql.join(f.hiddenKinds.map((k) => sql`${k}`), sql`, `)})`) : undefined,
    f.resident
      ? or(
          eq(visit.residentId, f.resident.id),
          sql`${f.resident.id} = ANY(${visit.seenResidentIds})`,
          f.resident.householdId !== null ? and(eq(visit.subjectType, 'household'), eq(visit.householdId, f.resident.householdId)) : undefined,
        )
      : undefined,
    f.householdId !== undefined ? eq(visit.householdId, f.householdId) : undefined,
    f.gridCode ? eq(visit.gridCode, f.gridCode) : undefined,
    f.campaignId !== undefined ? eq(visit.campaignId, f.campaignId) : undefined,
    f.id !== undefined ? eq(visit.id, f.id) : undefined,
    olderThan(visit.visitedAt, visit.id, f.cursor),
  ]
  return db
    .select({
      visit,
      gridName: grid.name,
      visitorName: userAccount.displayName,
      appealNumber: appeal.number,
      campaignName: visitCampaign.name,
      subjectName: sql<string | null>`CASE ${visit.subjectType}
        WHEN 'resident' THEN ${subjectResident.name}
        WHEN 'household' THEN ${subjectHousehold.address}
        WHEN 'rental' THEN ${rentalHousehold.address}
        WHEN 'venue' THEN ${venue.name} END`,
    })
    .from(visit)
    .innerJoin(grid, eq(grid.code, visit.gridCode))
    .leftJoin(userAccount, eq(userAccount.id, visit.visitorUserId))
    .leftJoin(appeal, eq(appeal.id, visit.appealId))
    .leftJoin(visitCampaign, eq(visitCampaign.id, visit.campaignId))
    .leftJoin(subjectResident, and(eq(visit.subjectType, 'resident'), eq(subjectResident.id, visit.subjectId)))
    .leftJoin(subjectHousehold, and(eq(visit.subjectType, 'household'), eq(subjectHousehold.id, visit.subjectId)))
    .leftJoin(rental, and(eq(visit.subjectType, 'rental'), eq(rental.id, visit.subjectId)))
    .leftJoin(rentalHousehold, eq(rentalHousehold.id, rental.householdId))
    .leftJoin(venue, and(eq(visit.subjectType, 'venue'), eq(venue.id, visit.subjectId)))
    .where(and(...conds))
    .orderBy(desc(visit.visitedAt), desc(visit.id))
    .limit(f.limit + 1)
}
export type VisitListRow = Awaited<ReturnType<typeof listVisits>>[number]

// ---- campaigns -----------------------------------------------------------------------------------------

export async function insertCampaign(db: Db, c: CampaignInsert): Promise<CampaignRow> {
  const [row] = await db.insert(visitCampaign).values(c).returning()
  return row!
}

export async function findCampaign(db: Db, id: number) {
  const [row] = await db.select({ campaign: visitCampaign, placeName: region.name }).from(visitCampaign).innerJoin(region, eq(region.code, visitCampaign.placeCode)).where(eq(visitCampaign.id, id))
  return row
}

/** Campaigns over the caller's place (launched above it) or under it (launched by a street below a county). */
export function listCampaigns(db: Db, o: { placeCode: string; status?: string }) {
  return db
    .select({ campaign: visitCampaign, placeName: region.name })
    .from(visitCampaign)
    .innerJoin(region, eq(region.code, visitCampaign.placeCode))
    .where(
      and(
        or(like(visitCampaign.placeCode, `${o.placeCode}%`), sql`${o.placeCode} LIKE ${visitCampaign.placeCode} || '%'`),
        o.status ? eq(visitCampaign.status, o.status) : undefined,
      ),
    )
    .orderBy(desc(visitCampaign.createdAt), desc(visitCampaign.id))
    .limit(200)
}

export async function updateCampaignVersioned(db: Db, id: number, version: number, patch: Partial<CampaignRow>): Promise<CampaignRow | undefined> {
  const [row] = await db
    .update(visitCampaign)
    .set({ ...patch, version: sql`${visitCampaign.version} + 1` })
    .where(and(eq(visitCampaign.id, id), eq(visitCampaign.version, version)))
    .returning()
  return row
}

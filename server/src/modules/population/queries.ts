/**
 * The SQL of 实有人口: people with their households and housing, the residence history (stays), the active rental of
 * a room (read here for the person card), and the buildings of a grid for the household lookup. Every function
 * takes a handle that may be a transaction.
 */
import { and, asc, desc, eq, gt, inArray, isNull, like, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { building, buildingUnit, household, rental, residenceHistory, resident } from '../../db/schema/index'

export type PersonRow = typeof resident.$inferSelect
export type StayRow = typeof residenceHistory.$inferSelect
export type StayInsert = typeof residenceHistory.$inferInsert
export type HouseholdRow = typeof household.$inferSelect

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)
const count = sql<number>`count(*)::int`

export interface PeopleFilter {
  placePrefix: string
  namePrefix?: string
  idNumberIdx?: string
  phoneIdx?: string
  address?: string
  tags?: string[]
  residenceType?: string
  status?: string
  buildingId?: number
  householdId?: number
}

function peopleWhere(f: PeopleFilter): SQL | undefined {
  return and(
    like(resident.gridCode, `${f.placePrefix}%`),
    f.namePrefix ? like(resident.name, `${escapeLike(f.namePrefix)}%`) : undefined,
    f.idNumberIdx ? eq(resident.idNumberIdx, f.idNumberIdx) : undefined,
    f.phoneIdx ? eq(resident.phoneIdx, f.phoneIdx) : undefined,
    f.address ? sql`${household.address} ILIKE ${`%${escapeLike(f.address)}%`}` : undefined,
    f.tags?.length ? sql`${resident.tags} @> ARRAY[${sql.join(f.tags.map((t) => sql`${t}`), sql`, `)}]::text[]` : undefined,
    f.residenceType ? eq(resident.residenceType, f.residenceType) : undefined,
    f.status ? eq(resident.status, f.status) : undefined,
    f.buildingId ? eq(household.buildingId, f.buildingId) : undefined,
    f.householdId ? eq(resident.householdId, f.householdId) : undefined,
  )
}

const personColumns = { resident, address: household.address, buildingId: household.buildingId }
export type PersonWithPlace = { resident: PersonRow; address: string | null; buildingId: number | null }

/** A page of the register in id order (keyset: the rows after `afterId`), one more than `limit`. */
export function listPeopleRows(db: Db, f: PeopleFilter & { afterId?: number; limit: number }): Promise<PersonWithPlace[]> {
  return db
    .select(personColumns)
    .from(resident)
    .leftJoin(household, eq(household.id, resident.householdId))
    .where(and(peopleWhere(f), f.afterId !== undefined ? gt(resident.id, f.afterId) : undefined))
    .orderBy(asc(resident.id))
    .limit(f.limit + 1)
}

export async function countPeopleRows(db: Db, f: PeopleFilter): Promise<number> {
  const [r] = await db.select({ n: count }).from(resident).leftJoin(household, eq(household.id, resident.householdId)).where(peopleWhere(f))
  return r?.n ?? 0
}

export async function findPersonRow(db: Db, id: number): Promise<PersonWithPlace | undefined> {
  const [r] = await db.select(personColumns).from(resident).leftJoin(household, eq(household.id, resident.householdId)).where(eq(resident.id, id)).limit(1)
  return r
}

export async function findPersonIdByIdNumberIdx(db: Db, idx: string): Promise<number | undefined> {
  const [r] = await db.select({ id: resident.id }).from(resident).where(eq(resident.idNumberIdx, idx)).limit(1)
  return r?.id
}

export async function insertPersonRow(db: Db, v: typeof resident.$inferInsert): Promise<PersonRow | undefined> {
  const [r] = await db.insert(resident).values(v).returning()
  return r
}

/** A versioned update of a person (any version when `version` is undefined: a move recorded from a visit). */
export async function updatePersonVersioned(db: Db, id: number, version: number | undefined, patch: Partial<typeof resident.$inferInsert>): Promise<PersonRow | undefined> {
  const [r] = await db
    .update(resident)
    .set({ ...patch, version: sql`${resident.version} + 1` })
    .where(and(eq(resident.id, id), version === undefined ? undefined : eq(resident.version, version)))
    .returning()
  return r
}

// ---- households and housing ----------------------------------------------------------------------

export type HouseholdWithPlace = { household: HouseholdRow; buildingName: string | null; unitName: string | null }

export async function findHouseholdWithPlace(db: Db, id: number): Promise<HouseholdWithPlace | undefined> {
  const [r] = await db
    .select({ household, buildingName: building.name, unitName: buildingUnit.name })
    .from(household)
    .leftJoin(building, eq(building.id, household.buildingId))
    .leftJoin(buildingUnit, eq(buildingUnit.id, household.unitId))
    .where(eq(household.id, id))
    .limit(1)
  return r
}

export function findHouseholdAddresses(db: Db, ids: number[]): Promise<{ id: number; address: string; gridCode: string }[]> {
  return ids.length ? db.select({ id: household.id, address: household.address, gridCode: household.gridCode }).from(household).where(inArray(household.id, ids)) : Promise.resolve([])
}

/** The people living in households now (present), householders first. */
export function listPresentMembers(db: Db, householdIds: number[]): Promise<PersonRow[]> {
  if (!householdIds.length) return Promise.resolve([])
  return db
    .select()
    .from(resident)
    .where(and(inArray(resident.householdId, householdIds), eq(resident.status, 'present')))
    .orderBy(asc(resident.relationCode), asc(resident.id))
}

export async function updateHouseholdHeadVersioned(db: Db, id: number, version: number, headResidentId: number | null): Promise<HouseholdRow | undefined> {
  const [r] = await db
    .update(household)
    .set({ headResidentId, version: sql`${household.version} + 1` })
    .where(and(eq(household.id, id), eq(household.version, version)))
    .returning()
  return r
}

/** A person who leaves a household stops being its head. */
export async function clearHouseholdHead(db: Db, householdId: number, residentId: number): Promise<void> {
  await db
    .update(household)
    .set({ headResidentId: null, version: sql`${household.version} + 1` })
    .where(and(eq(household.id, householdId), eq(household.headResidentId, residentId)))
}

/** A household with no head gets one when a householder (户主 02) arrives. */
export async function setHeadIfNone(db: Db, householdId: number, residentId: number): Promise<void> {
  await db
    .update(household)
    .set({ headResidentId: residentId, version: sql`${household.version} + 1` })
    .where(and(eq(household.id, householdId), isNull(household.headResidentId)))
}

/** The active rental of a room, with its tenant count (出租房屋, read for the person card). */
export async function findActiveRental(db: Db, householdId: number) {
  const [r] = await db
    .select({
      rental,
      tenantCount: sql<number>`(SELECT count(*)::int FROM rental_tenant t WHERE t.rental_id = rental.id AND t.to_date IS NULL)`,
    })
    .from(rental)
    .where(and(eq(rental.householdId, householdId), eq(rental.status, 'active')))
    .limit(1)
  return r
}

// ---- residence history (居住史) --------------------------------------------------------------------

/** Open stays (one per person: the unique index refuses a second open one). */
export async function insertStays(db: Db, rows: StayInsert[]): Promise<StayRow[]> {
  const out: StayRow[] = []
  for (let i = 0; i < rows.length; i += 500) out.push(...(await db.insert(residenceHistory).values(rows.slice(i, i + 500)).returning()))
  return out
}

export async function findOpenStay(db: Db, residentId: number): Promise<StayRow | undefined> {
  const [r] = await db
    .select()
    .from(residenceHistory)
    .where(and(eq(residenceHistory.residentId, residentId), isNull(residenceHistory.toDate)))
    .limit(1)
  return r
}

/** Close the open stay; undefined when there was none open (someone closed it first). */
export async function closeStay(db: Db, stayId: number, v: { toDate: string; endReason: string; note: string | null }): Promise<StayRow | undefined> {
  const [r] = await db
    .update(residenceHistory)
    .set(v)
    .where(and(eq(residenceHistory.id, stayId), isNull(residenceHistory.toDate)))
    .returning()
  return r
}

export function listStays(db: Db, residentId: number): Promise<StayRow[]> {
  return db.select().from(residenceHistory).where(eq(residenceHistory.residentId, residentId)).orderBy(desc(residenceHistory.fromDate), desc(residenceHistory.id))
}

// ---- buildings (按楼栋查户) ------------------------------------------------------------------------

export function listBuildingsUnder(db: Db, placePrefix: string) {
  return db
    // correlated counts name the outer table in full (a lone table's columns are written unqualified)
    .select({
      id: building.id,
      name: building.name,
      address: building.address,
      gridCode: building.gridCode,
      householdCount: sql<number>`(SELECT count(*)::int FROM household h WHERE h.building_id = building.id)`,
      peopleCount: sql<number>`(SELECT count(*)::int FROM resident r JOIN household h ON h.id = r.household_id WHERE h.building_id = building.id AND r.status = 'present')`,
    })
    .from(building)
    .where(like(building.gridCode, `${placePrefix}%`))
    .orderBy(asc(building.id))
    .limit(500)
}

export async function findBuilding(db: Db, id: number) {
  const [r] = await db.select().from(building).where(eq(building.id, id)).limit(1)
  return r
}

export function listBuildingHouseholdRows(db: Db, buildingId: number) {
  return db
    .select({ household, unitName: buildingUnit.name })
    .from(household)
    .leftJoin(buildingUnit, eq(buildingUnit.id, household.unitId))
    .where(eq(household.buildingId, buildingId))
    .orderBy(asc(buildingUnit.id), asc(household.room), asc(household.id))
}

// ---- the demo seed's writes (seed/demo-population.ts) ----------------------------------------------

/** Re-date a stay's beginning (a demo person who moved in recently). */
export async function updateStayStart(db: Db, stayId: number, v: { fromDate: string; startReason: string }): Promise<void> {
  await db.update(residenceHistory).set(v).where(eq(residenceHistory.id, stayId))
}

/** Name each household's head (the demo's householders). */
export async function setHouseholdHeads(db: Db, heads: { householdId: number; residentId: number }[]): Promise<void> {
  for (const h of heads) await db.update(household).set({ headResidentId: h.residentId }).where(eq(household.id, h.householdId))
}

/** Set a household's use (实有房屋: owner · rented · vacant · other). */
export async function setHouseholdOccupancy(db: Db, householdIds: number[], occupancy: string): Promise<void> {
  if (householdIds.length) await db.update(household).set({ occupancy }).where(inArray(household.id, householdIds))
}

/** The person fields the demo gives each of its people, written 500 at a time in one statement each. */
export interface PersonFacts {
  id: number
  residenceType: string
  relationCode: string
  ethnicity: string | null
  politicalStatus: string
  education: string
  maritalStatus: string
  nationality: string
  idType: string
  idNumberEnc: string | null
  idNumberIdx: string | null
  hukouAddress: string | null
  sameAsHukou: boolean
  occupation: string | null
  workplace: string | null
  tags: string[]
}

export async function updatePeopleFacts(db: Db, rows: PersonFacts[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const values = sql.join(
      rows.slice(i, i + 500).map(
        (r) =>
          sql`(${r.id}::bigint, ${r.residenceType}::text, ${r.relationCode}::text, ${r.ethnicity}::text, ${r.politicalStatus}::text, ${r.education}::text, ${r.maritalStatus}::text, ${r.nationality}::text, ${r.idType}::text, ${r.idNumberEnc}::text, ${r.idNumberIdx}::text, ${r.hukouAddress}::text, ${r.sameAsHukou}::boolean, ${r.occupation}::text, ${r.workplace}::text, ${JSON.stringify(r.tags)}::jsonb)`,
      ),
      sql`, `,
    )
    await db.execute(sql`
      UPDATE resident r SET residence_type = v.residence_type, relation_code = v.relation_code, ethnicity = v.ethnicity,
        political_status = v.political_status, education = v.education, marital_status = v.marital_status, nationality = v.nationality,
        id_type = v.id_type, id_number_enc = coalesce(v.id_number_enc, r.id_number_enc), id_number_idx = coalesce(v.id_number_idx, r.id_number_idx),
        hukou_address = v.hukou_address, same_as_hukou = v.same_as_hukou, occupation = v.occupation, workplace = v.workplace,
        tags = ARRAY(SELECT jsonb_array_elements_text(v.tags))
      FROM (VALUES ${values}) AS v(id, residence_type, relation_code, ethnicity, political_status, education, marital_status, nationality, id_type,
        id_number_enc, id_number_idx, hukou_address, same_as_hukou, occupation, workplace, tags)
      WHERE r.id = v.id`)
  }
  // the stays opened at registration carry what each person is at that address
  const ids = rows.map((r) => r.id)
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000)
    await db.execute(sql`
      UPDATE residence_history h SET residence_type = r.residence_type, relation_code = r.relation_code
      FROM resident r WHERE r.id = h.resident_id AND r.id IN (${sql.join(
        chunk.map((id) => sql`${id}`),
        sql`, `,
      )})`)
  }
}

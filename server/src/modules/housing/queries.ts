/** 实有房屋 / 出租房屋: the only SQL of the housing module. Every function takes a handle that may be a transaction. */
import { and, asc, desc, eq, ilike, inArray, isNull, like, lt, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { after } from '../../db/keyset'
import { building, buildingUnit, compound, grid, household } from '../../db/schema/places'
import { resident } from '../../db/schema/people'
import { rental, rentalTenant, roomUseChange } from '../../db/schema/ledger'

export type RentalRow = typeof rental.$inferSelect
export type RentalInsert = typeof rental.$inferInsert
export type TenantRow = typeof rentalTenant.$inferSelect
export type RoomRow = typeof household.$inferSelect

const n = sql<number>`count(*)::int`
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

// ---- buildings and rooms -----------------------------------------------------------------------

export interface BuildingFilter {
  placePrefix: string
  compoundId?: number
  q?: string
}

function buildingsWhere(f: BuildingFilter) {
  return and(
    like(building.gridCode, `${f.placePrefix}%`),
    f.compoundId !== undefined ? eq(building.compoundId, f.compoundId) : undefined,
    f.q ? or(ilike(building.name, `%${escapeLike(f.q)}%`), ilike(compound.name, `%${escapeLike(f.q)}%`)) : undefined,
  )
}

function selectHousingBuildings(db: Db) {
  return db
    .select({
      building,
      compoundName: compound.name,
      gridName: grid.name,
      owner: sql<number>`(select count(*)::int from household h where h.building_id = ${building.id} and h.occupancy = 'owner')`,
      rented: sql<number>`(select count(*)::int from household h where h.building_id = ${building.id} and h.occupancy = 'rented')`,
      vacant: sql<number>`(select count(*)::int from household h where h.building_id = ${building.id} and h.occupancy = 'vacant')`,
      other: sql<number>`(select count(*)::int from household h where h.building_id = ${building.id} and h.occupancy = 'other')`,
      activeRentals: sql<number>`(select count(*)::int from rental r join household h on h.id = r.household_id where h.building_id = ${building.id} and r.status = 'active')`,
    })
    .from(building)
    .leftJoin(compound, eq(compound.id, building.compoundId))
    .innerJoin(grid, eq(grid.code, building.gridCode))
}

/** Buildings under a place with their rooms counted by use and their active rentals. */
export function listHousingBuildings(db: Db, f: BuildingFilter & { afterId?: number; limit: number }) {
  return selectHousingBuildings(db)
    .where(and(buildingsWhere(f), after(building.id, f.afterId)))
    .orderBy(asc(building.id))
    .limit(f.limit + 1)
}
export type HousingBuildingRow = Awaited<ReturnType<typeof listHousingBuildings>>[number]

export async function countHousingBuildings(db: Db, f: BuildingFilter): Promise<number> {
  const [r] = await db.select({ n }).from(building).leftJoin(compound, eq(compound.id, building.compoundId)).where(buildingsWhere(f))
  return r?.n ?? 0
}

export async function findHousingBuilding(db: Db, id: number): Promise<HousingBuildingRow | undefined> {
  const [r] = await selectHousingBuildings(db).where(eq(building.id, id)).limit(1)
  return r
}

export function listUnitsOfBuilding(db: Db, buildingId: number) {
  return db.select({ id: buildingUnit.id, name: buildingUnit.name }).from(buildingUnit).where(eq(buildingUnit.buildingId, buildingId)).orderBy(asc(buildingUnit.id))
}

const roomColumns = {
  room: household,
  unitName: buildingUnit.name,
  /** 户主: the head named on the household, else its householder */
  headName: sql<string | null>`coalesce(
    (select r.name from resident r where r.id = ${household.headResidentId}),
    (select r.name from resident r where r.household_id = ${household.id} and r.relation = 'householder' and r.status = 'present' order by r.id limit 1))`,
  memberCount: sql<number>`(select count(*)::int from resident r where r.household_id = ${household.id} and r.status = 'present')`,
  rentalId: sql<number | null>`(select r.id from rental r where r.household_id = ${household.id} and r.status = 'active' limit 1)`,
}

/** Every room of a building, by unit then room. */
export function listRoomsOfBuilding(db: Db, buildingId: number) {
  return db
    .select(roomColumns)
    .from(household)
    .leftJoin(buildingUnit, eq(buildingUnit.id, household.unitId))
    .where(eq(household.buildingId, buildingId))
    .orderBy(asc(household.unitId), asc(household.id))
}
export type RoomWithFacts = Awaited<ReturnType<typeof listRoomsOfBuilding>>[number]

export async function findRoom(db: Db, id: number): Promise<RoomWithFacts | undefined> {
  const [r] = await db.select(roomColumns).from(household).leftJoin(buildingUnit, eq(buildingUnit.id, household.unitId)).where(eq(household.id, id)).limit(1)
  return r
}

/**
 * A room's use, set on `day` (a Shanghai date): the row (undefined when `version` is stale or the room is gone), and —
 * when the use really changed — its 房屋用途变更 row, so past months keep their split. `day` null records the use a
 * room was first registered with (the demo's rooms), no change.
 */
export async function updateRoomOccupancy(db: Db, id: number, version: number | null, occupancy: string, day: string | null): Promise<RoomRow | undefined> {
  const [before] = await db.select({ occupancy: household.occupancy }).from(household).where(eq(household.id, id)).for('update')
  const [r] = await db
    .update(household)
    .set({ occupancy, version: sql`${household.version} + 1` })
    .where(and(eq(household.id, id), version === null ? undefined : eq(household.version, version)))
    .returning()
  if (r && day !== null && before && before.occupancy !== occupancy) await db.insert(roomUseChange).values({ householdId: id, day, fromUse: before.occupancy, toUse: occupancy })
  return r
}

/** A room's changes of use, the latest first. */
export function listRoomUseChanges(db: Db, householdId: number) {
  return db
    .select({ day: roomUseChange.day, fromUse: roomUseChange.fromUse, toUse: roomUseChange.toUse })
    .from(roomUseChange)
    .where(eq(roomUseChange.householdId, householdId))
    .orderBy(desc(roomUseChange.day), desc(roomUseChange.id))
}

// ---- rentals -----------------------------------------------------------------------------------

export interface RentalFilter {
  placePrefix: string
  buildingId?: number
  status?: string
  purpose?: string
  landlordName?: string
  /** blind index of a phone or ID number */
  landlordIdx?: string
}

function rentalsWhere(f: RentalFilter) {
  return and(
    like(rental.gridCode, `${f.placePrefix}%`),
    f.buildingId !== undefined ? eq(household.buildingId, f.buildingId) : undefined,
    f.status ? eq(rental.status, f.status) : undefined,
    f.purpose ? eq(rental.purpose, f.purpose) : undefined,
    f.landlordName ? ilike(rental.landlordName, `%${escapeLike(f.landlordName)}%`) : undefined,
    f.landlordIdx ? or(eq(rental.landlordPhoneIdx, f.landlordIdx), eq(rental.landlordIdNumberIdx, f.landlordIdx)) : undefined,
  )
}

const rentalColumns = { rental, address: household.address, room: household.room, buildingId: household.buildingId, buildingName: building.name, gridName: grid.name }

function selectRentals(db: Db) {
  return db
    .select(rentalColumns)
    .from(rental)
    .innerJoin(household, eq(household.id, rental.householdId))
    .leftJoin(building, eq(building.id, household.buildingId))
    .innerJoin(grid, eq(grid.code, rental.gridCode))
}

/** Newest first (by id). */
export function listRentals(db: Db, f: RentalFilter & { beforeId?: number; limit: number }) {
  return selectRentals(db)
    .where(and(rentalsWhere(f), f.beforeId !== undefined ? lt(rental.id, f.beforeId) : undefined))
    .orderBy(desc(rental.id))
    .limit(f.limit + 1)
}

export async function countRentals(db: Db, f: RentalFilter): Promise<number> {
  const [r] = await db.select({ n }).from(rental).innerJoin(household, eq(household.id, rental.householdId)).where(rentalsWhere(f))
  return r?.n ?? 0
}

export type RentalWithPlace = Awaited<ReturnType<typeof listRentals>>[number]

export async function findRental(db: Db, id: number): Promise<RentalWithPlace | undefined> {
  const [r] = await selectRentals(db).where(eq(rental.id, id)).limit(1)
  return r
}

export async function findActiveRentalOfRoom(db: Db, householdId: number): Promise<RentalRow | undefined> {
  const [r] = await db.select().from(rental).where(and(eq(rental.householdId, householdId), eq(rental.status, 'active'))).limit(1)
  return r
}

export function listActiveRentalsOfRooms(db: Db, householdIds: number[]): Promise<RentalRow[]> {
  if (!householdIds.length) return Promise.resolve([])
  return db.select().from(rental).where(and(inArray(rental.householdId, householdIds), eq(rental.status, 'active')))
}

/** A new rental; undefined when the room already has an active one (the partial unique index). */
export async function insertRental(db: Db, v: RentalInsert): Promise<RentalRow | undefined> {
  const [r] = await db.insert(rental).values(v).onConflictDoNothing().returning()
  return r
}

export async function updateRentalVersioned(db: Db, id: number, version: number, patch: Partial<RentalInsert>): Promise<RentalRow | undefined> {
  const [r] = await db
    .update(rental)
    .set({ ...patch, version: sql`${rental.version} + 1` })
    .where(and(eq(rental.id, id), eq(rental.version, version)))
    .returning()
  return r
}

/** Tenants of some rentals with their names, the current ones first, then by when they came. */
export function listTenantsOf(db: Db, rentalIds: number[]) {
  if (!rentalIds.length) return Promise.resolve([])
  return db
    .select({ tenant: rentalTenant, name: resident.name })
    .from(rentalTenant)
    .innerJoin(resident, eq(resident.id, rentalTenant.residentId))
    .where(inArray(rentalTenant.rentalId, rentalIds))
    .orderBy(sql`${rentalTenant.toDate} is not null`, asc(rentalTenant.fromDate), asc(rentalTenant.id))
}
export type TenantWithName = Awaited<ReturnType<typeof listTenantsOf>>[number]

export async function findTenant(db: Db, rentalId: number, tenantId: number): Promise<TenantRow | undefined> {
  const [r] = await db.select().from(rentalTenant).where(and(eq(rentalTenant.id, tenantId), eq(rentalTenant.rentalId, rentalId))).limit(1)
  return r
}

export async function findCurrentTenancy(db: Db, rentalId: number, residentId: number): Promise<TenantRow | undefined> {
  const [r] = await db
    .select()
    .from(rentalTenant)
    .where(and(eq(rentalTenant.rentalId, rentalId), eq(rentalTenant.residentId, residentId), isNull(rentalTenant.toDate)))
    .limit(1)
  return r
}

export async function insertTenant(db: Db, v: typeof rentalTenant.$inferInsert): Promise<TenantRow> {
  const [r] = await db.insert(rentalTenant).values(v).returning()
  return r!
}

/** Close one open tenancy; undefined when it was closed meanwhile. */
export async function endTenancy(db: Db, tenantId: number, toDate: string): Promise<TenantRow | undefined> {
  const [r] = await db
    .update(rentalTenant)
    .set({ toDate })
    .where(and(eq(rentalTenant.id, tenantId), isNull(rentalTenant.toDate)))
    .returning()
  return r
}

/** Close every open tenancy of a rental (退租): each keeps its row, with the end date. */
export async function endTenanciesOf(db: Db, rentalId: number, toDate: string): Promise<TenantRow[]> {
  return db
    .update(rentalTenant)
    .set({ toDate: sql`greatest(${rentalTenant.fromDate}, ${toDate}::date)` })
    .where(and(eq(rentalTenant.rentalId, rentalId), isNull(rentalTenant.toDate)))
    .returning()
}

// ---- people the rentals refer to -------------------------------------------------------------------

export async function findResidentBrief(db: Db, id: number) {
  const [r] = await db
    .select({ id: resident.id, name: resident.name, gridCode: resident.gridCode, status: resident.status, phoneEnc: resident.phoneEnc, phoneIdx: resident.phoneIdx, idNumberEnc: resident.idNumberEnc, idNumberIdx: resident.idNumberIdx })
    .from(resident)
    .where(eq(resident.id, id))
    .limit(1)
  return r
}

// ---- imports ---------------------------------------------------------------------------------------

/** Every building under a place with its compound's name and its units: what a sheet's addresses resolve to. */
export async function listBuildingsForImport(db: Db, placePrefix: string) {
  const bs = await db
    .select({ id: building.id, name: building.name, gridCode: building.gridCode, address: building.address, compoundName: compound.name })
    .from(building)
    .leftJoin(compound, eq(compound.id, building.compoundId))
    .where(like(building.gridCode, `${placePrefix}%`))
  const units = bs.length
    ? await db
        .select({ id: buildingUnit.id, name: buildingUnit.name, buildingId: buildingUnit.buildingId })
        .from(buildingUnit)
        .where(inArray(buildingUnit.buildingId, bs.map((b) => b.id)))
    : []
  return { buildings: bs, units }
}

/** The rooms of some buildings (by building, unit and room). */
export function listRoomsOfBuildings(db: Db, buildingIds: number[]) {
  if (!buildingIds.length) return Promise.resolve([])
  return db
    .select({ id: household.id, buildingId: household.buildingId, unitId: household.unitId, room: household.room, occupancy: household.occupancy, version: household.version, gridCode: household.gridCode })
    .from(household)
    .where(inArray(household.buildingId, buildingIds))
}

/** Rooms created by an import, in one statement; the grid's household count follows. */
export async function insertImportedRooms(db: Db, rows: { gridCode: string; buildingId: number; unitId: number | null; room: string; address: string; occupancy: string }[]) {
  if (!rows.length) return []
  const inserted = await db.insert(household).values(rows).returning({ id: household.id, gridCode: household.gridCode })
  const byGrid = new Map<string, number>()
  for (const r of inserted) byGrid.set(r.gridCode, (byGrid.get(r.gridCode) ?? 0) + 1)
  for (const [code, k] of byGrid) await db.update(grid).set({ householdCount: sql`${grid.householdCount} + ${k}` }).where(eq(grid.code, code))
  return inserted
}

// ---- the demo seed ---------------------------------------------------------------------------------

/** Every room of a community's buildings with the people living there (the demo's housing plan). */
export async function listRoomsWithPeople(db: Db, communityCode: string) {
  const rooms = await db
    .select({ id: household.id, gridCode: household.gridCode, buildingId: household.buildingId, room: household.room })
    .from(household)
    .where(and(like(household.gridCode, `${communityCode}%`), sql`${household.buildingId} is not null`))
    .orderBy(asc(household.id))
  const people = rooms.length
    ? await db
        .select({ id: resident.id, householdId: resident.householdId, name: resident.name, relation: resident.relation, tags: resident.tags, birthDate: resident.birthDate })
        .from(resident)
        .where(inArray(resident.householdId, rooms.map((r) => r.id)))
        .orderBy(asc(resident.id))
    : []
  return { rooms, people }
}

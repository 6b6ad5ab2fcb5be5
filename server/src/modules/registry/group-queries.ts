/** The SQL of 十联户 arrangement and printing: a building's households in order, their residents, the groups in it. */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { building, buildingUnit, compound, grid, household, householdGroup, householdLeaderContact, resident, userAccount } from '../../db/schema/index'

/** The building's households with unit, room, group and head's name (the head, or the householder). */
export function listBuildingHouseholds(db: Db, buildingId: number) {
  return db
    .select({
      id: household.id,
      gridCode: household.gridCode,
      room: household.room,
      address: household.address,
      groupId: household.groupId,
      unitName: buildingUnit.name,
      headName: sql<string | null>`coalesce(
        (SELECT r.name FROM resident r WHERE r.id = ${household.headResidentId}),
        (SELECT r.name FROM resident r WHERE r.household_id = ${household.id} AND r.relation = 'householder' AND r.status = 'present' ORDER BY r.id LIMIT 1))`,
    })
    .from(household)
    .leftJoin(buildingUnit, eq(buildingUnit.id, household.unitId))
    .where(eq(household.buildingId, buildingId))
    .orderBy(asc(household.id))
}

/** The present residents of some households. */
export function listPresentResidentsOf(db: Db, householdIds: number[]) {
  if (householdIds.length === 0) return Promise.resolve([])
  return db
    .select({ id: resident.id, name: resident.name, householdId: resident.householdId, birthDate: resident.birthDate, relation: resident.relation })
    .from(resident)
    .where(and(inArray(resident.householdId, householdIds), eq(resident.status, 'present')))
    .orderBy(asc(resident.id))
}

/** How many groups already have households in the building (to number new ones after them). */
export async function countBuildingGroups(db: Db, buildingId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(DISTINCT ${household.groupId})::int` })
    .from(household)
    .where(eq(household.buildingId, buildingId))
  return r?.n ?? 0
}

/** The buildings of a place (at most `limit`) with their households, those grouped, and the groups in them. */
export function listGroupBuildings(db: Db, placePrefix: string, limit: number) {
  const hi = (BigInt(placePrefix) + 1n).toString().padStart(placePrefix.length, '0')
  return db
    .select({
      id: building.id,
      name: building.name,
      gridCode: building.gridCode,
      gridName: grid.name,
      compoundName: compound.name,
      households: sql<number>`(SELECT count(*)::int FROM household h WHERE h.building_id = ${building.id})`,
      grouped: sql<number>`(SELECT count(*)::int FROM household h WHERE h.building_id = ${building.id} AND h.group_id IS NOT NULL)`,
      groups: sql<number>`(SELECT count(DISTINCT h.group_id)::int FROM household h WHERE h.building_id = ${building.id})`,
    })
    .from(building)
    .innerJoin(grid, eq(grid.code, building.gridCode))
    .leftJoin(compound, eq(compound.id, building.compoundId))
    .where(and(sql`${building.gridCode} >= ${placePrefix} AND ${building.gridCode} < ${hi}`, isNull(grid.retiredAt)))
    .orderBy(asc(building.gridCode), asc(compound.name), asc(building.name), asc(building.id))
    .limit(limit + 1)
}

/** The groups with households in the building, their leader (name, phone) and every household of theirs in it. */
export function listPrintGroups(db: Db, buildingId: number) {
  return db
    .select({
      groupId: householdGroup.id,
      groupName: householdGroup.name,
      leaderName: sql<string | null>`(SELECT r.name FROM resident r WHERE r.id = ${householdGroup.leaderResidentId})`,
      leaderPhoneEnc: sql<string | null>`(SELECT r.phone_enc FROM resident r WHERE r.id = ${householdGroup.leaderResidentId})`,
      leaderPhonePublic: sql<boolean>`coalesce((SELECT c.phone_public FROM household_leader_contact c WHERE c.resident_id = ${householdGroup.leaderResidentId}), false)`,
      householdId: household.id,
      room: household.room,
      address: household.address,
      unitName: buildingUnit.name,
      headName: sql<string | null>`coalesce(
        (SELECT r.name FROM resident r WHERE r.id = ${household.headResidentId}),
        (SELECT r.name FROM resident r WHERE r.household_id = ${household.id} AND r.relation = 'householder' AND r.status = 'present' ORDER BY r.id LIMIT 1))`,
    })
    .from(household)
    .innerJoin(householdGroup, eq(householdGroup.id, household.groupId))
    .leftJoin(buildingUnit, eq(buildingUnit.id, household.unitId))
    .where(eq(household.buildingId, buildingId))
    .orderBy(asc(householdGroup.id), asc(household.id))
}

/** The grid's head and workers (live accounts scoped to the grid). */
export function listGridStaffNames(db: Db, gridPath: string) {
  return db
    .select({ role: userAccount.role, name: userAccount.displayName })
    .from(userAccount)
    .where(and(eq(userAccount.scope, gridPath), isNull(userAccount.disabledAt), inArray(userAccount.role, ['gridHead', 'gridWorker'])))
    .orderBy(asc(userAccount.role), asc(userAccount.id))
}

/** Record a 联户长's consent to show their phone in full (one row per person, replaced). */
export async function upsertLeaderContact(db: Db, v: typeof householdLeaderContact.$inferInsert) {
  const [r] = await db
    .insert(householdLeaderContact)
    .values(v)
    .onConflictDoUpdate({ target: householdLeaderContact.residentId, set: { phonePublic: v.phonePublic, recordedByUserId: v.recordedByUserId, updatedAt: v.updatedAt } })
    .returning()
  return r
}

export async function findLeaderContact(db: Db, residentId: number) {
  const [r] = await db.select().from(householdLeaderContact).where(eq(householdLeaderContact.residentId, residentId)).limit(1)
  return r
}

import { and, asc, eq, inArray, isNull, like, max, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appeal, building, compound, department, grid, household, householdGroup, partyOrg, propertyCompany, region, resident, userAccount } from '../../db/schema/index'

export async function findRegion(db: Db, code: string) {
  const rows = await db.select().from(region).where(eq(region.code, code)).limit(1)
  return rows[0]
}

export async function findGrid(db: Db, code: string) {
  const rows = await db.select().from(grid).where(eq(grid.code, code)).limit(1)
  return rows[0]
}

export function listRegionChildren(db: Db, parentCode: string) {
  return db.select().from(region).where(eq(region.parentCode, parentCode)).orderBy(asc(region.code))
}

export function listGridsOfCommunity(db: Db, communityCode: string, includeRetired: boolean) {
  return db
    .select()
    .from(grid)
    .where(and(eq(grid.communityCode, communityCode), includeRetired ? undefined : isNull(grid.retiredAt)))
    .orderBy(asc(grid.code))
}

/** The highest serial ever used in a community, retired grids included (codes are never reused). */
export async function findMaxGridSerial(db: Db, communityCode: string): Promise<number> {
  const rows = await db.select({ m: max(grid.serial) }).from(grid).where(eq(grid.communityCode, communityCode))
  return rows[0]?.m ?? 0
}

export async function insertGrid(db: Db, g: typeof grid.$inferInsert) {
  const rows = await db.insert(grid).values(g).onConflictDoNothing().returning()
  return rows[0]
}

export async function retireGridByCode(db: Db, code: string, at: Date) {
  const rows = await db
    .update(grid)
    .set({ retiredAt: at })
    .where(and(eq(grid.code, code), isNull(grid.retiredAt)))
    .returning()
  return rows[0]
}

export async function countGridContents(db: Db, code: string): Promise<{ households: number; openAppeals: number }> {
  const [h] = await db.select({ n: sql<number>`count(*)::int` }).from(household).where(eq(household.gridCode, code))
  const [a] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(appeal)
    .where(and(eq(appeal.gridCode, code), sql`${appeal.status} <> 'closed'`))
  return { households: h?.n ?? 0, openAppeals: a?.n ?? 0 }
}

export async function findDepartment(db: Db, code: string) {
  const rows = await db.select().from(department).where(eq(department.code, code)).limit(1)
  return rows[0]
}

export function listDepartmentsOfCounty(db: Db, countyCode: string) {
  return db.select().from(department).where(eq(department.countyCode, countyCode)).orderBy(asc(department.code))
}

export async function findPropertyCompany(db: Db, id: number) {
  const rows = await db.select().from(propertyCompany).where(eq(propertyCompany.id, id)).limit(1)
  return rows[0]
}

/** Communities where a property company manages a compound. */
export async function listCommunitiesOfPropertyCompany(db: Db, companyId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ code: compound.communityCode })
    .from(compound)
    .where(eq(compound.propertyCompanyId, companyId))
  return rows.map((r) => r.code)
}

/** Names of a grid and the regions above it, for presenting appeals. */
export async function findPlaceNames(db: Db, gridCode: string) {
  const rows = await db
    .select({ gridName: grid.name, communityName: region.name })
    .from(grid)
    .innerJoin(region, eq(region.code, grid.communityCode))
    .where(eq(grid.code, gridCode))
    .limit(1)
  return rows[0]
}

export function listRegionsUnder(db: Db, prefix: string) {
  return db.select().from(region).where(like(region.code, `${prefix}%`))
}

/** A building with its grid (name, community) and compound. */
export async function findBuildingWithGrid(db: Db, id: number) {
  const [r] = await db
    .select({
      id: building.id,
      name: building.name,
      address: building.address,
      floors: building.floors,
      gridCode: building.gridCode,
      gridName: grid.name,
      communityCode: grid.communityCode,
      compoundName: compound.name,
    })
    .from(building)
    .innerJoin(grid, eq(grid.code, building.gridCode))
    .leftJoin(compound, eq(compound.id, building.compoundId))
    .where(eq(building.id, id))
    .limit(1)
  return r
}

/** A household with its building and address. */
export async function findHousehold(db: Db, id: number) {
  const rows = await db
    .select({ id: household.id, gridCode: household.gridCode, buildingId: household.buildingId, address: household.address })
    .from(household)
    .where(eq(household.id, id))
    .limit(1)
  return rows[0]
}

const orgMemberCount = sql<number>`(SELECT count(*)::int FROM party_member m WHERE m.party_org_id = party_org.id)`

/** 铁三角 of a grid: its party group, the active grid heads and workers whose scope is the grid, its 十联户 and their leaders. */
export async function findGridTeam(db: Db, gridCode: string, gridPath: string) {
  const [partyGroup] = await db
    .select({ id: partyOrg.id, name: partyOrg.name, memberCount: orgMemberCount })
    .from(partyOrg)
    .where(and(eq(partyOrg.placeCode, gridCode), eq(partyOrg.kind, 'gridGroup')))
    .limit(1)
  const staff = await db
    .select({ id: userAccount.id, name: userAccount.displayName, role: userAccount.role })
    .from(userAccount)
    .where(and(eq(userAccount.scope, gridPath), inArray(userAccount.role, ['gridHead', 'gridWorker']), isNull(userAccount.disabledAt)))
    .orderBy(asc(userAccount.id))
  const groups = await db
    .select({
      id: householdGroup.id,
      name: householdGroup.name,
      leaderResidentId: householdGroup.leaderResidentId,
      leaderName: resident.name,
      leaderAccountId: sql<number | null>`(SELECT u.id FROM user_account u WHERE u.resident_id = household_group.leader_resident_id AND u.role = 'householdLeader' AND u.disabled_at IS NULL ORDER BY u.id LIMIT 1)`,
      householdCount: sql<number>`(SELECT count(*)::int FROM household h WHERE h.group_id = household_group.id)`,
    })
    .from(householdGroup)
    .leftJoin(resident, eq(resident.id, householdGroup.leaderResidentId))
    .where(eq(householdGroup.gridCode, gridCode))
    .orderBy(asc(householdGroup.id))
  return { partyGroup, staff, groups }
}
export type GridTeamRows = Awaited<ReturnType<typeof findGridTeam>>

/** The party organisations attached to a place and the places under it, with their member counts. */
export function listPartyOrgsUnder(db: Db, code: string) {
  return db
    .select({ org: partyOrg, memberCount: orgMemberCount })
    .from(partyOrg)
    .where(like(partyOrg.placeCode, `${code}%`))
    .orderBy(asc(partyOrg.id))
}
export type PartyOrgUnderRow = Awaited<ReturnType<typeof listPartyOrgsUnder>>[number]

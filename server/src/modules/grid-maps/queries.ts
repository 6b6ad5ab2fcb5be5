/** The only SQL of the grid maps: places and boundaries, counts per grid, the grid card. */
import { and, eq, isNotNull, isNull, like, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { newestFirst } from '../../db/keyset'
import { appeal, building, grid, household, householdGroup, partyMember, partyOrg, region, resident, userAccount } from '../../db/schema/index'

export function listRegionsUnderCounty(db: Db, countyCode: string) {
  return db.select({ code: region.code, parentCode: region.parentCode, level: region.level }).from(region).where(like(region.code, `${countyCode}%`)).orderBy(region.code)
}

export function listGridsUnderCounty(db: Db, countyCode: string) {
  return db.select({ code: grid.code, communityCode: grid.communityCode, boundary: grid.boundary, isDemo: grid.isDemo }).from(grid).where(like(grid.code, `${countyCode}%`)).orderBy(grid.code)
}

/** Write a generated boundary: where none was drawn, or over a demo placeholder — never over a real one. */
export async function setGeneratedBoundary(db: Db, code: string, boundary: unknown, replacing: 'missing' | 'demoPlaceholder'): Promise<void> {
  await db
    .update(grid)
    .set({ boundary })
    .where(and(eq(grid.code, code), replacing === 'missing' ? isNull(grid.boundary) : eq(grid.isDemo, true)))
}

export async function findRegionName(db: Db, code: string) {
  const rows = await db.select({ name: region.name }).from(region).where(eq(region.code, code)).limit(1)
  return rows[0]?.name
}

export function listCommunityGrids(db: Db, communityCode: string) {
  return db.select().from(grid).where(eq(grid.communityCode, communityCode)).orderBy(grid.code)
}

export function countOpenAppealsByGrid(db: Db, communityCode: string) {
  return db
    .select({ gridCode: appeal.gridCode, open: sql<number>`count(*)::int`, carded: sql<number>`count(*) FILTER (WHERE ${appeal.card} IS NOT NULL)::int` })
    .from(appeal)
    .where(and(eq(appeal.communityCode, communityCode), ne(appeal.status, 'closed')))
    .groupBy(appeal.gridCode)
}

/** Open appeals with real coordinates (markers), of a community or one grid. */
export function listOpenAppealPoints(db: Db, communityCode: string, gridCode: string | null) {
  return db
    .select({ id: appeal.id, number: appeal.number, title: appeal.title, color: appeal.color, status: appeal.status, gridCode: appeal.gridCode, lat: appeal.lat, lng: appeal.lng })
    .from(appeal)
    .where(and(eq(appeal.communityCode, communityCode), ne(appeal.status, 'closed'), isNotNull(appeal.lat), isNotNull(appeal.lng), gridCode ? eq(appeal.gridCode, gridCode) : undefined))
    .orderBy(...newestFirst(appeal.createdAt))
    .limit(500)
}

export async function findGridRow(db: Db, code: string) {
  const rows = await db.select().from(grid).where(eq(grid.code, code)).limit(1)
  return rows[0]
}

export function listGridStaff(db: Db, gridPath: string) {
  return db
    .select({ role: userAccount.role, name: userAccount.displayName })
    .from(userAccount)
    .where(and(eq(userAccount.scope, gridPath), isNull(userAccount.disabledAt), sql`${userAccount.role} IN ('gridHead', 'gridWorker')`))
    .orderBy(userAccount.id)
}

export async function gridCounts(db: Db, code: string) {
  const one = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0
  const [households, residents, buildings, openAppeals] = await Promise.all([
    one(db.select({ n: sql<number>`count(*)::int` }).from(household).where(eq(household.gridCode, code))),
    one(db.select({ n: sql<number>`count(*)::int` }).from(resident).where(eq(resident.gridCode, code))),
    one(db.select({ n: sql<number>`count(*)::int` }).from(building).where(eq(building.gridCode, code))),
    one(db.select({ n: sql<number>`count(*)::int` }).from(appeal).where(and(eq(appeal.gridCode, code), ne(appeal.status, 'closed')))),
  ])
  return { households, residents, buildings, openAppeals }
}

export function listHouseholdGroups(db: Db, code: string) {
  return db
    .select({ name: householdGroup.name, leader: resident.name, households: sql<number>`(SELECT count(*)::int FROM ${household} WHERE ${household.groupId} = ${householdGroup.id})` })
    .from(householdGroup)
    .leftJoin(resident, eq(resident.id, householdGroup.leaderResidentId))
    .where(eq(householdGroup.gridCode, code))
    .orderBy(householdGroup.id)
}

export function listGridPartyGroups(db: Db, code: string) {
  return db
    .select({ name: partyOrg.name, members: sql<number>`(SELECT count(*)::int FROM ${partyMember} WHERE ${partyMember.partyOrgId} = ${partyOrg.id})` })
    .from(partyOrg)
    .where(eq(partyOrg.placeCode, code))
    .orderBy(partyOrg.id)
}

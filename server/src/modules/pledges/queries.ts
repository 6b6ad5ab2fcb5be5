/** Every SQL statement of 包保 (household pledges, visits, the notice contact). Each takes a handle that may be a transaction. */
import { and, asc, desc, eq, inArray, isNotNull, isNull, like, lt, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { byKey, figureKey, underPlace, type FigureScope } from '../../db/figures'
import { PLEDGE_MAX, PLEDGE_MIN } from '#contracts/pledge-names'
import {
  appeal,
  building,
  buildingUnit,
  compound,
  grid,
  household,
  householdGroup,
  householdPledge,
  partyMember,
  partyOrg,
  partyRegistration,
  pledgeContact,
  pledgeVisit,
  region,
  resident,
  userAccount,
} from '../../db/schema/index'

export type PledgeRow = typeof householdPledge.$inferSelect
export type PledgeInsert = typeof householdPledge.$inferInsert
export type VisitRow = typeof pledgeVisit.$inferSelect
export type VisitInsert = typeof pledgeVisit.$inferInsert

// ---- registrations and members (read only: 双报到 owns them) ------------------------------------

/** A member's confirmed registrations (双报到), oldest first. */
export function listConfirmedRegistrations(db: Db, partyMemberId: number) {
  return db
    .select({ id: partyRegistration.id, communityCode: partyRegistration.communityCode, communityName: region.name, post: partyRegistration.post, workUnit: partyRegistration.workUnit })
    .from(partyRegistration)
    .innerJoin(region, eq(region.code, partyRegistration.communityCode))
    .where(and(eq(partyRegistration.partyMemberId, partyMemberId), eq(partyRegistration.status, 'confirmed')))
    .orderBy(asc(partyRegistration.id))
}

/** Lock a registration for the rest of the transaction: a member's pledges are counted and written one request at a time. */
export async function lockConfirmedRegistration(db: Db, id: number): Promise<boolean> {
  const rows = await db
    .select({ id: partyRegistration.id })
    .from(partyRegistration)
    .where(and(eq(partyRegistration.id, id), eq(partyRegistration.status, 'confirmed')))
    .for('update')
  return rows.length > 0
}

/** Lock a member's row for the rest of the transaction (their pledges are counted and written one request at a time). */
export async function lockPartyMember(db: Db, id: number): Promise<void> {
  await db.select({ id: partyMember.id }).from(partyMember).where(eq(partyMember.id, id)).for('update')
}

export async function findPartyMember(db: Db, id: number) {
  const [r] = await db.select({ id: partyMember.id, name: partyMember.name, residentId: partyMember.residentId }).from(partyMember).where(eq(partyMember.id, id)).limit(1)
  return r
}

// ---- households and buildings ------------------------------------------------------------------

/** Households with the community and names their pledges need. */
export function findHouseholds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([])
  return db
    .select({
      id: household.id,
      gridCode: household.gridCode,
      communityCode: grid.communityCode,
      buildingId: household.buildingId,
      room: household.room,
      address: household.address,
    })
    .from(household)
    .innerJoin(grid, eq(grid.code, household.gridCode))
    .where(inArray(household.id, ids))
}

/** A building's households, with the active pledge of each and its member. */
export function listBuildingHouseholds(db: Db, buildingId: number) {
  return db
    .select({
      id: household.id,
      room: household.room,
      unitName: buildingUnit.name,
      pledgeId: householdPledge.id,
      pledgeVersion: householdPledge.version,
      pledgeStatus: householdPledge.status,
      partyMemberId: householdPledge.partyMemberId,
      communityCode: householdPledge.communityCode,
      gridCode: household.gridCode,
      memberName: partyMember.name,
    })
    .from(household)
    .leftJoin(buildingUnit, eq(buildingUnit.id, household.unitId))
    .leftJoin(householdPledge, and(eq(householdPledge.householdId, household.id), eq(householdPledge.status, 'active')))
    .leftJoin(partyMember, eq(partyMember.id, householdPledge.partyMemberId))
    .where(eq(household.buildingId, buildingId))
    .orderBy(asc(household.unitId), asc(household.id))
}

/** Active pledges per member, all places (a member's total). */
export async function countActivePledgesByMember(db: Db, memberIds: number[]): Promise<Map<number, number>> {
  if (memberIds.length === 0) return new Map()
  const rows = await db
    .select({ id: householdPledge.partyMemberId, n: sql<number>`count(*)::int` })
    .from(householdPledge)
    .where(and(inArray(householdPledge.partyMemberId, memberIds), eq(householdPledge.status, 'active')))
    .groupBy(householdPledge.partyMemberId)
  return new Map(rows.map((r) => [r.id, r.n]))
}

/** The buildings under a place (grid or community code prefix), with households and covered households. */
export function listBuildingsUnder(db: Db, placePrefix: string) {
  return db
    .select({
      id: building.id,
      name: building.name,
      compoundName: compound.name,
      gridCode: building.gridCode,
      gridName: grid.name,
      households: sql<number>`(SELECT count(*)::int FROM ${household} WHERE ${household.buildingId} = ${building.id})`,
      covered: sql<number>`(SELECT count(*)::int FROM ${householdPledge} WHERE ${householdPledge.buildingId} = ${building.id} AND ${householdPledge.status} = 'active')`,
    })
    .from(building)
    .innerJoin(grid, eq(grid.code, building.gridCode))
    .leftJoin(compound, eq(compound.id, building.compoundId))
    .where(and(like(building.gridCode, `${placePrefix}%`), isNull(grid.retiredAt)))
    .orderBy(asc(building.gridCode), asc(compound.name), asc(building.id))
}

// ---- pledges -------------------------------------------------------------------------------------

export async function countActivePledgesOfMember(db: Db, partyMemberId: number): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(householdPledge)
    .where(and(eq(householdPledge.partyMemberId, partyMemberId), eq(householdPledge.status, 'active')))
  return r?.n ?? 0
}

/** Which of these households someone already pledges. */
export function listActivePledgesOfHouseholds(db: Db, householdIds: number[]) {
  if (householdIds.length === 0) return Promise.resolve([])
  return db
    .select({ householdId: householdPledge.householdId, partyMemberId: householdPledge.partyMemberId })
    .from(householdPledge)
    .where(and(inArray(householdPledge.householdId, householdIds), eq(householdPledge.status, 'active')))
}

/** A new pledge; undefined when the household was pledged meanwhile (the one-member-per-household index). */
export async function insertPledge(db: Db, row: PledgeInsert): Promise<PledgeRow | undefined> {
  const [r] = await db.insert(householdPledge).values(row).onConflictDoNothing().returning()
  return r
}

/** Optimistic update: only applies if nobody changed the pledge since `version`. */
export async function updatePledgeVersioned(db: Db, id: number, version: number, patch: Partial<PledgeInsert>): Promise<PledgeRow | undefined> {
  const [r] = await db
    .update(householdPledge)
    .set({ ...patch, version: sql`${householdPledge.version} + 1` })
    .where(and(eq(householdPledge.id, id), eq(householdPledge.version, version)))
    .returning()
  return r
}

/** A visit recorded on an active pledge: count it and keep the latest date; undefined when the pledge has ended meanwhile. */
export async function touchPledgeForVisit(db: Db, id: number, visitedOn: string, now: Date): Promise<PledgeRow | undefined> {
  const [r] = await db
    .update(householdPledge)
    .set({
      visitCount: sql`${householdPledge.visitCount} + 1`,
      lastVisitedOn: sql`GREATEST(${householdPledge.lastVisitedOn}, ${visitedOn}::date)`,
      version: sql`${householdPledge.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(householdPledge.id, id), eq(householdPledge.status, 'active')))
    .returning()
  return r
}

const pledgeWithNames = {
  pledge: householdPledge,
  memberName: partyMember.name,
  room: household.room,
  address: household.address,
  buildingName: building.name,
  gridName: grid.name,
}
export type PledgeWithNames = { pledge: PledgeRow; memberName: string; room: string | null; address: string; buildingName: string | null; gridName: string }

function selectPledges(db: Db) {
  return db
    .select(pledgeWithNames)
    .from(householdPledge)
    .innerJoin(partyMember, eq(partyMember.id, householdPledge.partyMemberId))
    .innerJoin(household, eq(household.id, householdPledge.householdId))
    .innerJoin(grid, eq(grid.code, householdPledge.gridCode))
    .leftJoin(building, eq(building.id, householdPledge.buildingId))
}

export async function findPledge(db: Db, id: number): Promise<PledgeWithNames | undefined> {
  const [r] = await selectPledges(db).where(eq(householdPledge.id, id)).limit(1)
  return r
}

export function listPledgesByIds(db: Db, ids: number[]): Promise<PledgeWithNames[]> {
  if (ids.length === 0) return Promise.resolve([])
  return selectPledges(db).where(inArray(householdPledge.id, ids)).orderBy(asc(householdPledge.id))
}

export interface PledgeFilter {
  partyMemberId?: number
  placePrefix?: string
  buildingId?: number
  status?: string
}

function pledgesWhere(f: PledgeFilter) {
  return and(
    f.partyMemberId !== undefined ? eq(householdPledge.partyMemberId, f.partyMemberId) : undefined,
    f.placePrefix ? like(householdPledge.gridCode, `${f.placePrefix}%`) : undefined,
    f.buildingId !== undefined ? eq(householdPledge.buildingId, f.buildingId) : undefined,
    f.status ? eq(householdPledge.status, f.status) : undefined,
  )
}

/** Pledges, newest first, keyset-paged by id. */
export function listPledges(db: Db, f: PledgeFilter & { beforeId?: number; limit: number }): Promise<PledgeWithNames[]> {
  return selectPledges(db)
    .where(and(pledgesWhere(f), f.beforeId !== undefined ? lt(householdPledge.id, f.beforeId) : undefined))
    .orderBy(desc(householdPledge.id))
    .limit(f.limit + 1)
}

export async function countPledges(db: Db, f: PledgeFilter): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(householdPledge).where(pledgesWhere(f))
  return r?.n ?? 0
}

/** A member's active pledges at a community (ended when the member transfers away). */
export function listActivePledgesOfMemberAt(db: Db, partyMemberId: number, communityCode: string) {
  return db
    .select()
    .from(householdPledge)
    .where(and(eq(householdPledge.partyMemberId, partyMemberId), eq(householdPledge.communityCode, communityCode), eq(householdPledge.status, 'active')))
    .orderBy(asc(householdPledge.id))
}

// ---- visits --------------------------------------------------------------------------------------

export async function insertVisit(db: Db, row: VisitInsert): Promise<VisitRow> {
  const [r] = await db.insert(pledgeVisit).values(row).returning()
  return r!
}

export function listVisitsOfPledge(db: Db, pledgeId: number) {
  return db.select().from(pledgeVisit).where(eq(pledgeVisit.pledgeId, pledgeId)).orderBy(desc(pledgeVisit.visitedOn), desc(pledgeVisit.id)).limit(100)
}

/** An appeal of a grid, for linking a visit to it. */
export async function appealInGrid(db: Db, id: number, gridCode: string): Promise<boolean> {
  const [r] = await db.select({ id: appeal.id }).from(appeal).where(and(eq(appeal.id, id), eq(appeal.gridCode, gridCode))).limit(1)
  return r !== undefined
}

// ---- coverage ------------------------------------------------------------------------------------

/** Where coverage is counted: households of grids under a code prefix, or of one building. */
export type CoverageScope = { placePrefix: string } | { buildingId: number }

const inScope = (s: CoverageScope) => ('buildingId' in s ? eq(household.buildingId, s.buildingId) : like(household.gridCode, `${s.placePrefix}%`))

export async function countCoverage(db: Db, s: CoverageScope) {
  const [r] = await db
    .select({
      households: sql<number>`count(*)::int`,
      covered: sql<number>`count(${householdPledge.id})::int`,
    })
    .from(household)
    .leftJoin(householdPledge, and(eq(householdPledge.householdId, household.id), eq(householdPledge.status, 'active')))
    .where(inScope(s))
  return { households: r?.households ?? 0, covered: r?.covered ?? 0 }
}

export function coverageByBuilding(db: Db, s: CoverageScope) {
  return db
    .select({
      id: building.id,
      name: building.name,
      compoundName: compound.name,
      gridCode: building.gridCode,
      gridName: grid.name,
      households: sql<number>`count(${household.id})::int`,
      covered: sql<number>`count(${householdPledge.id})::int`,
    })
    .from(household)
    .innerJoin(building, eq(building.id, household.buildingId))
    .innerJoin(grid, eq(grid.code, building.gridCode))
    .leftJoin(compound, eq(compound.id, building.compoundId))
    .leftJoin(householdPledge, and(eq(householdPledge.householdId, household.id), eq(householdPledge.status, 'active')))
    .where(inScope(s))
    .groupBy(building.id, compound.name, grid.name)
    .orderBy(asc(building.gridCode), asc(building.id))
}

export function listUncoveredHouseholds(db: Db, s: CoverageScope, limit: number) {
  return db
    .select({ id: household.id, address: household.address, room: household.room, buildingId: household.buildingId })
    .from(household)
    .leftJoin(householdPledge, and(eq(householdPledge.householdId, household.id), eq(householdPledge.status, 'active')))
    .where(and(inScope(s), isNull(householdPledge.id)))
    .orderBy(asc(household.gridCode), asc(household.buildingId), asc(household.id))
    .limit(limit)
}

/** Members with a confirmed registration at a community, with the posts they took. */
export function listRegisteredMembers(db: Db, communityCode: string) {
  return db
    .select({ id: partyMember.id, name: partyMember.name, post: partyRegistration.post, workUnit: partyRegistration.workUnit })
    .from(partyRegistration)
    .innerJoin(partyMember, eq(partyMember.id, partyRegistration.partyMemberId))
    .where(and(eq(partyRegistration.communityCode, communityCode), eq(partyRegistration.status, 'confirmed')))
    .orderBy(asc(partyMember.id))
}

/** Active pledges per member inside a coverage scope. */
export async function countPledgesByMemberIn(db: Db, s: CoverageScope): Promise<Map<number, number>> {
  const rows = await db
    .select({ id: householdPledge.partyMemberId, n: sql<number>`count(*)::int` })
    .from(householdPledge)
    .innerJoin(household, eq(household.id, householdPledge.householdId))
    .where(and(eq(householdPledge.status, 'active'), inScope(s)))
    .groupBy(householdPledge.partyMemberId)
  return new Map(rows.map((r) => [r.id, r.n]))
}

// ---- the 三亮 notice ----------------------------------------------------------------------------

export async function findRegionName(db: Db, code: string): Promise<string | undefined> {
  const [r] = await db.select({ name: region.name }).from(region).where(eq(region.code, code)).limit(1)
  return r?.name
}

/** The grid's head and workers (accounts scoped to the grid). */
export function listGridStaff(db: Db, gridPath: string) {
  return db
    .select({ role: userAccount.role, name: userAccount.displayName })
    .from(userAccount)
    .where(and(eq(userAccount.scope, gridPath), isNull(userAccount.disabledAt), sql`${userAccount.role} IN ('gridHead', 'gridWorker')`))
    .orderBy(userAccount.id)
}

/** The grid's 网格党支部/党小组 and the building's 楼栋党小组. */
export function listPartyGroupsOf(db: Db, gridCode: string, buildingId: number) {
  return db
    .select({ name: partyOrg.name, kind: partyOrg.kind, buildingId: partyOrg.buildingId })
    .from(partyOrg)
    .where(
      sql`(${partyOrg.placeCode} = ${gridCode} AND ${partyOrg.kind} IN ('gridBranch', 'gridGroup') AND ${partyOrg.buildingId} IS NULL) OR ${partyOrg.buildingId} = ${buildingId}`,
    )
    .orderBy(partyOrg.id)
}

/** The 十联户 groups with households in the building, and their leaders. */
export function listBuildingGroupLeaders(db: Db, buildingId: number) {
  return db
    .selectDistinct({ id: householdGroup.id, group: householdGroup.name, name: resident.name })
    .from(householdGroup)
    .innerJoin(household, eq(household.groupId, householdGroup.id))
    .innerJoin(resident, eq(resident.id, householdGroup.leaderResidentId))
    .where(and(eq(household.buildingId, buildingId), isNotNull(householdGroup.leaderResidentId)))
    .orderBy(householdGroup.id)
}

/** The building's active pledges with each member's registration (post, unit) and contact. */
export function listNoticePledges(db: Db, buildingId: number) {
  return db
    .select({
      partyMemberId: householdPledge.partyMemberId,
      name: partyMember.name,
      room: household.room,
      post: partyRegistration.post,
      workUnit: partyRegistration.workUnit,
      contactPhoneEnc: pledgeContact.phoneEnc,
      phonePublic: pledgeContact.phonePublic,
      residentPhoneEnc: resident.phoneEnc,
    })
    .from(householdPledge)
    .innerJoin(partyMember, eq(partyMember.id, householdPledge.partyMemberId))
    .innerJoin(household, eq(household.id, householdPledge.householdId))
    .innerJoin(partyRegistration, eq(partyRegistration.id, householdPledge.registrationId))
    .leftJoin(pledgeContact, eq(pledgeContact.partyMemberId, householdPledge.partyMemberId))
    .leftJoin(resident, eq(resident.id, partyMember.residentId))
    .where(and(eq(householdPledge.buildingId, buildingId), eq(householdPledge.status, 'active')))
    .orderBy(asc(householdPledge.partyMemberId), asc(household.id))
}

// ---- the member's notice contact --------------------------------------------------------------------

export async function findContact(db: Db, partyMemberId: number) {
  const [r] = await db.select().from(pledgeContact).where(eq(pledgeContact.partyMemberId, partyMemberId)).limit(1)
  return r
}

export async function upsertContact(db: Db, row: typeof pledgeContact.$inferInsert) {
  const [r] = await db
    .insert(pledgeContact)
    .values(row)
    .onConflictDoUpdate({ target: pledgeContact.partyMemberId, set: { phoneEnc: row.phoneEnc ?? null, phonePublic: row.phonePublic ?? false, updatedAt: row.updatedAt } })
    .returning()
  return r!
}

// ---- demo seed --------------------------------------------------------------------------------------

/** A member's confirmed registration at a community, written by the demo seed when 双报到's seed left none. */
export async function ensureConfirmedRegistration(
  db: Db,
  row: { partyMemberId: number; communityCode: string; workUnit: string; post: string; userId: number; at: Date },
): Promise<number> {
  const [found] = await db
    .select({ id: partyRegistration.id, status: partyRegistration.status })
    .from(partyRegistration)
    .where(and(eq(partyRegistration.partyMemberId, row.partyMemberId), eq(partyRegistration.communityCode, row.communityCode), inArray(partyRegistration.status, ['submitted', 'confirmed'])))
    .limit(1)
  if (found?.status === 'confirmed') return found.id
  if (found) {
    await db.update(partyRegistration).set({ status: 'confirmed', decidedAt: row.at, decidedByUserId: row.userId, updatedAt: row.at }).where(eq(partyRegistration.id, found.id))
    return found.id
  }
  const [r] = await db
    .insert(partyRegistration)
    .values({
      partyMemberId: row.partyMemberId,
      communityCode: row.communityCode,
      status: 'confirmed',
      workUnit: row.workUnit,
      post: row.post,
      submittedByUserId: row.userId,
      submittedAt: row.at,
      decidedAt: row.at,
      decidedByUserId: row.userId,
      updatedAt: row.at,
    })
    .returning({ id: partyRegistration.id })
  return r!.id
}

/** The demo's in-service members registered at a community (the seed picks its pledging members from them). */
export function listInServiceMembersOf(db: Db, communityCode: string) {
  return db
    .select({ id: partyMember.id, name: partyMember.name, workUnit: partyMember.workUnit })
    .from(partyMember)
    .where(and(eq(partyMember.communityCode, communityCode), eq(partyMember.kind, 'inService'), isNull(partyMember.residentId)))
    .orderBy(asc(partyMember.id))
}

export function listBuildingsOfCommunity(db: Db, communityCode: string) {
  return db
    .select({ id: building.id, gridCode: building.gridCode })
    .from(building)
    .innerJoin(grid, eq(grid.code, building.gridCode))
    .where(eq(grid.communityCode, communityCode))
    .orderBy(asc(building.id))
}

export function listHouseholdsOfBuilding(db: Db, buildingId: number) {
  return db.select({ id: household.id, gridCode: household.gridCode }).from(household).where(eq(household.buildingId, buildingId)).orderBy(asc(household.id))
}

export async function insertVisits(db: Db, rows: VisitInsert[]) {
  if (rows.length) await db.insert(pledgeVisit).values(rows)
}

export async function setPledgeVisitSummary(db: Db, id: number, lastVisitedOn: string, visitCount: number) {
  await db.update(householdPledge).set({ lastVisitedOn, visitCount }).where(eq(householdPledge.id, id))
}

export async function findAccountIdByUsername(db: Db, username: string): Promise<number | undefined> {
  const [r] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.username, username)).limit(1)
  return r?.id
}

// ---- figures (统计: 党建引领) ------------------------------------------------------------------------

/** 包保覆盖: the place's households, and those an active pledge covers, per group of their grid. */
export function countHouseholdCoverage(db: Db, s: FigureScope) {
  return db
    .select({
      key: figureKey(household.gridCode, s),
      households: sql<number>`count(*)::int`,
      covered: sql<number>`count(${householdPledge.id})::int`,
    })
    .from(household)
    .leftJoin(householdPledge, and(eq(householdPledge.householdId, household.id), eq(householdPledge.status, 'active')))
    .where(underPlace(household.gridCode, s))
    .groupBy(byKey)
}

/** Members pledging households at a community of the place, and those within the 5–8 rule (包保达标), per group of the community. */
export function countPledgingMembers(db: Db, s: FigureScope) {
  const per = db
    .select({ communityCode: householdPledge.communityCode, n: sql<number>`count(*)::int`.as('n') })
    .from(householdPledge)
    .where(and(underPlace(householdPledge.communityCode, s), eq(householdPledge.status, 'active')))
    .groupBy(householdPledge.communityCode, householdPledge.partyMemberId)
    .as('per_member')
  return db
    .select({
      key: figureKey(per.communityCode, s),
      pledging: sql<number>`count(*)::int`,
      meeting: sql<number>`count(*) FILTER (WHERE ${per.n} BETWEEN ${PLEDGE_MIN} AND ${PLEDGE_MAX})::int`,
    })
    .from(per)
    .groupBy(byKey)
}

/** 工作在单位、服务在社区: how many households each of some party members holds now (active pledges), in one statement. */
export function activePledgeCounts(db: Db, partyMemberIds: number[]): Promise<{ partyMemberId: number; n: number }[]> {
  if (!partyMemberIds.length) return Promise.resolve([])
  return db
    .select({ partyMemberId: householdPledge.partyMemberId, n: sql<number>`count(*)::int` })
    .from(householdPledge)
    .where(and(inArray(householdPledge.partyMemberId, partyMemberIds), eq(householdPledge.status, 'active')))
    .groupBy(householdPledge.partyMemberId)
}

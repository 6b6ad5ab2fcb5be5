/**
 * Every SQL statement of the seed (county, demo county, demo history) and of the test factories,
 * which insert through the same functions. Each takes a handle that may be a transaction.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import {
  appeal,
  building,
  buildingUnit,
  compound,
  department,
  grid,
  household,
  householdGroup,
  partyMember,
  partyOrg,
  propertyCompany,
  region,
  resident,
  team,
  teamMember,
  userAccount,
  volunteerActivity,
  volunteerSignup,
  pledgeVisit,
  householdPledge,
  wish,
  specialGroup,
} from '../db/schema/index'
import type { Pii } from '../lib/pii'
import type { PersonSpec } from './people'

async function insertChunked<T>(items: T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await insert(items.slice(i, i + size))
}

/** Regions (province … community); rows already there are left as they are. */
export async function insertRegions(db: Db, rows: (typeof region.$inferInsert)[]): Promise<void> {
  await insertChunked(rows, 500, (c) => db.insert(region).values(c).onConflictDoNothing())
}

export async function insertGrids(db: Db, rows: (typeof grid.$inferInsert)[]): Promise<void> {
  await insertChunked(rows, 500, (c) => db.insert(grid).values(c))
}

export async function insertDepartments(db: Db, rows: (typeof department.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(department).values(rows)
}

export async function insertPartyOrgs(db: Db, rows: (typeof partyOrg.$inferInsert)[]) {
  const out: { id: number; placeCode: string }[] = []
  for (let i = 0; i < rows.length; i += 500) {
    out.push(...(await db.insert(partyOrg).values(rows.slice(i, i + 500)).returning({ id: partyOrg.id, placeCode: partyOrg.placeCode })))
  }
  return out
}

export function listPartyOrgsOfKind(db: Db, kind: string) {
  return db.select({ id: partyOrg.id, placeCode: partyOrg.placeCode }).from(partyOrg).where(eq(partyOrg.kind, kind))
}

export async function setGridBoundary(db: Db, code: string, boundary: unknown): Promise<void> {
  await db.update(grid).set({ boundary }).where(eq(grid.code, code))
}

export async function setHouseholdGroup(db: Db, householdIds: number[], groupId: number): Promise<void> {
  await db.update(household).set({ groupId }).where(inArray(household.id, householdIds))
}

export async function refreshHouseholdCounts(db: Db, communityCode: string): Promise<void> {
  await db.execute(
    sql`UPDATE grid SET household_count = (SELECT count(*) FROM household h WHERE h.grid_code = grid.code) WHERE community_code = ${communityCode}`,
  )
}

export async function accountExists(db: Db, username: string): Promise<boolean> {
  const rows = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.username, username)).limit(1)
  return rows.length > 0
}

/** Whether any appeal was raised in a community (the demo history is there). */
export async function hasAppealIn(db: Db, communityCode: string): Promise<boolean> {
  const rows = await db.select({ id: appeal.id }).from(appeal).where(eq(appeal.communityCode, communityCode)).limit(1)
  return rows.length > 0
}

export async function insertPropertyCompany(db: Db, v: typeof propertyCompany.$inferInsert) {
  const [row] = await db.insert(propertyCompany).values(v).returning()
  return row!
}

export async function insertCompound(db: Db, v: typeof compound.$inferInsert) {
  const [row] = await db.insert(compound).values(v).returning()
  return row!
}

export async function insertBuilding(db: Db, v: typeof building.$inferInsert) {
  const [row] = await db.insert(building).values(v).returning()
  return row!
}

export async function insertUnits(db: Db, buildingId: number, names: string[]) {
  return db
    .insert(buildingUnit)
    .values(names.map((name) => ({ buildingId, name })))
    .returning()
}

export async function insertHouseholds(db: Db, rows: (typeof household.$inferInsert)[]) {
  const out: (typeof household.$inferSelect)[] = []
  for (let i = 0; i < rows.length; i += 500) out.push(...(await db.insert(household).values(rows.slice(i, i + 500)).returning()))
  return out
}

export async function insertHouseholdGroup(db: Db, v: typeof householdGroup.$inferInsert) {
  const [row] = await db.insert(householdGroup).values(v).returning()
  return row!
}

export interface ResidentSpec extends PersonSpec {
  gridCode: string
  householdId: number | null
  relation: string
  tags: string[]
  isDemo?: boolean
}

/** Insert residents with ID number and phone encrypted and blind-indexed. */
export async function insertResidents(db: Db, pii: Pii, specs: ResidentSpec[]) {
  const out: (typeof resident.$inferSelect)[] = []
  for (let i = 0; i < specs.length; i += 500) {
    const chunk = specs.slice(i, i + 500).map((p) => ({
      householdId: p.householdId,
      gridCode: p.gridCode,
      name: p.name,
      gender: p.gender,
      birthDate: p.birthDate,
      idNumberEnc: pii.encrypt(p.idNumber),
      idNumberIdx: pii.blindIndex(p.idNumber),
      phoneEnc: p.phone ? pii.encrypt(p.phone) : null,
      phoneIdx: p.phone ? pii.blindIndex(p.phone) : null,
      tags: p.tags,
      relation: p.relation,
      isDemo: p.isDemo ?? true,
    }))
    out.push(...(await db.insert(resident).values(chunk).returning()))
  }
  return out
}

export async function insertPartyMembers(db: Db, rows: (typeof partyMember.$inferInsert)[]) {
  if (!rows.length) return []
  return db.insert(partyMember).values(rows).returning()
}

export async function insertTeam(db: Db, v: typeof team.$inferInsert, memberUserIds: number[]) {
  const [row] = await db.insert(team).values(v).returning()
  if (memberUserIds.length) await db.insert(teamMember).values(memberUserIds.map((userId) => ({ teamId: row!.id, userId })))
  return row!
}

export async function insertAccount(db: Db, v: typeof userAccount.$inferInsert) {
  const [row] = await db.insert(userAccount).values(v).onConflictDoNothing().returning()
  return row
}

/** The demo accounts, in the order they were made. */
export function listDemoAccountRows(db: Db) {
  return db
    .select({ username: userAccount.username, role: userAccount.role, scope: userAccount.scope, displayName: userAccount.displayName, totpSecretEnc: userAccount.totpSecretEnc })
    .from(userAccount)
    .where(eq(userAccount.isDemo, true))
    .orderBy(asc(userAccount.id))
}

/** Whether an account of this role holds exactly this scope (a county's three administrators). */
export async function hasAccountWithRole(db: Db, role: string, scope: string): Promise<boolean> {
  const rows = await db.select({ id: userAccount.id }).from(userAccount).where(and(eq(userAccount.role, role), eq(userAccount.scope, scope))).limit(1)
  return rows.length > 0
}

// ---- 党建+积分 demo: the recorded service the demo ledger is credited from ----------------------

/** The earner of a party member's service: their live party-member account. */
const memberAccount = (memberId: typeof pledgeVisit.partyMemberId | typeof wish.claimantPartyMemberId) =>
  and(eq(userAccount.partyMemberId, memberId), eq(userAccount.role, 'partyMember'), sql`${userAccount.disabledAt} IS NULL`)

/**
 * A community's recorded service, oldest first: volunteers' checked-out sign-ups with credited hours, pledged-household
 * visits and fulfilled wishes of members with an account (a member without one earns nothing).
 */
export async function listRecordedService(db: Db, communityCode: string) {
  const signups = await db
    .select({ id: volunteerSignup.id, userId: volunteerSignup.userId, hours: volunteerSignup.hours, at: volunteerSignup.checkedOutAt, title: volunteerActivity.title })
    .from(volunteerSignup)
    .innerJoin(volunteerActivity, eq(volunteerActivity.id, volunteerSignup.activityId))
    .innerJoin(userAccount, eq(userAccount.id, volunteerSignup.userId))
    .where(
      and(
        eq(volunteerActivity.communityCode, communityCode),
        eq(volunteerSignup.status, 'completed'),
        eq(volunteerSignup.role, 'volunteer'),
        sql`${volunteerSignup.hours} > 0`,
        inArray(userAccount.role, ['partyMember', 'resident']),
        sql`${userAccount.disabledAt} IS NULL`,
      ),
    )
    .orderBy(asc(volunteerSignup.checkedOutAt), asc(volunteerSignup.id))
  const visits = await db
    .select({ id: pledgeVisit.id, userId: userAccount.id, visitedOn: pledgeVisit.visitedOn, buildingName: building.name, gridName: grid.name })
    .from(pledgeVisit)
    .innerJoin(userAccount, memberAccount(pledgeVisit.partyMemberId))
    .innerJoin(householdPledge, eq(householdPledge.id, pledgeVisit.pledgeId))
    .innerJoin(grid, eq(grid.code, pledgeVisit.gridCode))
    .leftJoin(building, eq(building.id, householdPledge.buildingId))
    .where(eq(pledgeVisit.communityCode, communityCode))
    .orderBy(asc(pledgeVisit.visitedOn), asc(pledgeVisit.id))
  const wishes = await db
    .select({ id: wish.id, userId: userAccount.id, at: wish.fulfilledAt, title: wish.title })
    .from(wish)
    .innerJoin(userAccount, memberAccount(wish.claimantPartyMemberId))
    .where(and(eq(wish.communityCode, communityCode), inArray(wish.status, ['fulfilled', 'closed']), sql`${wish.fulfilledAt} IS NOT NULL`))
    .orderBy(asc(wish.fulfilledAt), asc(wish.id))
  return { signups, visits, wishes }
}

// ---- visits (走访): special-group records for the visits demo and the test factories --------------------------------
// (the special-groups register's own module replaces this when it lands)

export async function insertSpecialGroups(db: Db, rows: (typeof specialGroup.$inferInsert)[]): Promise<{ id: number }[]> {
  if (!rows.length) return []
  return db.insert(specialGroup).values(rows).returning({ id: specialGroup.id })
}

/** Residents of a place with their tags and birth dates (the visits demo files special groups from them). */
export function listTaggedResidents(db: Db, placePrefix: string) {
  return db
    .select({ id: resident.id, gridCode: resident.gridCode, householdId: resident.householdId, tags: resident.tags, birthDate: resident.birthDate })
    .from(resident)
    .where(and(sql`${resident.gridCode} LIKE ${`${placePrefix}%`}`, eq(resident.status, 'present')))
    .orderBy(asc(resident.id))
}

/** The active special-group records under a place. */
export function listActiveSpecialGroups(db: Db, placePrefix: string) {
  return db
    .select({ id: specialGroup.id, residentId: specialGroup.residentId, householdId: resident.householdId, gridCode: specialGroup.gridCode, kind: specialGroup.kind })
    .from(specialGroup)
    .innerJoin(resident, eq(resident.id, specialGroup.residentId))
    .where(and(sql`${specialGroup.gridCode} LIKE ${`${placePrefix}%`}`, eq(specialGroup.status, 'active')))
    .orderBy(asc(specialGroup.id))
}

export async function findAccountId(db: Db, username: string): Promise<number | undefined> {
  const [row] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.username, username))
  return row?.id
}

// ---- 实有房屋 demo (demo-housing.ts) ------------------------------------------------------------------

/** Demo tenants of rental housing are 流动人口 (floating) unless registered here. */
export async function setResidenceType(db: Db, residentIds: number[], residenceType: 'registered' | 'floating' | 'overseas'): Promise<void> {
  if (!residentIds.length) return
  await db.update(resident).set({ residenceType }).where(inArray(resident.id, residentIds))
}

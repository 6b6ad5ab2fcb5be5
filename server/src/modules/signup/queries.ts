/** The only SQL of sign-up: phone codes, the resident's account and household claims. */
import { and, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { newestFirst } from '../../db/keyset'
import { building, buildingUnit, compound, grid, household, householdClaim, phoneCode, region, resident, userAccount } from '../../db/schema/index'

export type PhoneCodeRow = typeof phoneCode.$inferSelect
export type ClaimRow = typeof householdClaim.$inferSelect

export async function insertPhoneCode(db: Db, row: typeof phoneCode.$inferInsert): Promise<void> {
  await db.insert(phoneCode).values(row)
}

/** How many codes went to a phone (or an address) since a time, and when the last one went. */
export async function countRecentCodes(db: Db, f: { phoneIdx?: string; ip?: string; since: Date }): Promise<{ count: number; last: Date | null }> {
  const where = f.phoneIdx ? and(eq(phoneCode.phoneIdx, f.phoneIdx), gte(phoneCode.createdAt, f.since)) : and(eq(phoneCode.ip, f.ip!), gte(phoneCode.createdAt, f.since))
  const rows = await db
    .select({ count: sql<number>`count(*)::int`, last: sql<Date | null>`max(${phoneCode.createdAt})` })
    .from(phoneCode)
    .where(where)
  const r = rows[0]
  return { count: r?.count ?? 0, last: r?.last ? new Date(r.last) : null }
}

export async function findLatestLiveCode(db: Db, phoneIdx: string, purpose: string, now: Date): Promise<PhoneCodeRow | undefined> {
  const rows = await db
    .select()
    .from(phoneCode)
    .where(and(eq(phoneCode.phoneIdx, phoneIdx), eq(phoneCode.purpose, purpose), isNull(phoneCode.usedAt), gte(phoneCode.expiresAt, now)))
    .orderBy(desc(phoneCode.createdAt))
    .limit(1)
  return rows[0]
}

/** Count one try against the code; none left → undefined. */
export async function spendCodeAttempt(db: Db, id: number, maxAttempts: number): Promise<number | undefined> {
  const rows = await db
    .update(phoneCode)
    .set({ attempts: sql`${phoneCode.attempts} + 1` })
    .where(and(eq(phoneCode.id, id), sql`${phoneCode.attempts} < ${maxAttempts}`))
    .returning({ attempts: phoneCode.attempts })
  return rows[0]?.attempts
}

/** Mark a code used; false when another request used it first. */
export async function markCodeUsed(db: Db, id: number, at: Date): Promise<boolean> {
  const rows = await db.update(phoneCode).set({ usedAt: at }).where(and(eq(phoneCode.id, id), isNull(phoneCode.usedAt))).returning({ id: phoneCode.id })
  return rows.length === 1
}

/** The resident account behind a phone (by its blind index), if any. */
export async function findResidentAccountByPhone(db: Db, phoneIdx: string) {
  const rows = await db
    .select({ userId: userAccount.id, residentId: resident.id, disabledAt: userAccount.disabledAt, gridCode: resident.gridCode, username: userAccount.username })
    .from(userAccount)
    .innerJoin(resident, eq(resident.id, userAccount.residentId))
    .where(and(eq(resident.phoneIdx, phoneIdx), eq(userAccount.role, 'resident')))
    .orderBy(userAccount.id)
    .limit(1)
  return rows[0]
}

export async function insertResidentRow(db: Db, row: typeof resident.$inferInsert) {
  const rows = await db.insert(resident).values(row).returning()
  return rows[0]!
}

export async function insertResidentAccount(db: Db, row: typeof userAccount.$inferInsert) {
  const rows = await db.insert(userAccount).values(row).onConflictDoNothing().returning()
  return rows[0]
}

/** Codes are the resident's only credential: each code login replaces the unusable random secret. */
export async function replaceAccountSecret(db: Db, userId: number, hash: string, at: Date): Promise<void> {
  await db.update(userAccount).set({ passwordHash: hash, passwordChangedAt: at }).where(eq(userAccount.id, userId))
}

export async function findBuildingForSignup(db: Db, buildingId: number) {
  const rows = await db
    .select({ id: building.id, gridCode: building.gridCode, name: building.name, address: building.address, compoundName: compound.name, retiredAt: grid.retiredAt })
    .from(building)
    .innerJoin(grid, eq(grid.code, building.gridCode))
    .leftJoin(compound, eq(compound.id, building.compoundId))
    .where(eq(building.id, buildingId))
    .limit(1)
  return rows[0]
}

export async function findUnit(db: Db, unitId: number) {
  const rows = await db.select().from(buildingUnit).where(eq(buildingUnit.id, unitId)).limit(1)
  return rows[0]
}

export function listRegionOptions(db: Db, parentCode: string | null) {
  if (parentCode?.length === 12) {
    return db
      .select({ code: grid.code, name: grid.name, kind: sql<string>`'网格'` })
      .from(grid)
      .where(and(eq(grid.communityCode, parentCode), isNull(grid.retiredAt)))
      .orderBy(grid.code)
  }
  return db
    .select({ code: region.code, name: region.name, kind: region.kind })
    .from(region)
    .where(parentCode ? eq(region.parentCode, parentCode) : eq(region.level, 'county'))
    .orderBy(region.code)
}

/** Buildings of a community's current grids, with their units, for the sign-up picker. */
export async function listBuildingsOfCommunity(db: Db, communityCode: string) {
  const blds = await db
    .select({ id: building.id, name: building.name, gridCode: building.gridCode, compoundName: compound.name })
    .from(building)
    .innerJoin(grid, eq(grid.code, building.gridCode))
    .leftJoin(compound, eq(compound.id, building.compoundId))
    .where(and(eq(grid.communityCode, communityCode), isNull(grid.retiredAt)))
    .orderBy(compound.name, building.id)
  const ids = blds.map((b) => b.id)
  const units = ids.length
    ? await db.select().from(buildingUnit).where(inArray(buildingUnit.buildingId, ids)).orderBy(buildingUnit.id)
    : []
  return blds.map((b) => ({ ...b, units: units.filter((u) => u.buildingId === b.id) }))
}

export async function insertClaim(db: Db, row: typeof householdClaim.$inferInsert): Promise<ClaimRow> {
  const rows = await db.insert(householdClaim).values(row).returning()
  return rows[0]!
}

const claimColumns = {
  claim: householdClaim,
  residentName: resident.name,
  residentPhoneEnc: resident.phoneEnc,
  gridName: grid.name,
  buildingAddress: building.address,
  buildingName: building.name,
  compoundName: compound.name,
  unitName: buildingUnit.name,
}

function claimsQuery(db: Db) {
  return db
    .select(claimColumns)
    .from(householdClaim)
    .innerJoin(resident, eq(resident.id, householdClaim.residentId))
    .innerJoin(grid, eq(grid.code, householdClaim.gridCode))
    .innerJoin(building, eq(building.id, householdClaim.buildingId))
    .leftJoin(compound, eq(compound.id, building.compoundId))
    .leftJoin(buildingUnit, eq(buildingUnit.id, householdClaim.unitId))
}
export type ClaimView = Awaited<ReturnType<ReturnType<typeof claimsQuery>['execute']>>[number]

export function listClaimsUnder(db: Db, placePrefix: string, status: string | undefined, limit: number) {
  return claimsQuery(db)
    .where(and(sql`${householdClaim.gridCode} LIKE ${`${placePrefix}%`}`, status ? eq(householdClaim.status, status) : undefined))
    .orderBy(...newestFirst(householdClaim.createdAt, householdClaim.id))
    .limit(limit)
}

export async function findClaimView(db: Db, id: number): Promise<ClaimView | undefined> {
  const rows = await claimsQuery(db).where(eq(householdClaim.id, id)).limit(1)
  return rows[0]
}

export async function findLatestClaimOfUser(db: Db, userId: number): Promise<ClaimView | undefined> {
  const rows = await claimsQuery(db).where(eq(householdClaim.userId, userId)).orderBy(desc(householdClaim.id)).limit(1)
  return rows[0]
}

export async function findHousehold(db: Db, buildingId: number, unitId: number | null, room: string) {
  const rows = await db
    .select({ id: household.id })
    .from(household)
    .where(and(eq(household.buildingId, buildingId), unitId === null ? isNull(household.unitId) : eq(household.unitId, unitId), eq(household.room, room)))
    .limit(1)
  return rows[0]
}

export async function insertHouseholdRow(db: Db, row: typeof household.$inferInsert): Promise<number> {
  const rows = await db.insert(household).values(row).returning({ id: household.id })
  return rows[0]!.id
}

export async function setResidentHousehold(db: Db, residentId: number, householdId: number, gridCode: string): Promise<void> {
  await db.update(resident).set({ householdId, gridCode }).where(eq(resident.id, residentId))
}

/** Decide a pending claim; false when it was decided meanwhile (another worker's tap won). */
export async function decideClaim(db: Db, id: number, patch: Partial<typeof householdClaim.$inferInsert>): Promise<boolean> {
  const rows = await db
    .update(householdClaim)
    .set(patch)
    .where(and(eq(householdClaim.id, id), eq(householdClaim.status, 'pending')))
    .returning({ id: householdClaim.id })
  return rows.length === 1
}

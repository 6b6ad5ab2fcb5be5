/**
 * Every SQL statement of the register (基础信息登记). Each takes a handle that may be a transaction.
 * Registers are listed in key order (id, or a department's code) with keyset paging; updates and
 * removals are versioned: undefined means someone changed the row since it was read (409).
 */
import { and, asc, eq, ilike, inArray, isNull, like, notInArray, sql } from 'drizzle-orm'
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core'
import type { Db } from '../../db/client'
import { after } from '../../db/keyset'
import {
  appeal,
  appealDepartment,
  building,
  buildingUnit,
  compound,
  department,
  grid,
  household,
  householdPledge,
  householdGroup,
  partyMember,
  partyOrg,
  propertyCompany,
  region,
  resident,
  team,
  teamMember,
  volunteerActivity,
  userAccount,
} from '../../db/schema/index'

export type DepartmentRow = typeof department.$inferSelect
export type PropertyCompanyRow = typeof propertyCompany.$inferSelect
export type CompoundRow = typeof compound.$inferSelect
export type BuildingRow = typeof building.$inferSelect
export type UnitRow = typeof buildingUnit.$inferSelect
export type HouseholdRow = typeof household.$inferSelect
export type GroupRow = typeof householdGroup.$inferSelect
export type ResidentRow = typeof resident.$inferSelect
export type TeamRow = typeof team.$inferSelect
export type PartyOrgRow = typeof partyOrg.$inferSelect
export type PartyMemberRow = typeof partyMember.$inferSelect

const count = sql<number>`count(*)::int`
// Correlated counts name the outer table in full: Drizzle writes a lone table's columns unqualified,
// which inside a subquery would bind to the subquery's own table.
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)
const under = (col: PgColumn, prefix: string | undefined) => (prefix ? like(col, `${prefix}%`) : undefined)

// ---- the versioned write every register shares -------------------------------------------------

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn }

/** UPDATE … SET …, version = version + 1 WHERE id = $id AND version = $seen RETURNING * */
async function updateVersioned<T extends VersionedTable>(db: Db, table: T, id: number, version: number, patch: PgUpdateSetSource<T>) {
  const rows = await db
    .update(table)
    .set({ ...patch, version: sql`${table.version} + 1` } as PgUpdateSetSource<T>)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning()
  return (rows as T['$inferSelect'][])[0]
}

/** DELETE … WHERE id = $id AND version = $seen RETURNING * */
async function deleteVersioned<T extends VersionedTable>(db: Db, table: T, id: number, version: number) {
  const rows = await db
    .delete(table)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning()
  return (rows as T['$inferSelect'][])[0]
}

const exists = async (db: Db, q: Promise<unknown[]>) => (await q).length > 0

// ---- 部门 -----------------------------------------------------------------------------------------

export async function findDepartmentRow(db: Db, code: string): Promise<DepartmentRow | undefined> {
  const [r] = await db.select().from(department).where(eq(department.code, code)).limit(1)
  return r
}

export function listDepartmentRows(db: Db, f: { countyCode: string; afterCode?: string; limit: number }) {
  return db
    .select()
    .from(department)
    .where(and(eq(department.countyCode, f.countyCode), after(department.code, f.afterCode)))
    .orderBy(asc(department.code))
    .limit(f.limit + 1)
}

export async function countDepartments(db: Db, countyCode: string): Promise<number> {
  const [r] = await db.select({ n: count }).from(department).where(eq(department.countyCode, countyCode))
  return r?.n ?? 0
}

/** A new department; undefined when its code is taken. */
export async function insertDepartment(db: Db, v: typeof department.$inferInsert): Promise<DepartmentRow | undefined> {
  const [r] = await db.insert(department).values(v).onConflictDoNothing().returning()
  return r
}

export async function updateDepartmentVersioned(db: Db, code: string, version: number, patch: { name?: string }) {
  const [r] = await db
    .update(department)
    .set({ ...patch, version: sql`${department.version} + 1` })
    .where(and(eq(department.code, code), eq(department.version, version)))
    .returning()
  return r
}

export async function deleteDepartmentVersioned(db: Db, code: string, version: number) {
  const [r] = await db
    .delete(department)
    .where(and(eq(department.code, code), eq(department.version, version)))
    .returning()
  return r
}

/** Whether a department was ever whistled in (吹哨) or has an account. */
export async function isDepartmentUsed(db: Db, code: string): Promise<boolean> {
  return (
    (await exists(db, db.select({ x: sql`1` }).from(appealDepartment).where(eq(appealDepartment.departmentCode, code)).limit(1))) ||
    (await exists(db, db.select({ x: sql`1` }).from(appeal).where(eq(appeal.leadDepartmentCode, code)).limit(1))) ||
    (await exists(db, db.select({ x: sql`1` }).from(userAccount).where(eq(userAccount.scope, `department:${code}`)).limit(1)))
  )
}

// ---- 物业公司 ---------------------------------------------------------------------------------------

const companyColumns = {
  company: propertyCompany,
  compoundCount: sql<number>`(SELECT count(*)::int FROM compound c WHERE c.property_company_id = property_company.id)`,
}
export type PropertyCompanyWithCounts = { company: PropertyCompanyRow; compoundCount: number }

export async function findPropertyCompanyRow(db: Db, id: number): Promise<PropertyCompanyWithCounts | undefined> {
  const [r] = await db.select(companyColumns).from(propertyCompany).where(eq(propertyCompany.id, id)).limit(1)
  return r
}

const companiesWhere = (f: { countyCode: string; q?: string }) =>
  and(eq(propertyCompany.countyCode, f.countyCode), f.q ? ilike(propertyCompany.name, `%${escapeLike(f.q)}%`) : undefined)

export function listPropertyCompanyRows(db: Db, f: { countyCode: string; q?: string; afterId?: number; limit: number }) {
  return db
    .select(companyColumns)
    .from(propertyCompany)
    .where(and(companiesWhere(f), after(propertyCompany.id, f.afterId)))
    .orderBy(asc(propertyCompany.id))
    .limit(f.limit + 1)
}

export async function countPropertyCompanies(db: Db, f: { countyCode: string; q?: string }): Promise<number> {
  const [r] = await db.select({ n: count }).from(propertyCompany).where(companiesWhere(f))
  return r?.n ?? 0
}

export async function insertPropertyCompanyRow(db: Db, v: typeof propertyCompany.$inferInsert) {
  const [r] = await db.insert(propertyCompany).values(v).returning()
  return r
}

export const updatePropertyCompanyVersioned = (db: Db, id: number, version: number, patch: Partial<typeof propertyCompany.$inferInsert>) =>
  updateVersioned(db, propertyCompany, id, version, patch)
export const deletePropertyCompanyVersioned = (db: Db, id: number, version: number) => deleteVersioned(db, propertyCompany, id, version)

/** Whether a company serves a compound, has an account, or holds (or held last) an appeal of its county. */
export async function isPropertyCompanyUsed(db: Db, id: number, countyCode: string): Promise<boolean> {
  return (
    (await exists(db, db.select({ x: sql`1` }).from(compound).where(eq(compound.propertyCompanyId, id)).limit(1))) ||
    (await exists(db, db.select({ x: sql`1` }).from(userAccount).where(eq(userAccount.scope, `property:${id}`)).limit(1))) ||
    (await exists(
      db,
      db
        .select({ x: sql`1` })
        .from(appeal)
        .where(and(eq(appeal.countyCode, countyCode), eq(appeal.assigneeType, 'property'), eq(appeal.assigneeId, String(id))))
        .limit(1),
    ))
  )
}

// ---- 小区 -----------------------------------------------------------------------------------------

const compoundColumns = {
  compound,
  communityName: region.name,
  companyName: propertyCompany.name,
  buildingCount: sql<number>`(SELECT count(*)::int FROM building b WHERE b.compound_id = compound.id)`,
}
export type CompoundWithNames = { compound: CompoundRow; communityName: string; companyName: string | null; buildingCount: number }

const selectCompounds = (db: Db) =>
  db
    .select(compoundColumns)
    .from(compound)
    .innerJoin(region, eq(region.code, compound.communityCode))
    .leftJoin(propertyCompany, eq(propertyCompany.id, compound.propertyCompanyId))

export async function findCompoundRow(db: Db, id: number): Promise<CompoundWithNames | undefined> {
  const [r] = await selectCompounds(db).where(eq(compound.id, id)).limit(1)
  return r
}

const compoundsWhere = (f: { placePrefix: string; propertyCompanyId?: number }) =>
  and(under(compound.communityCode, f.placePrefix), f.propertyCompanyId ? eq(compound.propertyCompanyId, f.propertyCompanyId) : undefined)

export function listCompoundRows(db: Db, f: { placePrefix: string; propertyCompanyId?: number; afterId?: number; limit: number }) {
  return selectCompounds(db)
    .where(and(compoundsWhere(f), after(compound.id, f.afterId)))
    .orderBy(asc(compound.id))
    .limit(f.limit + 1)
}

export async function countCompounds(db: Db, f: { placePrefix: string; propertyCompanyId?: number }): Promise<number> {
  const [r] = await db.select({ n: count }).from(compound).where(compoundsWhere(f))
  return r?.n ?? 0
}

export async function insertCompoundRow(db: Db, v: typeof compound.$inferInsert) {
  const [r] = await db.insert(compound).values(v).returning()
  return r
}

export const updateCompoundVersioned = (db: Db, id: number, version: number, patch: Partial<typeof compound.$inferInsert>) =>
  updateVersioned(db, compound, id, version, patch)
export const deleteCompoundVersioned = (db: Db, id: number, version: number) => deleteVersioned(db, compound, id, version)

export const isCompoundUsed = (db: Db, id: number) =>
  exists(db, db.select({ x: sql`1` }).from(building).where(eq(building.compoundId, id)).limit(1))

// ---- 楼栋 / 单元 ------------------------------------------------------------------------------------

const buildingColumns = {
  building,
  gridName: grid.name,
  compoundName: compound.name,
  unitCount: sql<number>`(SELECT count(*)::int FROM building_unit u WHERE u.building_id = building.id)`,
  householdCount: sql<number>`(SELECT count(*)::int FROM household h WHERE h.building_id = building.id)`,
}
export type BuildingWithNames = { building: BuildingRow; gridName: string; compoundName: string | null; unitCount: number; householdCount: number }

const selectBuildings = (db: Db) =>
  db.select(buildingColumns).from(building).innerJoin(grid, eq(grid.code, building.gridCode)).leftJoin(compound, eq(compound.id, building.compoundId))

export async function findBuildingRow(db: Db, id: number): Promise<BuildingWithNames | undefined> {
  const [r] = await selectBuildings(db).where(eq(building.id, id)).limit(1)
  return r
}

const buildingsWhere = (f: { placePrefix: string; compoundId?: number; q?: string }) =>
  and(
    under(building.gridCode, f.placePrefix),
    f.compoundId ? eq(building.compoundId, f.compoundId) : undefined,
    f.q ? ilike(building.name, `%${escapeLike(f.q)}%`) : undefined,
  )

export function listBuildingRows(db: Db, f: { placePrefix: string; compoundId?: number; q?: string; afterId?: number; limit: number }) {
  return selectBuildings(db)
    .where(and(buildingsWhere(f), after(building.id, f.afterId)))
    .orderBy(asc(building.id))
    .limit(f.limit + 1)
}

export async function countBuildings(db: Db, f: { placePrefix: string; compoundId?: number; q?: string }): Promise<number> {
  const [r] = await db.select({ n: count }).from(building).where(buildingsWhere(f))
  return r?.n ?? 0
}

export async function insertBuildingRow(db: Db, v: typeof building.$inferInsert) {
  const [r] = await db.insert(building).values(v).returning()
  return r
}

export const updateBuildingVersioned = (db: Db, id: number, version: number, patch: Partial<typeof building.$inferInsert>) =>
  updateVersioned(db, building, id, version, patch)
export const deleteBuildingVersioned = (db: Db, id: number, version: number) => deleteVersioned(db, building, id, version)

/** Whether anything but its (empty) units hangs from a building: households, a building party group, an appeal (looked up within its grid). */
export async function isBuildingUsed(db: Db, id: number, gridCode: string): Promise<boolean> {
  return (
    (await exists(db, db.select({ x: sql`1` }).from(household).where(eq(household.buildingId, id)).limit(1))) ||
    (await exists(db, db.select({ x: sql`1` }).from(partyOrg).where(eq(partyOrg.buildingId, id)).limit(1))) ||
    (await exists(db, db.select({ x: sql`1` }).from(appeal).where(and(eq(appeal.gridCode, gridCode), eq(appeal.buildingId, id))).limit(1)))
  )
}

/** A building's units go with it (none has a household once the building has none). */
export async function deleteUnitsOfBuilding(db: Db, buildingId: number): Promise<void> {
  await db.delete(buildingUnit).where(eq(buildingUnit.buildingId, buildingId))
}

const unitColumns = {
  unit: buildingUnit,
  householdCount: sql<number>`(SELECT count(*)::int FROM household h WHERE h.unit_id = building_unit.id)`,
}
export type UnitWithCounts = { unit: UnitRow; householdCount: number }

export async function findUnitRow(db: Db, id: number): Promise<UnitWithCounts | undefined> {
  const [r] = await db.select(unitColumns).from(buildingUnit).where(eq(buildingUnit.id, id)).limit(1)
  return r
}

export function listUnitRows(db: Db, f: { buildingId: number; afterId?: number; limit: number }) {
  return db
    .select(unitColumns)
    .from(buildingUnit)
    .where(and(eq(buildingUnit.buildingId, f.buildingId), after(buildingUnit.id, f.afterId)))
    .orderBy(asc(buildingUnit.id))
    .limit(f.limit + 1)
}

export async function countUnits(db: Db, buildingId: number): Promise<number> {
  const [r] = await db.select({ n: count }).from(buildingUnit).where(eq(buildingUnit.buildingId, buildingId))
  return r?.n ?? 0
}

export function insertUnitRows(db: Db, buildingId: number, names: string[]) {
  return names.length ? db.insert(buildingUnit).values(names.map((name) => ({ buildingId, name }))).returning() : Promise.resolve([])
}

export const updateUnitVersioned = (db: Db, id: number, version: number, patch: { name?: string }) => updateVersioned(db, buildingUnit, id, version, patch)
export const deleteUnitVersioned = (db: Db, id: number, version: number) => deleteVersioned(db, buildingUnit, id, version)

export const isUnitUsed = (db: Db, id: number, buildingId: number) =>
  exists(db, db.select({ x: sql`1` }).from(household).where(and(eq(household.buildingId, buildingId), eq(household.unitId, id))).limit(1))

// ---- 户 -------------------------------------------------------------------------------------------

const householdColumns = {
  household,
  buildingName: building.name,
  unitName: buildingUnit.name,
  residentCount: sql<number>`(SELECT count(*)::int FROM resident r WHERE r.household_id = household.id)`,
}
export type HouseholdWithNames = { household: HouseholdRow; buildingName: string | null; unitName: string | null; residentCount: number }

const selectHouseholds = (db: Db) =>
  db
    .select(householdColumns)
    .from(household)
    .leftJoin(building, eq(building.id, household.buildingId))
    .leftJoin(buildingUnit, eq(buildingUnit.id, household.unitId))

export async function findHouseholdRow(db: Db, id: number): Promise<HouseholdWithNames | undefined> {
  const [r] = await selectHouseholds(db).where(eq(household.id, id)).limit(1)
  return r
}

export function findHouseholdRows(db: Db, ids: number[]) {
  return ids.length ? db.select().from(household).where(inArray(household.id, ids)) : Promise.resolve([])
}

export interface HouseholdFilter {
  placePrefix: string
  buildingId?: number
  groupId?: number
  ungrouped?: boolean
}

const householdsWhere = (f: HouseholdFilter) =>
  and(
    under(household.gridCode, f.placePrefix),
    f.buildingId ? eq(household.buildingId, f.buildingId) : undefined,
    f.groupId ? eq(household.groupId, f.groupId) : undefined,
    f.ungrouped ? isNull(household.groupId) : undefined,
  )

export function listHouseholdRows(db: Db, f: HouseholdFilter & { afterId?: number; limit: number }) {
  return selectHouseholds(db)
    .where(and(householdsWhere(f), after(household.id, f.afterId)))
    .orderBy(asc(household.id))
    .limit(f.limit + 1)
}

export async function countHouseholds(db: Db, f: HouseholdFilter): Promise<number> {
  const [r] = await db.select({ n: count }).from(household).where(householdsWhere(f))
  return r?.n ?? 0
}

export async function insertHouseholdRow(db: Db, v: typeof household.$inferInsert) {
  const [r] = await db.insert(household).values(v).returning()
  return r
}

export const updateHouseholdVersioned = (db: Db, id: number, version: number, patch: Partial<typeof household.$inferInsert>) =>
  updateVersioned(db, household, id, version, patch)
export const deleteHouseholdVersioned = (db: Db, id: number, version: number) => deleteVersioned(db, household, id, version)

/**
 * Whether a household has residents, belongs to a 十联户 group, was named by an appeal (looked up within its grid)
 * or has been pledged (包保: its pledges and their visits are history that stays).
 */
export async function isHouseholdUsed(db: Db, h: { id: number; gridCode: string; groupId: number | null }): Promise<boolean> {
  return (
    h.groupId !== null ||
    (await exists(db, db.select({ x: sql`1` }).from(householdPledge).where(eq(householdPledge.householdId, h.id)).limit(1))) ||
    (await exists(db, db.select({ x: sql`1` }).from(resident).where(eq(resident.householdId, h.id)).limit(1))) ||
    (await exists(db, db.select({ x: sql`1` }).from(appeal).where(and(eq(appeal.gridCode, h.gridCode), eq(appeal.householdId, h.id))).limit(1)))
  )
}

/** Keep a grid's household count (shown on the place) in step with its households. */
export async function addToGridHouseholdCount(db: Db, gridCode: string, delta: number): Promise<void> {
  await db
    .update(grid)
    .set({ householdCount: sql`greatest(${grid.householdCount} + ${delta}, 0)` })
    .where(eq(grid.code, gridCode))
}

// ---- 居民 -----------------------------------------------------------------------------------------

export async function findResidentRow(db: Db, id: number) {
  const [r] = await db
    .select({ resident, address: household.address })
    .from(resident)
    .leftJoin(household, eq(household.id, resident.householdId))
    .where(eq(resident.id, id))
    .limit(1)
  return r
}

export async function findResidentIdByIdNumberIndex(db: Db, idNumberIdx: string): Promise<number | undefined> {
  const [r] = await db.select({ id: resident.id }).from(resident).where(eq(resident.idNumberIdx, idNumberIdx)).limit(1)
  return r?.id
}

export async function insertResidentRow(db: Db, v: typeof resident.$inferInsert) {
  const [r] = await db.insert(resident).values(v).returning()
  return r
}

export const updateResidentVersioned = (db: Db, id: number, version: number, patch: Partial<typeof resident.$inferInsert>) =>
  updateVersioned(db, resident, id, version, patch)

// ---- 十联户 ----------------------------------------------------------------------------------------

const leaderAccount = sql<number | null>`(SELECT u.id FROM user_account u WHERE u.resident_id = household_group.leader_resident_id AND u.role = 'householdLeader' AND u.disabled_at IS NULL ORDER BY u.id LIMIT 1)`
const groupColumns = {
  group: householdGroup,
  leaderName: resident.name,
  leaderHouseholdId: resident.householdId,
  leaderAccountId: leaderAccount,
  householdCount: sql<number>`(SELECT count(*)::int FROM household h WHERE h.group_id = household_group.id)`,
}
export type GroupWithNames = {
  group: GroupRow
  leaderName: string | null
  leaderHouseholdId: number | null
  leaderAccountId: number | null
  householdCount: number
}

const selectGroups = (db: Db) => db.select(groupColumns).from(householdGroup).leftJoin(resident, eq(resident.id, householdGroup.leaderResidentId))

export async function findGroupRow(db: Db, id: number): Promise<GroupWithNames | undefined> {
  const [r] = await selectGroups(db).where(eq(householdGroup.id, id)).limit(1)
  return r
}

export function listGroupRows(db: Db, f: { placePrefix: string; afterId?: number; limit: number }) {
  return selectGroups(db)
    .where(and(under(householdGroup.gridCode, f.placePrefix), after(householdGroup.id, f.afterId)))
    .orderBy(asc(householdGroup.id))
    .limit(f.limit + 1)
}

export async function countGroups(db: Db, placePrefix: string): Promise<number> {
  const [r] = await db.select({ n: count }).from(householdGroup).where(under(householdGroup.gridCode, placePrefix))
  return r?.n ?? 0
}

/** The groups a resident leads (联户长). */
export async function listGroupIdsLedBy(db: Db, residentId: number): Promise<number[]> {
  const rows = await db.select({ id: householdGroup.id }).from(householdGroup).where(eq(householdGroup.leaderResidentId, residentId))
  return rows.map((r) => r.id)
}

export function listGroupHouseholds(db: Db, groupId: number) {
  return db.select({ id: household.id, address: household.address }).from(household).where(eq(household.groupId, groupId)).orderBy(asc(household.id))
}

export async function insertGroupRow(db: Db, v: typeof householdGroup.$inferInsert) {
  const [r] = await db.insert(householdGroup).values(v).returning()
  return r
}

export const updateGroupVersioned = (db: Db, id: number, version: number, patch: Partial<typeof householdGroup.$inferInsert>) =>
  updateVersioned(db, householdGroup, id, version, patch)
export const deleteGroupVersioned = (db: Db, id: number, version: number) => deleteVersioned(db, householdGroup, id, version)

/**
 * Make exactly these households the group's: the others leave it, these join it — only those in no
 * group or already in this one. Returns how many joined (fewer than asked: one was taken meanwhile).
 */
export async function setGroupHouseholds(db: Db, groupId: number, householdIds: number[]): Promise<number> {
  await db
    .update(household)
    .set({ groupId: null, version: sql`${household.version} + 1` })
    .where(and(eq(household.groupId, groupId), householdIds.length ? notInArray(household.id, householdIds) : undefined))
  if (!householdIds.length) return 0
  const joined = await db
    .update(household)
    .set({ groupId, version: sql`${household.version} + 1` })
    .where(and(inArray(household.id, householdIds), sql`(${household.groupId} IS NULL OR ${household.groupId} = ${groupId})`))
    .returning({ id: household.id })
  return joined.length
}

// ---- 服务队伍 -------------------------------------------------------------------------------------

export async function findTeamRow(db: Db, id: number): Promise<TeamRow | undefined> {
  const [r] = await db.select().from(team).where(eq(team.id, id)).limit(1)
  return r
}

export function listTeamRows(db: Db, f: { placePrefix: string; afterId?: number; limit: number }) {
  return db
    .select()
    .from(team)
    .where(and(under(team.communityCode, f.placePrefix), after(team.id, f.afterId)))
    .orderBy(asc(team.id))
    .limit(f.limit + 1)
}

export async function countTeams(db: Db, placePrefix: string): Promise<number> {
  const [r] = await db.select({ n: count }).from(team).where(under(team.communityCode, placePrefix))
  return r?.n ?? 0
}

export function listTeamMembers(db: Db, teamIds: number[]) {
  if (!teamIds.length) return Promise.resolve([])
  return db
    .select({ teamId: teamMember.teamId, userId: userAccount.id, name: userAccount.displayName, role: userAccount.role })
    .from(teamMember)
    .innerJoin(userAccount, eq(userAccount.id, teamMember.userId))
    .where(inArray(teamMember.teamId, teamIds))
    .orderBy(asc(teamMember.teamId), asc(userAccount.id))
}

/** Of these accounts, those that are active and hold a place scope under the community's path. */
export async function findActiveAccountsUnder(db: Db, userIds: number[], communityPath: string): Promise<number[]> {
  if (!userIds.length) return []
  const rows = await db
    .select({ id: userAccount.id })
    .from(userAccount)
    .where(and(inArray(userAccount.id, userIds), isNull(userAccount.disabledAt), like(userAccount.scope, `${communityPath}%`)))
  return rows.map((r) => r.id)
}

export async function insertTeamRow(db: Db, v: typeof team.$inferInsert) {
  const [r] = await db.insert(team).values(v).returning()
  return r
}

export const updateTeamVersioned = (db: Db, id: number, version: number, patch: Partial<typeof team.$inferInsert>) => updateVersioned(db, team, id, version, patch)
export const deleteTeamVersioned = (db: Db, id: number, version: number) => deleteVersioned(db, team, id, version)

export async function setTeamMembers(db: Db, teamId: number, userIds: number[]): Promise<void> {
  await db.delete(teamMember).where(eq(teamMember.teamId, teamId))
  if (userIds.length) await db.insert(teamMember).values(userIds.map((userId) => ({ teamId, userId })))
}

/** Whether an appeal of the team's community is (or was last) assigned to the team, or the team organised a volunteer activity. */
export const isTeamUsed = async (db: Db, id: number, communityCode: string) =>
  (await exists(
    db,
    db
      .select({ x: sql`1` })
      .from(appeal)
      .where(and(eq(appeal.communityCode, communityCode), eq(appeal.assigneeType, 'team'), eq(appeal.assigneeId, String(id))))
      .limit(1),
  )) || (await exists(db, db.select({ x: sql`1` }).from(volunteerActivity).where(eq(volunteerActivity.teamId, id)).limit(1)))

// ---- 党组织 / 党员 -----------------------------------------------------------------------------------

const orgColumns = {
  org: partyOrg,
  memberCount: sql<number>`(SELECT count(*)::int FROM party_member m WHERE m.party_org_id = party_org.id)`,
}
export type PartyOrgWithCounts = { org: PartyOrgRow; memberCount: number }

export async function findPartyOrgRow(db: Db, id: number): Promise<PartyOrgWithCounts | undefined> {
  const [r] = await db.select(orgColumns).from(partyOrg).where(eq(partyOrg.id, id)).limit(1)
  return r
}

const orgsWhere = (f: { placePrefix: string; kind?: string }) => and(under(partyOrg.placeCode, f.placePrefix), f.kind ? eq(partyOrg.kind, f.kind) : undefined)

export function listPartyOrgRows(db: Db, f: { placePrefix: string; kind?: string; afterId?: number; limit: number }) {
  return db
    .select(orgColumns)
    .from(partyOrg)
    .where(and(orgsWhere(f), after(partyOrg.id, f.afterId)))
    .orderBy(asc(partyOrg.id))
    .limit(f.limit + 1)
}

export async function countPartyOrgs(db: Db, f: { placePrefix: string; kind?: string }): Promise<number> {
  const [r] = await db.select({ n: count }).from(partyOrg).where(orgsWhere(f))
  return r?.n ?? 0
}

/** The organisations attached to these places (a new one's possible parents), highest first. */
export function listPartyOrgsAt(db: Db, placeCodes: string[]) {
  return db.select().from(partyOrg).where(inArray(partyOrg.placeCode, placeCodes)).orderBy(asc(partyOrg.id))
}

/** A new organisation; undefined when a grid that already has its 网格党小组 was given another. */
export async function insertPartyOrgRow(db: Db, v: typeof partyOrg.$inferInsert): Promise<PartyOrgRow | undefined> {
  const [r] = await db.insert(partyOrg).values(v).onConflictDoNothing().returning()
  return r
}

export const updatePartyOrgVersioned = (db: Db, id: number, version: number, patch: Partial<typeof partyOrg.$inferInsert>) =>
  updateVersioned(db, partyOrg, id, version, patch)
export const deletePartyOrgVersioned = (db: Db, id: number, version: number) => deleteVersioned(db, partyOrg, id, version)

export async function isPartyOrgUsed(db: Db, id: number): Promise<boolean> {
  return (
    (await exists(db, db.select({ x: sql`1` }).from(partyOrg).where(eq(partyOrg.parentId, id)).limit(1))) ||
    (await exists(db, db.select({ x: sql`1` }).from(partyMember).where(eq(partyMember.partyOrgId, id)).limit(1)))
  )
}

const memberColumns = {
  member: partyMember,
  orgName: partyOrg.name,
  accountId: sql<number | null>`(SELECT u.id FROM user_account u WHERE u.party_member_id = party_member.id AND u.disabled_at IS NULL ORDER BY u.id LIMIT 1)`,
}
export type PartyMemberWithNames = { member: PartyMemberRow; orgName: string | null; accountId: number | null }

const selectMembers = (db: Db) => db.select(memberColumns).from(partyMember).leftJoin(partyOrg, eq(partyOrg.id, partyMember.partyOrgId))

export async function findPartyMemberRow(db: Db, id: number): Promise<PartyMemberWithNames | undefined> {
  const [r] = await selectMembers(db).where(eq(partyMember.id, id)).limit(1)
  return r
}

const membersWhere = (f: { placePrefix: string; partyOrgId?: number; q?: string }) =>
  and(
    under(partyMember.communityCode, f.placePrefix.slice(0, 12)),
    // a grid narrows to the members of organisations at that grid
    f.placePrefix.length > 12 ? sql`${partyMember.partyOrgId} IN (SELECT o.id FROM party_org o WHERE o.place_code = ${f.placePrefix})` : undefined,
    f.partyOrgId ? eq(partyMember.partyOrgId, f.partyOrgId) : undefined,
    f.q ? like(partyMember.name, `%${escapeLike(f.q)}%`) : undefined,
  )

export function listPartyMemberRows(db: Db, f: { placePrefix: string; partyOrgId?: number; q?: string; afterId?: number; limit: number }) {
  return selectMembers(db)
    .where(and(membersWhere(f), after(partyMember.id, f.afterId)))
    .orderBy(asc(partyMember.id))
    .limit(f.limit + 1)
}

export async function countPartyMembers(db: Db, f: { placePrefix: string; partyOrgId?: number; q?: string }): Promise<number> {
  const [r] = await db.select({ n: count }).from(partyMember).where(membersWhere(f))
  return r?.n ?? 0
}

export async function insertPartyMemberRow(db: Db, v: typeof partyMember.$inferInsert) {
  const [r] = await db.insert(partyMember).values(v).returning()
  return r
}

export const updatePartyMemberVersioned = (db: Db, id: number, version: number, patch: Partial<typeof partyMember.$inferInsert>) =>
  updateVersioned(db, partyMember, id, version, patch)

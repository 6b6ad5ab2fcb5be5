/** Every SQL statement of 志愿服务 (teams, activities, sign-ups, figures). Each takes a handle that may be a transaction. */
import { aliasedTable, and, asc, desc, eq, gt, gte, inArray, isNull, like, lt, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { newestFirst, olderThan } from '../../db/keyset'
import { byKey, figureKey, inPeriod, underPlace, type FigureScope } from '../../db/figures'
import { partyMember, region, team, teamMember, userAccount, volunteerActivity, volunteerSignup } from '../../db/schema/index'

export type TeamRow = typeof team.$inferSelect
export type ActivityRow = typeof volunteerActivity.$inferSelect
export type ActivityInsert = typeof volunteerActivity.$inferInsert
export type SignupRow = typeof volunteerSignup.$inferSelect
export type SignupInsert = typeof volunteerSignup.$inferInsert

// ---- 队伍 -------------------------------------------------------------------------------------------

const leader = aliasedTable(userAccount, 'leader')

export interface TeamWithNames {
  team: TeamRow
  communityName: string
  leaderName: string | null
}

function selectTeams(db: Db) {
  return db
    .select({ team, communityName: region.name, leaderName: leader.displayName })
    .from(team)
    .innerJoin(region, eq(region.code, team.communityCode))
    .leftJoin(leader, eq(leader.id, team.leaderUserId))
}

export async function findTeam(db: Db, id: number): Promise<TeamWithNames | undefined> {
  const [r] = await selectTeams(db).where(eq(team.id, id)).limit(1)
  return r
}

/** Teams of the communities under a place code (at most 500: a community has a handful). */
export function listTeamsUnder(db: Db, placePrefix: string): Promise<TeamWithNames[]> {
  return selectTeams(db).where(like(team.communityCode, `${placePrefix}%`)).orderBy(asc(team.communityCode), asc(team.id)).limit(500)
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

export async function insertTeam(db: Db, v: typeof team.$inferInsert): Promise<TeamRow> {
  const [r] = await db.insert(team).values(v).returning()
  return r!
}

/** Optimistic update of a team (a membership change bumps the version too). */
export async function updateTeamVersioned(db: Db, id: number, version: number, patch: Partial<typeof team.$inferInsert>): Promise<TeamRow | undefined> {
  const [r] = await db
    .update(team)
    .set({ ...patch, version: sql`${team.version} + 1` })
    .where(and(eq(team.id, id), eq(team.version, version)))
    .returning()
  return r
}

/** Adds a member; false when already one. */
export async function insertTeamMember(db: Db, teamId: number, userId: number): Promise<boolean> {
  const rows = await db.insert(teamMember).values({ teamId, userId }).onConflictDoNothing().returning()
  return rows.length > 0
}

/** Removes a member; false when not one. */
export async function deleteTeamMember(db: Db, teamId: number, userId: number): Promise<boolean> {
  const rows = await db.delete(teamMember).where(and(eq(teamMember.teamId, teamId), eq(teamMember.userId, userId))).returning()
  return rows.length > 0
}

export async function isTeamMember(db: Db, teamId: number, userId: number): Promise<boolean> {
  const rows = await db.select({ u: teamMember.userId }).from(teamMember).where(and(eq(teamMember.teamId, teamId), eq(teamMember.userId, userId))).limit(1)
  return rows.length > 0
}

/** Active party members' and residents' accounts of a community (who may join its teams), by id or name. */
export function findPeopleAccounts(db: Db, communityPath: string, o: { userIds?: number[]; name?: string; limit?: number }) {
  return db
    .select({ userId: userAccount.id, name: userAccount.displayName, role: userAccount.role })
    .from(userAccount)
    .where(
      and(
        inArray(userAccount.role, ['partyMember', 'resident']),
        isNull(userAccount.disabledAt),
        like(userAccount.scope, `${communityPath}%`),
        o.userIds ? inArray(userAccount.id, o.userIds.length ? o.userIds : [-1]) : undefined,
        o.name ? like(userAccount.displayName, `%${o.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
      ),
    )
    .orderBy(desc(eq(userAccount.role, 'partyMember')), asc(userAccount.id))
    .limit(o.limit ?? 50)
}

export async function findCommunity(db: Db, code: string) {
  const [r] = await db.select({ code: region.code, name: region.name, level: region.level, path: region.path }).from(region).where(eq(region.code, code)).limit(1)
  return r?.level === 'community' ? r : undefined
}

export async function findPlace(db: Db, code: string) {
  const [r] = await db.select({ code: region.code, name: region.name }).from(region).where(eq(region.code, code)).limit(1)
  return r
}

// ---- 活动 -------------------------------------------------------------------------------------------

export interface ActivityWithNames {
  activity: ActivityRow
  communityName: string
  teamName: string | null
  teamKind: string | null
  leaderUserId: number | null
}

function selectActivities(db: Db) {
  return db
    .select({ activity: volunteerActivity, communityName: region.name, teamName: team.name, teamKind: team.kind, leaderUserId: team.leaderUserId })
    .from(volunteerActivity)
    .innerJoin(region, eq(region.code, volunteerActivity.communityCode))
    .leftJoin(team, eq(team.id, volunteerActivity.teamId))
}

export async function findActivity(db: Db, id: number): Promise<ActivityWithNames | undefined> {
  const [r] = await selectActivities(db).where(eq(volunteerActivity.id, id)).limit(1)
  return r
}

export async function insertActivity(db: Db, row: ActivityInsert): Promise<ActivityRow> {
  const [r] = await db.insert(volunteerActivity).values(row).returning()
  return r!
}

export async function updateActivityVersioned(db: Db, id: number, version: number, patch: Partial<ActivityInsert>): Promise<ActivityRow | undefined> {
  const [r] = await db
    .update(volunteerActivity)
    .set({ ...patch, version: sql`${volunteerActivity.version} + 1` })
    .where(and(eq(volunteerActivity.id, id), eq(volunteerActivity.version, version)))
    .returning()
  return r
}

/**
 * Takes one slot of a published activity still open for sign-up, in one statement: the row lock makes
 * two sign-ups for the last slot queue, and the second finds none left. Undefined: full or not open.
 */
export async function takeSlot(db: Db, id: number, now: Date): Promise<ActivityRow | undefined> {
  const [r] = await db
    .update(volunteerActivity)
    .set({ taken: sql`${volunteerActivity.taken} + 1` })
    .where(
      and(
        eq(volunteerActivity.id, id),
        eq(volunteerActivity.status, 'published'),
        gt(volunteerActivity.endsAt, now),
        lt(volunteerActivity.taken, volunteerActivity.slots),
      ),
    )
    .returning()
  return r
}

/** Gives a slot back (a cancelled sign-up). */
export async function releaseSlot(db: Db, id: number): Promise<void> {
  await db
    .update(volunteerActivity)
    .set({ taken: sql`greatest(${volunteerActivity.taken} - 1, 0)` })
    .where(eq(volunteerActivity.id, id))
}

export interface ActivityFilter {
  placePrefix: string
  statuses?: string[]
  teamId?: number
  startsFrom?: Date
  startsBefore?: Date
  /** not ended at this time */
  notEndedAt?: Date
  /** drafts only for these organisers: the community account's code, or teams led by this user */
  hideDraftsExceptCommunity?: string | null
  hideDraftsExceptLeader?: number
  /** only activities this user has a live sign-up for */
  signedUpUserId?: number
}

function activitiesWhere(f: ActivityFilter): SQL | undefined {
  return and(
    like(volunteerActivity.communityCode, `${f.placePrefix}%`),
    f.statuses?.length ? inArray(volunteerActivity.status, f.statuses) : undefined,
    f.teamId !== undefined ? eq(volunteerActivity.teamId, f.teamId) : undefined,
    f.startsFrom ? gte(volunteerActivity.startsAt, f.startsFrom) : undefined,
    f.startsBefore ? lt(volunteerActivity.startsAt, f.startsBefore) : undefined,
    f.notEndedAt ? gt(volunteerActivity.endsAt, f.notEndedAt) : undefined,
    f.hideDraftsExceptCommunity !== undefined || f.hideDraftsExceptLeader !== undefined
      ? or(
          ne(volunteerActivity.status, 'draft'),
          f.hideDraftsExceptCommunity ? eq(volunteerActivity.communityCode, f.hideDraftsExceptCommunity) : undefined,
          f.hideDraftsExceptLeader !== undefined ? eq(team.leaderUserId, f.hideDraftsExceptLeader) : undefined,
        )
      : undefined,
    f.signedUpUserId !== undefined
      ? sql`EXISTS (SELECT 1 FROM ${volunteerSignup} s WHERE s.activity_id = ${volunteerActivity.id} AND s.user_id = ${f.signedUpUserId} AND s.status <> 'cancelled')`
      : undefined,
  )
}

/** Newest start first, keyset-paged. */
export function listActivities(db: Db, f: ActivityFilter & { cursor?: { t: string; id: number }; limit: number }) {
  return selectActivities(db)
    .where(and(activitiesWhere(f), olderThan(volunteerActivity.startsAt, volunteerActivity.id, f.cursor)))
    .orderBy(...newestFirst(volunteerActivity.startsAt, volunteerActivity.id))
    .limit(f.limit + 1)
}

/** Soonest first (报名活动: what is coming up), keyset-paged forward. */
export function listActivitiesSoonest(db: Db, f: ActivityFilter & { cursor?: { t: string; id: number }; limit: number }) {
  const c = f.cursor
  const afterCursor = c
    ? or(gt(volunteerActivity.startsAt, new Date(c.t)), and(eq(volunteerActivity.startsAt, new Date(c.t)), gt(volunteerActivity.id, c.id)))
    : undefined
  return selectActivities(db)
    .where(and(activitiesWhere(f), afterCursor))
    .orderBy(asc(volunteerActivity.startsAt), asc(volunteerActivity.id))
    .limit(f.limit + 1)
}

export async function countActivities(db: Db, f: ActivityFilter): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(volunteerActivity)
    .leftJoin(team, eq(team.id, volunteerActivity.teamId))
    .where(activitiesWhere(f))
  return r?.n ?? 0
}

// ---- 报名 -------------------------------------------------------------------------------------------

export interface SignupWithName {
  signup: SignupRow
  userName: string
}

function selectSignups(db: Db) {
  return db.select({ signup: volunteerSignup, userName: userAccount.displayName }).from(volunteerSignup).innerJoin(userAccount, eq(userAccount.id, volunteerSignup.userId))
}

export async function findSignup(db: Db, id: number): Promise<SignupWithName | undefined> {
  const [r] = await selectSignups(db).where(eq(volunteerSignup.id, id)).limit(1)
  return r
}

/** A new sign-up; undefined when the person already has a live one for the activity. */
export async function insertSignup(db: Db, row: SignupInsert): Promise<SignupRow | undefined> {
  const [r] = await db.insert(volunteerSignup).values(row).onConflictDoNothing().returning()
  return r
}

export async function updateSignupVersioned(db: Db, id: number, version: number, patch: Partial<SignupInsert>): Promise<SignupRow | undefined> {
  const [r] = await db
    .update(volunteerSignup)
    .set({ ...patch, version: sql`${volunteerSignup.version} + 1` })
    .where(and(eq(volunteerSignup.id, id), eq(volunteerSignup.version, version)))
    .returning()
  return r
}

/** Every sign-up of an activity, the live ones first, in order of signing up. */
export function listSignupsOf(db: Db, activityId: number): Promise<SignupWithName[]> {
  return selectSignups(db)
    .where(eq(volunteerSignup.activityId, activityId))
    .orderBy(sql`(${volunteerSignup.status} = 'cancelled')`, asc(volunteerSignup.signedUpAt), asc(volunteerSignup.id))
    .limit(1000)
}

/** A person's live sign-ups for some activities. */
export function listLiveSignupsOfUser(db: Db, userId: number, activityIds: number[]): Promise<SignupWithName[]> {
  if (!activityIds.length) return Promise.resolve([])
  return selectSignups(db).where(and(eq(volunteerSignup.userId, userId), inArray(volunteerSignup.activityId, activityIds), ne(volunteerSignup.status, 'cancelled')))
}

/** The person's live sign-up for the activity whose venue code this is (activities not cancelled, drafts excluded). */
export async function findSignupByCode(db: Db, userId: number, code: string): Promise<SignupWithName | undefined> {
  const [r] = await selectSignups(db)
    .innerJoin(volunteerActivity, eq(volunteerActivity.id, volunteerSignup.activityId))
    .where(
      and(
        eq(volunteerSignup.userId, userId),
        ne(volunteerSignup.status, 'cancelled'),
        eq(volunteerActivity.checkInCode, code),
        inArray(volunteerActivity.status, ['published', 'closed', 'ongoing', 'finished']),
      ),
    )
    .orderBy(desc(volunteerActivity.startsAt))
    .limit(1)
  return r && { signup: r.signup, userName: r.userName }
}

// ---- 统计 -------------------------------------------------------------------------------------------

export interface FiguresFilter {
  placePrefix: string
  from: Date
  to: Date
  /** a person's own figures */
  userId?: number
}

const held = (f: FiguresFilter) =>
  and(
    like(volunteerActivity.communityCode, `${f.placePrefix}%`),
    gte(volunteerActivity.startsAt, f.from),
    lt(volunteerActivity.startsAt, f.to),
    inArray(volunteerActivity.status, ['published', 'closed', 'ongoing', 'finished']),
  )

/** completed volunteer sign-ups of activities held in the period */
const served = (f: FiguresFilter) =>
  and(
    held(f),
    eq(volunteerSignup.status, 'completed'),
    eq(volunteerSignup.role, 'volunteer'),
    f.userId !== undefined ? eq(volunteerSignup.userId, f.userId) : undefined,
  )

const personTimes = sql<number>`count(*)::int`
const hoursSum = sql<number>`coalesce(sum(${volunteerSignup.hours}), 0)::float8`

export async function figureTotals(db: Db, f: FiguresFilter) {
  const [a] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(volunteerActivity)
    .where(
      and(
        held(f),
        f.userId !== undefined
          ? sql`EXISTS (SELECT 1 FROM ${volunteerSignup} s WHERE s.activity_id = ${volunteerActivity.id} AND s.user_id = ${f.userId} AND s.status = 'completed')`
          : undefined,
      ),
    )
  const [s] = await db
    .select({ personTimes, hours: hoursSum, volunteers: sql<number>`count(DISTINCT ${volunteerSignup.userId})::int` })
    .from(volunteerSignup)
    .innerJoin(volunteerActivity, eq(volunteerActivity.id, volunteerSignup.activityId))
    .where(served(f))
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(volunteerSignup)
    .innerJoin(volunteerActivity, eq(volunteerActivity.id, volunteerSignup.activityId))
    .where(and(held(f), eq(volunteerSignup.status, 'completed'), eq(volunteerSignup.role, 'resident'), f.userId !== undefined ? eq(volunteerSignup.userId, f.userId) : undefined))
  return { activities: a?.n ?? 0, personTimes: s?.personTimes ?? 0, hours: s?.hours ?? 0, volunteers: s?.volunteers ?? 0, residentsServed: r?.n ?? 0 }
}

export function figuresPerPerson(db: Db, f: FiguresFilter) {
  return db
    .select({ userId: volunteerSignup.userId, name: userAccount.displayName, personTimes, hours: hoursSum })
    .from(volunteerSignup)
    .innerJoin(volunteerActivity, eq(volunteerActivity.id, volunteerSignup.activityId))
    .innerJoin(userAccount, eq(userAccount.id, volunteerSignup.userId))
    .where(served(f))
    .groupBy(volunteerSignup.userId, userAccount.displayName)
    .orderBy(desc(hoursSum), desc(personTimes), asc(volunteerSignup.userId))
    .limit(500)
}

/** per organiser team (an activity without a team is the community's own) */
export function figuresPerTeam(db: Db, f: FiguresFilter) {
  return db
    .select({ teamId: volunteerActivity.teamId, name: team.name, kind: team.kind, personTimes, hours: hoursSum })
    .from(volunteerSignup)
    .innerJoin(volunteerActivity, eq(volunteerActivity.id, volunteerSignup.activityId))
    .leftJoin(team, eq(team.id, volunteerActivity.teamId))
    .where(served(f))
    .groupBy(volunteerActivity.teamId, team.name, team.kind)
    .orderBy(desc(hoursSum), asc(volunteerActivity.teamId))
    .limit(500)
}

/** per work unit of the party members who served (工作在单位、服务在社区) */
export function figuresPerUnit(db: Db, f: FiguresFilter) {
  return db
    .select({ workUnit: partyMember.workUnit, personTimes, hours: hoursSum })
    .from(volunteerSignup)
    .innerJoin(volunteerActivity, eq(volunteerActivity.id, volunteerSignup.activityId))
    .innerJoin(partyMember, eq(partyMember.id, volunteerSignup.partyMemberId))
    .where(and(served(f), sql`${partyMember.workUnit} IS NOT NULL`))
    .groupBy(partyMember.workUnit)
    .orderBy(desc(hoursSum), asc(partyMember.workUnit))
    .limit(500)
}

export function figuresPerCommunity(db: Db, f: FiguresFilter) {
  return db
    .select({
      code: volunteerActivity.communityCode,
      name: region.name,
      activities: sql<number>`count(DISTINCT ${volunteerActivity.id})::int`,
      personTimes: sql<number>`count(${volunteerSignup.id})::int`,
      hours: hoursSum,
    })
    .from(volunteerActivity)
    .innerJoin(region, eq(region.code, volunteerActivity.communityCode))
    .leftJoin(volunteerSignup, and(eq(volunteerSignup.activityId, volunteerActivity.id), eq(volunteerSignup.status, 'completed'), eq(volunteerSignup.role, 'volunteer')))
    .where(held(f))
    .groupBy(volunteerActivity.communityCode, region.name)
    .orderBy(asc(volunteerActivity.communityCode))
    .limit(500)
}

// ---- figures (统计: 党建引领) ------------------------------------------------------------------------

/**
 * 志愿服务: activities held in the period (by their start, as the module's own figures count them), 人次
 * (volunteers' completed sign-ups, i.e. checked out) and hours credited, per group of their community.
 */
export function countVolunteerFigures(db: Db, s: FigureScope) {
  return db
    .select({
      key: figureKey(volunteerActivity.communityCode, s),
      activities: sql<number>`count(DISTINCT ${volunteerActivity.id})::int`,
      personTimes: sql<number>`count(${volunteerSignup.id})::int`,
      hours: hoursSum,
    })
    .from(volunteerActivity)
    .leftJoin(volunteerSignup, and(eq(volunteerSignup.activityId, volunteerActivity.id), eq(volunteerSignup.status, 'completed'), eq(volunteerSignup.role, 'volunteer')))
    .where(
      and(
        underPlace(volunteerActivity.communityCode, s),
        inPeriod(volunteerActivity.startsAt, s),
        inArray(volunteerActivity.status, ['published', 'closed', 'ongoing', 'finished']),
      ),
    )
    .groupBy(byKey)
}

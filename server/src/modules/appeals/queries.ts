/** Every SQL statement of the appeal loop. Each takes a handle that may be a transaction. */
import { and, arrayContains, asc, eq, gte, inArray, isNull, like, lt, ne, not, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { newestFirst } from '../../db/keyset'
import { fromRaw, rowsOf } from '../../db/client'
import {
  appeal,
  type appealDeadline,
  appealDepartment,
  appealEvent,
  appealExtension,
  appealFile,
  category,
  compound,
  building,
  grid,
  idempotencyKey,
  partyMember,
  propertyCompany,
  region,
  supervision,
  team,
  userAccount,
} from '../../db/schema/index'
import type { Actor, AppealVisibility } from '../../permissions'
import type { AuditInsert, OutboxInsert } from '../../core'

export type AppealRow = typeof appeal.$inferSelect
export type AppealInsert = typeof appeal.$inferInsert
export type AppealEventRow = typeof appealEvent.$inferSelect

/** An appeal with the names its presentation needs. */
export interface AppealWithNames {
  appeal: AppealRow
  gridName: string
  communityName: string
  categoryName: string
}

const withNames = {
  appeal,
  gridName: grid.name,
  communityName: region.name,
  categoryName: category.name,
}

/** The column to compare for a place code of a given length (each is indexed). */
export function placeCondition(code: string): SQL {
  switch (code.length) {
    case 2:
    case 4:
      // a province or city: a range of county codes (index-friendly under any collation)
      return and(gte(appeal.countyCode, code), lt(appeal.countyCode, String(Number(code) + 1).padStart(code.length, '0')))!
    case 6:
      return eq(appeal.countyCode, code)
    case 9:
      return eq(appeal.streetCode, code)
    case 12:
      return eq(appeal.communityCode, code)
    default:
      return eq(appeal.gridCode, code)
  }
}

/** The ways a caller may see an appeal (their place, what they submitted, what is assigned to them …). */
function visibilityArms(v: AppealVisibility): SQL[] {
  const ors: SQL[] = []
  if (v.placePrefix) ors.push(placeCondition(v.placePrefix))
  if (v.submitterUserId !== undefined) ors.push(eq(appeal.submitterUserId, v.submitterUserId))
  for (const x of v.assignees) ors.push(and(eq(appeal.assigneeType, x.type), eq(appeal.assigneeId, x.id))!)
  if (v.partyPoolCommunity) ors.push(eq(appeal.poolCommunityCode, v.partyPoolCommunity))
  if (v.departmentCode) ors.push(arrayContains(appeal.whistledDepartmentCodes, [v.departmentCode]))
  if (v.buildingIds && v.buildingIds.length) ors.push(inArray(appeal.buildingId, v.buildingIds))
  return ors
}

export function visibilityCondition(v: AppealVisibility): SQL {
  const ors = visibilityArms(v)
  return ors.length ? or(...ors)! : sql`false`
}

export async function findAppealWithNames(db: Db, id: number): Promise<AppealWithNames | undefined> {
  const rows = await db
    .select(withNames)
    .from(appeal)
    .innerJoin(grid, eq(grid.code, appeal.gridCode))
    .innerJoin(region, eq(region.code, appeal.communityCode))
    .innerJoin(category, eq(category.code, appeal.categoryCode))
    .where(eq(appeal.id, id))
    .limit(1)
  return rows[0]
}

/** An appeal with its names, timeline, 吹哨 records, extensions and supervisions. */
export interface AppealDetailRows {
  row: AppealWithNames
  events: AppealEventRow[]
  whistles: { record: typeof appealDepartment.$inferSelect; name: string }[]
  extensions: (typeof appealExtension.$inferSelect)[]
  supervisions: (typeof supervision.$inferSelect)[]
}

/**
 * Everything the detail page shows in one statement (one round trip instead of five): the records
 * come back as JSON arrays and are mapped to the same typed rows the single-table queries return.
 */
export async function findAppealDetail(db: Db, id: number): Promise<AppealDetailRows | undefined> {
  const res = await db.execute(sql`
    SELECT to_jsonb(a) AS a, g.name AS grid_name, r.name AS community_name, c.name AS category_name,
      (SELECT coalesce(jsonb_agg(to_jsonb(e) ORDER BY e.id), '[]') FROM appeal_event e WHERE e.appeal_id = a.id) AS events,
      (SELECT coalesce(jsonb_agg(jsonb_build_object('record', to_jsonb(d), 'name', dep.name) ORDER BY d.id), '[]')
         FROM appeal_department d JOIN department dep ON dep.code = d.department_code WHERE d.appeal_id = a.id) AS whistles,
      (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY x.id), '[]') FROM appeal_extension x WHERE x.appeal_id = a.id) AS extensions,
      (SELECT coalesce(jsonb_agg(to_jsonb(s) ORDER BY s.id), '[]') FROM supervision s WHERE s.appeal_id = a.id) AS supervisions
    FROM appeal a
    JOIN grid g ON g.code = a.grid_code
    JOIN region r ON r.code = a.community_code
    JOIN category c ON c.code = a.category_code
    WHERE a.id = ${id}`)
  type Raw = Record<string, unknown>
  const r = rowsOf<{
    a: Raw
    grid_name: string
    community_name: string
    category_name: string
    events: Raw[]
    whistles: { record: Raw; name: string }[]
    extensions: Raw[]
    supervisions: Raw[]
  }>(res)[0]
  if (!r) return undefined
  return {
    row: { appeal: fromRaw(appeal, r.a), gridName: r.grid_name, communityName: r.community_name, categoryName: r.category_name },
    events: r.events.map((e) => fromRaw(appealEvent, e)),
    whistles: r.whistles.map((w) => ({ record: fromRaw(appealDepartment, w.record), name: w.name })),
    extensions: r.extensions.map((x) => fromRaw(appealExtension, x)),
    supervisions: r.supervisions.map((x) => fromRaw(supervision, x)),
  }
}

export async function findAppealById(db: Db, id: number): Promise<AppealRow | undefined> {
  const rows = await db.select().from(appeal).where(eq(appeal.id, id)).limit(1)
  return rows[0]
}

/** Optimistic update: only applies if nobody changed the appeal since `version`. */
export async function updateAppealVersioned(
  db: Db,
  id: number,
  version: number,
  patch: Partial<AppealInsert>,
): Promise<AppealRow | undefined> {
  const rows = await db
    .update(appeal)
    .set({ ...patch, version: sql`${appeal.version} + 1` })
    .where(and(eq(appeal.id, id), eq(appeal.version, version)))
    .returning()
  return rows[0]
}

export async function insertAppealEvent(db: Db, e: typeof appealEvent.$inferInsert): Promise<AppealEventRow> {
  const rows = await db.insert(appealEvent).values(e).returning()
  return rows[0]!
}

export async function insertAppealFiles(db: Db, appealId: number, fileIds: string[]): Promise<void> {
  if (!fileIds.length) return
  await db
    .insert(appealFile)
    .values(fileIds.map((fileId) => ({ appealId, fileId })))
    .onConflictDoNothing()
}

export interface AppealListFilter {
  visibility: AppealVisibility
  /** only what the caller can act on now (the 待办 view): `todoCondition` */
  todo?: SQL
  statuses?: string[]
  colors?: string[]
  categoryCode?: string
  place?: string
  channels?: string[]
  q?: string
  from?: Date
  to?: Date
  cursor?: { t: string; id: number }
  limit: number
  /** appeals about one resident (the person card, 实有人口) */
  residentId?: number
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** The caller's filters, without visibility. */
function filterConditions(f: AppealListFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [
    f.statuses?.length ? inArray(appeal.status, f.statuses) : undefined,
    f.colors?.length ? inArray(appeal.color, f.colors) : undefined,
    f.categoryCode
      ? or(eq(appeal.categoryCode, f.categoryCode), sql`${appeal.categoryCode} LIKE ${`${likeEscape(f.categoryCode)}.%`}`)
      : undefined,
    f.place ? placeCondition(f.place) : undefined,
    f.channels?.length ? inArray(appeal.channel, f.channels) : undefined,
    f.q
      ? or(
          sql`${appeal.title} ILIKE ${`%${likeEscape(f.q)}%`}`,
          sql`${appeal.description} ILIKE ${`%${likeEscape(f.q)}%`}`,
          eq(appeal.number, f.q),
        )
      : undefined,
    f.from ? gte(appeal.createdAt, f.from) : undefined,
    f.to ? lt(appeal.createdAt, f.to) : undefined,
    f.todo,
    f.residentId !== undefined ? eq(appeal.residentId, f.residentId) : undefined,
  ]
  return and(...conds)
}

function listConditions(f: AppealListFilter): SQL | undefined {
  return and(visibilityCondition(f.visibility), filterConditions(f))
}

type TodoRow = { readonly action: string; readonly from: readonly string[]; readonly who: readonly string[] }

const GRID_STAFF_ROLES: readonly string[] = ['gridWorker', 'gridHead']
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * Each relation of the appeal table (permissions/policies/appeal.ts RELATIONS and isAssignee) as SQL for
 * one caller; undefined where the caller can never stand in it. appeals/todo.test.ts holds the two
 * translations to each other through the HTTP API.
 */
function relationSql(actor: Actor, rel: string): SQL | undefined {
  const dept = actor.role === 'department' ? actor.departmentCode : null
  switch (rel) {
    case 'gridStaff':
      return GRID_STAFF_ROLES.includes(actor.role) && actor.placeCode ? eq(appeal.gridCode, actor.placeCode) : undefined
    case 'buildingLeader':
      return actor.role === 'householdLeader' && actor.leaderBuildingIds.length ? inArray(appeal.buildingId, actor.leaderBuildingIds) : undefined
    case 'community':
      return actor.role === 'community' && actor.placeCode ? eq(appeal.communityCode, actor.placeCode) : undefined
    case 'street':
      return actor.role === 'street' && actor.placeCode ? eq(appeal.streetCode, actor.placeCode) : undefined
    case 'county':
      return actor.role === 'county' && actor.placeCode ? eq(appeal.countyCode, actor.placeCode) : undefined
    case 'submitter':
      return actor.role === 'resident' ? eq(appeal.submitterUserId, actor.userId) : undefined
    case 'dispatcher': {
      const street = relationSql(actor, 'street')
      const community = relationSql(actor, 'community')
      return or(
        street ? and(eq(appeal.assignedBy, 'street'), street) : undefined,
        community ? and(or(isNull(appeal.assignedBy), ne(appeal.assignedBy, 'street')), community) : undefined,
      )
    }
    case 'leadDepartment':
      return dept ? eq(appeal.leadDepartmentCode, dept) : undefined
    case 'reportingDepartment':
      return dept ? and(arrayContains(appeal.whistledDepartmentCodes, [dept]), not(arrayContains(appeal.reportedDepartmentCodes, [dept]))) : undefined
    case 'assistingDepartment':
      return dept ? and(sql`${appeal.leadDepartmentCode} IS DISTINCT FROM ${dept}`, arrayContains(appeal.whistledDepartmentCodes, [dept])) : undefined
    case 'supervisor':
      return (actor.role === 'street' || actor.role === 'county') && actor.placeCode
        ? arrayContains(appeal.openSupervisorCodes, [actor.placeCode])
        : undefined
    case 'assignee':
      return or(
        and(inArray(appeal.assigneeType, ['gridWorker', 'householdLeader']), eq(appeal.assigneeId, String(actor.userId))),
        actor.role === 'partyMember'
          ? and(
              eq(appeal.assigneeType, 'partyMember'),
              or(
                actor.placeCode ? and(eq(appeal.assigneeId, 'pool'), like(appeal.gridCode, `${escapeLike(actor.placeCode)}%`)) : undefined,
                actor.partyMemberId !== null ? eq(appeal.assigneeId, String(actor.partyMemberId)) : undefined,
              ),
            )
          : undefined,
        actor.teamIds.length ? and(eq(appeal.assigneeType, 'team'), inArray(appeal.assigneeId, actor.teamIds.map(String))) : undefined,
        actor.role === 'property' && actor.propertyCompanyId !== null
          ? and(eq(appeal.assigneeType, 'property'), eq(appeal.assigneeId, String(actor.propertyCompanyId)))
          : undefined,
        dept ? and(eq(appeal.assigneeType, 'department'), eq(appeal.assigneeId, dept)) : undefined,
      )
    default:
      return undefined // 'system': never a person
  }
}

/** The preconditions of the to-do actions (policies/appeal.ts PRECONDITIONS) as SQL. */
const TODO_PRECONDITIONS: Readonly<Record<string, SQL>> = {
  rate: eq(appeal.submitterRole, 'resident'),
  rateOnBehalf: ne(appeal.submitterRole, 'resident'),
  approveExtension: eq(appeal.extensionPending, true),
  denyExtension: eq(appeal.extensionPending, true),
  closeWithExplanation: sql`EXISTS (SELECT 1 FROM unnest(${appeal.openSupervisorCodes}) c WHERE length(c) <= 9)`,
}

/**
 * What the caller can act on now, as one condition: for every row of the to-do transitions, its states,
 * one of its relations for this caller, and its action's precondition.
 */
export function todoCondition(actor: Actor, rows: readonly TodoRow[]): SQL {
  const arms = rows.map((t) => {
    const who = or(...t.who.map((rel) => relationSql(actor, rel)))
    return who ? and(inArray(appeal.status, [...t.from]), who, TODO_PRECONDITIONS[t.action]) : undefined
  })
  return or(...arms) ?? sql`false`
}

/**
 * One page, newest first. A caller who sees appeals in several ways (their grid, what they submitted,
 * what is assigned to them) gets each way's first page from its own ordered index, merged: an OR would
 * make PostgreSQL collect and sort every match (thousands of open appeals for a busy street).
 */
export function listAppealRows(db: Db, f: AppealListFilter) {
  const keyset = f.cursor
    ? sql`(${appeal.createdAt}, ${appeal.id}) < (${f.cursor.t}::timestamptz, ${f.cursor.id})`
    : undefined
  const arms = visibilityArms(f.visibility)
  const rest = and(filterConditions(f), keyset)
  const page = f.limit + 1
  const where =
    arms.length <= 1
      ? and(arms[0] ?? sql`false`, rest)
      : sql`${appeal.id} IN (SELECT id FROM (${sql.join(
          arms.map(
            (arm) =>
              sql`(SELECT ${appeal.id} AS id FROM ${appeal} WHERE ${and(arm, rest)} ORDER BY ${sql.join(newestFirst(appeal.createdAt, appeal.id), sql`, `)} LIMIT ${page})`,
          ),
          sql` UNION `,
        )}) page)`
  return db
    .select(withNames)
    .from(appeal)
    .innerJoin(grid, eq(grid.code, appeal.gridCode))
    .innerJoin(region, eq(region.code, appeal.communityCode))
    .innerJoin(category, eq(category.code, appeal.categoryCode))
    .where(where)
    .orderBy(...newestFirst(appeal.createdAt, appeal.id))
    .limit(page)
}

export async function countAppealRows(db: Db, f: AppealListFilter): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(appeal).where(listConditions(f))
  return rows[0]?.n ?? 0
}

/** Where an appeal in this grid belongs, and the county's number prefix. */
export async function findGridForAppeal(db: Db, gridCode: string) {
  const rows = await db
    .select({
      code: grid.code,
      name: grid.name,
      communityCode: grid.communityCode,
      communityName: region.name,
      retiredAt: grid.retiredAt,
    })
    .from(grid)
    .innerJoin(region, eq(region.code, grid.communityCode))
    .where(eq(grid.code, gridCode))
    .limit(1)
  const g = rows[0]
  if (!g) return undefined
  const county = await db
    .select({ prefix: region.numberPrefix })
    .from(region)
    .where(eq(region.code, gridCode.slice(0, 6)))
    .limit(1)
  return { ...g, streetCode: gridCode.slice(0, 9), countyCode: gridCode.slice(0, 6), numberPrefix: county[0]?.prefix ?? 'YW' }
}

// ---- idempotency ----------------------------------------------------------------------------

export async function claimIdempotencyKey(
  db: Db,
  k: { userId: number; key: string; requestHash: string; at: Date },
): Promise<boolean> {
  const rows = await db
    .insert(idempotencyKey)
    .values({ userId: k.userId, key: k.key, requestHash: k.requestHash, createdAt: k.at })
    .onConflictDoNothing()
    .returning({ key: idempotencyKey.key })
  return rows.length === 1
}

export async function saveIdempotentResponse(db: Db, userId: number, key: string, statusCode: number, response: unknown) {
  await db
    .update(idempotencyKey)
    .set({ statusCode, response })
    .where(and(eq(idempotencyKey.userId, userId), eq(idempotencyKey.key, key)))
}

export async function findIdempotencyKey(db: Db, userId: number, key: string) {
  const rows = await db
    .select()
    .from(idempotencyKey)
    .where(and(eq(idempotencyKey.userId, userId), eq(idempotencyKey.key, key)))
    .limit(1)
  return rows[0]
}

// ---- dispatch candidates --------------------------------------------------------------------

export function listGridStaffOfCommunity(db: Db, communityPath: string) {
  return db
    .select({ id: userAccount.id, name: userAccount.displayName, role: userAccount.role, scope: userAccount.scope })
    .from(userAccount)
    .where(
      and(
        inArray(userAccount.role, ['gridWorker', 'gridHead']),
        sql`${userAccount.scope} LIKE ${`${communityPath}.%`}`,
        sql`${userAccount.disabledAt} IS NULL`,
      ),
    )
    .orderBy(asc(userAccount.scope), asc(userAccount.id))
}

/** Party members registered in the community who have an account (so they can claim). */
export function listPartyMembersWithAccounts(db: Db, communityCode: string) {
  return db
    .select({ id: partyMember.id, name: partyMember.name, workUnit: partyMember.workUnit })
    .from(partyMember)
    .innerJoin(userAccount, eq(userAccount.partyMemberId, partyMember.id))
    .where(and(eq(partyMember.communityCode, communityCode), sql`${userAccount.disabledAt} IS NULL`))
    .orderBy(asc(partyMember.id))
    .limit(100)
}

export function listTeamsOfCommunity(db: Db, communityCode: string) {
  return db.select().from(team).where(eq(team.communityCode, communityCode)).orderBy(asc(team.id))
}

export function listPropertyCompaniesOfCommunity(db: Db, communityCode: string) {
  return db
    .selectDistinct({ id: propertyCompany.id, name: propertyCompany.name })
    .from(compound)
    .innerJoin(propertyCompany, eq(propertyCompany.id, compound.propertyCompanyId))
    .where(eq(compound.communityCode, communityCode))
    .orderBy(asc(propertyCompany.id))
}

export async function findCompoundOfBuilding(db: Db, buildingId: number) {
  const rows = await db
    .select({ compoundId: compound.id, compoundName: compound.name, propertyCompanyId: compound.propertyCompanyId })
    .from(building)
    .innerJoin(compound, eq(compound.id, building.compoundId))
    .where(eq(building.id, buildingId))
    .limit(1)
  return rows[0]
}

export function listGridNames(db: Db, communityCode: string) {
  return db.select({ code: grid.code, name: grid.name }).from(grid).where(eq(grid.communityCode, communityCode))
}

/** System marks that do not change the workflow (no version bump): overdue kinds and the card. */
export async function markAppealOverdue(
  db: Db,
  id: number,
  m: { responseOverdue?: boolean; resolveOverdue?: boolean; dispatchOverdue?: boolean; reviewOverdue?: boolean; card?: 'yellow' | 'red' },
): Promise<AppealRow | undefined> {
  const rows = await db
    .update(appeal)
    .set({
      ...(m.responseOverdue ? { responseOverdue: true } : {}),
      ...(m.resolveOverdue ? { resolveOverdue: true } : {}),
      ...(m.dispatchOverdue ? { dispatchOverdue: true } : {}),
      ...(m.reviewOverdue ? { reviewOverdue: true } : {}),
      ...(m.card ? { card: m.card === 'red' ? 'red' : sql`coalesce(${appeal.card}, 'yellow')` } : {}),
    })
    .where(eq(appeal.id, id))
    .returning()
  return rows[0]
}

/** Replied appeals whose rating window has passed (auto-close as unrated). */
export function listAppealsToAutoClose(db: Db, now: Date, limit: number) {
  return db
    .select()
    .from(appeal)
    .where(and(eq(appeal.status, 'replied'), sql`${appeal.autoCloseAt} <= ${now.toISOString()}::timestamptz`))
    .orderBy(asc(appeal.autoCloseAt))
    .limit(limit)
}

export async function deleteIdempotencyKeysBefore(db: Db, before: Date): Promise<void> {
  await db.delete(idempotencyKey).where(lt(idempotencyKey.createdAt, before))
}

export interface SubmittedAppeal {
  appeal: Omit<AppealInsert, 'number'> & { numberPrefix: string }
  event: Omit<typeof appealEvent.$inferInsert, 'appealId'>
  photoIds: string[]
  deadline: Omit<typeof appealDeadline.$inferInsert, 'appealId'>
  /** the audit row as the core builds it (core/commit.ts auditRecord); the function adds the id and what was created */
  audit: Pick<AuditInsert, 'at' | 'actorUserId' | 'actorRole' | 'actorName' | 'action' | 'entityType' | 'ip'>
  /** outbox rows as the core builds them; `{number}` in a title becomes the new appeal's number */
  outbox: OutboxInsert[]
}

/**
 * The whole submission in one round trip: the database function appeal_submit (migration 0006) writes
 * the numbered appeal, its submit event, its photos, its running response step, the audit row and the
 * notification intents in one transaction, with plans it keeps per connection. Hot path of intake.
 */
export async function insertSubmittedAppeal(db: Db, s: SubmittedAppeal): Promise<{ row: AppealRow; event: AppealEventRow }> {
  const payload = {
    appeal: s.appeal,
    event: { actorUserId: s.event.actorUserId, actorRole: s.event.actorRole, actorName: s.event.actorName, fields: s.event.fields },
    deadline: { limitAmount: s.deadline.limitAmount, limitUnit: s.deadline.limitUnit, dueAt: s.deadline.dueAt, warnAt: s.deadline.warnAt, redAt: s.deadline.redAt },
    audit: s.audit,
    outbox: s.outbox,
  }
  const res = await db.execute(sql`SELECT appeal_submit(${JSON.stringify(payload)}::jsonb) AS r`)
  const r = rowsOf<{ r: { a: Record<string, unknown>; e: Record<string, unknown> } }>(res)[0]!.r
  return { row: fromRaw(appeal, r.a), event: fromRaw(appealEvent, r.e) }
}

/** The appeals a file is attached to (its photos). */
export async function listAppealIdsOfFile(db: Db, fileId: string): Promise<number[]> {
  const rows = await db.select({ appealId: appealFile.appealId }).from(appealFile).where(eq(appealFile.fileId, fileId))
  return rows.map((r) => r.appealId)
}

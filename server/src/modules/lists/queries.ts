/** Every SQL statement of the three lists (needs, resources, projects). Each takes a handle that may be a transaction. */
import { and, eq, gte, inArray, like, lt, or, sql, type Column, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Db } from '../../db/client'
import { newestFirst, olderThan } from '../../db/keyset'
import { byKey, figureKey, inPeriod, underPlace, type FigureScope } from '../../db/figures'
import { appeal, department, grid, need, project, projectFile, projectNeed, projectResource, region, resource } from '../../db/schema/index'

export type NeedRow = typeof need.$inferSelect
export type NeedInsert = typeof need.$inferInsert
export type ResourceRow = typeof resource.$inferSelect
export type ResourceInsert = typeof resource.$inferInsert
export type ProjectRow = typeof project.$inferSelect
export type ProjectInsert = typeof project.$inferInsert

type Cursor = { t: string; id: number }

// ---- places and parties ------------------------------------------------------------------------

export async function findCommunity(db: Db, code: string) {
  const [r] = await db.select({ code: region.code, name: region.name, level: region.level }).from(region).where(eq(region.code, code)).limit(1)
  return r?.level === 'community' ? { code: r.code, name: r.name } : undefined
}

export async function findGrid(db: Db, code: string) {
  const [r] = await db.select({ code: grid.code, name: grid.name, communityCode: grid.communityCode }).from(grid).where(eq(grid.code, code)).limit(1)
  return r
}

export async function findDepartment(db: Db, code: string) {
  const [r] = await db.select({ code: department.code, name: department.name, countyCode: department.countyCode }).from(department).where(eq(department.code, code)).limit(1)
  return r
}

// ---- needs -------------------------------------------------------------------------------------

const needGrid = alias(grid, 'need_grid')
const needProject = alias(project, 'need_project')

/** A need with the names its presentation needs. */
export interface NeedWithNames {
  need: NeedRow
  communityName: string
  gridName: string | null
  appealNumber: string | null
  projectTitle: string | null
}

function selectNeeds(db: Db) {
  return db
    .select({ need, communityName: region.name, gridName: needGrid.name, appealNumber: appeal.number, projectTitle: needProject.title })
    .from(need)
    .innerJoin(region, eq(region.code, need.communityCode))
    .leftJoin(needGrid, eq(needGrid.code, need.gridCode))
    .leftJoin(appeal, eq(appeal.id, need.appealId))
    .leftJoin(needProject, eq(needProject.id, need.projectId))
}

export async function findNeed(db: Db, id: number): Promise<NeedWithNames | undefined> {
  const [r] = await selectNeeds(db).where(eq(need.id, id)).limit(1)
  return r
}

/** A new need; undefined when its appeal was already turned into one. */
export async function insertNeed(db: Db, row: NeedInsert): Promise<NeedRow | undefined> {
  const [r] = await db.insert(need).values(row).onConflictDoNothing().returning()
  return r
}

/** Many needs at once (the demo seed). */
export async function insertNeeds(db: Db, rows: NeedInsert[]): Promise<NeedRow[]> {
  return rows.length ? db.insert(need).values(rows).returning() : []
}

export async function updateNeedVersioned(db: Db, id: number, version: number, patch: Partial<NeedInsert>): Promise<NeedRow | undefined> {
  const [r] = await db
    .update(need)
    .set({ ...patch, version: sql`${need.version} + 1` })
    .where(and(eq(need.id, id), eq(need.version, version)))
    .returning()
  return r
}

export async function findNeedRows(db: Db, ids: number[]): Promise<NeedRow[]> {
  return ids.length ? db.select().from(need).where(inArray(need.id, ids)) : []
}

export interface NeedFilter {
  placePrefix?: string
  raisedByUserId?: number
  statuses?: string[]
  category?: string
  /** created before this instant (the quarterly review) */
  createdBefore?: Date
}

function needsWhere(f: NeedFilter) {
  return and(
    f.placePrefix ? like(need.placeCode, `${f.placePrefix}%`) : undefined,
    f.raisedByUserId !== undefined ? eq(need.raisedByUserId, f.raisedByUserId) : undefined,
    f.statuses?.length ? inArray(need.status, f.statuses) : undefined,
    f.category ? eq(need.category, f.category) : undefined,
    f.createdBefore ? lt(need.createdAt, f.createdBefore) : undefined,
  )
}

export function listNeeds(db: Db, f: NeedFilter & { cursor?: Cursor; limit: number }) {
  return selectNeeds(db)
    .where(and(needsWhere(f), olderThan(need.createdAt, need.id, f.cursor)))
    .orderBy(...newestFirst(need.createdAt, need.id))
    .limit(f.limit + 1)
}

export async function countNeeds(db: Db, f: NeedFilter): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(need).where(needsWhere(f))
  return r?.n ?? 0
}

// ---- resources ---------------------------------------------------------------------------------

export interface ResourceWithNames {
  resource: ResourceRow
  communityName: string
}

function selectResources(db: Db) {
  return db.select({ resource, communityName: region.name }).from(resource).innerJoin(region, eq(region.code, resource.communityCode))
}

export async function findResource(db: Db, id: number): Promise<ResourceWithNames | undefined> {
  const [r] = await selectResources(db).where(eq(resource.id, id)).limit(1)
  return r
}

export async function insertResource(db: Db, row: ResourceInsert): Promise<ResourceRow | undefined> {
  const [r] = await db.insert(resource).values(row).returning()
  return r
}

export async function insertResources(db: Db, rows: ResourceInsert[]): Promise<ResourceRow[]> {
  return rows.length ? db.insert(resource).values(rows).returning() : []
}

export async function updateResourceVersioned(db: Db, id: number, version: number, patch: Partial<ResourceInsert>): Promise<ResourceRow | undefined> {
  const [r] = await db
    .update(resource)
    .set({ ...patch, version: sql`${resource.version} + 1` })
    .where(and(eq(resource.id, id), eq(resource.version, version)))
    .returning()
  return r
}

export async function findResourceRows(db: Db, ids: number[]): Promise<ResourceRow[]> {
  return ids.length ? db.select().from(resource).where(inArray(resource.id, ids)) : []
}

export interface ResourceFilter {
  placePrefix?: string
  statuses?: string[]
  kind?: string
}

function resourcesWhere(f: ResourceFilter) {
  return and(
    f.placePrefix ? like(resource.communityCode, `${f.placePrefix}%`) : undefined,
    f.statuses?.length ? inArray(resource.status, f.statuses) : undefined,
    f.kind ? eq(resource.kind, f.kind) : undefined,
  )
}

export function listResources(db: Db, f: ResourceFilter & { cursor?: Cursor; limit: number }) {
  return selectResources(db)
    .where(and(resourcesWhere(f), olderThan(resource.createdAt, resource.id, f.cursor)))
    .orderBy(...newestFirst(resource.createdAt, resource.id))
    .limit(f.limit + 1)
}

export async function countResources(db: Db, f: ResourceFilter): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(resource).where(resourcesWhere(f))
  return r?.n ?? 0
}

// ---- projects ----------------------------------------------------------------------------------

export interface ProjectWithNames {
  project: ProjectRow
  communityName: string
}

function selectProjects(db: Db) {
  return db.select({ project, communityName: region.name }).from(project).innerJoin(region, eq(region.code, project.communityCode))
}

export async function findProject(db: Db, id: number): Promise<ProjectWithNames | undefined> {
  const [r] = await selectProjects(db).where(eq(project.id, id)).limit(1)
  return r
}

export async function insertProject(db: Db, row: ProjectInsert): Promise<ProjectRow | undefined> {
  const [r] = await db.insert(project).values(row).returning()
  return r
}

export async function updateProjectVersioned(db: Db, id: number, version: number, patch: Partial<ProjectInsert>): Promise<ProjectRow | undefined> {
  const [r] = await db
    .update(project)
    .set({ ...patch, version: sql`${project.version} + 1` })
    .where(and(eq(project.id, id), eq(project.version, version)))
    .returning()
  return r
}

export async function linkProject(db: Db, projectId: number, needIds: number[], resourceIds: number[]): Promise<void> {
  if (needIds.length) await db.insert(projectNeed).values(needIds.map((needId) => ({ projectId, needId })))
  if (resourceIds.length) await db.insert(projectResource).values(resourceIds.map((resourceId) => ({ projectId, resourceId })))
}

export async function insertProjectFiles(db: Db, projectId: number, fileIds: string[], at: Date): Promise<void> {
  if (fileIds.length) await db.insert(projectFile).values(fileIds.map((fileId) => ({ projectId, fileId, createdAt: at }))).onConflictDoNothing()
}

export async function listProjectNeeds(db: Db, projectIds: number[]) {
  if (!projectIds.length) return []
  return db
    .select({ projectId: projectNeed.projectId, id: need.id, title: need.title, status: need.status, category: need.category, version: need.version })
    .from(projectNeed)
    .innerJoin(need, eq(need.id, projectNeed.needId))
    .where(inArray(projectNeed.projectId, projectIds))
    .orderBy(need.id)
}

export async function listProjectResources(db: Db, projectIds: number[]) {
  if (!projectIds.length) return []
  return db
    .select({ projectId: projectResource.projectId, id: resource.id, title: resource.title, kind: resource.kind, ownerName: resource.ownerName })
    .from(projectResource)
    .innerJoin(resource, eq(resource.id, projectResource.resourceId))
    .where(inArray(projectResource.projectId, projectIds))
    .orderBy(resource.id)
}

export async function listProjectFiles(db: Db, projectIds: number[]) {
  if (!projectIds.length) return []
  return db
    .select({ projectId: projectFile.projectId, fileId: projectFile.fileId })
    .from(projectFile)
    .where(inArray(projectFile.projectId, projectIds))
    .orderBy(projectFile.createdAt, projectFile.fileId)
}

export async function listProjectIdsOfFile(db: Db, fileId: string): Promise<number[]> {
  const rows = await db.select({ id: projectFile.projectId }).from(projectFile).where(eq(projectFile.fileId, fileId))
  return rows.map((r) => r.id)
}

/** Claimed or under way, and its deadline (a Shanghai date) before `today`: 超期. */
export const lateCondition = (today: string): SQL =>
  and(inArray(project.status, ['claimed', 'in_progress']), lt(project.deadline, today))!

export interface ProjectFilter {
  placePrefix?: string
  statuses?: string[]
  lateAsOf?: string
  /** a department: what it may claim in its county, and what it holds */
  department?: { code: string; countyCode: string }
  /** only what this party holds */
  claimant?: { kind: string; id: string }
  createdBefore?: Date
}

function projectsWhere(f: ProjectFilter) {
  return and(
    f.placePrefix ? like(project.communityCode, `${f.placePrefix}%`) : undefined,
    f.statuses?.length ? inArray(project.status, f.statuses) : undefined,
    f.lateAsOf ? lateCondition(f.lateAsOf) : undefined,
    f.department
      ? or(
          and(eq(project.status, 'published'), like(project.communityCode, `${f.department.countyCode}%`)),
          and(eq(project.claimantKind, 'department'), eq(project.claimantId, f.department.code)),
        )
      : undefined,
    f.claimant ? and(eq(project.claimantKind, f.claimant.kind), eq(project.claimantId, f.claimant.id)) : undefined,
    f.createdBefore ? lt(project.createdAt, f.createdBefore) : undefined,
  )
}

export function listProjects(db: Db, f: ProjectFilter & { cursor?: Cursor; limit: number }) {
  return selectProjects(db)
    .where(and(projectsWhere(f), olderThan(project.createdAt, project.id, f.cursor)))
    .orderBy(...newestFirst(project.createdAt, project.id))
    .limit(f.limit + 1)
}

export async function countProjects(db: Db, f: ProjectFilter): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(project).where(projectsWhere(f))
  return r?.n ?? 0
}

// ---- the quarterly review (季度梳理) -------------------------------------------------------------

/** What happened in a community in [from, to): needs collected and done, projects published, claimed, accepted. */
export async function quarterCounts(db: Db, communityCode: string, from: Date, to: Date) {
  const inQuarter = (c: Column) => and(gte(c, from), lt(c, to))
  const [n] = await db
    .select({
      collected: sql<number>`count(*) FILTER (WHERE ${inQuarter(need.createdAt)})::int`,
      done: sql<number>`count(*) FILTER (WHERE ${need.status} = 'done' AND ${inQuarter(need.doneAt)})::int`,
    })
    .from(need)
    .where(eq(need.communityCode, communityCode))
  const [p] = await db
    .select({
      published: sql<number>`count(*) FILTER (WHERE ${inQuarter(project.createdAt)})::int`,
      claimed: sql<number>`count(*) FILTER (WHERE ${inQuarter(project.claimedAt)})::int`,
      accepted: sql<number>`count(*) FILTER (WHERE ${project.status} = 'accepted' AND ${inQuarter(project.acceptedAt)})::int`,
    })
    .from(project)
    .where(eq(project.communityCode, communityCode))
  return { needsCollected: n?.collected ?? 0, needsDone: n?.done ?? 0, projectsPublished: p?.published ?? 0, projectsClaimed: p?.claimed ?? 0, projectsAccepted: p?.accepted ?? 0 }
}

// ---- figures (统计: 党建引领) ------------------------------------------------------------------------

/** 需求清单: needs collected in the period and needs done in it (through an accepted project), per group of their place. */
export function countNeedFigures(db: Db, s: FigureScope) {
  return db
    .select({
      key: figureKey(need.placeCode, s),
      collected: sql<number>`count(*) FILTER (WHERE ${inPeriod(need.createdAt, s)})::int`,
      done: sql<number>`count(*) FILTER (WHERE ${need.status} = 'done' AND ${inPeriod(need.doneAt, s)})::int`,
    })
    .from(need)
    .where(underPlace(need.placeCode, s))
    .groupBy(byKey)
}

/** 项目清单: projects claimed (认领) and accepted as done in the period, and those late today, per group of their community. */
export function countProjectFigures(db: Db, s: FigureScope) {
  return db
    .select({
      key: figureKey(project.communityCode, s),
      claimed: sql<number>`count(*) FILTER (WHERE ${inPeriod(project.claimedAt, s)})::int`,
      done: sql<number>`count(*) FILTER (WHERE ${project.status} = 'accepted' AND ${inPeriod(project.acceptedAt, s)})::int`,
      late: sql<number>`count(*) FILTER (WHERE ${lateCondition(s.today)})::int`,
    })
    .from(project)
    .where(underPlace(project.communityCode, s))
    .groupBy(byKey)
}

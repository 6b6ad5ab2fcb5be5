/**
 * 项目清单: the community publishes an agreed project linking open needs and active resources; a
 * department of the county claims it (认领 — one claimant: of two at once exactly one wins, the other gets
 * 409); the claimant names an owner and a deadline, reports progress, and completes it with photos
 * (完成佐证); the community accepts it — and its needs are done — or returns it for more work. A project
 * claimed or under way past its deadline is late (超期).
 */
import type { PageOf } from '#contracts/common'
import type { CreateProjectBody, ListProjectsQuery, Project, ProjectAction, ProjectActionBody } from '#contracts/lists'
import type { Ctx } from '../../context'
import { checkAction, commitTransition, inTransaction, listWorkflowEvents, sharedTimeline, writeChange, type NotificationIntent, type Recipient } from '../../core'
import type { Db } from '../../db/client'
import { AppError, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { shanghaiDate } from '../../lib/time'
import { authorize, can, isCountyDepartment, needWorkflow, projectWorkflow } from '../../permissions'
import { assertOwnFiles } from '../files'
import { needTimeline } from './needs'
import { needFacts, presentProject, projectFacts, type ProjectParts } from './presenter'
import {
  countProjects,
  findDepartment,
  findNeedRows,
  findProject,
  findResourceRows,
  insertProject,
  insertProjectFiles,
  linkProject,
  listProjectFiles,
  listProjectNeeds,
  listProjectResources,
  listProjects,
  updateNeedVersioned,
  updateProjectVersioned,
  type NeedInsert,
  type ProjectRow,
  type ProjectWithNames,
} from './queries'

const ENTITY = projectWorkflow.table.entity
const timeline = sharedTimeline(ENTITY)
const today = (ctx: Ctx) => shanghaiDate(ctx.now)

/** Needs, resources and photos of some projects, for their presentation. */
export async function projectParts(db: Db, ids: number[]): Promise<Map<number, ProjectParts>> {
  const [needs, resources, files] = [await listProjectNeeds(db, ids), await listProjectResources(db, ids), await listProjectFiles(db, ids)]
  const out = new Map<number, ProjectParts>(ids.map((id) => [id, { needs: [], resources: [], fileIds: [] }]))
  for (const n of needs) out.get(n.projectId)!.needs.push(n)
  for (const r of resources) out.get(r.projectId)!.resources.push(r)
  for (const f of files) out.get(f.projectId)!.fileIds.push(f.fileId)
  return out
}

export async function presentProjects(ctx: Ctx, rows: ProjectWithNames[]): Promise<Project[]> {
  const parts = await projectParts(ctx.db, rows.map((r) => r.project.id))
  return rows.map((r) => presentProject(ctx.actor, r, parts.get(r.project.id)!, today(ctx)))
}

function deadlineNotPast(ctx: Ctx, deadline: string | undefined) {
  if (deadline !== undefined && deadline < today(ctx)) throw new AppError('DEADLINE_IN_PAST', undefined, [{ field: 'deadline', message: '完成期限不能早于今天' }])
}

/**
 * Move the linked needs along with their project (纳入项目 · 验收完成 · 退回待立项), each through the
 * need workflow, inside the project's transaction.
 */
async function moveNeeds(ctx: Ctx, tx: Db, needIds: number[], action: 'include' | 'complete' | 'detach', patch: (projectId: number) => Partial<NeedInsert>, projectId: number) {
  for (const n of await findNeedRows(tx, needIds)) {
    const facts = needFacts(n)
    const decision = needWorkflow.decide(ctx.actor, action, facts)
    if (!decision.ok) {
      if (action === 'include') throw new AppError('UNKNOWN_NEED', undefined, [{ field: 'needIds', message: `需求 ${n.id} 已立项或已关闭` }])
      continue // a need that already moved on (closed before it was linked) stays as it is
    }
    await commitTransition(
      ctx,
      {
        workflow: needWorkflow,
        transition: decision.transition,
        from: facts.status,
        version: n.version,
        entityId: n.id,
        apply: (t, to) => updateNeedVersioned(t, n.id, n.version, { status: to, updatedAt: ctx.now, ...patch(projectId) }),
        versionOf: (u) => u.version,
        timeline: needTimeline,
        fields: { projectId: String(projectId) },
        conflict: { message: '需求已被他人更新，请刷新后重试' },
      },
      tx,
    )
  }
}

/** 发布项目: the community's agreed project, linking open needs of the community and active resources offered to it. */
export async function createProject(ctx: Ctx, body: CreateProjectBody): Promise<Project> {
  authorize(ctx.actor, 'project.create')
  const communityCode = ctx.actor.placeCode!
  if (body.communityCode && body.communityCode !== communityCode) throw new AppError('UNKNOWN_COMMUNITY', undefined, [{ field: 'communityCode', message: '只能在本社区发布项目' }])
  const needIds = body.needIds.map(Number)
  const resourceIds = (body.resourceIds ?? []).map(Number)
  const needs = await findNeedRows(ctx.db, needIds)
  const badNeeds = needIds.filter((id) => !needs.some((n) => n.id === id && n.communityCode === communityCode && n.status === 'open'))
  if (badNeeds.length) throw new AppError('UNKNOWN_NEED', undefined, badNeeds.map((id) => ({ field: 'needIds', message: `需求 ${id} 不存在、不在本社区或已立项` })))
  const resources = await findResourceRows(ctx.db, resourceIds)
  const badResources = resourceIds.filter((id) => !resources.some((r) => r.id === id && r.communityCode === communityCode && r.status === 'active'))
  if (badResources.length) throw new AppError('UNKNOWN_RESOURCE', undefined, badResources.map((id) => ({ field: 'resourceIds', message: `资源 ${id} 不存在、不在本社区或已撤回` })))
  deadlineNotPast(ctx, body.deadline)

  // the departments whose resources it uses hear of it
  const owners = [...new Set(resources.filter((r) => r.ownerKind === 'department').map((r) => r.ownerId))]
  const row = await inTransaction(ctx, async (tx) => {
    const p = await writeChange(ctx, tx, {
      entityId: (r: ProjectRow) => r.id,
      apply: (t) =>
        insertProject(t, {
          communityCode,
          title: body.title.trim(),
          description: body.description?.trim() || null,
          status: projectWorkflow.table.initial,
          deadline: body.deadline ?? null,
          createdByUserId: ctx.actor.userId,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        }),
      event: { write: timeline, entry: { action: 'publish', fromStatus: null, toStatus: projectWorkflow.table.initial, fields: { needIds: body.needIds, resourceIds: body.resourceIds ?? [] } } },
      audit: (r) => ({ action: 'project.create', entityType: ENTITY, after: { status: r.status, communityCode, needIds: body.needIds, resourceIds: body.resourceIds ?? [], deadline: r.deadline } }),
      notify: owners.length ? [{ to: owners.map((code): Recipient => ({ kind: 'department', code })), kind: 'project', title: `待认领项目：${body.title.trim()}`, body: '社区发布了用到贵单位资源的项目，欢迎认领' }] : [],
    })
    await linkProject(tx, p.id, needIds, resourceIds)
    await moveNeeds(ctx, tx, needIds, 'include', (projectId) => ({ projectId }), p.id)
    return p
  })
  return getProject(ctx, row.id)
}

async function loadVisible(ctx: Ctx, id: number) {
  const row = await findProject(ctx.db, id)
  if (!row || !can(ctx.actor, 'project.read', projectFacts(row.project))) throw notFound('项目不存在或无权查看')
  return row
}

export async function getProject(ctx: Ctx, id: number): Promise<Project> {
  const row = await loadVisible(ctx, id)
  const parts = await projectParts(ctx.db, [id])
  return presentProject(ctx.actor, row, parts.get(id)!, today(ctx), await listWorkflowEvents(ctx.db, ENTITY, id))
}

/** The projects under the caller's place; a department: those of its county waiting for a claim, and its own. */
export async function listProjectsForActor(ctx: Ctx, q: ListProjectsQuery): Promise<PageOf<Project>> {
  authorize(ctx.actor, 'project.list')
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const { actor } = ctx
  let filter
  if (actor.role === 'department') {
    const code = actor.departmentCode ?? '-'
    filter = q.mine ? { claimant: { kind: 'department', id: code } } : { department: { code, countyCode: code.split('-')[0]! } }
  } else {
    if (q.place) authorize(actor, 'lists.listAt', q.place)
    filter = { placePrefix: q.place ?? actor.placeCode!.slice(0, 12) }
  }
  const f = { ...filter, ...(q.status ? { statuses: q.status } : {}), ...(q.late ? { lateAsOf: today(ctx) } : {}) }
  const rows = await listProjects(ctx.db, { ...f, limit, ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: await presentProjects(ctx, page),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.project.createdAt.toISOString(), id: last.project.id }) : null,
    ...(q.withTotal ? { total: await countProjects(ctx.db, f) } : {}),
  }
}

/** What an action changes besides the state, who hears of it, and what else it writes in its transaction. */
interface Effect {
  patch: Partial<ProjectRow>
  fields: Record<string, unknown>
  notify?: NotificationIntent[]
  after?: (tx: Db, row: ProjectRow) => Promise<void>
}

async function effectOf(ctx: Ctx, action: ProjectAction, p: ProjectRow, body: ProjectActionBody): Promise<Effect> {
  const toCommunity = (title: string, text: string): NotificationIntent => ({ to: [{ kind: 'place', role: 'community', code: p.communityCode }], kind: 'project', title, body: text })
  const toClaimant = (title: string, text: string): NotificationIntent[] =>
    p.claimantKind === 'department' && p.claimantId ? [{ to: [{ kind: 'department', code: p.claimantId }], kind: 'project', title, body: text }] : []
  const linkedNeedIds = async (tx: Db) => (await listProjectNeeds(tx, [p.id])).map((n) => n.id)
  switch (action) {
    case 'claim': {
      const d = await findDepartment(ctx.db, ctx.actor.departmentCode!)
      const name = d?.name ?? ctx.actor.displayName
      return {
        patch: { claimantKind: 'department', claimantId: ctx.actor.departmentCode!, claimantName: name, claimedAt: ctx.now },
        fields: { claimantKind: 'department', claimantId: ctx.actor.departmentCode, claimantName: name },
        notify: [toCommunity(`项目已被认领：${p.title}`, `${name}认领了项目`)],
      }
    }
    case 'release':
      return {
        patch: { claimantKind: null, claimantId: null, claimantName: null, claimedAt: null },
        fields: body.reason ? { reason: body.reason } : {},
        notify: [toCommunity(`项目被放弃认领：${p.title}`, body.reason ?? `${p.claimantName ?? ''}放弃了认领，项目重新待认领`)],
      }
    case 'start':
      deadlineNotPast(ctx, body.deadline)
      return {
        patch: { owner: body.owner!.trim(), deadline: body.deadline!, startedAt: ctx.now },
        fields: { owner: body.owner!.trim(), deadline: body.deadline, ...(body.note ? { note: body.note } : {}) },
        notify: [toCommunity(`项目开始实施：${p.title}`, `负责人${body.owner!.trim()}，承诺 ${body.deadline} 前完成`)],
      }
    case 'progress': {
      const photoIds = await assertOwnFiles(ctx, body.photoIds)
      return { patch: {}, fields: { note: body.note, ...(photoIds.length ? { photoIds } : {}) }, after: (tx) => insertProjectFiles(tx, p.id, photoIds, ctx.now) }
    }
    case 'complete': {
      const photoIds = await assertOwnFiles(ctx, body.photoIds)
      return {
        patch: { summary: body.summary!.trim(), completedAt: ctx.now },
        fields: { summary: body.summary, photoIds },
        notify: [toCommunity(`项目待验收：${p.title}`, body.summary!)],
        after: (tx) => insertProjectFiles(tx, p.id, photoIds, ctx.now),
      }
    }
    case 'accept':
      return {
        patch: { acceptedAt: ctx.now },
        fields: body.note ? { note: body.note } : {},
        notify: toClaimant(`项目已验收：${p.title}`, body.note ?? '社区已验收通过，感谢贵单位的支持'),
        // the needs it answered are done. No points: the claimant is a department or unit, and the owner is free text, not a person's account
        after: async (tx) => moveNeeds(ctx, tx, await linkedNeedIds(tx), 'complete', () => ({ doneAt: ctx.now }), p.id),
      }
    case 'returnForWork':
      return { patch: { completedAt: null }, fields: { reason: body.reason }, notify: toClaimant(`项目被退回整改：${p.title}`, body.reason!) }
    case 'cancel':
      return {
        patch: {},
        fields: { reason: body.reason },
        notify: toClaimant(`项目已撤销：${p.title}`, body.reason!),
        // its needs wait for another project
        after: async (tx) => moveNeeds(ctx, tx, await linkedNeedIds(tx), 'detach', () => ({ projectId: null }), p.id),
      }
  }
}

const CLAIM_LOST = '该项目已被其他单位认领'

/** POST /projects/:id/actions — claim, release, start, progress, complete, accept, returnForWork, cancel. */
export async function actOnProject(ctx: Ctx, id: number, body: ProjectActionBody): Promise<Project> {
  const row = await findProject(ctx.db, id)
  const p = row?.project
  const facts = p ? projectFacts(p) : undefined
  let transition
  try {
    transition = checkAction(projectWorkflow, ctx.actor, {
      facts,
      // a department of the county that could have claimed it learns it was claimed first (409), not 404
      visible: facts !== undefined && (can(ctx.actor, 'project.read', facts) || (body.action === 'claim' && isCountyDepartment(ctx.actor, facts.communityCode))),
      version: p?.version ?? 0,
      sentVersion: body.version,
      body,
      notFoundMessage: '项目不存在或无权查看',
      conflictMessage: '项目已被他人更新，请刷新后重试',
    })
  } catch (e) {
    // a claim that finds the project moved on since it was read lost the race: say so
    if (body.action === 'claim' && e instanceof AppError && e.code === 'VERSION_CONFLICT' && p && p.status !== 'published') throw new AppError('PROJECT_ALREADY_CLAIMED', CLAIM_LOST)
    throw e
  }
  const effect = await effectOf(ctx, body.action, p!, body)
  await commitTransition(ctx, {
    workflow: projectWorkflow,
    transition,
    from: facts!.status,
    version: p!.version,
    entityId: id,
    apply: (tx, to) => updateProjectVersioned(tx, id, p!.version, { ...effect.patch, status: to, updatedAt: ctx.now }),
    versionOf: (u) => u.version,
    timeline,
    fields: effect.fields,
    ...(effect.notify ? { notify: effect.notify } : {}),
    ...(effect.after ? { after: effect.after } : {}),
    conflict: body.action === 'claim' ? { code: 'PROJECT_ALREADY_CLAIMED', message: CLAIM_LOST } : { message: '项目已被他人更新，请刷新后重试' },
  })
  return getProject(ctx, id)
}

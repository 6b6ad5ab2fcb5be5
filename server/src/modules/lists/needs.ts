/**
 * 需求清单: a need is raised by a resident (for their own grid), found by grid staff, collected on a
 * visit by the community, or turned from an appeal; the community closes what will not be done. A need
 * enters a project (in_project) when the community publishes one, and is done when that project is
 * accepted (projects.ts drives those steps through the same workflow).
 */
import type { PageOf } from '#contracts/common'
import type { CreateNeedBody, ListNeedsQuery, Need, NeedActionBody, NeedSource } from '#contracts/lists'
import type { Ctx } from '../../context'
import { checkAction, commitChange, commitTransition, listWorkflowEvents, sharedTimeline, type NotificationIntent } from '../../core'
import { AppError, invalidInput, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { authorize, can, needWorkflow } from '../../permissions'
import { getAppealDetail } from '../appeals'
import { needFacts, presentNeed } from './presenter'
import { countNeeds, findCommunity, findGrid, findNeed, insertNeed, listNeeds, updateNeedVersioned, type NeedRow } from './queries'

const ENTITY = needWorkflow.table.entity
export const needTimeline = sharedTimeline(ENTITY)

/** Where a need lies: the grid (15 digits) or the community (12), checked against the caller's place. */
async function placeOf(ctx: Ctx, code: string | undefined): Promise<{ communityCode: string; gridCode: string | null }> {
  const { actor } = ctx
  // a resident's need is of their own grid; grid staff default to theirs, the community to itself
  const wanted = actor.role === 'resident' ? actor.placeCode! : (code ?? actor.placeCode!)
  const bad = () => new AppError('UNKNOWN_PLACE', undefined, [{ field: 'placeCode', message: '地点不存在或不在您的辖区内' }])
  if (!actor.placeCode || !(wanted.startsWith(actor.placeCode) || (actor.placeCode.length === 15 && wanted === actor.placeCode.slice(0, 12)))) throw bad()
  if (wanted.length === 15) {
    const g = await findGrid(ctx.db, wanted)
    if (!g) throw bad()
    return { communityCode: g.communityCode, gridCode: g.code }
  }
  if (wanted.length === 12 && (await findCommunity(ctx.db, wanted))) return { communityCode: wanted, gridCode: null }
  throw bad()
}

/** 登记需求: raise a need, or turn an appeal into one (the need links the appeal; an appeal becomes one need at most). */
export async function raiseNeed(ctx: Ctx, body: CreateNeedBody): Promise<Need> {
  authorize(ctx.actor, 'need.raise')
  let source: NeedSource
  let title = body.title?.trim()
  let description = body.description?.trim() || null
  let place: { communityCode: string; gridCode: string | null }
  let appealId: number | null = null
  if (body.appealId !== undefined) {
    if (ctx.actor.role === 'resident') throw invalidInput([{ field: 'appealId', message: '居民不能把诉求转为需求' }])
    // the appeal as the caller may see it (404 when out of sight), through the appeals module
    const a = await getAppealDetail(ctx, Number(body.appealId))
    appealId = Number(a.id)
    source = 'appeal'
    title ||= a.title
    description ??= a.description
    place = await placeOf(ctx, a.place.gridCode)
  } else {
    if (!title) throw invalidInput([{ field: 'title', message: '请填写需求标题' }])
    source = ctx.actor.role === 'resident' ? 'resident' : (body.source ?? (ctx.actor.role === 'community' ? 'visit' : 'gridWorker'))
    place = await placeOf(ctx, body.placeCode)
  }
  const row = await commitChange(ctx, {
    entityId: (n: NeedRow) => n.id,
    apply: (tx) =>
      insertNeed(tx, {
        ...place,
        placeCode: place.gridCode ?? place.communityCode,
        title: title!,
        description,
        category: body.category,
        source,
        beneficiaries: body.beneficiaries?.trim() || null,
        beneficiaryCount: body.beneficiaryCount ?? null,
        appealId,
        status: needWorkflow.table.initial,
        raisedByUserId: ctx.actor.userId,
        raisedByName: ctx.actor.displayName,
        raisedByRole: ctx.actor.role,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }),
    conflict: { code: 'NEED_FROM_APPEAL_EXISTS' },
    event: { write: needTimeline, entry: { action: 'raise', fromStatus: null, toStatus: needWorkflow.table.initial, fields: { source, ...(appealId ? { appealId: String(appealId) } : {}) } } },
    audit: (n) => ({ action: 'need.create', entityType: ENTITY, after: { status: n.status, placeCode: n.placeCode, category: n.category, source, appealId } }),
    notify: ctx.actor.role === 'community' ? [] : [{ to: [{ kind: 'place', role: 'community', code: place.communityCode }], kind: 'need', title: `新需求：${title}`, body: `${ctx.actor.displayName}登记了一条需求` }],
  })
  return getNeed(ctx, row.id)
}

async function loadVisible(ctx: Ctx, id: number) {
  const row = await findNeed(ctx.db, id)
  if (!row || !can(ctx.actor, 'need.read', needFacts(row.need))) throw notFound('需求不存在或无权查看')
  return row
}

export async function getNeed(ctx: Ctx, id: number): Promise<Need> {
  const row = await loadVisible(ctx, id)
  return presentNeed(ctx.actor, row, await listWorkflowEvents(ctx.db, ENTITY, id))
}

/** The needs under the caller's place (a resident: their own). */
export async function listNeedsForActor(ctx: Ctx, q: ListNeedsQuery): Promise<PageOf<Need>> {
  authorize(ctx.actor, 'need.list')
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const own = ctx.actor.role === 'resident'
  if (q.place && !own) authorize(ctx.actor, 'lists.listAt', q.place)
  const filter = {
    ...(own ? { raisedByUserId: ctx.actor.userId } : { placePrefix: q.place ?? ctx.actor.placeCode! }),
    ...(q.status ? { statuses: q.status } : {}),
    ...(q.category ? { category: q.category } : {}),
  }
  const rows = await listNeeds(ctx.db, { ...filter, limit, ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => presentNeed(ctx.actor, r)),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.need.createdAt.toISOString(), id: last.need.id }) : null,
    ...(q.withTotal ? { total: await countNeeds(ctx.db, filter) } : {}),
  }
}

/** POST /needs/:id/actions — close a need that will not be done. */
export async function actOnNeed(ctx: Ctx, id: number, body: NeedActionBody): Promise<Need> {
  const row = await findNeed(ctx.db, id)
  const n = row?.need
  const facts = n ? needFacts(n) : undefined
  const transition = checkAction(needWorkflow, ctx.actor, {
    facts,
    visible: facts !== undefined && can(ctx.actor, 'need.read', facts),
    version: n?.version ?? 0,
    sentVersion: body.version,
    body,
    notFoundMessage: '需求不存在或无权查看',
    conflictMessage: '需求已被他人更新，请刷新后重试',
  })
  const notify: NotificationIntent[] =
    n!.raisedByUserId !== null ? [{ to: [{ kind: 'user', userId: n!.raisedByUserId }], kind: 'need', title: `需求已关闭：${n!.title}`, body: body.reason! }] : []
  await commitTransition(ctx, {
    workflow: needWorkflow,
    transition,
    from: facts!.status,
    version: n!.version,
    entityId: id,
    apply: (tx, to) => updateNeedVersioned(tx, id, n!.version, { status: to, updatedAt: ctx.now }),
    versionOf: (u) => u.version,
    timeline: needTimeline,
    fields: { reason: body.reason },
    notify,
    conflict: { message: '需求已被他人更新，请刷新后重试' },
  })
  return getNeed(ctx, id)
}

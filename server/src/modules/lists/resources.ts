/**
 * 资源清单: what departments and 报到单位 (to the communities they are paired with) offer a community — venues, funds, skills,
 * volunteers, goods. A department registers its own offer; the community registers what is offered to
 * it (its own, or a department's on its behalf). The offering party or the community withdraws it.
 */
import type { PageOf } from '#contracts/common'
import type { CreateResourceBody, ListResourcesQuery, Resource, ResourceActionBody } from '#contracts/lists'
import type { Ctx } from '../../context'
import { checkAction, commitChange, commitTransition, listWorkflowEvents, sharedTimeline } from '../../core'
import { AppError, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { authorize, can, isCountyDepartment, resourceWorkflow } from '../../permissions'
import { unitName } from '../units'
import { presentResource, resourceFacts } from './presenter'
import { countResources, findCommunity, findDepartment, findResource, insertResource, listResources, updateResourceVersioned, type ResourceRow } from './queries'

const ENTITY = resourceWorkflow.table.entity
const timeline = sharedTimeline(ENTITY)

/** Who offers it and where: a department account offers its own, a unit account its own to a paired community; a community registers for itself or a department of its county. */
async function ownerAndPlace(ctx: Ctx, body: CreateResourceBody) {
  const { actor } = ctx
  const unknownCommunity = () => new AppError('UNKNOWN_COMMUNITY', undefined, [{ field: 'communityCode', message: '社区不存在' }])
  if (actor.role === 'unit') {
    // a 报到单位 offers to a community it is paired with (a confirmed registration)
    if (!body.communityCode) throw new AppError('VALIDATION_FAILED', '请选择提供给哪个社区', [{ field: 'communityCode', message: '请选择提供给哪个社区' }])
    const community = await findCommunity(ctx.db, body.communityCode)
    if (!community) throw unknownCommunity()
    authorize(actor, 'resource.offerTo', community.code)
    const u = await unitName(ctx.db, actor.unitId!)
    if (!u) throw new AppError('UNKNOWN_PARTY_UNIT')
    return { communityCode: community.code, ownerKind: 'unit', ownerId: String(actor.unitId), ownerName: u.name }
  }
  if (actor.role === 'department') {
    if (!body.communityCode) throw new AppError('VALIDATION_FAILED', '请选择提供给哪个社区', [{ field: 'communityCode', message: '请选择提供给哪个社区' }])
    const community = await findCommunity(ctx.db, body.communityCode)
    if (!community || !isCountyDepartment(actor, community.code)) throw unknownCommunity()
    const d = await findDepartment(ctx.db, actor.departmentCode!)
    if (!d) throw new AppError('UNKNOWN_DEPARTMENT')
    return { communityCode: community.code, ownerKind: 'department', ownerId: d.code, ownerName: d.name }
  }
  const communityCode = actor.placeCode!
  if (body.communityCode && body.communityCode !== communityCode) throw unknownCommunity()
  const community = await findCommunity(ctx.db, communityCode)
  if (!community) throw unknownCommunity()
  if (body.ownerKind === 'department') {
    const d = body.ownerId ? await findDepartment(ctx.db, body.ownerId) : undefined
    if (!d || d.countyCode !== communityCode.slice(0, 6)) throw new AppError('UNKNOWN_DEPARTMENT', undefined, [{ field: 'ownerId', message: '部门不存在或不在本县' }])
    return { communityCode, ownerKind: 'department', ownerId: d.code, ownerName: d.name }
  }
  return { communityCode, ownerKind: 'community', ownerId: communityCode, ownerName: community.name }
}

/** 登记资源. */
export async function offerResource(ctx: Ctx, body: CreateResourceBody): Promise<Resource> {
  authorize(ctx.actor, 'resource.offer')
  const owner = await ownerAndPlace(ctx, body)
  const row = await commitChange(ctx, {
    entityId: (r: ResourceRow) => r.id,
    apply: (tx) =>
      insertResource(tx, {
        ...owner,
        kind: body.kind,
        title: body.title.trim(),
        description: body.description?.trim() || null,
        quantity: body.quantity?.trim() || null,
        status: resourceWorkflow.table.initial,
        createdByUserId: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }),
    event: { write: timeline, entry: { action: 'offer', fromStatus: null, toStatus: resourceWorkflow.table.initial, fields: { kind: body.kind, ownerKind: owner.ownerKind, ownerId: owner.ownerId } } },
    audit: (r) => ({ action: 'resource.create', entityType: ENTITY, after: { status: r.status, kind: r.kind, communityCode: r.communityCode, ownerKind: r.ownerKind, ownerId: r.ownerId } }),
    notify: ctx.actor.role === 'department' || ctx.actor.role === 'unit' ? [{ to: [{ kind: 'place', role: 'community', code: owner.communityCode }], kind: 'project', title: `新资源：${body.title.trim()}`, body: `${owner.ownerName}向本社区提供资源` }] : [],
  })
  return getResource(ctx, row.id)
}

export async function getResource(ctx: Ctx, id: number): Promise<Resource> {
  const row = await findResource(ctx.db, id)
  if (!row || !can(ctx.actor, 'resource.read', resourceFacts(row.resource))) throw notFound('资源不存在或无权查看')
  return presentResource(ctx.actor, row, await listWorkflowEvents(ctx.db, ENTITY, id))
}

/** The resources offered under the caller's place (a department: in its county; a unit: to its paired communities). */
export async function listResourcesForActor(ctx: Ctx, q: ListResourcesQuery): Promise<PageOf<Resource>> {
  authorize(ctx.actor, 'resource.list')
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  let placePrefix: string | undefined
  let communityCodes: string[] | undefined
  if (ctx.actor.role === 'unit') {
    // a 报到单位: what is offered to the communities it is paired with
    communityCodes = q.place ? ctx.actor.pairedCommunityCodes.filter((c) => c.startsWith(q.place!)) : ctx.actor.pairedCommunityCodes
  } else if (ctx.actor.role === 'department') {
    const county = ctx.actor.departmentCode?.split('-')[0] ?? '-'
    if (q.place && !q.place.startsWith(county)) throw notFound('地点不存在或不在您的辖区内')
    placePrefix = q.place ?? county
  } else {
    if (q.place) authorize(ctx.actor, 'lists.listAt', q.place)
    // grid staff see what is offered to their community
    placePrefix = q.place ?? ctx.actor.placeCode!.slice(0, 12)
  }
  const filter = { ...(placePrefix !== undefined ? { placePrefix } : {}), ...(communityCodes ? { communityCodes } : {}), ...(q.status ? { statuses: q.status } : {}), ...(q.kind ? { kind: q.kind } : {}) }
  const rows = await listResources(ctx.db, { ...filter, limit, ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => presentResource(ctx.actor, r)),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.resource.createdAt.toISOString(), id: last.resource.id }) : null,
    ...(q.withTotal ? { total: await countResources(ctx.db, filter) } : {}),
  }
}

/** POST /resources/:id/actions — withdraw an offer. */
export async function actOnResource(ctx: Ctx, id: number, body: ResourceActionBody): Promise<Resource> {
  const row = await findResource(ctx.db, id)
  const r = row?.resource
  const facts = r ? resourceFacts(r) : undefined
  const transition = checkAction(resourceWorkflow, ctx.actor, {
    facts,
    visible: facts !== undefined && can(ctx.actor, 'resource.read', facts),
    version: r?.version ?? 0,
    sentVersion: body.version,
    body,
    notFoundMessage: '资源不存在或无权查看',
    conflictMessage: '资源已被他人更新，请刷新后重试',
  })
  await commitTransition(ctx, {
    workflow: resourceWorkflow,
    transition,
    from: facts!.status,
    version: r!.version,
    entityId: id,
    apply: (tx, to) => updateResourceVersioned(tx, id, r!.version, { status: to, updatedAt: ctx.now }),
    versionOf: (u) => u.version,
    timeline,
    fields: body.reason ? { reason: body.reason } : {},
  })
  return getResource(ctx, id)
}

/**
 * 微心愿: the community publishes a resident's small wish; a party member of the community claims it
 * (one claimant — of several at once the first wins, the rest get 409) and may give it up before
 * fulfilling it; the claimant fulfils it with photos; the resident's thanks and rating — or the
 * community's on their behalf — close it. Every step through the wish workflow and the core's commit.
 */
import type { PageOf } from '#contracts/common'
import type { CreateWishBody, ListWishesQuery, Wish, WishAction, WishActionBody } from '#contracts/wishes'
import type { Ctx } from '../../context'
import { checkAction, commitChange, commitTransition, listWorkflowEvents, sharedTimeline, type NotificationIntent } from '../../core'
import type { Db } from '../../db/client'
import { AppError, invalidInput, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { authorize, can, wishWorkflow } from '../../permissions'
import { assertOwnFiles } from '../files'
import { creditService, earnerOfPartyMember } from '../points'
import { presentWish, wishFacts } from './presenter'
import {
  countWishes,
  findCommunityName,
  findGrid,
  findResidentBrief,
  findWish,
  insertWish,
  insertWishFiles,
  listWishes,
  listWishFiles,
  updateWishVersioned,
  type WishRow,
  type WishWithNames,
} from './queries'

const ENTITY = wishWorkflow.table.entity
const timeline = sharedTimeline(ENTITY)

/** The wisher and where they live: a resident of the community (the name from their record), or a name and an optional grid. */
async function wisherOf(ctx: Ctx, communityCode: string, body: CreateWishBody) {
  const outside = (field: string, message: string) => invalidInput([{ field, message }], message)
  if (body.residentId !== undefined) {
    const r = await findResidentBrief(ctx.db, Number(body.residentId))
    const g = r?.gridCode ? await findGrid(ctx.db, r.gridCode) : undefined
    if (!r || !g || g.communityCode !== communityCode) throw new AppError('UNKNOWN_RESIDENT', undefined, [{ field: 'residentId', message: '居民不存在或不在本社区' }])
    return { residentId: r.id, beneficiaryName: r.name, gridCode: g.code }
  }
  const name = body.beneficiaryName?.trim()
  if (!name) throw outside('beneficiaryName', '请填写心愿人姓名，或选择居民档案')
  if (body.gridCode !== undefined) {
    const g = await findGrid(ctx.db, body.gridCode)
    if (!g || g.communityCode !== communityCode) throw new AppError('UNKNOWN_GRID', undefined, [{ field: 'gridCode', message: '网格不存在或不在本社区' }])
  }
  return { residentId: null, beneficiaryName: name, gridCode: body.gridCode ?? null }
}

/** 发布心愿 (the community). */
export async function publishWish(ctx: Ctx, body: CreateWishBody): Promise<Wish> {
  authorize(ctx.actor, 'wish.publish')
  const communityCode = ctx.actor.placeCode!
  if (!(await findCommunityName(ctx.db, communityCode))) throw new AppError('UNKNOWN_COMMUNITY')
  const wisher = await wisherOf(ctx, communityCode, body)
  const row = await commitChange(ctx, {
    entityId: (w: WishRow) => w.id,
    apply: (tx) =>
      insertWish(tx, {
        communityCode,
        ...wisher,
        placeCode: wisher.gridCode ?? communityCode,
        title: body.title.trim(),
        description: body.description?.trim() || null,
        category: body.category,
        beneficiaryGroup: body.group,
        status: wishWorkflow.table.initial,
        publishedByUserId: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }),
    event: { write: timeline, entry: { action: 'publish', fromStatus: null, toStatus: wishWorkflow.table.initial, fields: { category: body.category, group: body.group } } },
    // the audit row names the resident by id, never by name
    audit: (w) => ({ action: 'wish.create', entityType: ENTITY, after: { status: w.status, placeCode: w.placeCode, category: w.category, residentId: w.residentId } }),
  })
  return getWish(ctx, row.id)
}

async function present(ctx: Ctx, row: WishWithNames, withEvents: boolean): Promise<Wish> {
  const files = (await listWishFiles(ctx.db, [row.wish.id])).map((f) => f.fileId)
  return presentWish(ctx.actor, row, files, withEvents ? await listWorkflowEvents(ctx.db, ENTITY, row.wish.id) : undefined)
}

export async function getWish(ctx: Ctx, id: number): Promise<Wish> {
  const row = await findWish(ctx.db, id)
  if (!row || !can(ctx.actor, 'wish.read', wishFacts(row.wish))) throw notFound('心愿不存在或无权查看')
  return present(ctx, row, true)
}

/** Staff: the wishes under their place; a party member: their community's (mine: what they claimed); a resident: their own. */
export async function listWishesForActor(ctx: Ctx, q: ListWishesQuery): Promise<PageOf<Wish>> {
  authorize(ctx.actor, 'wish.list')
  const { actor } = ctx
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  let who
  if (actor.role === 'partyMember') who = q.mine ? { claimantPartyMemberId: actor.partyMemberId ?? -1 } : { communityCode: actor.placeCode! }
  else if (actor.role === 'resident') who = { residentId: actor.residentId ?? -1 }
  else {
    if (q.place) authorize(actor, 'wish.listAt', q.place)
    who = { placePrefix: q.place ?? actor.placeCode! }
  }
  const filter = { ...who, ...(q.status ? { statuses: q.status } : {}) }
  const rows = await listWishes(ctx.db, { ...filter, limit, ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const files = await listWishFiles(ctx.db, page.map((r) => r.wish.id))
  const last = page.at(-1)
  return {
    items: page.map((r) => presentWish(actor, r, files.filter((f) => f.wishId === r.wish.id).map((f) => f.fileId))),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.wish.createdAt.toISOString(), id: last.wish.id }) : null,
    ...(q.withTotal ? { total: await countWishes(ctx.db, filter) } : {}),
  }
}

interface Effect {
  patch: Partial<WishRow>
  fields: Record<string, unknown>
  notify?: NotificationIntent[]
  after?: (tx: Db, row: WishRow) => Promise<void>
}

/**
 * 完成心愿 — the claimant's service, recorded with its photos in the fulfil transaction, and credited to
 * the claimant's points (党建+积分, "wish fulfilled") in the same transaction — to the account of the
 * claiming party member; a claimant without an account earns nothing.
 */
async function fulfilment(ctx: Ctx, w: WishRow, body: WishActionBody, toCommunity: NotificationIntent): Promise<Effect> {
  const photoIds = await assertOwnFiles(ctx, body.photoIds)
  const note = body.note?.trim() || null
  return {
    patch: { fulfilledAt: ctx.now, fulfilNote: note },
    fields: { photoIds, ...(note ? { note } : {}) },
    notify: [{ ...toCommunity, title: `心愿已实现：${w.title}`, body: `${w.claimantName ?? ''}已完成心愿，请联系心愿人答谢评价` }],
    after: async (tx) => {
      await insertWishFiles(tx, w.id, photoIds)
      const earner = await earnerOfPartyMember(tx, w.claimantPartyMemberId)
      if (earner !== undefined) {
        await creditService(ctx, tx, {
          earnerUserId: earner,
          communityCode: w.communityCode,
          source: { kind: 'wish', id: w.id },
          quantity: 1,
          occurredAt: ctx.now,
          reason: `完成微心愿：${w.title}`,
        })
      }
    },
  }
}

async function effectOf(ctx: Ctx, action: WishAction, w: WishRow, body: WishActionBody): Promise<Effect> {
  const toCommunity: NotificationIntent = { to: [{ kind: 'place', role: 'community', code: w.communityCode }], kind: 'wish', title: '', body: '' }
  const toClaimant = (title: string, text: string): NotificationIntent[] =>
    w.claimantPartyMemberId !== null ? [{ to: [{ kind: 'assignee', type: 'partyMember', id: String(w.claimantPartyMemberId) }], kind: 'wish', title, body: text }] : []
  switch (action) {
    case 'claim':
      return {
        patch: { claimantPartyMemberId: ctx.actor.partyMemberId!, claimantName: ctx.actor.displayName, claimedAt: ctx.now },
        fields: { claimantPartyMemberId: String(ctx.actor.partyMemberId) },
        notify: [{ ...toCommunity, title: `心愿已被认领：${w.title}`, body: `党员${ctx.actor.displayName}认领了心愿` }],
      }
    case 'release':
      return {
        patch: { claimantPartyMemberId: null, claimantName: null, claimedAt: null },
        fields: body.reason ? { reason: body.reason } : {},
        notify: [{ ...toCommunity, title: `心愿被放弃认领：${w.title}`, body: body.reason ?? '心愿重新待认领' }],
      }
    case 'fulfil':
      return fulfilment(ctx, w, body, toCommunity)
    case 'thank': {
      const onBehalf = ctx.actor.role === 'community'
      const message = body.message?.trim() || null
      return {
        patch: { rating: body.rating!, thanks: message, closedAt: ctx.now },
        fields: { rating: body.rating, ...(message ? { message } : {}), ...(onBehalf ? { onBehalf: true } : {}) },
        notify: toClaimant(`心愿人答谢：${w.title}`, message ?? `评价 ${body.rating} 星`),
      }
    }
    case 'cancel':
      return { patch: { closedAt: ctx.now }, fields: { reason: body.reason }, notify: toClaimant(`心愿已撤销：${w.title}`, body.reason!) }
  }
}

const CLAIM_LOST = '该心愿已被其他党员认领'

/** POST /wishes/:id/actions — claim, release, fulfil, thank, cancel. */
export async function actOnWish(ctx: Ctx, id: number, body: WishActionBody): Promise<Wish> {
  const row = await findWish(ctx.db, id)
  const w = row?.wish
  const facts = w ? wishFacts(w) : undefined
  let transition
  try {
    transition = checkAction(wishWorkflow, ctx.actor, {
      facts,
      visible: facts !== undefined && can(ctx.actor, 'wish.read', facts),
      version: w?.version ?? 0,
      sentVersion: body.version,
      body,
      notFoundMessage: '心愿不存在或无权查看',
      conflictMessage: '心愿已被他人更新，请刷新后重试',
    })
  } catch (e) {
    // a claim that finds the wish taken since it was read lost the race: say so
    if (body.action === 'claim' && e instanceof AppError && e.code === 'VERSION_CONFLICT' && w && w.status !== 'published') throw new AppError('WISH_ALREADY_CLAIMED', CLAIM_LOST)
    throw e
  }
  const effect = await effectOf(ctx, body.action, w!, body)
  await commitTransition(ctx, {
    workflow: wishWorkflow,
    transition,
    from: facts!.status,
    version: w!.version,
    entityId: id,
    apply: (tx, to) => updateWishVersioned(tx, id, w!.version, { ...effect.patch, status: to, updatedAt: ctx.now }),
    versionOf: (u) => u.version,
    timeline,
    fields: effect.fields,
    ...(effect.notify ? { notify: effect.notify } : {}),
    ...(effect.after ? { after: effect.after } : {}),
    conflict: body.action === 'claim' ? { code: 'WISH_ALREADY_CLAIMED', message: CLAIM_LOST } : { message: '心愿已被他人更新，请刷新后重试' },
  })
  return getWish(ctx, id)
}

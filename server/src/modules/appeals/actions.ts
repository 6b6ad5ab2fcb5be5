/**
 * POST /appeals/:id/actions — one entry point for every workflow action. Checks run in the order
 * DESIGN §3.2 fixes (404 scope → 409 version → 422 state → 403 role → 400 fields); the state
 * change, its timeline event and its audit row are written in one transaction, guarded by the version.
 */
import type { Ctx } from '../../context'
import { conflict, forbidden, invalidInput, notFound, unprocessable, type ErrorDetail } from '../../errors'
import { appealVisibility, canSeeAppeal, decideAction } from '../../permissions'
import { colorOf, type AppealActionBody, type Color, type Importance, type Urgency } from '../../../../contracts/appeals'
import { ACTION_FIELDS, type AppealStatus, type Transition } from '../../../../contracts/workflow'
import { recordAudit } from '../audit/service'
import { findCategory } from '../categories/queries'
import { assertOwnFiles } from '../files/service'
import { dispatchCandidates, PARTY_POOL_ID } from './candidates'
import { AUTO_CLOSE_LIMIT, dueAt } from './deadlines'
import { factsOf } from './presenter'
import { addLimit } from '../calendar/working-time'
import {
  findAppealById,
  insertAppealEvent,
  insertAppealFiles,
  updateAppealVersioned,
  type AppealInsert,
  type AppealRow,
} from './queries'

interface Effect {
  to: AppealStatus
  patch: Partial<AppealInsert>
  fields: Record<string, unknown>
  photoIds?: string[]
}

type Handler = (ctx: Ctx, a: AppealRow, body: AppealActionBody, t: Transition) => Promise<Effect>

function checkFields(body: AppealActionBody): void {
  const spec = ACTION_FIELDS[body.action]
  const allowed = new Set(['action', 'version', ...spec.required, ...spec.optional])
  const details: ErrorDetail[] = []
  for (const f of spec.required) {
    const v = (body as Record<string, unknown>)[f]
    if (v === undefined || (Array.isArray(v) && v.length === 0)) details.push({ field: f, message: `缺少必填字段 ${f}` })
  }
  for (const f of Object.keys(body)) {
    if (!allowed.has(f)) details.push({ field: f, message: '此操作不需要该字段' })
  }
  if (details.length) throw invalidInput(details)
}

async function categoryLimits(ctx: Ctx, a: AppealRow) {
  return (await findCategory(ctx.db, a.categoryCode))?.limits ?? null
}

/** Where the resolution happened (DESIGN §3.2): who resolved decides the level. */
function resolutionLevelOf(a: AppealRow): string {
  if (a.assigneeType === 'department') return 'department'
  if (a.assignedBy === 'street') return 'street'
  if (a.assignedBy === 'community') return 'community'
  if (a.assigneeType === 'householdLeader') return 'building'
  return 'grid'
}

const handlers: Partial<Record<AppealActionBody['action'], Handler>> = {
  async accept(ctx, a, body) {
    const importance = (body.importance ?? a.importance) as Importance
    const urgency = (body.urgency ?? a.urgency) as Urgency
    const color = colorOf(importance, urgency)
    const recoloured = color !== a.color
    return {
      to: 'accepted',
      patch: { acceptedAt: ctx.now, importance, urgency, color },
      fields: recoloured ? { importance, urgency, color, previousColor: a.color } : {},
    }
  },

  async resolveOnSpot(ctx, a, body) {
    const photoIds = await assertOwnFiles(ctx, body.photoIds)
    const isLeader = ctx.actor.role === 'householdLeader'
    return {
      to: 'verified',
      patch: {
        acceptedAt: a.acceptedAt ?? ctx.now,
        resolvedAt: ctx.now,
        verifiedAt: ctx.now,
        result: body.result!,
        resolutionLevel: isLeader ? 'building' : 'grid',
        assigneeType: isLeader ? 'householdLeader' : 'gridWorker',
        assigneeId: String(ctx.actor.userId),
        assigneeName: ctx.actor.displayName,
        claimedByUserId: ctx.actor.userId,
        replyDueAt: dueAt(ctx.deps.calendar.get(), ctx.now, 'reply', a.color as Color, await categoryLimits(ctx, a)),
      },
      fields: { result: body.result, photoIds, resolutionLevel: isLeader ? 'building' : 'grid' },
      photoIds,
    }
  },

  async dispatch(ctx, a, body, t) {
    const candidates = await dispatchCandidates(ctx, a)
    const chosen = candidates.find((c) => c.type === body.assigneeType && c.id === body.assigneeId)
    if (!chosen) throw unprocessable('INVALID_ASSIGNEE', '分派对象不在可选范围内，请从候选列表中选择')
    const assignedBy = t.from.includes('street_review') ? 'street' : 'community'
    return {
      to: 'assigned',
      patch: {
        assigneeType: chosen.type,
        assigneeId: chosen.id,
        assigneeName: chosen.name,
        assignedBy,
        assignedAt: ctx.now,
        poolCommunityCode: chosen.type === 'partyMember' && chosen.id === PARTY_POOL_ID ? a.communityCode : null,
        claimedByUserId: null,
        resolveDueAt: dueAt(ctx.deps.calendar.get(), ctx.now, 'resolve', a.color as Color, await categoryLimits(ctx, a)),
      },
      fields: { assigneeType: chosen.type, assigneeId: chosen.id, assigneeName: chosen.name, assignedBy },
    }
  },

  async claim(ctx, a) {
    const fromPool = a.assigneeType === 'partyMember' && a.assigneeId === PARTY_POOL_ID
    return {
      to: 'in_progress',
      patch: {
        claimedByUserId: ctx.actor.userId,
        ...(fromPool ? { assigneeId: String(ctx.actor.partyMemberId), assigneeName: ctx.actor.displayName } : {}),
      },
      fields: fromPool ? { fromPool: true, partyMemberId: String(ctx.actor.partyMemberId) } : {},
    }
  },

  async resolve(ctx, a, body) {
    const photoIds = await assertOwnFiles(ctx, body.photoIds)
    const level = resolutionLevelOf(a)
    return {
      to: 'resolved',
      patch: {
        resolvedAt: ctx.now,
        result: body.result!,
        resolutionLevel: level,
        verifyDueAt: dueAt(ctx.deps.calendar.get(), ctx.now, 'verify', a.color as Color, await categoryLimits(ctx, a)),
      },
      fields: { result: body.result, resolutionLevel: level, ...(photoIds.length ? { photoIds } : {}) },
      photoIds,
    }
  },

  async verify(ctx, a, body) {
    const photoIds = await assertOwnFiles(ctx, body.photoIds)
    return {
      to: 'verified',
      patch: {
        verifiedAt: ctx.now,
        verifyDueAt: null,
        replyDueAt: dueAt(ctx.deps.calendar.get(), ctx.now, 'reply', a.color as Color, await categoryLimits(ctx, a)),
      },
      fields: { ...(body.note ? { note: body.note } : {}), ...(photoIds.length ? { photoIds } : {}) },
      photoIds,
    }
  },

  async verifyFail(ctx, _a, body) {
    const photoIds = await assertOwnFiles(ctx, body.photoIds)
    return {
      to: 'in_progress',
      patch: { verifyDueAt: null },
      fields: { reason: body.reason, ...(photoIds.length ? { photoIds } : {}) },
      photoIds,
    }
  },

  async reply(ctx, _a, body) {
    return {
      to: 'replied',
      patch: {
        repliedAt: ctx.now,
        replyMessage: body.message!,
        replyDueAt: null,
        autoCloseAt: addLimit(ctx.deps.calendar.get(), ctx.now, AUTO_CLOSE_LIMIT),
      },
      fields: { message: body.message },
    }
  },

  async rate(ctx, a, body) {
    return rating(ctx, a, body, 'self')
  },

  async rateOnBehalf(ctx, a, body) {
    return rating(ctx, a, body, body.via!)
  },

  async reject(ctx, _a, body) {
    return {
      to: 'closed',
      patch: { closedAt: ctx.now, closeReason: 'rejected' },
      fields: { reason: body.reason },
    }
  },

  async merge(ctx, a, body) {
    const targetId = Number(body.duplicateOf)
    const target = targetId === a.id ? undefined : await findAppealById(ctx.db, targetId)
    if (!target || !canSeeAppeal(ctx.actor, factsOf(target)) || target.status === 'closed') {
      throw unprocessable('INVALID_DUPLICATE', '只能合并到本辖区内另一件未办结的诉求')
    }
    return {
      to: 'closed',
      patch: { closedAt: ctx.now, closeReason: 'merged', duplicateOf: target.id },
      fields: { duplicateOf: String(target.id), duplicateNumber: target.number },
    }
  },
}

async function rating(ctx: Ctx, a: AppealRow, body: AppealActionBody, via: string): Promise<Effect> {
  const r = body.rating!
  const common = { rating: r, ratingComment: body.comment ?? null, ratedAt: ctx.now, ratedVia: via, autoCloseAt: null }
  if (r === 'unsatisfied') {
    return {
      to: 'reopened',
      patch: {
        ...common,
        unsatisfiedCount: a.unsatisfiedCount + 1,
        resolveDueAt: dueAt(ctx.deps.calendar.get(), ctx.now, 'resolve', a.color as Color, await categoryLimits(ctx, a)),
      },
      fields: { rating: r, via, round: a.unsatisfiedCount + 1 },
    }
  }
  return { to: 'closed', patch: { ...common, closedAt: ctx.now, closeReason: r }, fields: { rating: r, via } }
}

export async function performAction(ctx: Ctx, id: number, body: AppealActionBody): Promise<number> {
  if (!appealVisibility(ctx.actor)) throw forbidden('您的角色不处理诉求')
  const a = await findAppealById(ctx.db, id)
  if (!a || !canSeeAppeal(ctx.actor, factsOf(a))) throw notFound('诉求不存在或无权查看')
  if (a.version !== body.version) throw conflict('VERSION_CONFLICT', '诉求已被他人更新，请刷新后重试')
  const decision = decideAction(ctx.actor, body.action, factsOf(a))
  if (!decision.ok) throw decision.error
  checkFields(body)
  const handler = handlers[body.action]
  if (!handler) throw unprocessable('ACTION_NOT_AVAILABLE', '此操作暂未开放')
  const effect = await handler(ctx, a, body, decision.transition)

  await ctx.db.transaction(async (tx) => {
    const updated = await updateAppealVersioned(tx, a.id, a.version, {
      ...effect.patch,
      status: effect.to,
      updatedAt: ctx.now,
    })
    if (!updated) {
      throw conflict(
        'VERSION_CONFLICT',
        body.action === 'claim' ? '手慢了，该诉求已被他人领取' : '诉求已被他人更新，请刷新后重试',
      )
    }
    await insertAppealEvent(tx, {
      appealId: a.id,
      action: body.action,
      fromStatus: a.status,
      toStatus: effect.to,
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      actorName: ctx.actor.displayName,
      fields: effect.fields,
      comment: body.comment ?? null,
      createdAt: ctx.now,
    })
    if (effect.photoIds?.length) await insertAppealFiles(tx, a.id, effect.photoIds)
    await recordAudit(ctx, tx, {
      action: `appeal.${body.action}`,
      entityType: 'appeal',
      entityId: a.id,
      before: { status: a.status, version: a.version },
      after: { status: updated.status, version: updated.version, ...effect.fields },
    })
  })
  return a.id
}

/**
 * 督办 (supervision): opened by the sweeper when a step earns a red card (twice its limit) or by a
 * second unsatisfied rating; answered by the level chased; closed by the supervising level (or ended by
 * 结案说明). Each step shows on the appeal's timeline and reaches both sides' inboxes.
 */
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import { invalidInput, notFound, unprocessable, forbidden } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { isoOrNull, isoShanghai } from '../../lib/time'
import { appealVisibility, canSeeAppeal, holds, type Actor } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type { SupervisionSummary } from '#contracts/appeals'
import type { SupervisionItem } from '#contracts/supervisions'
import { recordAudit } from '../audit/service'
import { findAppealById, insertAppealEvent, type AppealRow } from '../appeals/queries'
import { factsOf } from '../appeals/presenter'
import { visibilityCondition } from '../appeals/queries'
import { notify, type Recipient } from '../notifications/service'
import { STEP_NAMES, type Step } from '../appeals/steps'
import {
  findSupervisionById,
  insertSupervision,
  listSupervisions,
  refreshOpenSupervisorCodes,
  updateSupervision,
  type SupervisionRow,
} from './queries'

export type SupervisorLevel = 'community' | 'street' | 'county'
export type SupervisionTarget = 'grid' | 'community' | 'street' | 'handler' | 'department'

const LEVEL_NAMES: Record<SupervisorLevel, string> = { community: '社区', street: '街道', county: '县' }

export interface SupervisionPlan {
  level: SupervisorLevel
  supervisorCode: string
  target: SupervisionTarget
}

/** The next level up from whoever holds a late step. */
export function supervisorForStep(a: AppealRow, step: Step): SupervisionPlan {
  switch (step) {
    case 'response':
    case 'verify':
      return { level: 'community', supervisorCode: a.communityCode, target: 'grid' }
    case 'reply':
      return { level: 'street', supervisorCode: a.streetCode, target: 'community' }
    case 'reportIn':
      return { level: 'county', supervisorCode: a.countyCode, target: 'department' }
    case 'resolve':
      if (a.assigneeType === 'department') return { level: 'county', supervisorCode: a.countyCode, target: 'department' }
      if (a.assignedBy === 'street') return { level: 'street', supervisorCode: a.streetCode, target: 'handler' }
      return { level: 'community', supervisorCode: a.communityCode, target: 'handler' }
  }
}

/** A second unsatisfied rating: the street chases community-level handling, the county a department's. */
export function supervisorForUnsatisfied(a: AppealRow): SupervisionPlan {
  return a.assigneeType === 'department'
    ? { level: 'county', supervisorCode: a.countyCode, target: 'department' }
    : { level: 'street', supervisorCode: a.streetCode, target: 'community' }
}

function targetRecipients(a: AppealRow, target: SupervisionTarget): Recipient[] {
  switch (target) {
    case 'grid':
      return [{ kind: 'gridStaff', gridCode: a.gridCode }]
    case 'community':
      return [{ kind: 'place', role: 'community', code: a.communityCode }]
    case 'street':
      return [{ kind: 'place', role: 'street', code: a.streetCode }]
    case 'handler':
    case 'department':
      return [{ kind: 'assignee', type: a.assigneeType, id: a.assigneeId }]
  }
}

const SYSTEM_ACTOR = { actorUserId: null, actorRole: 'system', actorName: '系统' }

/** Open a supervision in the caller's transaction (once per deadline for red cards). */
export async function openSupervision(
  tx: Db,
  at: Date,
  a: AppealRow,
  o: SupervisionPlan & { reason: 'redCard' | 'unsatisfied'; step?: Step; deadlineId?: number },
  by?: { actorUserId: number | null; actorRole: string; actorName: string },
): Promise<SupervisionRow | undefined> {
  const s = await insertSupervision(tx, {
    appealId: a.id,
    reason: o.reason,
    step: o.step ?? null,
    deadlineId: o.deadlineId ?? null,
    level: o.level,
    supervisorCode: o.supervisorCode,
    target: o.target,
    status: 'open',
    openedAt: at,
    countyCode: a.countyCode,
    streetCode: a.streetCode,
    communityCode: a.communityCode,
    gridCode: a.gridCode,
  })
  if (!s) return undefined
  await refreshOpenSupervisorCodes(tx, a.id)
  const why = o.reason === 'redCard' ? `${STEP_NAMES[o.step!]}超过时限两倍（红牌）` : '群众两次评价不满意'
  await insertAppealEvent(tx, {
    appealId: a.id,
    action: 'supervise',
    fromStatus: a.status,
    toStatus: a.status,
    ...(by ?? SYSTEM_ACTOR),
    fields: { supervisionId: String(s.id), reason: o.reason, level: o.level, supervisorCode: o.supervisorCode, target: o.target, ...(o.step ? { step: o.step } : {}) },
    comment: null,
    createdAt: at,
  })
  const title = `${LEVEL_NAMES[o.level]}督办：${a.number}`
  await notify(tx, at, {
    to: [{ kind: 'place', role: o.level, code: o.supervisorCode }, ...targetRecipients(a, o.target)],
    kind: 'supervision',
    title,
    body: `「${a.title}」${why}，已生成督办单，请尽快处理并回复。`,
    appealId: a.id,
  })
  return s
}

export function presentSupervision(s: SupervisionRow): SupervisionSummary {
  return {
    id: String(s.id),
    reason: s.reason,
    step: s.step,
    level: s.level,
    supervisorCode: s.supervisorCode,
    target: s.target,
    status: s.status,
    openedAt: isoShanghai(s.openedAt),
    answer: s.answer,
    answeredAt: isoOrNull(s.answeredAt),
    closeNote: s.closeNote,
    closedAt: isoOrNull(s.closedAt),
  }
}

function isSupervisor(actor: Actor, s: SupervisionRow): boolean {
  return actor.role === s.level && actor.placeCode === s.supervisorCode
}

function isTarget(ctx: Ctx, s: SupervisionRow, a: AppealRow): boolean {
  const f = factsOf(a, ctx)
  switch (s.target as SupervisionTarget) {
    case 'grid':
      return holds(ctx.actor, 'gridStaff', f)
    case 'community':
      return holds(ctx.actor, 'community', f)
    case 'street':
      return holds(ctx.actor, 'street', f)
    case 'handler':
    case 'department':
      return holds(ctx.actor, 'assignee', f) || holds(ctx.actor, 'leadDepartment', f)
  }
}

async function loadForActor(ctx: Ctx, id: number) {
  const s = await findSupervisionById(ctx.db, id)
  const a = s ? await findAppealById(ctx.db, s.appealId) : undefined
  if (!s || !a || !canSeeAppeal(ctx.actor, factsOf(a, ctx))) throw notFound('督办单不存在或无权查看')
  return { s, a }
}

/** The level chased answers (回复督办). */
export async function answerSupervision(ctx: Ctx, id: number, answer: string): Promise<SupervisionSummary> {
  const { s, a } = await loadForActor(ctx, id)
  if (s.status !== 'open') throw unprocessable('SUPERVISION_NOT_OPEN', '该督办单已回复或已办结')
  if (!isTarget(ctx, s, a)) throw forbidden('只有被督办方可以回复督办单')
  return ctx.db.transaction(async (tx) => {
    const updated = await updateSupervision(tx, id, ['open'], {
      status: 'answered',
      answer,
      answeredAt: ctx.now,
      answeredByUserId: ctx.actor.userId,
    })
    if (!updated) throw unprocessable('SUPERVISION_NOT_OPEN', '该督办单已回复或已办结')
    await insertAppealEvent(tx, {
      appealId: a.id,
      action: 'answerSupervision',
      fromStatus: a.status,
      toStatus: a.status,
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      actorName: ctx.actor.displayName,
      fields: { supervisionId: String(id), answer },
      comment: null,
      createdAt: ctx.now,
    })
    await recordAudit(ctx, tx, { action: 'supervision.answer', entityType: 'supervision', entityId: id, after: { status: 'answered' } })
    await notify(tx, ctx.now, {
      to: [{ kind: 'place', role: s.level as SupervisorLevel, code: s.supervisorCode }],
      kind: 'supervision',
      title: `督办单已回复：${a.number}`,
      body: answer,
      appealId: a.id,
    })
    return presentSupervision(updated)
  })
}

/** The supervising level closes a supervision once satisfied with the answer. */
export async function closeSupervision(ctx: Ctx, id: number, note: string | undefined): Promise<SupervisionSummary> {
  const { s, a } = await loadForActor(ctx, id)
  if (!isSupervisor(ctx.actor, s)) throw forbidden('只有督办方可以办结督办单')
  if (s.status !== 'answered') {
    throw unprocessable(s.status === 'open' ? 'SUPERVISION_NOT_ANSWERED' : 'SUPERVISION_CLOSED', s.status === 'open' ? '督办单尚未回复' : '督办单已办结')
  }
  return ctx.db.transaction(async (tx) => {
    const updated = await updateSupervision(tx, id, ['answered'], {
      status: 'closed',
      closeNote: note ?? null,
      closedAt: ctx.now,
      closedByUserId: ctx.actor.userId,
    })
    if (!updated) throw unprocessable('SUPERVISION_CLOSED', '督办单已办结')
    await refreshOpenSupervisorCodes(tx, a.id)
    await insertAppealEvent(tx, {
      appealId: a.id,
      action: 'closeSupervision',
      fromStatus: a.status,
      toStatus: a.status,
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      actorName: ctx.actor.displayName,
      fields: { supervisionId: String(id), ...(note ? { note } : {}) },
      comment: null,
      createdAt: ctx.now,
    })
    await recordAudit(ctx, tx, { action: 'supervision.close', entityType: 'supervision', entityId: id, after: { status: 'closed' } })
    return presentSupervision(updated)
  })
}

export async function getSupervision(ctx: Ctx, id: number): Promise<SupervisionItem> {
  const { s, a } = await loadForActor(ctx, id)
  return { ...presentSupervision(s), appeal: { id: String(a.id), number: a.number, title: a.title, status: a.status } }
}

/** 督办单列表: supervisions of the appeals the caller can see. */
export async function listSupervisionsForActor(
  ctx: Ctx,
  q: { status?: string[]; place?: string; cursor?: string; limit?: number },
): Promise<PageOf<SupervisionItem>> {
  const v = appealVisibility(ctx.actor)
  if (!v) throw forbidden('您的角色不处理诉求')
  if (q.place && !/^[0-9]{6,15}$/.test(q.place)) throw invalidInput([{ field: 'place', message: '地点代码不正确' }])
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const rows = await listSupervisions(ctx.db, {
    appealCondition: visibilityCondition(v),
    limit,
    ...(q.place ? { placeCode: q.place } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(cursor ? { cursor } : {}),
  })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => ({
      ...presentSupervision(r.supervision),
      appeal: { id: String(r.supervision.appealId), number: r.number, title: r.title, status: r.appealStatus },
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.supervision.openedAt.toISOString(), id: last.supervision.id }) : null,
  }
}

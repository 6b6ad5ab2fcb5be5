/**
 * 督办 (supervision): opened by the sweeper when a step earns a red card (twice its limit) or by a
 * second unsatisfied rating; answered by the level chased; closed by the supervising level (or ended by
 * 结案说明). Its states follow SUPERVISION_WORKFLOW; each step shows on the appeal's timeline and reaches
 * both sides' inboxes.
 */
import type { Ctx } from '../../context'
import { checkAction, commitTransition, writeChange, type TimelineWriter } from '../../core'
import type { Recipient } from '../../core/outbox'
import type { Db } from '../../db/client'
import { invalidInput, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { appealVisibility, authorize, can, supervisionWorkflow, type SupervisionFacts } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type { SupervisionSummary } from '#contracts/appeals'
import type { SupervisionAction, SupervisionItem, SupervisionStatus } from '#contracts/supervisions'
import { factsOf, presentSupervision, presentSupervisionItem } from './presenter'
import { findAppealById, insertAppealEvent, type AppealRow } from './queries'
import { STEP_NAMES, type Step } from './steps'
import {
  concludeSupervisionsOfAppeal,
  countSupervisions,
  findSupervisionById,
  insertSupervision,
  listSupervisions,
  refreshOpenSupervisorCodes,
  updateSupervision,
  type SupervisionRow,
} from './supervision-queries'

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
    case 'dispatch':
      return { level: 'street', supervisorCode: a.streetCode, target: 'community' }
    case 'review':
      return { level: 'county', supervisorCode: a.countyCode, target: 'street' }
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

/** A supervision's steps show on its appeal's timeline, under the appeal's own status. */
const ON_APPEAL_TIMELINE: Record<SupervisionAction | 'open', string> = {
  open: 'supervise',
  answer: 'answerSupervision',
  close: 'closeSupervision',
  conclude: 'closeSupervision',
}
function appealTimelineOf(a: Pick<AppealRow, 'id' | 'status'>, supervisionId: number): TimelineWriter {
  return (tx, _id, r) =>
    insertAppealEvent(tx, {
      ...r,
      appealId: a.id,
      action: ON_APPEAL_TIMELINE[r.action as SupervisionAction | 'open'] ?? r.action,
      fromStatus: a.status,
      toStatus: a.status,
      fields: { supervisionId: String(supervisionId), ...r.fields },
      comment: r.comment ?? null,
    })
}

/** Open a supervision in the caller's transaction (once per deadline for red cards). */
export async function openSupervision(
  ctx: Ctx,
  tx: Db,
  a: AppealRow,
  o: SupervisionPlan & { reason: 'redCard' | 'unsatisfied'; step?: Step; deadlineId?: number },
): Promise<SupervisionRow | undefined> {
  const s = await insertSupervision(tx, {
    appealId: a.id,
    reason: o.reason,
    step: o.step ?? null,
    deadlineId: o.deadlineId ?? null,
    level: o.level,
    supervisorCode: o.supervisorCode,
    target: o.target,
    status: supervisionWorkflow.table.initial,
    openedAt: ctx.now,
    countyCode: a.countyCode,
    streetCode: a.streetCode,
    communityCode: a.communityCode,
    gridCode: a.gridCode,
  })
  // A red card's supervision exists once per deadline: a second firing finds it there and adds nothing.
  if (!s) return undefined
  const why = o.reason === 'redCard' ? `${STEP_NAMES[o.step!]}超过时限两倍（红牌）` : '群众两次评价不满意'
  const fields = { reason: o.reason, level: o.level, supervisorCode: o.supervisorCode, target: o.target, ...(o.step ? { step: o.step } : {}) }
  return writeChange(ctx, tx, {
    entityId: s.id,
    apply: async () => s,
    event: { write: appealTimelineOf(a, s.id), entry: { action: 'open', fromStatus: null, toStatus: s.status, fields } },
    audit: { action: 'supervision.open', entityType: 'supervision', after: { status: s.status, appealId: a.id, ...fields } },
    notify: [
      {
        to: [{ kind: 'place', role: o.level, code: o.supervisorCode }, ...targetRecipients(a, o.target)],
        kind: 'supervision',
        title: `${LEVEL_NAMES[o.level]}督办：${a.number}`,
        body: `「${a.title}」${why}，已生成督办单，请尽快处理并回复。`,
        appealId: a.id,
      },
    ],
    after: (t) => refreshOpenSupervisorCodes(t, a.id),
  })
}

export function supervisionFacts(s: SupervisionRow, a: AppealRow, ctx: Pick<Ctx, 'now' | 'deps'>): SupervisionFacts {
  return { status: s.status as SupervisionStatus, level: s.level, supervisorCode: s.supervisorCode, target: s.target, appeal: factsOf(a, ctx) }
}

async function load(ctx: Ctx, id: number) {
  const s = await findSupervisionById(ctx.db, id)
  const a = s ? await findAppealById(ctx.db, s.appealId) : undefined
  if (!s || !a || !can(ctx.actor, 'appeal.read', factsOf(a, ctx))) throw notFound('督办单不存在或无权查看')
  return { s, a }
}

/** Answer (the level chased) or close (the supervising level) a supervision. */
async function act(ctx: Ctx, id: number, action: 'answer' | 'close', text: string | undefined): Promise<SupervisionSummary> {
  authorize(ctx.actor, 'appeal.handle')
  const { s, a } = await load(ctx, id)
  const facts = supervisionFacts(s, a, ctx)
  const transition = checkAction(supervisionWorkflow, ctx.actor, {
    facts,
    visible: true,
    body: { action },
  })
  const from = facts.status
  const patch =
    action === 'answer'
      ? { answer: text!, answeredAt: ctx.now, answeredByUserId: ctx.actor.userId }
      : { closeNote: text ?? null, closedAt: ctx.now, closedByUserId: ctx.actor.userId }
  const updated = await commitTransition(ctx, {
    workflow: supervisionWorkflow,
    transition,
    from,
    entityId: s.id,
    // the state it was decided on guards the write: a second answer, or a close racing it, finds it moved on
    apply: (tx, to) => updateSupervision(tx, id, [from], { status: to, ...patch }),
    conflict: { code: action === 'answer' ? 'SUPERVISION_NOT_OPEN' : 'SUPERVISION_CLOSED' },
    timeline: appealTimelineOf(a, s.id),
    fields: action === 'answer' ? { answer: text } : text ? { note: text } : {},
    ...(action === 'answer'
      ? {
          notify: [
            {
              to: [{ kind: 'place', role: s.level as SupervisorLevel, code: s.supervisorCode }],
              kind: 'supervision',
              title: `督办单已回复：${a.number}`,
              body: text!,
              appealId: a.id,
            },
          ],
        }
      : { after: (tx: Db) => refreshOpenSupervisorCodes(tx, a.id) }),
  })
  return presentSupervision(updated)
}

/** A supervision the caller may see, as the supervising level would close it (404 otherwise). */
export async function supervisionToClose(ctx: Ctx, id: number): Promise<SupervisionRow> {
  authorize(ctx.actor, 'appeal.handle')
  return (await load(ctx, id)).s
}

/** The level chased answers (回复督办). */
export const answerSupervision = (ctx: Ctx, id: number, answer: string) => act(ctx, id, 'answer', answer)

/** The supervising level closes a supervision once satisfied with the answer. */
export const closeSupervision = (ctx: Ctx, id: number, note: string | undefined) => act(ctx, id, 'close', note)

/**
 * 结案说明: the supervising street or county closes the appeal with an explanation, and its open
 * supervisions of that appeal end with it (in the appeal's transaction).
 */
export async function concludeSupervisions(ctx: Ctx, tx: Db, appealId: number, supervisorCode: string, explanation: string): Promise<void> {
  await concludeSupervisionsOfAppeal(tx, appealId, supervisorCode, ['open', 'answered'], {
    status: supervisionWorkflow.targetOf('conclude'),
    closeNote: explanation,
    closedAt: ctx.now,
    closedByUserId: ctx.actor.userId,
  })
  await refreshOpenSupervisorCodes(tx, appealId)
}

export async function getSupervision(ctx: Ctx, id: number): Promise<SupervisionItem> {
  authorize(ctx.actor, 'appeal.handle')
  const { s, a } = await load(ctx, id)
  return presentSupervisionItem(ctx, s, a)
}

/** 督办单列表: supervisions of the appeals the caller can see. */
export async function listSupervisionsForActor(
  ctx: Ctx,
  q: { status?: string[]; place?: string; cursor?: string; limit?: number; withTotal?: boolean },
): Promise<PageOf<SupervisionItem>> {
  authorize(ctx.actor, 'appeal.handle')
  if (q.place && !/^[0-9]{6,15}$/.test(q.place)) throw invalidInput([{ field: 'place', message: '地点代码不正确' }])
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const filter = { visibility: appealVisibility(ctx.actor)!, ...(q.place ? { placeCode: q.place } : {}), ...(q.status ? { status: q.status } : {}) }
  const rows = await listSupervisions(ctx.db, { ...filter, limit, ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => presentSupervisionItem(ctx, r.supervision, r.appeal)),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.supervision.openedAt.toISOString(), id: last.supervision.id }) : null,
    ...(q.withTotal ? { total: await countSupervisions(ctx.db, filter) } : {}),
  }
}

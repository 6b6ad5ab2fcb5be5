/** Handlers of the everyday loop: accept, resolve on the spot, dispatch, claim, resolve, verify, reply, rate, reject, merge. */
import type { Ctx } from '../../context'
import { AppError } from '../../errors'
import { can } from '../../permissions'
import { colorOf, type AppealActionBody, type Color, type Importance, type LimitKind, type Urgency } from '#contracts/appeals'
import { scrubPublicText } from '../../lib/scrub'
import { namesOn, suggestedPublicSummary } from './public-summary'
import { addLimit } from '../../lib/working-time'
import { isoShanghai } from '../../lib/time'
import { findCategory } from '../categories'
import { creditService, earnerOfPartyMember } from '../points'
import type { Db } from '../../db/client'
import { assertOwnFiles } from '../files'
import type { NotificationIntent, Recipient } from '../../core/outbox'
import { openSupervision, supervisorForUnsatisfied } from './supervision-service'
import { dispatchCandidates, PARTY_POOL_ID } from './candidates'
import { AUTO_CLOSE_LIMIT, dueAt, limitFor } from './deadlines'
import type { Effect, Handler } from './effect'
import { factsOf } from './presenter'
import { findAppealById, type AppealRow } from './queries'
import { markReportedIn } from './whistle-queries'

export async function categoryLimits(ctx: Ctx, a: AppealRow) {
  return (await findCategory(ctx.db, a.categoryCode))?.limits ?? null
}

/** Where the resolution happened (DOMAIN §3.2): who resolved decides the level. */
function resolutionLevelOf(a: AppealRow): string {
  if (a.assigneeType === 'department') return 'department'
  if (a.assignedBy === 'street') return 'street'
  if (a.assignedBy === 'community') return 'community'
  if (a.assigneeType === 'householdLeader') return 'building'
  return 'grid'
}

export const assigneeOf = (a: AppealRow): Recipient => ({
  kind: 'assignee',
  type: a.assigneeType,
  id: a.assigneeId,
  communityPath: `${a.countyCode}.${a.streetCode}.${a.communityCode}`,
})

/** A step's limit (the category's, else the colour's) and its due time, starting now. */
export async function stepStart(ctx: Ctx, a: AppealRow, kind: LimitKind) {
  const limits = await categoryLimits(ctx, a)
  return {
    limit: limitFor(kind, a.color as Color, limits),
    due: dueAt(ctx.deps.calendar.get(), ctx.now, kind, a.color as Color, limits),
  }
}

/** The resolve limit for a fresh round of work (dispatch, re-open, failed check). */
const resolveStart = (ctx: Ctx, a: AppealRow) => stepStart(ctx, a, 'resolve')

/** The timed steps of who holds an appeal before the handler does: none left once it is dispatched, escalated or closed. */
export const NO_WAITING_DUES = { dispatchDueAt: null, reviewDueAt: null }

export const loopHandlers: Partial<Record<AppealActionBody['action'], Handler>> = {
  async accept(ctx, a, body) {
    const importance = (body.importance ?? a.importance) as Importance
    const urgency = (body.urgency ?? a.urgency) as Urgency
    const color = colorOf(importance, urgency)
    const recoloured = color !== a.color
    // 社区分单 has a clock from now: the community dispatches within its limit
    const dispatch = await stepStart(ctx, { ...a, color }, 'dispatch')
    return {
      patch: { acceptedAt: ctx.now, importance, urgency, color, dispatchDueAt: dispatch.due },
      // the dispatch step's due time, so the timeline can say later how long the community took against it
      fields: { ...(recoloured ? { importance, urgency, color, previousColor: a.color } : {}), dispatchDueAt: isoShanghai(dispatch.due) },
      steps: { finish: ['response'], start: [{ step: 'dispatch', limit: dispatch.limit }] },
      notify: [
        { to: [{ kind: 'place', role: 'community', code: a.communityCode }], kind: 'toDispatch', title: `待分派：${a.number}`, body: a.title, appealId: a.id },
      ],
    }
  },

  async resolveOnSpot(ctx, a, body) {
    const photoIds = await assertOwnFiles(ctx, body.photoIds)
    const isLeader = ctx.actor.role === 'householdLeader'
    const limits = await categoryLimits(ctx, a)
    return {
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
        replyDueAt: dueAt(ctx.deps.calendar.get(), ctx.now, 'reply', a.color as Color, limits),
        ...NO_WAITING_DUES,
      },
      fields: { result: body.result, photoIds, resolutionLevel: isLeader ? 'building' : 'grid' },
      photoIds,
      steps: { finish: ['response'], cancel: ['dispatch'], start: [{ step: 'reply', limit: limitFor('reply', a.color as Color, limits) }] },
    }
  },

  async dispatch(ctx, a, body, t) {
    const candidates = await dispatchCandidates(ctx, a)
    const chosen = candidates.find((c) => c.type === body.assigneeType && c.id === body.assigneeId)
    if (!chosen) throw new AppError('INVALID_ASSIGNEE', '分派对象不在可选范围内，请从候选列表中选择')
    const assignedBy = t.from.includes('street_review') ? 'street' : 'community'
    const { limit, due } = await resolveStart(ctx, a)
    const next = { ...a, assigneeType: chosen.type, assigneeId: chosen.id }
    return {
      patch: {
        assigneeType: chosen.type,
        assigneeId: chosen.id,
        assigneeName: chosen.name,
        assignedBy,
        assignedAt: ctx.now,
        poolCommunityCode: chosen.type === 'partyMember' && chosen.id === PARTY_POOL_ID ? a.communityCode : null,
        claimedByUserId: null,
        resolveDueAt: due,
        ...NO_WAITING_DUES,
      },
      fields: { assigneeType: chosen.type, assigneeId: chosen.id, assigneeName: chosen.name, assignedBy },
      // the community's dispatch (社区分单) or the street's review (街道审单) ends here
      steps: { finish: ['dispatch', 'review'], cancel: ['resolve'], start: [{ step: 'resolve', limit }] },
      notify: [{ to: [assigneeOf(next)], kind: 'assigned', title: `新派单：${a.number}`, body: `${a.title}（请及时领单办理）`, appealId: a.id }],
    }
  },

  async claim(ctx, a) {
    const fromPool = a.assigneeType === 'partyMember' && a.assigneeId === PARTY_POOL_ID
    // The lead department's claim is also its report-in (报到) if it has not reported yet.
    const leadReports =
      a.status === 'dept_assigned' && ctx.actor.departmentCode !== null && !a.reportedDepartmentCodes.includes(ctx.actor.departmentCode)
    const dept = ctx.actor.departmentCode
    return {
      patch: {
        claimedByUserId: ctx.actor.userId,
        ...(fromPool ? { assigneeId: String(ctx.actor.partyMemberId), assigneeName: ctx.actor.displayName } : {}),
        ...(leadReports ? { reportedDepartmentCodes: [...a.reportedDepartmentCodes, dept!] } : {}),
      },
      fields: fromPool ? { fromPool: true, partyMemberId: String(ctx.actor.partyMemberId) } : leadReports ? { reportedIn: true } : {},
      ...(leadReports
        ? {
            after: async (tx) => {
              await markReportedIn(tx, a.id, dept!, ctx.actor.userId, ctx.now, null)
            },
            steps: { finish: [{ step: 'reportIn', departmentCode: dept! }] },
          }
        : {}),
    }
  },

  async resolve(ctx, a, body) {
    const photoIds = await assertOwnFiles(ctx, body.photoIds)
    const level = resolutionLevelOf(a)
    const limits = await categoryLimits(ctx, a)
    const late = a.resolveDueAt !== null && ctx.now > a.resolveDueAt
    return {
      patch: {
        resolvedAt: ctx.now,
        result: body.result!,
        resolutionLevel: level,
        verifyDueAt: dueAt(ctx.deps.calendar.get(), ctx.now, 'verify', a.color as Color, limits),
        ...(late ? { resolvedLate: true } : {}),
      },
      fields: { result: body.result, resolutionLevel: level, ...(late ? { late: true } : {}), ...(photoIds.length ? { photoIds } : {}) },
      photoIds,
      steps: { finish: ['resolve'], start: [{ step: 'verify', limit: limitFor('verify', a.color as Color, limits) }] },
      notify: [{ to: [{ kind: 'gridStaff', gridCode: a.gridCode }], kind: 'toVerify', title: `待核查：${a.number}`, body: a.title, appealId: a.id }],
    }
  },

  async verify(ctx, a, body) {
    const photoIds = await assertOwnFiles(ctx, body.photoIds)
    const limits = await categoryLimits(ctx, a)
    return {
      patch: { verifiedAt: ctx.now, verifyDueAt: null, replyDueAt: dueAt(ctx.deps.calendar.get(), ctx.now, 'reply', a.color as Color, limits) },
      fields: { ...(body.note ? { note: body.note } : {}), ...(photoIds.length ? { photoIds } : {}) },
      photoIds,
      steps: { finish: ['verify'], start: [{ step: 'reply', limit: limitFor('reply', a.color as Color, limits) }] },
      notify: [
        { to: [{ kind: 'place', role: 'community', code: a.communityCode }], kind: 'toReply', title: `待答复：${a.number}`, body: a.title, appealId: a.id },
      ],
      after: (tx) => creditPartyMemberHandling(ctx, tx, a),
    }
  },

  async verifyFail(ctx, a, body) {
    const photoIds = await assertOwnFiles(ctx, body.photoIds)
    const { limit, due } = await resolveStart(ctx, a)
    return {
      // The check found the work not done: it is no longer counted as resolved.
      patch: { verifyDueAt: null, resolveDueAt: due, resolvedAt: null, resolutionLevel: null },
      fields: { reason: body.reason, ...(photoIds.length ? { photoIds } : {}) },
      photoIds,
      steps: { finish: ['verify'], start: [{ step: 'resolve', limit }] },
      notify: [{ to: [assigneeOf(a)], kind: 'returnedForWork', title: `核查未通过：${a.number}`, body: body.reason!, appealId: a.id }],
    }
  },

  async reply(ctx, a, body) {
    // 晒单: the community's own line, or the server's suggestion; scrubbed either way
    const publicSummary = scrubPublicText(body.publicSummary ?? suggestedPublicSummary(a), namesOn(a))
    return {
      patch: {
        repliedAt: ctx.now,
        replyMessage: body.message!,
        publicSummary,
        replyDueAt: null,
        autoCloseAt: addLimit(ctx.deps.calendar.get(), ctx.now, AUTO_CLOSE_LIMIT),
      },
      fields: { message: body.message, publicSummary },
      steps: { finish: ['reply'] },
      notify: toSubmitter(a, 'replied', `您的诉求已答复，请评价：${a.number}`, body.message!),
    }
  },

  async rate(ctx, a, body) {
    return rating(ctx, a, body, 'self')
  },

  async rateOnBehalf(ctx, a, body) {
    return rating(ctx, a, body, body.via!)
  },

  async reject(ctx, a, body) {
    return {
      patch: { closedAt: ctx.now, closeReason: 'rejected', ...NO_WAITING_DUES },
      fields: { reason: body.reason },
      steps: { cancel: 'all' },
      notify: toSubmitter(a, 'rejected', `您的诉求不予受理：${a.number}`, body.reason!),
    }
  },

  async merge(ctx, a, body) {
    const targetId = Number(body.duplicateOf)
    const target = targetId === a.id ? undefined : await findAppealById(ctx.db, targetId)
    if (!target || !can(ctx.actor, 'appeal.read', factsOf(target, ctx)) || target.status === 'closed') {
      throw new AppError('INVALID_DUPLICATE', '只能合并到本辖区内另一件未办结的诉求')
    }
    return {
      patch: { closedAt: ctx.now, closeReason: 'merged', duplicateOf: target.id, ...NO_WAITING_DUES },
      fields: { duplicateOf: String(target.id), duplicateNumber: target.number },
      steps: { cancel: 'all' },
      notify: toSubmitter(a, 'merged', `您的诉求已与 ${target.number} 合并办理`, '同一问题已在办理中，办理结果将一并答复'),
    }
  },
}

/**
 * 党员接单: an appeal a party member took (from the pool or dispatched to them) and resolved is credited to
 * their points once the grid's check passes (核查通过) — in the verify's transaction; a failed check credits
 * nothing, and a second pass after more work credits nothing more (one entry per appeal and member).
 */
async function creditPartyMemberHandling(ctx: Ctx, tx: Db, a: AppealRow): Promise<void> {
  if (a.assigneeType !== 'partyMember' || a.assigneeId === PARTY_POOL_ID) return
  const earner = await earnerOfPartyMember(tx, Number(a.assigneeId))
  if (earner === undefined) return
  await creditService(ctx, tx, {
    earnerUserId: earner,
    communityCode: a.communityCode,
    source: { kind: 'appeal', id: a.id },
    quantity: 1,
    occurredAt: a.resolvedAt ?? ctx.now,
    reason: `党员接单：${a.title}（${a.number}）`,
  })
}

/** The resident who raised it is told (首接负责制: nobody is left without an answer). */
function toSubmitter(a: AppealRow, kind: string, title: string, body: string): NotificationIntent[] {
  return a.submitterRole === 'resident' ? [{ to: [{ kind: 'user', userId: a.submitterUserId }], kind, title, body, appealId: a.id }] : []
}

const RATING_NAMES = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' } as const

async function rating(ctx: Ctx, a: AppealRow, body: AppealActionBody, via: string): Promise<Effect> {
  const r = body.rating!
  const common = { rating: r, ratingComment: body.comment ?? null, ratedAt: ctx.now, ratedVia: via, autoCloseAt: null }
  const told: NotificationIntent = {
    to: [assigneeOf(a), { kind: 'place', role: 'community', code: a.communityCode }],
    kind: 'rated',
    title: `群众评价「${RATING_NAMES[r]}」：${a.number}`,
    body: body.comment ?? a.title,
    appealId: a.id,
  }
  if (r === 'unsatisfied') {
    const { limit, due } = await resolveStart(ctx, a)
    const round = a.unsatisfiedCount + 1
    return {
      branch: r,
      patch: { ...common, unsatisfiedCount: round, resolveDueAt: due },
      fields: { rating: r, via, round },
      steps: { start: [{ step: 'resolve', limit }] },
      notify: [told],
      // A second unsatisfied rating raises a supervision (督办) to the street or the county.
      ...(round === 2
        ? {
            after: async (tx, updated) => {
              await openSupervision(ctx, tx, updated, { ...supervisorForUnsatisfied(updated), reason: 'unsatisfied' })
            },
          }
        : {}),
    }
  }
  return { branch: r, patch: { ...common, closedAt: ctx.now, closeReason: r }, fields: { rating: r, via }, notify: [told] }
}

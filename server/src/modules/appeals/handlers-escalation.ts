/**
 * Handlers beyond the everyday loop: 上报街道 (escalate), 吹哨 (whistle), 报到 (reportIn), 协办记录,
 * 退回 (return), 延期 (extension request and decision), 结案说明 (close under supervision).
 */
import { AppError } from '../../errors'
import type { AppealActionBody, Color } from '#contracts/appeals'
import { addLimit } from '../../lib/working-time'
import { isoShanghai } from '../../lib/time'
import { listDepartmentsOfCounty } from '../places'
import { assertOwnFiles } from '../files'
import type { Recipient } from '../../core/outbox'
import { concludeSupervisions } from './supervision-service'
import { findOpenStep, updateDeadlineTimes } from './deadline-queries'
import { dueAt, limitFor } from './deadlines'
import type { Handler } from './effect'
import { assigneeOf, categoryLimits, NO_WAITING_DUES, stepStart } from './handlers-loop'
import { limitUntil, stepTimes } from './steps'
import type { AppealRow } from './queries'
import {
  deactivateWhistle,
  decideExtension,
  findActiveWhistleRecord,
  findPendingExtension,
  insertExtension,
  insertWhistleRecords,
  markReportedIn,
} from './whistle-queries'

/** Default report-in time for whistled departments: one working day. */
export const REPORT_IN_LIMIT = { amount: 1, unit: 'workingDays' } as const

const dispatcherOf = (a: AppealRow): Recipient =>
  a.assignedBy === 'street' ? { kind: 'place', role: 'street', code: a.streetCode } : { kind: 'place', role: 'community', code: a.communityCode }

/** Clearing the handler when the appeal leaves them (escalated or returned). */
const UNASSIGNED = {
  assigneeType: null,
  assigneeId: null,
  assigneeName: null,
  assignedBy: null,
  assignedAt: null,
  claimedByUserId: null,
  poolCommunityCode: null,
  leadDepartmentCode: null,
  whistledDepartmentCodes: [] as string[],
  reportedDepartmentCodes: [] as string[],
  resolveDueAt: null,
  extensionPending: false,
}

export const escalationHandlers: Partial<Record<AppealActionBody['action'], Handler>> = {
  async escalate(ctx, a, body) {
    // 街道审单 has a clock from now
    const review = await stepStart(ctx, a, 'review')
    return {
      patch: { ...UNASSIGNED, escalatedAt: ctx.now, dispatchDueAt: null, reviewDueAt: review.due },
      fields: { reason: body.reason, ...(a.assigneeName ? { previousAssignee: a.assigneeName } : {}), reviewDueAt: isoShanghai(review.due) },
      steps: { cancel: ['resolve', 'dispatch'], start: [{ step: 'review', limit: review.limit }] },
      notify: [
        { to: [{ kind: 'place', role: 'street', code: a.streetCode }], kind: 'escalated', title: `社区上报街道：${a.number}`, body: body.reason!, appealId: a.id },
        ...(a.assigneeType ? [{ to: [assigneeOf(a)], kind: 'withdrawn', title: `诉求已上报街道：${a.number}`, body: '该诉求已由社区上报街道，无需继续办理', appealId: a.id }] : []),
      ],
    }
  },

  async whistle(ctx, a, body) {
    const depts = await listDepartmentsOfCounty(ctx.db, a.countyCode)
    const byCode = new Map(depts.map((d) => [d.code, d]))
    const unknown = body.departmentIds!.filter((c) => !byCode.has(c))
    if (unknown.length) {
      throw new AppError('INVALID_DEPARTMENT', '吹哨部门不在本县部门名录中', unknown.map((c) => ({ field: 'departmentIds', message: `未知部门 ${c}` })))
    }
    const cal = ctx.deps.calendar.get()
    const reportBy = body.reportBy ? new Date(body.reportBy) : addLimit(cal, ctx.now, REPORT_IN_LIMIT)
    if (reportBy <= ctx.now) throw new AppError('INVALID_REPORT_BY', '报到时限必须晚于当前时间')
    if (reportBy > addLimit(cal, ctx.now, { amount: 10, unit: 'workingDays' })) {
      throw new AppError('INVALID_REPORT_BY', '报到时限不能超过 10 个工作日')
    }
    const [lead, ...assist] = body.departmentIds!
    const limits = await categoryLimits(ctx, a)
    const color = a.color as Color
    return {
      patch: {
        assigneeType: 'department',
        assigneeId: lead!,
        assigneeName: byCode.get(lead!)!.name,
        assignedBy: 'street',
        assignedAt: ctx.now,
        claimedByUserId: null,
        poolCommunityCode: null,
        leadDepartmentCode: lead!,
        whistledDepartmentCodes: body.departmentIds!,
        reportedDepartmentCodes: [],
        resolveDueAt: dueAt(cal, ctx.now, 'resolve', color, limits),
        ...NO_WAITING_DUES,
      },
      fields: {
        lead,
        assist,
        departments: body.departmentIds!.map((c) => byCode.get(c)!.name),
        reportBy: reportBy.toISOString(),
      },
      steps: {
        finish: ['review'],
        start: [
          { step: 'resolve', limit: limitFor('resolve', color, limits) },
          ...body.departmentIds!.map((c) => ({ step: 'reportIn' as const, limit: limitUntil(ctx.now, reportBy), departmentCode: c })),
        ],
      },
      after: async (tx) => {
        await insertWhistleRecords(
          tx,
          body.departmentIds!.map((c, i) => ({
            appealId: a.id,
            departmentCode: c,
            role: i === 0 ? 'lead' : 'assist',
            whistledAt: ctx.now,
            whistledByUserId: ctx.actor.userId,
            reportBy,
          })),
        )
      },
      notify: body.departmentIds!.map((c, i) => ({
        to: [{ kind: 'department', code: c } as Recipient],
        kind: 'assigned',
        title: `街道吹哨（${i === 0 ? '主办' : '协办'}）：${a.number}`,
        body: `${a.title}（请于时限内报到）`,
        appealId: a.id,
      })),
    }
  },

  async reportIn(ctx, a, body) {
    const dept = ctx.actor.departmentCode!
    const record = await findActiveWhistleRecord(ctx.db, a.id, dept)
    const late = record !== undefined && ctx.now > record.reportBy
    return {
      patch: { reportedDepartmentCodes: [...a.reportedDepartmentCodes, dept] },
      fields: { department: dept, late, ...(body.note ? { note: body.note } : {}) },
      steps: { finish: [{ step: 'reportIn', departmentCode: dept }] },
      after: async (tx) => {
        await markReportedIn(tx, a.id, dept, ctx.actor.userId, ctx.now, body.note ?? null)
      },
    }
  },

  async assistNote(ctx, a, body) {
    const photoIds = await assertOwnFiles(ctx, body.photoIds)
    return {
      patch: {},
      fields: { note: body.note, department: ctx.actor.departmentCode, ...(photoIds.length ? { photoIds } : {}) },
      photoIds,
      notify: [{ to: [assigneeOf(a)], kind: 'assistNote', title: `协办部门反馈：${a.number}`, body: body.note!, appealId: a.id }],
    }
  },

  async return(ctx, a, body) {
    // Back to whoever sent it: the community's dispatch queue, or the street's review.
    const toStreet = a.status === 'dept_assigned' || a.assignedBy === 'street'
    // back in the dispatcher's queue, with its clock again
    const kind = toStreet ? 'review' : 'dispatch'
    const waiting = await stepStart(ctx, a, kind)
    return {
      branch: toStreet ? 'street' : 'community',
      patch: { ...UNASSIGNED, ...(toStreet ? { reviewDueAt: waiting.due } : { dispatchDueAt: waiting.due }) },
      fields: { reason: body.reason, returnedBy: a.assigneeName, ...(toStreet ? { reviewDueAt: isoShanghai(waiting.due) } : { dispatchDueAt: isoShanghai(waiting.due) }) },
      steps: { cancel: ['resolve', 'reportIn'], start: [{ step: kind, limit: waiting.limit }] },
      after: async (tx) => {
        if (a.status === 'dept_assigned') await deactivateWhistle(tx, a.id)
      },
      notify: [{ to: [dispatcherOf(a)], kind: 'returned', title: `派单被退回：${a.number}`, body: body.reason!, appealId: a.id }],
    }
  },

  async requestExtension(ctx, a, body) {
    return {
      patch: { extensionPending: true },
      fields: { days: body.days, reason: body.reason },
      after: async (tx) => {
        await insertExtension(tx, {
          appealId: a.id,
          days: body.days!,
          reason: body.reason!,
          requestedByUserId: ctx.actor.userId,
          requestedAt: ctx.now,
          status: 'pending',
          previousDueAt: a.resolveDueAt,
        })
      },
      notify: [{ to: [dispatcherOf(a)], kind: 'extension', title: `延期申请 ${body.days} 个工作日：${a.number}`, body: body.reason!, appealId: a.id }],
    }
  },

  async approveExtension(ctx, a, body) {
    const ext = (await findPendingExtension(ctx.db, a.id))!
    const step = await findOpenStep(ctx.db, a.id, 'resolve')
    const cal = ctx.deps.calendar.get()
    const times = step
      ? stepTimes(cal, step.startedAt, { amount: step.limitAmount, unit: step.limitUnit as never }, step.extensionDays + ext.days)
      : undefined
    const newDue = times?.dueAt ?? addLimit(cal, a.resolveDueAt ?? ctx.now, { amount: ext.days, unit: 'workingDays' })
    return {
      patch: { extensionPending: false, resolveDueAt: newDue },
      fields: { days: ext.days, newDueAt: newDue.toISOString(), ...(body.note ? { note: body.note } : {}) },
      after: async (tx) => {
        await decideExtension(tx, ext.id, {
          status: 'approved',
          decidedByUserId: ctx.actor.userId,
          decidedAt: ctx.now,
          note: body.note ?? null,
          newDueAt: newDue,
        })
        if (step && times) await updateDeadlineTimes(tx, step.id, { ...times, extensionDays: step.extensionDays + ext.days })
      },
      notify: [{ to: [assigneeOf(a)], kind: 'extension', title: `延期已同意：${a.number}`, body: `新的办结时限延后 ${ext.days} 个工作日`, appealId: a.id }],
    }
  },

  async denyExtension(ctx, a, body) {
    const ext = (await findPendingExtension(ctx.db, a.id))!
    return {
      patch: { extensionPending: false },
      fields: { days: ext.days, ...(body.note ? { note: body.note } : {}) },
      after: async (tx) => {
        await decideExtension(tx, ext.id, { status: 'denied', decidedByUserId: ctx.actor.userId, decidedAt: ctx.now, note: body.note ?? null })
      },
      notify: [{ to: [assigneeOf(a)], kind: 'extension', title: `延期未同意：${a.number}`, body: body.note ?? '请按原时限办结', appealId: a.id }],
    }
  },

  async closeWithExplanation(ctx, a, body) {
    const code = ctx.actor.placeCode!
    return {
      patch: { closedAt: ctx.now, closeReason: 'explained' },
      fields: { explanation: body.explanation },
      steps: { cancel: 'all' },
      after: async (tx) => {
        await concludeSupervisions(ctx, tx, a.id, code, body.explanation!)
      },
      notify: [
        {
          to: [{ kind: 'place', role: 'community', code: a.communityCode }, assigneeOf(a)],
          kind: 'closed',
          title: `督办结案说明：${a.number}`,
          body: body.explanation!,
          appealId: a.id,
        },
      ],
    }
  },
}

/**
 * 报名与考勤: a person signs up for an activity (a slot taken in the same statement that checks one is
 * left, so two sign-ups for the last slot cannot both win), cancels before it starts, and is checked in
 * and out — by the organiser, or by themselves with the code shown at the venue. Check-out credits the
 * hours served; it is the completing step of a volunteer's service (see `checkOut`).
 */
import type { Ctx } from '../../context'
import { checkAction, commitChange, commitTransition, listWorkflowEvents, sharedTimeline, type NotificationIntent } from '../../core'
import type { Db } from '../../db/client'
import { AppError, notFound } from '../../errors'
import { authorize, can, signupRoleOf, signupWorkflow, type SignupFacts } from '../../permissions'
import type { ActivityKind, AttendanceByCodeBody, Signup, SignupActionBody, SignupStatus } from '#contracts/volunteers'
import { creditService } from '../points'
import { loadVisibleActivity } from './activities'
import { activityFacts, durationHours, presentSignup, signupFacts } from './presenter'
import {
  findActivity,
  findSignup,
  findSignupByCode,
  insertSignup,
  listLiveSignupsOfUser,
  releaseSlot,
  takeSlot,
  updateSignupVersioned,
  type ActivityWithNames,
  type SignupRow,
  type SignupWithName,
} from './queries'

const ENTITY = signupWorkflow.table.entity
const timeline = sharedTimeline(ENTITY)
const SIGNUP_NOT_FOUND = '报名记录不存在或无权查看'
const HOUR = 3_600_000

/** Hours to the nearest half hour. */
export const roundToHalfHour = (h: number) => Math.round(h * 2) / 2

/**
 * The hours a check-out credits: the time actually served between check-in and check-out, capped at
 * the activity's length, rounded to the nearest half hour.
 */
export function creditedHours(checkedInAt: Date, checkedOutAt: Date, activity: { startsAt: Date; endsAt: Date }): number {
  const served = Math.max(checkedOutAt.getTime() - checkedInAt.getTime(), 0) / HOUR
  return roundToHalfHour(Math.min(served, durationHours(activity)))
}

/** 报名: take a slot and sign up, in one transaction; the N+1th is 422 ACTIVITY_FULL with nothing written. */
export async function signUp(ctx: Ctx, activityId: number): Promise<Signup> {
  const row = await loadVisibleActivity(ctx, activityId)
  const a = row.activity
  const facts = activityFacts(row)
  authorize(ctx.actor, 'volunteer.signUp', { ...facts, kind: a.kind as ActivityKind })
  if (a.status !== 'published' || a.endsAt <= ctx.now) throw new AppError('SIGNUP_CLOSED')
  if ((await listLiveSignupsOfUser(ctx.db, ctx.actor.userId, [activityId])).length) throw new AppError('ALREADY_SIGNED_UP')
  const role = signupRoleOf(a.kind as ActivityKind)
  const signup = await commitChange<SignupRow>(ctx, {
    entityId: (s) => s.id,
    apply: async (tx) => {
      if (!(await takeSlot(tx, activityId, ctx.now))) throw new AppError('ACTIVITY_FULL')
      const s = await insertSignup(tx, {
        activityId,
        userId: ctx.actor.userId,
        role,
        partyMemberId: ctx.actor.partyMemberId,
        residentId: ctx.actor.residentId,
        status: signupWorkflow.table.initial,
        signedUpAt: ctx.now,
        updatedAt: ctx.now,
      })
      // a second tab signing up at the same moment: the transaction (and its slot) goes back
      if (!s) throw new AppError('ALREADY_SIGNED_UP')
      return s
    },
    event: { write: timeline, entry: { action: 'signUp', fromStatus: null, toStatus: signupWorkflow.table.initial, fields: { activityId: String(activityId), role } } },
    audit: (s) => ({ action: 'volunteerSignup.signUp', entityType: 'volunteerSignup', after: { status: s.status, activityId, role } }),
  })
  return getSignup(ctx, signup.id)
}

async function loadSignup(ctx: Ctx, id: number): Promise<{ s: SignupWithName; activity: ActivityWithNames } | undefined> {
  const s = await findSignup(ctx.db, id)
  if (!s) return undefined
  const activity = (await findActivity(ctx.db, s.signup.activityId))!
  return { s, activity }
}

export async function getSignup(ctx: Ctx, id: number): Promise<Signup> {
  const found = await loadSignup(ctx, id)
  const facts = found && signupFacts(found.s.signup, activityFacts(found.activity), ctx.now)
  if (!found || !can(ctx.actor, 'volunteer.readSignup', facts!)) throw notFound(SIGNUP_NOT_FOUND)
  return presentSignup(ctx.actor, found.s, facts!.activity, ctx.now, await listWorkflowEvents(ctx.db, ENTITY, id))
}

/** What each action changes besides the state, and what the timeline records. */
interface Effect {
  patch: Partial<SignupRow>
  fields: Record<string, unknown>
  notify?: NotificationIntent[]
  /** more writes in the same transaction */
  after?: (tx: Db, row: SignupRow) => Promise<void>
}

function effectOf(ctx: Ctx, body: Pick<SignupActionBody, 'action' | 'hours' | 'reason'>, s: SignupRow, found: ActivityWithNames, facts: SignupFacts): Effect {
  const a = found.activity
  const byOrganiser = ctx.actor.userId !== s.userId
  const toPerson: NotificationIntent['to'] = [{ kind: 'user', userId: s.userId }]
  switch (body.action) {
    // the time rules (cancel before the start; check in from an hour before it) are the workflow's preconditions
    case 'cancel':
      return {
        patch: { cancelledAt: ctx.now },
        fields: body.reason ? { reason: body.reason } : {},
        after: (tx) => releaseSlot(tx, a.id),
        ...(byOrganiser ? { notify: [{ to: toPerson, kind: 'volunteer', title: `您的报名已被取消：${a.title}`, body: body.reason ?? '如有疑问请联系社区' }] } : {}),
      }
    case 'checkIn':
      return { patch: { checkedInAt: ctx.now }, fields: { by: facts.atVenue ? 'code' : 'organiser' } }
    case 'checkOut':
      return checkOut(ctx, s, a, facts)
    case 'correctHours': {
      const hours = body.hours!
      const most = Math.ceil(durationHours(a) * 2) / 2
      if (hours > most) {
        throw new AppError('HOURS_OUT_OF_RANGE', `服务时长不能超过活动时长（${most} 小时）`, [{ field: 'hours', message: `须在 0 到 ${most} 小时之间` }])
      }
      return {
        patch: { hours },
        fields: { hours, previousHours: s.hours, reason: body.reason },
        notify: [{ to: toPerson, kind: 'volunteer', title: `服务时长已更正：${a.title}`, body: `更正为 ${hours} 小时：${body.reason}` }],
        // points: credited here only if the check-out credited none (see creditHours)
        after: (tx, row) => creditHours(ctx, tx, row, a),
      }
    }
  }
}

/**
 * 签退 — the completing step of a volunteer's service: the hours served are credited on the sign-up and
 * priced into the volunteer's points (党建+积分), both in the transaction of the check-out. A resident's
 * booking (预约) and a stay of no credited time earn no points.
 */
function checkOut(ctx: Ctx, s: SignupRow, a: ActivityWithNames['activity'], facts: SignupFacts): Effect {
  const hours = s.role === 'volunteer' ? creditedHours(s.checkedInAt!, ctx.now, a) : null
  return {
    patch: { checkedOutAt: ctx.now, hours },
    fields: { hours, by: facts.atVenue ? 'code' : 'organiser' },
    after: (tx, row) => creditHours(ctx, tx, row, a),
  }
}

/**
 * The points of a sign-up's credited hours: once per sign-up (the ledger's source is the sign-up), at
 * check-out or — if the check-out credited no time — at the organiser's first correction to a positive
 * figure. A later correction leaves the entry as it stands (the ledger is append-only; the community puts
 * a wrong entry right with 冲正 and 社区奖励 on the points page).
 */
async function creditHours(ctx: Ctx, tx: Db, row: SignupRow, a: ActivityWithNames['activity']): Promise<void> {
  if (row.role !== 'volunteer' || !row.hours || row.hours <= 0) return
  await creditService(ctx, tx, {
    earnerUserId: row.userId,
    communityCode: a.communityCode,
    source: { kind: 'activity', id: row.id },
    quantity: row.hours,
    occurredAt: row.checkedOutAt ?? ctx.now,
    reason: `参加“${a.title}”志愿服务 ${row.hours} 小时`,
  })
}

/** One sign-up action, checked in the order every workflow follows, committed with its event and audit row. */
async function act(ctx: Ctx, id: number, body: Pick<SignupActionBody, 'action' | 'hours' | 'reason'> & { version?: number }, atVenue: boolean): Promise<Signup> {
  const found = await loadSignup(ctx, id)
  const s = found?.s.signup
  const facts = found && signupFacts(s!, activityFacts(found.activity), ctx.now, atVenue)
  const transition = checkAction(signupWorkflow, ctx.actor, {
    facts,
    visible: facts !== undefined && can(ctx.actor, 'volunteer.readSignup', facts),
    version: s?.version ?? 0,
    ...(body.version !== undefined ? { sentVersion: body.version } : { sentVersion: s?.version ?? 0 }),
    body: { action: body.action, ...(body.hours !== undefined ? { hours: body.hours } : {}), ...(body.reason !== undefined ? { reason: body.reason } : {}) },
    notFoundMessage: SIGNUP_NOT_FOUND,
    conflictMessage: '报名记录已被他人更新，请刷新后重试',
  })
  const effect = effectOf(ctx, body, s!, found!.activity, facts!)
  await commitTransition(ctx, {
    workflow: signupWorkflow,
    transition,
    from: facts!.status as SignupStatus,
    version: s!.version,
    entityId: id,
    apply: (tx, to) => updateSignupVersioned(tx, id, s!.version, { ...effect.patch, status: to, updatedAt: ctx.now }),
    versionOf: (u) => u.version,
    timeline,
    fields: effect.fields,
    ...(effect.notify ? { notify: effect.notify } : {}),
    ...(effect.after ? { after: effect.after } : {}),
    conflict: { message: '报名记录已被他人更新，请刷新后重试' },
  })
  return getSignup(ctx, id)
}

/** POST /volunteers/signups/:id/actions — cancel, checkIn, checkOut (the organiser for a listed person) or correctHours. */
export const actOnSignup = (ctx: Ctx, id: number, body: SignupActionBody): Promise<Signup> => act(ctx, id, body, false)

/** 现场签到/签退: the person gives the venue's code of an activity they signed up for. */
export async function attendByCode(ctx: Ctx, body: AttendanceByCodeBody): Promise<Signup> {
  authorize(ctx.actor, 'volunteer.attend')
  const found = await findSignupByCode(ctx.db, ctx.actor.userId, body.code)
  if (!found) throw new AppError('CHECK_IN_CODE_INVALID')
  return act(ctx, found.signup.id, { action: body.action }, true)
}

/**
 * 志愿活动: the community, or the leader of the organiser team, publishes an activity (定时 / 错时 / 预约)
 * with a venue, a time and slots; its states follow ACTIVITY_WORKFLOW (contracts/volunteer-names.ts):
 * draft → published → closed / ongoing → finished, or cancelled. Every change commits through the core.
 */
import crypto from 'node:crypto'
import type { Ctx } from '../../context'
import { checkAction, commitChange, commitTransition, listWorkflowEvents, sharedTimeline, type NotificationIntent } from '../../core'
import { AppError, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { shanghaiDayStart } from '../../lib/time'
import { activityWorkflow, authorize, can } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type { Activity, ActivityActionBody, CreateActivityBody, ListActivitiesQuery } from '#contracts/volunteers'
import { activityFacts, presentActivity } from './presenter'
import {
  countActivities,
  findActivity,
  findCommunity,
  findTeam,
  insertActivity,
  listActivities,
  listActivitiesSoonest,
  listLiveSignupsOfUser,
  listSignupsOf,
  updateActivityVersioned,
  type ActivityFilter,
  type ActivityRow,
  type ActivityWithNames,
} from './queries'
import { homePlace } from './teams'

const ENTITY = activityWorkflow.table.entity
const timeline = sharedTimeline(ENTITY)
export const ACTIVITY_NOT_FOUND = '活动不存在或无权查看'
const HOUR = 3_600_000

/** A fresh 6-digit venue code. */
const newCheckInCode = () => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0')

/** The people of an activity's organiser team hear of it when it is published. */
function toTeam(row: { teamId: number | null; title: string; startsAt: Date; venue: string }): NotificationIntent[] {
  if (row.teamId === null) return []
  return [{ to: [{ kind: 'assignee', type: 'team', id: String(row.teamId) }], kind: 'volunteer', title: `新活动：${row.title}`, body: `${row.venue}，欢迎报名` }]
}

/** 发布活动 (or keep it as a draft with `publish: false`). */
export async function createActivity(ctx: Ctx, body: CreateActivityBody): Promise<Activity> {
  const community = await findCommunity(ctx.db, body.communityCode)
  if (!community) throw new AppError('UNKNOWN_COMMUNITY')
  const team = body.teamId ? await findTeam(ctx.db, Number(body.teamId)) : undefined
  if (body.teamId && (!team || team.team.communityCode !== community.code)) {
    throw new AppError('UNKNOWN_TEAM', undefined, [{ field: 'teamId', message: '队伍不存在或不在该社区' }])
  }
  authorize(ctx.actor, 'volunteer.publish', { communityCode: community.code, leaderUserId: team?.team.leaderUserId ?? null })
  const startsAt = new Date(body.startsAt)
  const endsAt = new Date(body.endsAt)
  if (!(endsAt > startsAt) || endsAt.getTime() - startsAt.getTime() > 24 * HOUR) {
    throw new AppError('INVALID_ACTIVITY_TIME', undefined, [{ field: 'endsAt', message: '结束时间须晚于开始时间，且不超过 24 小时' }])
  }
  const status = body.publish === false ? 'draft' : 'published'
  const row = await commitChange<ActivityRow>(ctx, {
    entityId: (a) => a.id,
    apply: (tx) =>
      insertActivity(tx, {
        communityCode: community.code,
        teamId: team ? team.team.id : null,
        title: body.title.trim(),
        description: body.description?.trim() ?? '',
        venue: body.venue.trim(),
        startsAt,
        endsAt,
        slots: body.slots,
        kind: body.kind,
        status,
        checkInCode: newCheckInCode(),
        createdByUserId: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }),
    event: { write: timeline, entry: { action: 'create', fromStatus: null, toStatus: status, fields: { title: body.title.trim(), slots: body.slots, kind: body.kind } } },
    audit: (a) => ({ action: 'activity.create', entityType: 'activity', after: { status, title: a.title, communityCode: a.communityCode, teamId: a.teamId, slots: a.slots } }),
    notify: (a) => (status === 'published' ? toTeam(a) : []),
  })
  return getActivity(ctx, row.id)
}

export async function loadVisibleActivity(ctx: Ctx, id: number): Promise<ActivityWithNames> {
  const row = await findActivity(ctx.db, id)
  if (!row || !can(ctx.actor, 'volunteer.readActivity', activityFacts(row))) throw notFound(ACTIVITY_NOT_FOUND)
  return row
}

/** An activity; its organiser and the places above also get every sign-up and the timeline. */
export async function getActivity(ctx: Ctx, id: number): Promise<Activity> {
  const row = await loadVisibleActivity(ctx, id)
  const [mine] = await listLiveSignupsOfUser(ctx.db, ctx.actor.userId, [id])
  const people = ctx.actor.role === 'partyMember' || ctx.actor.role === 'resident'
  const full = !people || can(ctx.actor, 'volunteer.publish', activityFacts(row))
  return presentActivity(ctx.actor, row, {
    mySignup: mine,
    now: ctx.now,
    ...(full ? { signups: await listSignupsOf(ctx.db, id), events: await listWorkflowEvents(ctx.db, ENTITY, id) } : {}),
  })
}

/** Activities of the caller's place (a person: their community) — newest first; `upcoming` soonest first; `mine` the caller's. */
export async function listActivitiesFor(ctx: Ctx, q: ListActivitiesQuery): Promise<PageOf<Activity>> {
  authorize(ctx.actor, 'volunteer.list')
  const limit = q.limit ?? 20
  const view = q.view ?? 'all'
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const filter: ActivityFilter = {
    placePrefix: view === 'mine' ? '' : homePlace(ctx, q.place),
    // drafts only for their organisers
    hideDraftsExceptCommunity: ctx.actor.role === 'community' ? ctx.actor.placeCode : null,
    hideDraftsExceptLeader: ctx.actor.userId,
    ...(q.status ? { statuses: q.status } : view === 'upcoming' ? { statuses: ['published', 'closed', 'ongoing'] } : {}),
    ...(q.teamId ? { teamId: Number(q.teamId) } : {}),
    ...(q.from ? { startsFrom: shanghaiDayStart(q.from) } : {}),
    ...(q.to ? { startsBefore: shanghaiDayStart(q.to) } : {}),
    ...(view === 'upcoming' ? { notEndedAt: ctx.now } : {}),
    ...(view === 'mine' ? { signedUpUserId: ctx.actor.userId } : {}),
  }
  const list = view === 'upcoming' ? listActivitiesSoonest : listActivities
  const rows = await list(ctx.db, { ...filter, limit, ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const mine = await listLiveSignupsOfUser(ctx.db, ctx.actor.userId, page.map((r) => r.activity.id))
  const last = page.at(-1)
  return {
    items: page.map((r) => presentActivity(ctx.actor, r, { mySignup: mine.find((s) => s.signup.activityId === r.activity.id), now: ctx.now })),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.activity.startsAt.toISOString(), id: last.activity.id }) : null,
    ...(q.withTotal ? { total: await countActivities(ctx.db, filter) } : {}),
  }
}

/** POST /volunteers/activities/:id/actions — publish, close, start, finish or cancel, in the order every workflow checks. */
export async function actOnActivity(ctx: Ctx, id: number, body: ActivityActionBody): Promise<Activity> {
  const row = await findActivity(ctx.db, id)
  const facts = row ? activityFacts(row) : undefined
  const transition = checkAction(activityWorkflow, ctx.actor, {
    facts,
    visible: facts !== undefined && can(ctx.actor, 'volunteer.readActivity', facts),
    version: row?.activity.version ?? 0,
    sentVersion: body.version,
    body,
    notFoundMessage: ACTIVITY_NOT_FOUND,
    conflictMessage: '活动已被他人更新，请刷新后重试',
  })
  const a = row!.activity
  let notify: NotificationIntent[] = []
  const fields: Record<string, unknown> = {}
  if (body.action === 'cancel') {
    fields.reason = body.reason
    // everyone signed up hears of it
    const people = (await listSignupsOf(ctx.db, id)).filter((s) => s.signup.status !== 'cancelled')
    if (people.length) {
      notify = [{ to: people.map((s) => ({ kind: 'user' as const, userId: s.signup.userId })), kind: 'volunteer', title: `活动已取消：${a.title}`, body: body.reason! }]
    }
  }
  if (body.action === 'publish') notify = toTeam(a)
  if (body.note) fields.note = body.note
  await commitTransition(ctx, {
    workflow: activityWorkflow,
    transition,
    from: facts!.status,
    version: a.version,
    entityId: id,
    apply: (tx, to) => updateActivityVersioned(tx, id, a.version, { status: to, updatedAt: ctx.now }),
    versionOf: (u) => u.version,
    timeline,
    fields,
    notify,
    conflict: { message: '活动已被他人更新，请刷新后重试' },
  })
  return getActivity(ctx, id)
}

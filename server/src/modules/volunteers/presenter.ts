/** 志愿服务 rows → API responses, with the caller's allowed actions (and, for a detail, the timeline). */
import type { TimelineEvent } from '#contracts/common'
import { ROLE_NAMES, labelOf } from '#contracts/labels'
import {
  ACTIVITY_ACTION_NAMES,
  ACTIVITY_KIND_NAMES,
  ACTIVITY_STATUS_NAMES,
  SIGNUP_ACTION_NAMES,
  SIGNUP_ROLE_NAMES,
  SIGNUP_STATUS_NAMES,
  TEAM_KIND_NAMES,
  type Activity,
  type ActivityKind,
  type ActivityStatus,
  type Signup,
  type SignupRole,
  type SignupStatus,
  type TeamKind,
  type VolunteerTeam,
} from '#contracts/volunteers'
import { presentTimelineEvent, type WorkflowEventRow } from '../../core'
import { isoOrNull, isoShanghai } from '../../lib/time'
import { activityWorkflow, can, isOrganiser, signupRoleOf, signupWorkflow, type ActivityFacts, type Actor, type SignupFacts } from '../../permissions'
import type { ActivityWithNames, SignupWithName, TeamWithNames } from './queries'

const HOUR = 3_600_000

export function presentTeam(actor: Actor, t: TeamWithNames, members: { userId: number; name: string; role: string }[]): VolunteerTeam {
  const kind = t.team.kind as TeamKind
  return {
    id: String(t.team.id),
    communityCode: t.team.communityCode,
    communityName: t.communityName,
    name: t.team.name,
    kind,
    kindName: labelOf(TEAM_KIND_NAMES, kind),
    leader: t.team.leaderUserId !== null && t.leaderName !== null ? { userId: String(t.team.leaderUserId), name: t.leaderName } : null,
    members: members.map((m) => ({ userId: String(m.userId), name: m.name, role: m.role, roleName: labelOf(ROLE_NAMES, m.role) })),
    version: t.team.version,
    canManage: can(actor, 'volunteer.keepTeam', t.team.communityCode),
  }
}

export function activityFacts(row: ActivityWithNames): ActivityFacts {
  const a = row.activity
  return { status: a.status as ActivityStatus, communityCode: a.communityCode, leaderUserId: row.leaderUserId, startsAt: a.startsAt, endsAt: a.endsAt }
}

export function signupFacts(s: SignupWithName['signup'], activity: ActivityFacts, now: Date, atVenue = false): SignupFacts {
  return { status: s.status as SignupStatus, userId: s.userId, activity, atVenue, now }
}

/** The activity's length in hours (the most a check-out credits). */
export const durationHours = (a: { startsAt: Date; endsAt: Date }) => (a.endsAt.getTime() - a.startsAt.getTime()) / HOUR

export const presentSignupEvent = (e: WorkflowEventRow): TimelineEvent => presentTimelineEvent(e, SIGNUP_ACTION_NAMES)
export const presentActivityEvent = (e: WorkflowEventRow): TimelineEvent => presentTimelineEvent(e, ACTIVITY_ACTION_NAMES)

export function presentSignup(actor: Actor, s: SignupWithName, activity: ActivityFacts, now: Date, events?: WorkflowEventRow[]): Signup {
  const r = s.signup
  const status = r.status as SignupStatus
  return {
    id: String(r.id),
    activityId: String(r.activityId),
    user: { id: String(r.userId), name: s.userName },
    role: r.role as SignupRole,
    roleName: labelOf(SIGNUP_ROLE_NAMES, r.role),
    status,
    statusName: SIGNUP_STATUS_NAMES[status],
    version: r.version,
    signedUpAt: isoShanghai(r.signedUpAt),
    checkedInAt: isoOrNull(r.checkedInAt),
    checkedOutAt: isoOrNull(r.checkedOutAt),
    hours: r.hours,
    allowedActions: signupWorkflow.allowedActions(actor, signupFacts(r, activity, now)),
    ...(events ? { events: events.map(presentSignupEvent) } : {}),
  }
}

export function presentActivity(
  actor: Actor,
  row: ActivityWithNames,
  o: { mySignup: SignupWithName | undefined; now: Date; signups?: SignupWithName[]; events?: WorkflowEventRow[] },
): Activity {
  const a = row.activity
  const facts = activityFacts(row)
  const status = a.status as ActivityStatus
  const kind = a.kind as ActivityKind
  const organiser = isOrganiser(actor, facts)
  const open = status === 'published' && a.endsAt > o.now && a.taken < a.slots
  return {
    id: String(a.id),
    community: { code: a.communityCode, name: row.communityName },
    team: a.teamId !== null && row.teamName !== null ? { id: String(a.teamId), name: row.teamName, kindName: labelOf(TEAM_KIND_NAMES, row.teamKind) } : null,
    title: a.title,
    description: a.description,
    venue: a.venue,
    startsAt: isoShanghai(a.startsAt),
    endsAt: isoShanghai(a.endsAt),
    durationHours: durationHours(a),
    kind,
    kindName: ACTIVITY_KIND_NAMES[kind],
    status,
    statusName: ACTIVITY_STATUS_NAMES[status],
    version: a.version,
    slots: a.slots,
    slotsLeft: Math.max(a.slots - a.taken, 0),
    signupRole: signupRoleOf(kind),
    mySignup: o.mySignup ? presentSignup(actor, o.mySignup, facts, o.now) : null,
    canSignUp: open && !o.mySignup && can(actor, 'volunteer.signUp', { ...facts, kind }),
    checkInCode: organiser ? a.checkInCode : null,
    isOrganiser: organiser,
    allowedActions: activityWorkflow.allowedActions(actor, facts),
    ...(o.signups ? { signups: o.signups.map((s) => presentSignup(actor, s, facts, o.now)) } : {}),
    ...(o.events ? { events: o.events.map(presentActivityEvent) } : {}),
  }
}

/**
 * 志愿服务: the community keeps its teams and runs activities; a team's leader runs the team's
 * activities; party members and residents of the community sign up (residents book 预约 activities)
 * and check in and out with the venue's code; places above see everything under them.
 */
import {
  ACTIVITY_WORKFLOW,
  SIGNUP_WORKFLOW,
  type ActivityKind,
  type ActivityRelation,
  type ActivityStatus,
  type SignupRelation,
  type SignupStatus,
} from '#contracts/volunteer-names'
import { defineWorkflow } from '../../core/workflow'
import { placeInScope, type Actor } from '../actor'
import { rule } from '../policy'

export interface ActivityFacts {
  status: ActivityStatus
  communityCode: string
  /** the leader of the organiser team, if any */
  leaderUserId: number | null
  startsAt: Date
  endsAt: Date
}

export interface SignupFacts {
  status: SignupStatus
  userId: number
  activity: ActivityFacts
  /** the caller gave the venue's code of this activity */
  atVenue: boolean
  /** the time of the request (check-in opens an hour before the start; a sign-up is cancelled before it) */
  now: Date
}

/** check-in opens this long before the start */
export const CHECK_IN_EARLY_MS = 3_600_000

/** The activity's community account, or the leader of its organiser team. */
export const isOrganiser = (actor: Actor, a: Pick<ActivityFacts, 'communityCode' | 'leaderUserId'>): boolean =>
  (actor.role === 'community' && actor.placeCode === a.communityCode) || (a.leaderUserId !== null && actor.userId === a.leaderUserId)

const ACTIVITY_RELATIONS: Record<ActivityRelation, (actor: Actor, a: ActivityFacts) => boolean> = { organiser: isOrganiser }

export const activityWorkflow = defineWorkflow(ACTIVITY_WORKFLOW, {
  stateOf: (a: ActivityFacts) => a.status,
  relations: ACTIVITY_RELATIONS,
  messages: { invalidTransition: '活动当前状态不能执行此操作', forbidden: '只有活动的组织者（社区或队长）可以执行此操作' },
})

const SIGNUP_RELATIONS: Record<SignupRelation, (actor: Actor, s: SignupFacts) => boolean> = {
  self: (actor, s) => actor.userId === s.userId,
  selfAtVenue: (actor, s) => actor.userId === s.userId && s.atVenue,
  organiser: (actor, s) => isOrganiser(actor, s.activity),
}

export const signupWorkflow = defineWorkflow(SIGNUP_WORKFLOW, {
  stateOf: (s: SignupFacts) => s.status,
  relations: SIGNUP_RELATIONS,
  stateRefusals: {
    checkOut: (s) =>
      s.status === 'signedUp' ? { code: 'NOT_CHECKED_IN' } : s.status === 'completed' ? { code: 'ALREADY_CHECKED_OUT' } : { code: 'INVALID_TRANSITION', message: '报名已取消，不能签退' },
    checkIn: (s) => (s.status === 'cancelled' ? { code: 'INVALID_TRANSITION', message: '报名已取消，不能签到' } : { code: 'ALREADY_CHECKED_IN' }),
  },
  preconditions: {
    cancel: (s) => (s.now >= s.activity.startsAt ? { code: 'SIGNUP_CANCEL_TOO_LATE' } : null),
    checkIn: (s) =>
      !['published', 'closed', 'ongoing'].includes(s.activity.status)
        ? { code: 'ATTENDANCE_CLOSED' }
        : s.now.getTime() < s.activity.startsAt.getTime() - CHECK_IN_EARLY_MS || s.now > s.activity.endsAt
          ? { code: 'CHECK_IN_NOT_OPEN' }
          : null,
    checkOut: (s) => (['published', 'closed', 'ongoing', 'finished'].includes(s.activity.status) ? null : { code: 'ATTENDANCE_CLOSED' }),
  },
  messages: { invalidTransition: '报名当前状态不能执行此操作', forbidden: '您不能处理这条报名' },
  forbiddenMessages: {
    checkIn: '请在活动现场输入签到码签到，或由组织者代为签到',
    checkOut: '请在活动现场输入签到码签退，或由组织者代为签退',
    correctHours: '只有活动的组织者可以更正服务时长',
  },
})

const PLACE_ROLES: readonly string[] = ['county', 'street', 'community', 'gridHead', 'gridWorker']
/** who may sign up for activities of a community: its party members and residents (by their account's place) */
const PEOPLE_ROLES: readonly string[] = ['partyMember', 'resident']
const placeUnder = (actor: Actor, communityCode: string) => actor.placeCode !== null && actor.placeCode.startsWith(communityCode)

/** the sign-up's role an activity kind takes */
export const signupRoleOf = (kind: ActivityKind) => (kind === 'booking' ? 'resident' : 'volunteer')

export const volunteerRules = {
  /** teams and activities: staff of places see what is under them; party members and residents those of their community */
  'volunteer.list': rule((actor) => PLACE_ROLES.includes(actor.role) || PEOPLE_ROLES.includes(actor.role), 'FORBIDDEN', '您的角色不能查看志愿服务'),
  'volunteer.listAt': rule((actor, code: string) => placeInScope(actor, code), 'NOT_FOUND', '地点不存在或不在您的辖区内'),
  /** a team's community keeps it */
  'volunteer.keepTeam': rule((actor, communityCode: string) => actor.role === 'community' && actor.placeCode === communityCode, 'FORBIDDEN', '只有队伍所在社区可以管理队伍'),
  'volunteer.readTeam': rule(
    (actor, communityCode: string) => (PLACE_ROLES.includes(actor.role) && placeInScope(actor, communityCode)) || placeUnder(actor, communityCode),
    'NOT_FOUND',
    '队伍不存在或无权查看',
  ),
  /** the community publishes, or the leader of the organiser team */
  'volunteer.publish': rule((actor, a: Pick<ActivityFacts, 'communityCode' | 'leaderUserId'>) => isOrganiser(actor, a), 'FORBIDDEN', '只有社区或组织队伍的队长可以发布活动'),
  /** an activity is seen by the places above it, its organiser and the people of its community (drafts only by the organiser) */
  'volunteer.readActivity': rule(
    (actor, a: ActivityFacts) =>
      isOrganiser(actor, a) ||
      (PLACE_ROLES.includes(actor.role) && placeInScope(actor, a.communityCode)) ||
      (a.status !== 'draft' && PEOPLE_ROLES.includes(actor.role) && placeUnder(actor, a.communityCode)),
    'NOT_FOUND',
    '活动不存在或无权查看',
  ),
  /** 报名: party members and residents of the activity's community; 预约 activities only residents */
  'volunteer.signUp': rule(
    (actor, a: ActivityFacts & { kind: ActivityKind }) =>
      placeUnder(actor, a.communityCode) &&
      (signupRoleOf(a.kind) === 'resident' ? actor.role === 'resident' : PEOPLE_ROLES.includes(actor.role)),
    'SIGNUP_NOT_ALLOWED',
  ),
  /** a sign-up is seen by its person and by whoever sees the activity's sign-ups (organiser, places above) */
  'volunteer.readSignup': rule(
    (actor, s: SignupFacts) => actor.userId === s.userId || isOrganiser(actor, s.activity) || (PLACE_ROLES.includes(actor.role) && placeInScope(actor, s.activity.communityCode)),
    'NOT_FOUND',
    '报名记录不存在或无权查看',
  ),
  /** 现场签到: a person with an account who signed up */
  'volunteer.attend': rule((actor) => PEOPLE_ROLES.includes(actor.role), 'FORBIDDEN', '只有报名的党员或居民可以用签到码签到'),
  /** figures: places see what is under them; a person sees their own */
  'volunteer.figures': rule((actor) => PLACE_ROLES.includes(actor.role) || PEOPLE_ROLES.includes(actor.role), 'FORBIDDEN', '您的角色不能查看志愿服务统计'),
}

/**
 * 志愿服务 — teams (党员先锋队, 微心愿服务队, 纠纷调解队, 敲门队 …) with a kind, a leader and members;
 * activities a community or a team leader publishes (定时 / 错时 / 预约) with slots; sign-ups with
 * capacity; check-in and check-out by the organiser or with the venue's code; hours credited at
 * check-out; 人次 and hours per person, team, unit and community, derived by queries.
 */
import { DateParam, Id, IsoTime, Literals, Nullable, Obj, PageQuery, PlaceCode, Str, Text, TimelineEvent, Type, Version, type Static } from './common'
import { ACTIVITY_ACTIONS, ACTIVITY_KINDS, ACTIVITY_STATUSES, SIGNUP_ACTIONS, SIGNUP_ROLES, SIGNUP_STATUSES, TEAM_KINDS } from './volunteer-names'

export * from './volunteer-names'

const CommunityCode = Type.String({ pattern: '^[0-9]{12}$', description: '社区代码（12 位）' })

// ---- 队伍 -----------------------------------------------------------------------------------------

export const TeamMemberItem = Type.Object({ userId: Id, name: Type.String(), role: Type.String(), roleName: Type.String() })

export const VolunteerTeam = Type.Object({
  id: Id,
  communityCode: Type.String(),
  communityName: Type.String(),
  name: Type.String(),
  kind: Literals(TEAM_KINDS),
  kindName: Type.String(),
  leader: Nullable(Type.Object({ userId: Id, name: Type.String() })),
  members: Type.Array(TeamMemberItem),
  version: Type.Integer(),
  /** may the caller change the team (its community's account) */
  canManage: Type.Boolean(),
})
export type VolunteerTeam = Static<typeof VolunteerTeam>
export const VolunteerTeamList = Type.Object({ items: Type.Array(VolunteerTeam) })

export const ListVolunteerTeamsQuery = Obj({ place: Type.Optional(PlaceCode) })
export type ListVolunteerTeamsQuery = Static<typeof ListVolunteerTeamsQuery>

export const CreateVolunteerTeamBody = Obj({
  communityCode: CommunityCode,
  name: Text(50, '队伍名称'),
  kind: Literals(TEAM_KINDS, '队伍类型'),
  leaderUserId: Type.Optional(Id),
})
export type CreateVolunteerTeamBody = Static<typeof CreateVolunteerTeamBody>

export const UpdateVolunteerTeamBody = Obj({
  version: Version,
  name: Type.Optional(Text(50, '队伍名称')),
  kind: Type.Optional(Literals(TEAM_KINDS, '队伍类型')),
  leaderUserId: Type.Optional(Nullable(Id, '队长账号；null 为不设队长')),
})
export type UpdateVolunteerTeamBody = Static<typeof UpdateVolunteerTeamBody>

export const TeamMemberBody = Obj({ version: Version, userId: Id })
export type TeamMemberBody = Static<typeof TeamMemberBody>
export const TeamMemberParams = Obj({ id: Id, userId: Id })
export const TeamVersionQuery = Obj({ version: Version })

/** 可加入队伍的人: party members' and residents' accounts of a community. */
export const MemberCandidatesQuery = Obj({ community: CommunityCode, q: Type.Optional(Str(20)) })
export type MemberCandidatesQuery = Static<typeof MemberCandidatesQuery>
export const MemberCandidate = Type.Object({ userId: Id, name: Type.String(), role: Type.String(), roleName: Type.String() })
export type MemberCandidate = Static<typeof MemberCandidate>
export const MemberCandidateList = Type.Object({ items: Type.Array(MemberCandidate) })

// ---- 活动 -----------------------------------------------------------------------------------------

export const CreateActivityBody = Obj({
  communityCode: CommunityCode,
  teamId: Type.Optional(Id),
  title: Text(60, '活动名称'),
  description: Type.Optional(Str(2000, { description: '活动内容' })),
  venue: Text(100, '地点'),
  startsAt: IsoTime,
  endsAt: IsoTime,
  slots: Type.Integer({ minimum: 1, maximum: 500, description: '名额' }),
  kind: Literals(ACTIVITY_KINDS, '活动类型'),
  /** publish at once (default) or keep as a draft */
  publish: Type.Optional(Type.Boolean()),
})
export type CreateActivityBody = Static<typeof CreateActivityBody>

export const ActivityActionBody = Obj({
  action: Literals(ACTIVITY_ACTIONS),
  version: Version,
  reason: Type.Optional(Text(500)),
  note: Type.Optional(Str(500)),
})
export type ActivityActionBody = Static<typeof ActivityActionBody>

export const ListActivitiesQuery = Obj({
  ...PageQuery,
  place: Type.Optional(PlaceCode),
  status: Type.Optional(Type.Array(Literals(ACTIVITY_STATUSES), { maxItems: 6 })),
  teamId: Type.Optional(Id),
  /** only activities starting on or after this day */
  from: Type.Optional(DateParam('起始日（含）')),
  to: Type.Optional(DateParam('截止日（不含）')),
  /** upcoming: not yet ended, soonest first (报名活动); mine: those the caller signed up for */
  view: Type.Optional(Literals(['all', 'upcoming', 'mine'] as const)),
})
export type ListActivitiesQuery = Static<typeof ListActivitiesQuery>

export const Signup = Type.Object({
  id: Id,
  activityId: Id,
  user: Type.Object({ id: Id, name: Type.String() }),
  role: Literals(SIGNUP_ROLES),
  roleName: Type.String(),
  status: Literals(SIGNUP_STATUSES),
  statusName: Type.String(),
  version: Type.Integer(),
  signedUpAt: IsoTime,
  checkedInAt: Nullable(IsoTime),
  checkedOutAt: Nullable(IsoTime),
  /** hours credited (multiples of 0.5), once checked out */
  hours: Nullable(Type.Number()),
  allowedActions: Type.Array(Literals(SIGNUP_ACTIONS), { description: '调用者当前可执行的操作' }),
  events: Type.Optional(Type.Array(TimelineEvent)),
})
export type Signup = Static<typeof Signup>

export const Activity = Type.Object({
  id: Id,
  community: Type.Object({ code: Type.String(), name: Type.String() }),
  team: Nullable(Type.Object({ id: Id, name: Type.String(), kindName: Type.String() })),
  title: Type.String(),
  description: Type.String(),
  venue: Type.String(),
  startsAt: IsoTime,
  endsAt: IsoTime,
  /** the activity's length in hours: the most a check-out credits */
  durationHours: Type.Number(),
  kind: Literals(ACTIVITY_KINDS),
  kindName: Type.String(),
  status: Literals(ACTIVITY_STATUSES),
  statusName: Type.String(),
  version: Type.Integer(),
  slots: Type.Integer(),
  slotsLeft: Type.Integer(),
  /** who signs up: volunteers, or residents booking the service (预约) */
  signupRole: Literals(SIGNUP_ROLES),
  /** the caller's own live sign-up, if any */
  mySignup: Nullable(Signup),
  /** may the caller sign up now */
  canSignUp: Type.Boolean(),
  /** the organiser's view only: the code shown at the venue */
  checkInCode: Nullable(Type.String()),
  isOrganiser: Type.Boolean(),
  allowedActions: Type.Array(Literals(ACTIVITY_ACTIONS), { description: '调用者当前可执行的操作' }),
  /** the organiser's view of the detail: every sign-up */
  signups: Type.Optional(Type.Array(Signup)),
  events: Type.Optional(Type.Array(TimelineEvent)),
})
export type Activity = Static<typeof Activity>

export const SignupActionBody = Obj({
  action: Literals(SIGNUP_ACTIONS),
  version: Version,
  reason: Type.Optional(Text(500)),
  /** an organiser's correction; 0–24 in steps of 0.5, and at most the activity's length */
  hours: Type.Optional(Type.Number({ minimum: 0, maximum: 24, multipleOf: 0.5, description: '更正后的服务时长（小时，0.5 的倍数）' })),
})
export type SignupActionBody = Static<typeof SignupActionBody>

/** 现场签到/签退: the volunteer gives the code shown at the venue. */
export const AttendanceByCodeBody = Obj({
  code: Type.String({ pattern: '^[0-9]{6}$', description: '现场签到码（6 位数字）' }),
  action: Literals(['checkIn', 'checkOut'] as const),
})
export type AttendanceByCodeBody = Static<typeof AttendanceByCodeBody>

// ---- 统计 -----------------------------------------------------------------------------------------

export const VolunteerFiguresQuery = Obj({
  place: Type.Optional(PlaceCode),
  from: Type.Optional(DateParam('起始日（含），默认本月 1 日')),
  to: Type.Optional(DateParam('截止日（不含），默认明天')),
})
export type VolunteerFiguresQuery = Static<typeof VolunteerFiguresQuery>

const Figure = { personTimes: Type.Integer({ description: '人次：签退完成的志愿者报名' }), hours: Type.Number({ description: '服务时长（小时）' }) }

export const VolunteerFigures = Type.Object({
  place: Nullable(Type.Object({ code: Type.String(), name: Type.String() })),
  from: Type.String(),
  to: Type.String(),
  /** activities held (not cancelled, not drafts) starting in the period */
  activities: Type.Integer(),
  ...Figure,
  volunteers: Type.Integer({ description: '参与服务的志愿者人数' }),
  /** residents who booked and were served (预约, checked out) */
  residentsServed: Type.Integer(),
  perPerson: Type.Array(Type.Object({ userId: Id, name: Type.String(), ...Figure })),
  perTeam: Type.Array(Type.Object({ teamId: Nullable(Id), name: Type.String(), kindName: Nullable(Type.String()), ...Figure })),
  perUnit: Type.Array(Type.Object({ workUnit: Type.String(), ...Figure })),
  perCommunity: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), activities: Type.Integer(), ...Figure })),
})
export type VolunteerFigures = Static<typeof VolunteerFigures>

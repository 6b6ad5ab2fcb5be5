/**
 * 志愿服务 — the workflow tables and Chinese names of volunteer activities and their sign-ups, as
 * plain data (no schema library) so both apps can import them; the request and response schemas are
 * in volunteers.ts.
 */
import type { WorkflowTable } from './workflow-table'

/** 队伍类型 */
export const TEAM_KINDS = ['vanguard', 'wish', 'mediation', 'knock', 'volunteer'] as const
export type TeamKind = (typeof TEAM_KINDS)[number]
export const TEAM_KIND_NAMES: Record<TeamKind, string> = {
  vanguard: '党员先锋队',
  wish: '微心愿服务队',
  mediation: '纠纷调解队',
  knock: '敲门队',
  volunteer: '志愿服务队',
}

/** 活动类型: 定时 (fixed hours, for retired members) · 错时 (after work hours, for in-service members) · 预约 (booked by residents) */
export const ACTIVITY_KINDS = ['fixed', 'afterHours', 'booking'] as const
export type ActivityKind = (typeof ACTIVITY_KINDS)[number]
export const ACTIVITY_KIND_NAMES: Record<ActivityKind, string> = { fixed: '定时服务', afterHours: '错时服务', booking: '预约服务' }

export const ACTIVITY_STATUSES = ['draft', 'published', 'closed', 'ongoing', 'finished', 'cancelled'] as const
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number]
export const ACTIVITY_STATUS_NAMES: Record<ActivityStatus, string> = {
  draft: '草稿',
  published: '报名中',
  closed: '报名截止',
  ongoing: '进行中',
  finished: '已结束',
  cancelled: '已取消',
}

export const ACTIVITY_ACTIONS = ['publish', 'close', 'start', 'finish', 'cancel'] as const
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number]
export const ACTIVITY_ACTION_NAMES: Record<ActivityAction | 'create', string> = {
  create: '创建活动',
  publish: '发布',
  close: '截止报名',
  start: '开始活动',
  finish: '结束活动',
  cancel: '取消活动',
}

/** organiser: the activity's community account, or the leader of its organiser team */
export type ActivityRelation = 'organiser'

export const ACTIVITY_WORKFLOW: WorkflowTable<ActivityStatus, ActivityAction, ActivityRelation> = {
  entity: 'activity',
  states: ACTIVITY_STATUSES,
  initial: 'draft',
  stateNames: ACTIVITY_STATUS_NAMES,
  actions: ACTIVITY_ACTIONS,
  actionNames: ACTIVITY_ACTION_NAMES,
  transitions: [
    { action: 'publish', from: ['draft'], who: ['organiser'], to: 'published' },
    { action: 'close', from: ['published'], who: ['organiser'], to: 'closed' },
    { action: 'start', from: ['published', 'closed'], who: ['organiser'], to: 'ongoing' },
    { action: 'finish', from: ['published', 'closed', 'ongoing'], who: ['organiser'], to: 'finished' },
    { action: 'cancel', from: ['draft', 'published', 'closed'], who: ['organiser'], to: 'cancelled' },
  ],
  fields: {
    publish: { required: [], optional: [] },
    close: { required: [], optional: [] },
    start: { required: [], optional: [] },
    finish: { required: [], optional: ['note'] },
    cancel: { required: ['reason'], optional: [] },
  },
}

/** 报名的身份: a volunteer serving, or a resident booking the service (预约) */
export const SIGNUP_ROLES = ['volunteer', 'resident'] as const
export type SignupRole = (typeof SIGNUP_ROLES)[number]
export const SIGNUP_ROLE_NAMES: Record<SignupRole, string> = { volunteer: '志愿者', resident: '预约居民' }

export const SIGNUP_STATUSES = ['signedUp', 'checkedIn', 'completed', 'cancelled'] as const
export type SignupStatus = (typeof SIGNUP_STATUSES)[number]
export const SIGNUP_STATUS_NAMES: Record<SignupStatus, string> = {
  signedUp: '已报名',
  checkedIn: '已签到',
  completed: '已签退',
  cancelled: '已取消',
}

export const SIGNUP_ACTIONS = ['cancel', 'checkIn', 'checkOut', 'correctHours'] as const
export type SignupAction = (typeof SIGNUP_ACTIONS)[number]
export const SIGNUP_ACTION_NAMES: Record<SignupAction | 'signUp', string> = {
  signUp: '报名',
  cancel: '取消报名',
  checkIn: '签到',
  checkOut: '签退',
  correctHours: '更正时长',
}

/**
 * self: the person signed up; selfAtVenue: the same person giving the venue's check-in code;
 * organiser: the activity's community or its team's leader
 */
export type SignupRelation = 'self' | 'selfAtVenue' | 'organiser'

export const SIGNUP_WORKFLOW: WorkflowTable<SignupStatus, SignupAction, SignupRelation> = {
  entity: 'volunteerSignup',
  states: SIGNUP_STATUSES,
  initial: 'signedUp',
  stateNames: SIGNUP_STATUS_NAMES,
  actions: SIGNUP_ACTIONS,
  actionNames: SIGNUP_ACTION_NAMES,
  transitions: [
    { action: 'cancel', from: ['signedUp'], who: ['self', 'organiser'], to: 'cancelled' },
    // a volunteer checks in and out with the venue's code (POST /volunteers/attendance); the organiser for them
    { action: 'checkIn', from: ['signedUp'], who: ['selfAtVenue', 'organiser'], to: 'checkedIn' },
    { action: 'checkOut', from: ['checkedIn'], who: ['selfAtVenue', 'organiser'], to: 'completed' },
    { action: 'correctHours', from: ['completed'], who: ['organiser'], to: 'unchanged' },
  ],
  fields: {
    cancel: { required: [], optional: ['reason'] },
    checkIn: { required: [], optional: [] },
    checkOut: { required: [], optional: [] },
    correctHours: { required: ['hours', 'reason'], optional: [] },
  },
}

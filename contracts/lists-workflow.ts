/**
 * 三张清单 — needs (需求清单), resources (资源清单) and projects (项目清单): their states, actions, kinds and
 * Chinese names, and the workflow tables. Plain data with no schema library, so the web imports it
 * (the request and response schemas are in lists.ts).
 */
import type { WorkflowTable } from './workflow-table'

// ---- 需求清单 ----------------------------------------------------------------------------------

export const NEED_STATUSES = ['open', 'in_project', 'done', 'closed'] as const
export type NeedStatus = (typeof NEED_STATUSES)[number]
export const NEED_STATUS_NAMES: Record<NeedStatus, string> = { open: '待立项', in_project: '已立项', done: '已完成', closed: '已关闭' }

/** include/complete/detach follow the project the need is linked to; close is the community's own. */
export const NEED_ACTIONS = ['include', 'complete', 'detach', 'close'] as const
export type NeedAction = (typeof NEED_ACTIONS)[number]
export const NEED_ACTION_NAMES: Record<NeedAction | 'raise', string> = {
  raise: '登记需求',
  include: '纳入项目',
  complete: '项目验收完成',
  detach: '项目撤销，退回待立项',
  close: '关闭',
}
/** The actions a person takes on a need itself (the others happen through its project). */
export const NEED_DIRECT_ACTIONS = ['close'] as const

export type NeedRelation = 'community'

export const NEED_CATEGORIES = ['eldercare', 'children', 'difficulty', 'environment', 'facility', 'culture', 'employment', 'health', 'safety', 'other'] as const
export type NeedCategory = (typeof NEED_CATEGORIES)[number]
export const NEED_CATEGORY_NAMES: Record<NeedCategory, string> = {
  eldercare: '养老助老',
  children: '儿童关爱',
  difficulty: '困难帮扶',
  environment: '环境整治',
  facility: '设施维修',
  culture: '文体活动',
  employment: '就业创业',
  health: '医疗健康',
  safety: '平安建设',
  other: '其他',
}

export const NEED_SOURCES = ['resident', 'gridWorker', 'visit', 'appeal'] as const
export type NeedSource = (typeof NEED_SOURCES)[number]
export const NEED_SOURCE_NAMES: Record<NeedSource, string> = { resident: '居民提出', gridWorker: '网格员发现', visit: '走访收集', appeal: '诉求转入' }

export const NEED_WORKFLOW: WorkflowTable<NeedStatus, NeedAction, NeedRelation> = {
  entity: 'need',
  states: NEED_STATUSES,
  initial: 'open',
  stateNames: NEED_STATUS_NAMES,
  actions: NEED_ACTIONS,
  actionNames: NEED_ACTION_NAMES,
  transitions: [
    { action: 'include', from: ['open'], who: ['community'], to: 'in_project' },
    { action: 'complete', from: ['in_project'], who: ['community'], to: 'done' },
    { action: 'detach', from: ['in_project'], who: ['community'], to: 'open' },
    { action: 'close', from: ['open'], who: ['community'], to: 'closed' },
  ],
  fields: {
    include: { required: [], optional: [] },
    complete: { required: [], optional: [] },
    detach: { required: [], optional: [] },
    close: { required: ['reason'], optional: [] },
  },
}

// ---- 资源清单 ----------------------------------------------------------------------------------

export const RESOURCE_STATUSES = ['active', 'withdrawn'] as const
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number]
export const RESOURCE_STATUS_NAMES: Record<ResourceStatus, string> = { active: '可提供', withdrawn: '已撤回' }

export const RESOURCE_ACTIONS = ['withdraw'] as const
export type ResourceAction = (typeof RESOURCE_ACTIONS)[number]
export const RESOURCE_ACTION_NAMES: Record<ResourceAction | 'offer', string> = { offer: '登记资源', withdraw: '撤回' }

/** owner: an account of the offering party; community: the community where it is offered */
export type ResourceRelation = 'owner' | 'community'

export const RESOURCE_KINDS = ['venue', 'funds', 'skills', 'volunteers', 'goods'] as const
export type ResourceKind = (typeof RESOURCE_KINDS)[number]
export const RESOURCE_KIND_NAMES: Record<ResourceKind, string> = { venue: '场地', funds: '资金', skills: '技能', volunteers: '志愿者', goods: '物资' }

/** Who offers a resource or claims a project. `unit` (驻区单位) is wired once the units module lands. */
export const OWNER_KINDS = ['department', 'unit', 'community'] as const
export type OwnerKind = (typeof OWNER_KINDS)[number]
export const OWNER_KIND_NAMES: Record<OwnerKind, string> = { department: '职能部门', unit: '驻区单位', community: '社区' }

export const RESOURCE_WORKFLOW: WorkflowTable<ResourceStatus, ResourceAction, ResourceRelation> = {
  entity: 'resource',
  states: RESOURCE_STATUSES,
  initial: 'active',
  stateNames: RESOURCE_STATUS_NAMES,
  actions: RESOURCE_ACTIONS,
  actionNames: RESOURCE_ACTION_NAMES,
  transitions: [{ action: 'withdraw', from: ['active'], who: ['owner', 'community'], to: 'withdrawn' }],
  fields: { withdraw: { required: [], optional: ['reason'] } },
}

// ---- 项目清单 ----------------------------------------------------------------------------------

export const PROJECT_STATUSES = ['published', 'claimed', 'in_progress', 'done', 'accepted', 'cancelled'] as const
export type ProjectStatus = (typeof PROJECT_STATUSES)[number]
export const PROJECT_STATUS_NAMES: Record<ProjectStatus, string> = {
  published: '待认领',
  claimed: '已认领',
  in_progress: '实施中',
  done: '待验收',
  accepted: '已验收',
  cancelled: '已撤销',
}

export const PROJECT_ACTIONS = ['claim', 'release', 'start', 'progress', 'complete', 'accept', 'returnForWork', 'cancel'] as const
export type ProjectAction = (typeof PROJECT_ACTIONS)[number]
export const PROJECT_ACTION_NAMES: Record<ProjectAction | 'publish', string> = {
  publish: '发布项目',
  claim: '认领',
  release: '放弃认领',
  start: '开始实施',
  progress: '报告进展',
  complete: '提交完成',
  accept: '验收通过',
  returnForWork: '退回整改',
  cancel: '撤销项目',
}

/** claimer: a party that may claim (a department of the county); claimant: the one holding the claim; community: the project's community */
export type ProjectRelation = 'claimer' | 'claimant' | 'community'

export const PROJECT_WORKFLOW: WorkflowTable<ProjectStatus, ProjectAction, ProjectRelation> = {
  entity: 'project',
  states: PROJECT_STATUSES,
  initial: 'published',
  stateNames: PROJECT_STATUS_NAMES,
  actions: PROJECT_ACTIONS,
  actionNames: PROJECT_ACTION_NAMES,
  transitions: [
    { action: 'claim', from: ['published'], who: ['claimer'], to: 'claimed' },
    { action: 'release', from: ['claimed'], who: ['claimant'], to: 'published' },
    { action: 'start', from: ['claimed'], who: ['claimant'], to: 'in_progress' },
    { action: 'progress', from: ['in_progress'], who: ['claimant'], to: 'unchanged' },
    { action: 'complete', from: ['in_progress'], who: ['claimant'], to: 'done' },
    { action: 'accept', from: ['done'], who: ['community'], to: 'accepted' },
    { action: 'returnForWork', from: ['done'], who: ['community'], to: 'in_progress' },
    { action: 'cancel', from: ['published', 'claimed'], who: ['community'], to: 'cancelled' },
  ],
  fields: {
    claim: { required: [], optional: [] },
    release: { required: [], optional: ['reason'] },
    start: { required: ['owner', 'deadline'], optional: ['note'] },
    progress: { required: ['note'], optional: ['photoIds'] },
    complete: { required: ['summary', 'photoIds'], optional: [] },
    accept: { required: [], optional: ['note'] },
    returnForWork: { required: ['reason'], optional: [] },
    cancel: { required: ['reason'], optional: [] },
  },
}

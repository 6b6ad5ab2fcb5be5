/**
 * 三张清单: the request and response schemas of needs (需求清单), resources (资源清单), projects (项目清单)
 * and the quarterly review (季度梳理). States, kinds and workflow tables are in lists-workflow.ts.
 */
import { DateParam, Id, IsoDate, IsoTime, Literals, Nullable, Obj, PageQuery, PlaceCode, Str, Text, TimelineEvent, Type, Uuid, Version, type Static } from './common'
import {
  NEED_CATEGORIES,
  NEED_DIRECT_ACTIONS,
  NEED_SOURCES,
  NEED_STATUSES,
  OWNER_KINDS,
  PROJECT_ACTIONS,
  PROJECT_STATUSES,
  RESOURCE_ACTIONS,
  RESOURCE_KINDS,
  RESOURCE_STATUSES,
} from './lists-workflow'

export * from './lists-workflow'

const CommunityCode = (description: string) => Type.String({ pattern: '^[0-9]{12}$', description })
const Place = Type.Object({ code: Type.String(), name: Type.String() })

// ---- needs ----------------------------------------------------------------------------------

export const CreateNeedBody = Obj({
  title: Type.Optional(Text(100, '需求标题（由诉求转入时默认取诉求标题）')),
  description: Type.Optional(Str(2000, { description: '需求说明' })),
  category: Literals(NEED_CATEGORIES, '需求类别'),
  placeCode: Type.Optional(Type.String({ pattern: '^[0-9]{12}(?:[0-9]{3})?$', description: '所在网格（15 位）或社区（12 位）；默认取账号所在地' })),
  beneficiaries: Type.Optional(Str(200, { description: '受益对象，如“独居老人 12 户”' })),
  beneficiaryCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: '受益人数' })),
  source: Type.Optional(Literals(['resident', 'gridWorker', 'visit'] as const, '来源：居民提出 · 网格员发现 · 走访收集（由诉求转入时不填）')),
  appealId: Type.Optional(Id),
})
export type CreateNeedBody = Static<typeof CreateNeedBody>

export const NeedActionBody = Obj({ action: Literals(NEED_DIRECT_ACTIONS), version: Version, reason: Type.Optional(Text(500)) })
export type NeedActionBody = Static<typeof NeedActionBody>

export const ListNeedsQuery = Obj({
  ...PageQuery,
  status: Type.Optional(Type.Array(Literals(NEED_STATUSES), { maxItems: 4 })),
  category: Type.Optional(Literals(NEED_CATEGORIES)),
  place: Type.Optional(PlaceCode),
})
export type ListNeedsQuery = Static<typeof ListNeedsQuery>

export const NeedBrief = Type.Object({ id: Id, title: Type.String(), status: Literals(NEED_STATUSES), statusName: Type.String(), categoryName: Type.String() })
export type NeedBrief = Static<typeof NeedBrief>

export const Need = Type.Object({
  id: Id,
  status: Literals(NEED_STATUSES),
  statusName: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  description: Nullable(Type.String()),
  category: Literals(NEED_CATEGORIES),
  categoryName: Type.String(),
  source: Literals(NEED_SOURCES),
  sourceName: Type.String(),
  community: Place,
  grid: Nullable(Place),
  beneficiaries: Nullable(Type.String()),
  beneficiaryCount: Nullable(Type.Integer()),
  appeal: Nullable(Type.Object({ id: Id, number: Type.String() })),
  project: Nullable(Type.Object({ id: Id, title: Type.String() })),
  raisedBy: Type.Object({ name: Type.String(), role: Type.String() }),
  createdAt: IsoTime,
  doneAt: Nullable(IsoTime),
  allowedActions: Type.Array(Literals(NEED_DIRECT_ACTIONS), { description: '调用者当前可执行的操作' }),
  events: Type.Optional(Type.Array(TimelineEvent)),
})
export type Need = Static<typeof Need>

// ---- resources ------------------------------------------------------------------------------

export const CreateResourceBody = Obj({
  kind: Literals(RESOURCE_KINDS, '资源类别：场地 · 资金 · 技能 · 志愿者 · 物资'),
  title: Text(100, '资源名称'),
  description: Type.Optional(Str(1000, { description: '说明（开放时间、使用条件等）' })),
  quantity: Type.Optional(Str(100, { description: '数量，如“200 平方米”“2 万元”“10 人”' })),
  communityCode: Type.Optional(CommunityCode('提供给哪个社区（部门登记时必填；社区账号默认本社区）')),
  ownerKind: Type.Optional(Literals(['department', 'community'] as const, '提供方类别（社区登记时可代部门登记）')),
  ownerId: Type.Optional(Str(64, { description: '提供方：部门代码或社区代码' })),
})
export type CreateResourceBody = Static<typeof CreateResourceBody>

export const ResourceActionBody = Obj({ action: Literals(RESOURCE_ACTIONS), version: Version, reason: Type.Optional(Text(500)) })
export type ResourceActionBody = Static<typeof ResourceActionBody>

export const ListResourcesQuery = Obj({
  ...PageQuery,
  status: Type.Optional(Type.Array(Literals(RESOURCE_STATUSES), { maxItems: 2 })),
  kind: Type.Optional(Literals(RESOURCE_KINDS)),
  place: Type.Optional(PlaceCode),
})
export type ListResourcesQuery = Static<typeof ListResourcesQuery>

export const Owner = Type.Object({ kind: Literals(OWNER_KINDS), kindName: Type.String(), id: Type.String(), name: Type.String() })
export type Owner = Static<typeof Owner>

export const Resource = Type.Object({
  id: Id,
  status: Literals(RESOURCE_STATUSES),
  statusName: Type.String(),
  version: Type.Integer(),
  kind: Literals(RESOURCE_KINDS),
  kindName: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  quantity: Nullable(Type.String()),
  owner: Owner,
  community: Place,
  createdAt: IsoTime,
  allowedActions: Type.Array(Literals(RESOURCE_ACTIONS)),
  events: Type.Optional(Type.Array(TimelineEvent)),
})
export type Resource = Static<typeof Resource>

// ---- projects -------------------------------------------------------------------------------

export const CreateProjectBody = Obj({
  title: Text(100, '项目名称'),
  description: Type.Optional(Str(2000, { description: '项目内容' })),
  communityCode: Type.Optional(CommunityCode('项目所在社区（社区账号默认本社区）')),
  needIds: Type.Array(Id, { minItems: 1, maxItems: 50, uniqueItems: true, description: '对应的需求（待立项）' }),
  resourceIds: Type.Optional(Type.Array(Id, { maxItems: 50, uniqueItems: true, description: '用到的资源（可提供）' })),
  deadline: Type.Optional(DateParam('期望完成日期')),
})
export type CreateProjectBody = Static<typeof CreateProjectBody>

export const ProjectActionBody = Obj({
  action: Literals(PROJECT_ACTIONS),
  version: Version,
  owner: Type.Optional(Text(50, '项目负责人')),
  deadline: Type.Optional(DateParam('承诺完成日期')),
  note: Type.Optional(Text(1000)),
  summary: Type.Optional(Text(1000, '完成情况')),
  photoIds: Type.Optional(Type.Array(Uuid, { maxItems: 9, uniqueItems: true })),
  reason: Type.Optional(Text(500)),
})
export type ProjectActionBody = Static<typeof ProjectActionBody>

export const ListProjectsQuery = Obj({
  ...PageQuery,
  status: Type.Optional(Type.Array(Literals(PROJECT_STATUSES), { maxItems: 6 })),
  place: Type.Optional(PlaceCode),
  late: Type.Optional(Type.Boolean({ description: '只看超期未完成的' })),
  mine: Type.Optional(Type.Boolean({ description: '只看本单位（部门）认领的' })),
})
export type ListProjectsQuery = Static<typeof ListProjectsQuery>

export const Project = Type.Object({
  id: Id,
  status: Literals(PROJECT_STATUSES),
  statusName: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  description: Nullable(Type.String()),
  community: Place,
  needs: Type.Array(NeedBrief),
  resources: Type.Array(Type.Object({ id: Id, title: Type.String(), kindName: Type.String(), ownerName: Type.String() })),
  claimant: Nullable(Owner),
  claimedAt: Nullable(IsoTime),
  owner: Nullable(Type.String({ description: '项目负责人' })),
  deadline: Nullable(IsoDate),
  isLate: Type.Boolean({ description: '已过完成期限仍未完成' }),
  summary: Nullable(Type.String()),
  photoIds: Type.Array(Type.String(), { description: '完成佐证与进展照片' }),
  completedAt: Nullable(IsoTime),
  acceptedAt: Nullable(IsoTime),
  createdAt: IsoTime,
  allowedActions: Type.Array(Literals(PROJECT_ACTIONS)),
  events: Type.Optional(Type.Array(TimelineEvent)),
})
export type Project = Static<typeof Project>

// ---- quarterly review (季度梳理) --------------------------------------------------------------

export const QuarterlyReviewQuery = Obj({
  community: CommunityCode('社区代码（12 位）'),
  quarter: Type.String({ pattern: '^20[0-9]{2}Q[1-4]$', description: '季度，如 2026Q4' }),
})
export type QuarterlyReviewQuery = Static<typeof QuarterlyReviewQuery>

export const QuarterlyReview = Type.Object({
  community: Place,
  quarter: Type.String(),
  from: IsoDate,
  to: IsoDate,
  counts: Type.Object({
    needsCollected: Type.Integer({ description: '本季度收集的需求' }),
    needsDone: Type.Integer({ description: '本季度完成的需求' }),
    needsOpen: Type.Integer({ description: '季度末仍待立项的需求' }),
    projectsPublished: Type.Integer({ description: '本季度发布的项目' }),
    projectsClaimed: Type.Integer({ description: '本季度认领的项目' }),
    projectsAccepted: Type.Integer({ description: '本季度验收的项目' }),
    projectsUnclaimed: Type.Integer({ description: '待认领的项目' }),
    projectsLate: Type.Integer({ description: '超期未完成的项目' }),
    resourcesActive: Type.Integer({ description: '可提供的资源' }),
  }),
  openNeeds: Type.Array(Need),
  unclaimedProjects: Type.Array(Project),
  lateProjects: Type.Array(Project),
})
export type QuarterlyReview = Static<typeof QuarterlyReview>

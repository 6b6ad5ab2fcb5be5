/** Appeal contracts (诉求): create, act, list, and what the server answers. */
import { Id, IsoTime, Literals, type TSchema, Nullable, Obj, PageQuery, PlaceCode, Str, Text, TimelineEvent, Type, Uuid, Version, type Static, DateParam } from './common'
import { ACTION_FIELDS, ACTION_NAMES, ACTIONS, RELATION_NAMES, STATUS_NAMES, STATUSES, WORKFLOW } from './workflow'
import { targetsOf } from './workflow-table'
import { Role } from './roles'

const literals = Literals

export const CHANNELS = ['h5', 'patrol', 'householdLeader', 'hotline', 'partyMemberVisit', 'walkIn', 'open311'] as const
export type Channel = (typeof CHANNELS)[number]
export { CHANNEL_NAMES } from './labels'
export const Channel = literals(CHANNELS, '渠道')

export const COLORS = ['red', 'orange', 'yellow', 'blue'] as const
export type Color = (typeof COLORS)[number]
export { COLOR_NAMES } from './labels'
export const Color = literals(COLORS, '分色')
export const IMPORTANCES = ['high', 'normal'] as const
export type Importance = (typeof IMPORTANCES)[number]
export const Importance = literals(IMPORTANCES, '重要程度')
export const URGENCIES = ['urgent', 'normal'] as const
export type Urgency = (typeof URGENCIES)[number]
export const Urgency = literals(URGENCIES, '紧急程度')
export const RATINGS = ['satisfied', 'basic', 'unsatisfied'] as const
export type Rating = (typeof RATINGS)[number]
export const Rating = literals(RATINGS, '评价：满意 · 基本满意 · 不满意')
export const CLOSE_REASONS = ['satisfied', 'basic', 'unrated', 'rejected', 'merged', 'explained'] as const
export type CloseReason = (typeof CLOSE_REASONS)[number]
export const ASSIGNEE_TYPES = ['gridWorker', 'partyMember', 'team', 'property', 'department'] as const
export type AssigneeType = (typeof ASSIGNEE_TYPES)[number]
/** assignee types a community or street may dispatch to (departments are whistled) */
export const DISPATCH_ASSIGNEE_TYPES = ['gridWorker', 'partyMember', 'team', 'property'] as const
export const RESOLUTION_LEVELS = ['building', 'grid', 'community', 'street', 'department'] as const
export type ResolutionLevel = (typeof RESOLUTION_LEVELS)[number]
export { RESOLUTION_LEVEL_NAMES } from './labels'

/** importance × urgency → colour (分色治理, DOMAIN §3.3). */
export function colorOf(importance: Importance, urgency: Urgency): Color {
  if (urgency === 'urgent') return importance === 'high' ? 'red' : 'orange'
  return importance === 'high' ? 'yellow' : 'blue'
}

/** A time limit: calendar minutes/hours, or working hours/days (09:00–17:30 Asia/Shanghai). */
export const Limit = Obj({
  amount: Type.Number({ exclusiveMinimum: 0, maximum: 10000 }),
  unit: literals(['minutes', 'hours', 'days', 'workingHours', 'workingDays'] as const),
})
export type Limit = Static<typeof Limit>
export const LIMIT_KINDS = ['response', 'dispatch', 'review', 'resolve', 'verify', 'reply'] as const
export type LimitKind = (typeof LIMIT_KINDS)[number]
/** Per-category overrides of the default limits, applying to every colour. */
export type CategoryLimits = Partial<Record<LimitKind, Limit>>

export interface CategoryNode {
  code: string
  name: string
  importance: Importance
  urgency: Urgency
  /** photos of this category keep where they were taken (EXIF GPS); every other photo loses it on upload */
  keepPhotoLocation: boolean
  children: CategoryNode[]
}
const KeepPhotoLocation = Type.Boolean({ description: '该分类的照片保留拍摄位置（EXIF GPS）；其余分类上传时一律去除' })
export const CategoryNode = Type.Object({
  code: Type.String(),
  name: Type.String(),
  importance: Importance,
  urgency: Urgency,
  keepPhotoLocation: KeepPhotoLocation,
  children: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      importance: Importance,
      urgency: Urgency,
      keepPhotoLocation: KeepPhotoLocation,
      children: Type.Array(Type.Unknown()),
    }),
  ),
})

export const PhotoIds = Type.Array(Uuid, { maxItems: 9, uniqueItems: true, description: '已上传照片的 ID' })

export const AppealPersonInput = Obj({
  name: Text(50),
  phone: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$', description: '11 位手机号' })),
  residentId: Type.Optional(Id),
  relation: Type.Optional(Str(20)),
})

export const CreateAppealBody = Obj({
  channel: Type.Optional(Channel),
  categoryCode: Type.String({ maxLength: 40, pattern: '^[a-z0-9.]+$', description: '小类代码（或大类）' }),
  title: Text(100, '标题'),
  description: Text(2000, '描述'),
  gridCode: Type.Optional(Type.String({ pattern: '^[0-9]{15}$', description: '网格代码；居民上报时取自其住户' })),
  residentId: Type.Optional(Id),
  householdId: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,17}$', description: '联户长上报时：本组的哪一户（不填则为本组所在楼栋）' })),
  address: Type.Optional(Str(200)),
  lat: Type.Optional(Type.Number({ minimum: 3, maximum: 54 })),
  lng: Type.Optional(Type.Number({ minimum: 73, maximum: 136 })),
  photoIds: Type.Optional(PhotoIds),
  people: Type.Optional(Type.Array(AppealPersonInput, { maxItems: 20 })),
  contactName: Type.Optional(Text(50)),
  contactPhone: Type.Optional(Type.String({ pattern: '^1[3-9][0-9]{9}$' })),
  isUrgent: Type.Optional(Type.Boolean({ description: '群众标记紧急' })),
}, {
  examples: [
    {
      categoryCode: 'elevator.fault',
      title: '1栋电梯停运',
      description: '龙城印象1栋2单元电梯停在三楼不动，老人上下楼困难。',
      isUrgent: true,
    },
  ],
})
export type CreateAppealBody = Static<typeof CreateAppealBody>

export const AppealActionBody = Obj({
  action: literals(ACTIONS),
  version: Version,
  importance: Type.Optional(Importance),
  urgency: Type.Optional(Urgency),
  comment: Type.Optional(Str(1000)),
  result: Type.Optional(Text(2000)),
  photoIds: Type.Optional(PhotoIds),
  assigneeType: Type.Optional(literals(DISPATCH_ASSIGNEE_TYPES)),
  assigneeId: Type.Optional(Type.String({ maxLength: 40, pattern: '^[A-Za-z0-9:_-]+$' })),
  note: Type.Optional(Text(2000)),
  reason: Type.Optional(Text(1000)),
  departmentIds: Type.Optional(
    Type.Array(Type.String({ maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' }), {
      minItems: 1,
      maxItems: 10,
      uniqueItems: true,
      description: '吹哨部门代码：第一个为主办部门，其余为协办部门',
    }),
  ),
  reportBy: Type.Optional(IsoTime),
  message: Type.Optional(Text(2000)),
  rating: Type.Optional(Rating),
  via: Type.Optional(literals(['phone', 'visit'] as const)),
  duplicateOf: Type.Optional(Id),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
  explanation: Type.Optional(Text(2000)),
  publicSummary: Type.Optional(Text(200, '晒单摘要：一句话写明反映了什么、怎么解决的（不填则用系统建议；姓名、电话、证件号、门牌号会被去除）')),
})
export type AppealActionBody = Static<typeof AppealActionBody>

export const ListAppealsQuery = Obj({
  ...PageQuery,
  status: Type.Optional(Type.Array(literals(STATUSES), { maxItems: 11 })),
  color: Type.Optional(Type.Array(Color, { maxItems: 4 })),
  category: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z0-9.]+$' })),
  place: Type.Optional(PlaceCode),
  channel: Type.Optional(Type.Array(Channel, { maxItems: 7 })),
  q: Type.Optional(Str(50)),
  from: Type.Optional(DateParam('受理日起（含）')),
  to: Type.Optional(DateParam('受理日止（含）')),
  view: Type.Optional(literals(['all', 'todo'] as const, 'todo：待我处理')),
})
export type ListAppealsQuery = Static<typeof ListAppealsQuery>

export const AppealEvent = TimelineEvent
export type AppealEvent = Static<typeof AppealEvent>

/** 吹哨报到 record of one department. */
export const WhistleRecord = Type.Object({
  code: Type.String(),
  name: Type.String(),
  role: Type.String({ description: 'lead 主办 · assist 协办' }),
  whistledAt: IsoTime,
  reportBy: IsoTime,
  reportedAt: Nullable(IsoTime),
  late: Nullable(Type.Boolean()),
  active: Type.Boolean(),
})
export type WhistleRecord = Static<typeof WhistleRecord>

export const ExtensionRecord = Type.Object({
  id: Id,
  days: Type.Integer(),
  reason: Type.String(),
  status: Type.String({ description: 'pending · approved · denied' }),
  requestedAt: IsoTime,
  decidedAt: Nullable(IsoTime),
  previousDueAt: Nullable(IsoTime),
  newDueAt: Nullable(IsoTime),
})
export type ExtensionRecord = Static<typeof ExtensionRecord>

export const SupervisionSummary = Type.Object({
  id: Id,
  reason: Type.String({ description: 'redCard 红牌督办 · unsatisfied 二次不满意' }),
  reasonName: Type.String(),
  step: Nullable(Type.String()),
  stepName: Nullable(Type.String()),
  level: Type.String(),
  levelName: Type.String(),
  supervisorCode: Type.String(),
  target: Type.String(),
  targetName: Type.String(),
  status: Type.String({ description: 'open · answered · closed' }),
  statusName: Type.String(),
  openedAt: IsoTime,
  answer: Nullable(Type.String()),
  answeredAt: Nullable(IsoTime),
  closeNote: Nullable(Type.String()),
  closedAt: Nullable(IsoTime),
})
export type SupervisionSummary = Static<typeof SupervisionSummary>

const PersonOut = Type.Object({
  name: Type.String(),
  phone: Nullable(Type.String({ description: '脱敏手机号' })),
  residentId: Nullable(Type.String()),
  relation: Nullable(Type.String()),
})

export const Appeal = Type.Object({
  id: Id,
  number: Type.String({ description: '如 ZN20261123-000123' }),
  status: literals(STATUSES),
  statusName: Type.String(),
  version: Type.Integer(),
  channel: Channel,
  channelName: Type.String({ description: '渠道的中文名' }),
  category: Type.Object({ code: Type.String(), name: Type.String() }),
  title: Type.String(),
  description: Type.String(),
  place: Type.Object({
    gridCode: Type.String(),
    gridName: Type.String(),
    communityCode: Type.String(),
    communityName: Type.String(),
    streetCode: Type.String(),
    countyCode: Type.String(),
  }),
  address: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lng: Nullable(Type.Number()),
  isUrgent: Type.Boolean(),
  importance: Importance,
  urgency: Urgency,
  color: Color,
  colorName: Type.String({ description: '分色的中文名（红、橙、黄、蓝）' }),
  importanceName: Type.String(),
  urgencyName: Type.String(),
  photoIds: Type.Array(Type.String()),
  people: Type.Array(PersonOut),
  contact: Type.Object({ name: Nullable(Type.String()), phone: Nullable(Type.String({ description: '脱敏' })) }),
  submitter: Type.Object({ id: Type.String(), role: Type.String() }),
  assignee: Nullable(Type.Object({ type: Type.String(), id: Type.String(), name: Type.String() })),
  assignedBy: Nullable(Type.String()),
  resolutionLevel: Nullable(Type.String()),
  resolutionLevelName: Nullable(Type.String({ description: '解决层级的中文名' })),
  result: Nullable(Type.String()),
  replyMessage: Nullable(Type.String()),
  publicSummary: Nullable(Type.String({ description: '晒单摘要（已去除个人信息）' })),
  suggestedPublicSummary: Type.Optional(Type.String({ description: '答复时的晒单摘要建议（可修改后随答复提交）' })),
  deadlines: Type.Object({
    responseDueAt: Nullable(IsoTime),
    dispatchDueAt: Nullable(IsoTime, '社区分派时限（待分派时）'),
    reviewDueAt: Nullable(IsoTime, '街道审单时限（街道审单时）'),
    resolveDueAt: Nullable(IsoTime),
    verifyDueAt: Nullable(IsoTime),
    replyDueAt: Nullable(IsoTime),
    autoCloseAt: Nullable(IsoTime),
  }),
  acceptedAt: Nullable(IsoTime),
  resolvedAt: Nullable(IsoTime),
  verifiedAt: Nullable(IsoTime),
  repliedAt: Nullable(IsoTime),
  closedAt: Nullable(IsoTime),
  closeReason: Nullable(Type.String()),
  closeReasonName: Nullable(Type.String()),
  rating: Nullable(Type.String()),
  ratingName: Nullable(Type.String()),
  ratingComment: Nullable(Type.String()),
  duplicateOf: Nullable(Type.String()),
  leadDepartmentCode: Nullable(Type.String({ description: '吹哨主办部门' })),
  extensionPending: Type.Boolean({ description: '有待审核的延期申请' }),
  overdue: Type.Object({
    response: Type.Boolean({ description: '超期未受理' }),
    resolve: Type.Boolean({ description: '超期未办结' }),
    resolvedLate: Type.Boolean({ description: '超期办结' }),
    dispatch: Type.Boolean({ description: '超期未分派' }),
    review: Type.Boolean({ description: '超期未审单' }),
  }),
  card: Nullable(Type.String({ description: 'yellow 黄牌 · red 红牌' })),
  cardName: Nullable(Type.String()),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  allowedActions: Type.Array(literals(ACTIONS)),
  events: Type.Optional(Type.Array(AppealEvent)),
  departments: Type.Optional(Type.Array(WhistleRecord)),
  extensions: Type.Optional(Type.Array(ExtensionRecord)),
  supervisions: Type.Optional(Type.Array(SupervisionSummary)),
})
export type Appeal = Static<typeof Appeal>

export const Candidate = Type.Object({
  id: Type.String(),
  type: Type.String(),
  name: Type.String(),
  detail: Type.Optional(Type.String()),
})
export type Candidate = Static<typeof Candidate>
export const CandidatesQuery = Obj({ action: literals(['dispatch', 'whistle'] as const) })

export { Role }

export const CandidateList = Type.Array(Candidate)

/** An optional Idempotency-Key: the same key and body within 24 h returns the first answer. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$', description: '幂等键（按账号，保留 ≥ 24 小时）' }),
  ),
})

export const CategoryTree = Type.Array(CategoryNode)

/** 查看联系电话: the appeal's contact phone in full, for whoever holds the appeal now (audited, once per step). */
export const RevealedContact = Type.Object({
  name: Nullable(Type.String()),
  phone: Type.String({ description: '完整手机号（已记入审计日志）' }),
  step: Type.String({ description: '本次查看所在的环节' }),
})
export type RevealedContact = Static<typeof RevealedContact>

/**
 * The action body as the API document shows it: one schema per action, with the fields that action
 * requires and allows, who may take it from which state, and where it leads — generated from the
 * workflow table. (The route validates the looser AppealActionBody so that a wrong version or state
 * answers 409 or 422 before a missing field answers 400.)
 */
export const AppealActionBodyDoc = {
  description: '按 action 区分的请求体：每个操作所需字段（version 为做出决定时看到的版本号）',
  oneOf: ACTIONS.map((action) => {
    const { required, optional } = ACTION_FIELDS[action]
    const rows = WORKFLOW.filter((t) => t.action === action)
    const how = rows
      .map((t) => {
        const to = t.to === 'unchanged' ? '状态不变' : targetsOf(t.to).map((s) => STATUS_NAMES[s]).join(' 或 ')
        return `${t.from.map((s) => STATUS_NAMES[s]).join('、')} → ${to}（${t.who.map((w) => (w === 'system' ? '系统' : RELATION_NAMES[w])).join('、')}）`
      })
      .join('；')
    const props = AppealActionBody.properties as Record<string, TSchema>
    const pick = (f: string) => [f, props[f]]
    return {
      type: 'object',
      title: `${action}（${ACTION_NAMES[action]}）`,
      description: how,
      additionalProperties: false,
      required: ['action', 'version', ...required],
      properties: {
        action: { type: 'string', enum: [action] },
        version: props.version,
        ...Object.fromEntries([...required, ...optional].map(pick)),
      },
    }
  }),
  discriminator: { propertyName: 'action' },
}

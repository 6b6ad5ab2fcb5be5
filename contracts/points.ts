/**
 * 党建+积分 and 红黑榜. A points ledger, append-only: every entry says who earned (or spent) how many
 * points, why, and from which recorded work. Service (volunteer hours, a fulfilled wish, a pledged
 * household's visit, an appeal handled as 党员接单, a project) is credited by the module that records it,
 * with points from the county's rules; a community awards points for offline service by hand, with a
 * reason; a redemption (积分兑换, e.g. at the 爱心超市) is a negative entry that can never overdraw.
 * The monthly honour boards (红黑榜) of a community count only service — never logins or clicks — and are
 * published only after the community confirms the draft.
 */
import { Id, IsoTime, Literals, Nullable, Obj, PageQuery, PlaceCode, Text, TimelineEvent, Type, Version, type Static } from './common'
import type { WorkflowTable } from './workflow-table'

/** Where an entry comes from. */
export const POINTS_SOURCE_KINDS = ['activity', 'wish', 'visit', 'appeal', 'project', 'manual', 'redemption', 'reversal'] as const
export type PointsSourceKind = (typeof POINTS_SOURCE_KINDS)[number]
export const POINTS_SOURCE_NAMES: Record<PointsSourceKind, string> = {
  activity: '志愿服务',
  wish: '微心愿',
  visit: '包保走访',
  appeal: '党员接单',
  project: '项目认领',
  manual: '社区奖励',
  redemption: '积分兑换',
  reversal: '冲正',
}

/** Service residents feel: the kinds the county's rules price, credited once per (kind, source, earner), and the only kinds the boards count. */
export const SERVICE_KINDS = ['activity', 'wish', 'visit', 'appeal', 'project'] as const
export type ServiceKind = (typeof SERVICE_KINDS)[number]
/** What one unit of each service is: an hour, or one piece of work. */
export const SERVICE_UNIT_NAMES: Record<ServiceKind, string> = {
  activity: '小时',
  wish: '个',
  visit: '次',
  appeal: '件',
  project: '个',
}

/** A county's defaults until it sets its own rules. */
export const DEFAULT_POINTS_RULES: Record<ServiceKind, { pointsPerUnit: number; monthlyCap: number | null }> = {
  activity: { pointsPerUnit: 10, monthlyCap: null },
  wish: { pointsPerUnit: 20, monthlyCap: null },
  visit: { pointsPerUnit: 5, monthlyCap: null },
  appeal: { pointsPerUnit: 10, monthlyCap: null },
  project: { pointsPerUnit: 30, monthlyCap: null },
}
/** 黑榜: registered members with no service in this many months (county setting). */
export const DEFAULT_BLACK_LIST_MONTHS = 3
/** The most a community may award by hand in one entry. */
export const MANUAL_AWARD_MAX = 100
/** The most one redemption may spend. */
export const REDEMPTION_MAX = 10000

export const PointsRule = Type.Object({
  kind: Literals(SERVICE_KINDS),
  kindName: Type.String(),
  unitName: Type.String({ description: '计分单位：小时、个、次、件' }),
  pointsPerUnit: Type.Integer({ minimum: 0, maximum: 1000, description: '每单位积分' }),
  monthlyCap: Nullable(Type.Integer({ minimum: 1, maximum: 100000 }), '每人每月该类积分上限；null 为不设上限'),
})
export type PointsRule = Static<typeof PointsRule>

export const PointsRules = Type.Object({
  countyCode: Type.String(),
  /** false: the county has not set its own rules; these are the defaults */
  isCustom: Type.Boolean(),
  rules: Type.Array(PointsRule),
  blackListMonths: Type.Integer({ minimum: 1, maximum: 12, description: '黑榜：连续多少个月无服务记录' }),
  updatedAt: Nullable(IsoTime),
  updatedBy: Nullable(Type.String()),
  canEdit: Type.Boolean(),
})
export type PointsRules = Static<typeof PointsRules>

export const PointsRulesQuery = Obj({ county: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })) })
export type PointsRulesQuery = Static<typeof PointsRulesQuery>

export const PutPointsRulesBody = Obj({
  rules: Type.Array(
    Obj({
      kind: Literals(SERVICE_KINDS),
      pointsPerUnit: Type.Integer({ minimum: 0, maximum: 1000 }),
      monthlyCap: Nullable(Type.Integer({ minimum: 1, maximum: 100000 })),
    }),
    { minItems: 1, maxItems: SERVICE_KINDS.length },
  ),
  blackListMonths: Type.Integer({ minimum: 1, maximum: 12 }),
})
export type PutPointsRulesBody = Static<typeof PutPointsRulesBody>

export const PointsEarner = Type.Object({
  id: Id,
  name: Type.String(),
  role: Type.String(),
  roleName: Type.String(),
})
export type PointsEarner = Static<typeof PointsEarner>

export const PointsEntry = Type.Object({
  id: Id,
  earner: PointsEarner,
  communityCode: Type.String(),
  points: Type.Integer({ description: '正为获得，负为兑换或冲正' }),
  kind: Literals(POINTS_SOURCE_KINDS),
  kindName: Type.String(),
  sourceId: Nullable(Type.String()),
  reason: Type.String(),
  occurredAt: IsoTime,
  createdAt: IsoTime,
  createdBy: Type.String({ description: '记录人' }),
  /** the entry that reversed this one, if any */
  reversedBy: Nullable(Id),
  allowedActions: Type.Array(Literals(['reverse'] as const)),
})
export type PointsEntry = Static<typeof PointsEntry>

/** A person's account: balance and what it is made of. */
export const PointsAccount = Type.Object({
  earner: PointsEarner,
  balance: Type.Integer(),
  earned: Type.Integer({ description: '累计获得' }),
  spent: Type.Integer({ description: '累计兑换' }),
  /** may the caller award points to or redeem for this person? */
  allowedActions: Type.Array(Literals(['award', 'redeem'] as const)),
})
export type PointsAccount = Static<typeof PointsAccount>

export const ListPointsAccountsQuery = Obj({
  ...PageQuery,
  place: Type.Optional(PlaceCode),
})
export type ListPointsAccountsQuery = Static<typeof ListPointsAccountsQuery>

export const ListPointsEntriesQuery = Obj({
  ...PageQuery,
  kind: Type.Optional(Literals(POINTS_SOURCE_KINDS)),
})
export type ListPointsEntriesQuery = Static<typeof ListPointsEntriesQuery>

export const AwardPointsBody = Obj({
  earnerId: Id,
  points: Type.Integer({ minimum: 1, maximum: MANUAL_AWARD_MAX, description: `奖励积分，1–${MANUAL_AWARD_MAX}` }),
  reason: Text(200, '奖励事由（线下服务内容）'),
})
export type AwardPointsBody = Static<typeof AwardPointsBody>

export const RedeemPointsBody = Obj({
  earnerId: Id,
  points: Type.Integer({ minimum: 1, maximum: REDEMPTION_MAX, description: '兑换所用积分' }),
  item: Text(100, '兑换物品，如“洗衣液 1 瓶”'),
})
export type RedeemPointsBody = Static<typeof RedeemPointsBody>

export const ReverseEntryBody = Obj({ reason: Text(200, '冲正原因') })
export type ReverseEntryBody = Static<typeof ReverseEntryBody>

// ---- 红黑榜 -------------------------------------------------------------------------------------

export const BOARD_STATUSES = ['draft', 'published', 'withdrawn'] as const
export type BoardStatus = (typeof BOARD_STATUSES)[number]
export const BOARD_STATUS_NAMES: Record<BoardStatus, string> = { draft: '待确认', published: '已发布', withdrawn: '已撤回' }

export const BOARD_ACTIONS = ['recompute', 'confirm', 'withdraw'] as const
export type BoardAction = (typeof BOARD_ACTIONS)[number]
export const BOARD_ACTION_NAMES: Record<BoardAction | 'compute', string> = {
  compute: '生成草稿',
  recompute: '重新计算',
  confirm: '确认发布',
  withdraw: '撤回',
}

/** community: the community whose board it is (its party secretary confirms with the community's account) */
export type BoardRelation = 'community'

export const BOARD_WORKFLOW: WorkflowTable<BoardStatus, BoardAction, BoardRelation> = {
  entity: 'honourBoard',
  states: BOARD_STATUSES,
  initial: 'draft',
  stateNames: BOARD_STATUS_NAMES,
  actions: BOARD_ACTIONS,
  actionNames: BOARD_ACTION_NAMES,
  transitions: [
    { action: 'recompute', from: ['draft'], who: ['community'], to: 'unchanged' },
    { action: 'confirm', from: ['draft'], who: ['community'], to: 'published' },
    { action: 'withdraw', from: ['published'], who: ['community'], to: 'withdrawn' },
  ],
  fields: {
    recompute: { required: [], optional: [] },
    confirm: { required: [], optional: ['note'] },
    withdraw: { required: ['reason'], optional: [] },
  },
}

/** How many people the red list names. */
export const RED_LIST_SIZE = 10

export const BoardMonth = Type.String({ pattern: '^20[0-9]{2}-(0[1-9]|1[0-2])$', description: '月份 YYYY-MM（北京时间）' })

export const RedListEntry = Type.Object({
  rank: Type.Integer(),
  earnerId: Id,
  name: Type.String(),
  roleName: Type.String(),
  points: Type.Integer({ description: '当月服务积分' }),
  services: Type.Integer({ description: '当月服务次数' }),
})
export type RedListEntry = Static<typeof RedListEntry>

export const BlackListEntry = Type.Object({
  partyMemberId: Id,
  name: Type.String(),
  workUnit: Type.String(),
  registeredAt: IsoTime,
  lastServiceAt: Nullable(IsoTime),
})
export type BlackListEntry = Static<typeof BlackListEntry>

export const HonourBoard = Type.Object({
  id: Id,
  community: Type.Object({ code: Type.String(), name: Type.String() }),
  month: Type.String(),
  status: Literals(BOARD_STATUSES),
  statusName: Type.String(),
  version: Type.Integer(),
  red: Type.Array(RedListEntry),
  /** the black list: shown to staff and the community's party members, never to residents */
  black: Nullable(Type.Array(BlackListEntry)),
  blackListMonths: Type.Integer(),
  /** the instant the lists were counted up to */
  asOf: IsoTime,
  computedAt: IsoTime,
  confirmedAt: Nullable(IsoTime),
  confirmedBy: Nullable(Type.String()),
  allowedActions: Type.Array(Literals(BOARD_ACTIONS)),
  events: Type.Optional(Type.Array(TimelineEvent)),
})
export type HonourBoard = Static<typeof HonourBoard>

export const ComputeBoardBody = Obj({
  communityCode: Type.String({ pattern: '^[0-9]{12}$', description: '社区（12 位代码）' }),
  month: BoardMonth,
})
export type ComputeBoardBody = Static<typeof ComputeBoardBody>

export const BoardActionBody = Obj({
  action: Literals(BOARD_ACTIONS),
  version: Version,
  note: Type.Optional(Text(200)),
  reason: Type.Optional(Text(200)),
})
export type BoardActionBody = Static<typeof BoardActionBody>

export const ListBoardsQuery = Obj({
  ...PageQuery,
  place: Type.Optional(PlaceCode),
  month: Type.Optional(BoardMonth),
  status: Type.Optional(Literals(BOARD_STATUSES)),
})
export type ListBoardsQuery = Static<typeof ListBoardsQuery>

/** Statistics (DOMAIN §3.5): one definition everywhere, over the appeals received in [from, to). */
import { Nullable, Obj, PlaceCode, Type, type Static, DateParam } from './common'

const Count = (description: string) => Type.Integer({ minimum: 0, description })
const Rate = (description: string) => Nullable(Type.Number({ minimum: 0, maximum: 1, description: `${description}（0–1；分母为 0 时为 null）` }))

/**
 * Every counter behind the figures, defined once: where it shows in a response, its column in the
 * rollup tables (and in the raw GROUP BY), and what it means. The server gives each column its SQL
 * condition (stats/counter-queries.ts, typed so none can be missing); the rollup tables, the trigger,
 * the queries, this contract and the presenter all derive from these lists.
 */
export const COUNTS = {
  received: { column: 'received', description: '受理总量：期间内收到的诉求' },
  respondedOnTime: { column: 'responded_on_time', description: '按时响应：在响应时限内受理' },
  resolved: { column: 'resolved', description: '已解决：到达办结及以后的状态（不含不予受理、合并）' },
  closed: { column: 'closed', description: '已结案' },
  rejected: { column: 'rejected', description: '不予受理' },
  merged: { column: 'merged', description: '合并重复' },
  rated: { column: 'rated', description: '已评价' },
  satisfied: { column: 'satisfied', description: '满意' },
  basic: { column: 'basic', description: '基本满意' },
  unsatisfied: { column: 'unsatisfied', description: '不满意' },
} as const
export const OVERDUE_COUNTS = {
  response: { column: 'overdue_response', description: '超期未受理：响应超过时限（含超时后才受理的）' },
  resolve: { column: 'overdue_resolve', description: '超期未办结：办理超过时限且未办结（超时后办结的计入超期办结，不重复计算）' },
  resolvedLate: { column: 'resolved_late', description: '超期办结：办结时已超过时限' },
  dispatch: { column: 'overdue_dispatch', description: '超期未分派：社区受理后分派超过时限（含超时后才分派的）' },
  review: { column: 'overdue_review', description: '超期未审单：街道审单超过时限（含超时后才审结的）' },
} as const
export const CARD_COUNTS = {
  yellow: { column: 'yellow', description: '被亮黄牌的诉求（含后来升为红牌的）' },
  red: { column: 'red', description: '被亮红牌的诉求' },
} as const
/** 解决层级: who resolved it (DOMAIN §3.2) */
export const LEVEL_COUNTS = {
  building: { column: 'lvl_building', description: '楼栋（联户长）' },
  grid: { column: 'lvl_grid', description: '网格' },
  community: { column: 'lvl_community', description: '社区' },
  street: { column: 'lvl_street', description: '街道' },
  department: { column: 'lvl_department', description: '部门' },
} as const

type Spec = Readonly<Record<string, { readonly column: string; readonly description: string }>>
type ColumnOf<T extends Spec> = T[keyof T]['column']
export type CounterName = ColumnOf<typeof COUNTS> | ColumnOf<typeof OVERDUE_COUNTS> | ColumnOf<typeof CARD_COUNTS> | ColumnOf<typeof LEVEL_COUNTS>
export const COUNTER_GROUPS = [COUNTS, OVERDUE_COUNTS, CARD_COUNTS, LEVEL_COUNTS] as const
/** Every counter's column, in one fixed order (the rollup tables' and the trigger's). */
export const COUNTER_NAMES = COUNTER_GROUPS.flatMap((g) => Object.values(g).map((c) => c.column)) as CounterName[]
/** One row of counts, by column. */
export type Counts = Record<CounterName, number>

function countsOf<T extends Spec>(spec: T) {
  return Type.Object(
    Object.fromEntries(Object.entries(spec).map(([k, c]) => [k, Type.Integer({ minimum: 0, description: c.description })])) as {
      [K in keyof T]: ReturnType<typeof Type.Integer>
    },
  )
}

const Level = Type.Object({ count: Type.Integer(), share: Nullable(Type.Number()) })
function levelsOf<T extends Spec>(spec: T) {
  return Type.Object(Object.fromEntries(Object.keys(spec).map((k) => [k, Level])) as { [K in keyof T]: typeof Level }, {
    description: '解决层级占比（占已解决）',
  })
}

export const Figures = Type.Object({
  ...countsOf(COUNTS).properties,
  overdue: countsOf(OVERDUE_COUNTS),
  cards: countsOf(CARD_COUNTS),
  responseRate: Rate('响应率 = 按时响应 / 受理总量'),
  resolutionRate: Rate('解决率 = 已解决 / (受理总量 − 不予受理 − 合并)'),
  satisfactionRate: Rate('满意率 = (满意 + 基本满意) / 已评价'),
  resolutionLevels: levelsOf(LEVEL_COUNTS),
})
export type Figures = Static<typeof Figures>

export const StatsScope = Type.Object({
  kind: Type.String({ description: 'place · department' }),
  code: Type.String(),
  name: Type.String(),
  level: Type.Optional(Type.String()),
})

export const ReportIn = Type.Object({
  whistled: Count('被吹哨次数'),
  asLead: Count('主办'),
  reportedIn: Count('已报到'),
  reportedLate: Count('超时报到'),
  notReported: Count('未报到（吹哨仍有效）'),
  returned: Count('报到前被退回（吹哨已撤回，不计未报到）'),
})

export const StatsOverview = Type.Object({
  scope: StatsScope,
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date', description: '不含当日' }),
  figures: Figures,
  reportIn: Type.Optional(ReportIn),
})
export type StatsOverview = Static<typeof StatsOverview>

export const StatsChildren = Type.Object({
  scope: StatsScope,
  from: Type.String(),
  to: Type.String(),
  items: Type.Array(Type.Object({ place: StatsScope, figures: Figures })),
})

export const PERIODS = ['month', 'quarter', 'year', 'last30'] as const
const Range = {
  period: Type.Optional(
    Type.Enum(PERIODS, { description: '统计期间：month 本月、quarter 本季度、year 本年（均截至今天）、last30 近 30 天；不填为本月' }),
  ),
  from: Type.Optional(DateParam('起始日（含）；给出时优先于 period')),
  to: Type.Optional(DateParam('截止日（不含）；给出时优先于 period，默认明天')),
}
export const OverviewQuery = Obj({
  place: Type.Optional(PlaceCode),
  department: Type.Optional(Type.String({ maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' })),
  ...Range,
})
export type OverviewQuery = Static<typeof OverviewQuery>
export const ChildrenStatsQuery = Obj({ place: Type.Optional(PlaceCode), ...Range })
export type ChildrenStatsQuery = Static<typeof ChildrenStatsQuery>

/** Figures of the caller's place split by 大类 (category) or by channel — the same counters as the overview. */
export const BreakdownQuery = Obj({
  place: Type.Optional(PlaceCode),
  by: Type.Enum(['category', 'channel'] as const, { description: 'category 按大类 · channel 按渠道' }),
  ...Range,
})
export const StatsBreakdown = Type.Object({
  scope: StatsScope,
  from: Type.String(),
  to: Type.String(),
  by: Type.String(),
  items: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), figures: Figures })),
})
export type StatsBreakdown = Static<typeof StatsBreakdown>

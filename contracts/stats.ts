/** Statistics (DESIGN §3.5): one definition everywhere, over the appeals received in [from, to). */
import { Nullable, Obj, PlaceCode, Type, type Static } from './common'

const Count = (description: string) => Type.Integer({ minimum: 0, description })
const Rate = (description: string) => Nullable(Type.Number({ minimum: 0, maximum: 1, description: `${description}（0–1；分母为 0 时为 null）` }))

export const Figures = Type.Object({
  received: Count('受理总量：期间内收到的诉求'),
  respondedOnTime: Count('按时响应：在响应时限内受理'),
  resolved: Count('已解决：到达办结及以后的状态（不含不予受理、合并）'),
  closed: Count('已结案'),
  rejected: Count('不予受理'),
  merged: Count('合并重复'),
  rated: Count('已评价'),
  satisfied: Count('满意'),
  basic: Count('基本满意'),
  unsatisfied: Count('不满意'),
  overdue: Type.Object({
    response: Count('超期未受理：响应超过时限（含超时后才受理的）'),
    resolve: Count('超期未办结：办理超过时限且未办结（超时后办结的计入超期办结，不重复计算）'),
    resolvedLate: Count('超期办结：办结时已超过时限'),
  }),
  cards: Type.Object({ yellow: Count('被亮黄牌的诉求（含后来升为红牌的）'), red: Count('被亮红牌的诉求') }),
  responseRate: Rate('响应率 = 按时响应 / 受理总量'),
  resolutionRate: Rate('解决率 = 已解决 / (受理总量 − 不予受理 − 合并)'),
  satisfactionRate: Rate('满意率 = (满意 + 基本满意) / 已评价'),
  resolutionLevels: Type.Object(
    {
      building: Type.Object({ count: Type.Integer(), share: Nullable(Type.Number()) }),
      grid: Type.Object({ count: Type.Integer(), share: Nullable(Type.Number()) }),
      community: Type.Object({ count: Type.Integer(), share: Nullable(Type.Number()) }),
      street: Type.Object({ count: Type.Integer(), share: Nullable(Type.Number()) }),
      department: Type.Object({ count: Type.Integer(), share: Nullable(Type.Number()) }),
    },
    { description: '解决层级占比（占已解决）' },
  ),
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

const Range = {
  from: Type.Optional(Type.String({ format: 'date', description: '起始日（含），默认本月 1 日' })),
  to: Type.Optional(Type.String({ format: 'date', description: '截止日（不含），默认明天' })),
}
export const OverviewQuery = Obj({
  place: Type.Optional(PlaceCode),
  department: Type.Optional(Type.String({ maxLength: 40, pattern: '^[A-Za-z0-9_-]+$' })),
  ...Range,
})
export type OverviewQuery = Static<typeof OverviewQuery>
export const ChildrenStatsQuery = Obj({ place: Type.Optional(PlaceCode), ...Range })

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

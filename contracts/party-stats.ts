/**
 * 党建引领的数字 (issue 12 "Figures"): for a place and a period, derived from the recorded work of
 * 双报到, 包保, 三张清单, 微心愿, 志愿服务 and 积分 — never typed. Stock figures (registered, covered, late)
 * are as of today; flow figures count what happened in [from, to).
 */
import { DateParam, Nullable, Obj, PlaceCode, Type, type Static } from './common'
import { PERIODS, StatsScope } from './stats'

/** The stats periods and 累计 (all: since the beginning). */
export const PARTY_PERIODS = [...PERIODS, 'all'] as const
export type PartyPeriod = (typeof PARTY_PERIODS)[number]

const Count = (description: string) => Type.Integer({ minimum: 0, description })
/** null where the figure is not kept at this level (a grid: units, members, projects, activities and points belong to a community) */
const CommunityCount = (description: string) => Nullable(Type.Integer({ minimum: 0 }), `${description}（网格一级不统计时为 null）`)

export const PartyFigures = Type.Object({
  unitsRegistered: CommunityCount('报到单位党组织：共驻共建协议已确认且在有效期内的单位（今日）'),
  membersRegistered: CommunityCount('报到在职党员：社区已确认报到的在职党员（今日）'),
  householdsCovered: Count('已包保住户：有党员包保的住户（今日）'),
  householdsTotal: Count('住户总数'),
  membersPledging: CommunityCount('包保党员：包保住户的党员（今日）'),
  membersMeetingPledge: CommunityCount('包保达标党员：包保 5–8 户的党员（今日）'),
  needsCollected: Count('收集需求：期间内登记的需求清单条目'),
  needsDone: Count('完成需求：期间内随项目验收完成的需求'),
  projectsClaimed: CommunityCount('认领项目：期间内被认领的项目'),
  projectsDone: CommunityCount('完成项目：期间内验收通过的项目'),
  projectsLate: CommunityCount('超期项目：已认领或实施中且已过完成时限（今日）'),
  wishesPublished: Count('发布微心愿：期间内发布的心愿'),
  wishesFulfilled: Count('实现微心愿：期间内完成的心愿'),
  activitiesHeld: CommunityCount('志愿活动：期间内开展的活动（按开始时间）'),
  personTimes: CommunityCount('服务人次：志愿者签退的人次'),
  hours: Nullable(Type.Number({ minimum: 0 }), '服务时长（小时，签退时记入）'),
  pointsCredited: Nullable(Type.Integer(), '记入积分：期间内为服务记入的积分（不含兑换，已扣除冲正）'),
})
export type PartyFigures = Static<typeof PartyFigures>

export const PartyStatsQuery = Obj({
  place: Type.Optional(PlaceCode),
  period: Type.Optional(Type.Enum(PARTY_PERIODS, { description: '统计期间：month 本月、quarter 本季度、year 本年、last30 近 30 天、all 累计；不填为本月' })),
  from: Type.Optional(DateParam('起始日（含）；给出时优先于 period')),
  to: Type.Optional(DateParam('截止日（不含）；给出时优先于 period，默认明天')),
})
export type PartyStatsQuery = Static<typeof PartyStatsQuery>

export const PartyStats = Type.Object({
  scope: StatsScope,
  from: Nullable(Type.String({ format: 'date' }), '起始日（含）；累计时为 null'),
  to: Type.String({ format: 'date', description: '不含当日' }),
  asOf: Type.String({ format: 'date', description: '今日：报到、包保、超期按此日计' }),
  figures: PartyFigures,
  /** one line in the words the counties report in: "62家单位党组织、1422名在职党员到社区报到…" */
  summary: Type.String(),
  /** by community (a street, county or above) or by grid (a community; community-wide needs and wishes under 社区本级) */
  items: Type.Array(Type.Object({ place: StatsScope, figures: PartyFigures })),
})
export type PartyStats = Static<typeof PartyStats>

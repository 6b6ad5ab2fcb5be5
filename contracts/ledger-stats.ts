/**
 * 台账统计 (issue 13): the monthly statistical tables (人口 / 房屋 / 单位场所 / 特殊人群 by grid or community) and
 * the 六项台账 overview — every figure counted from the registers as of a day, never typed. Column names are in
 * ledger-stats-names.ts.
 */
import { Nullable, Obj, PlaceCode, Type, type Static } from './common'
import { StatsScope } from './stats'

const Count = (description: string) => Type.Integer({ minimum: 0, description })

export const MonthParam = Type.String({ pattern: '^20[0-9]{2}-(?:0[1-9]|1[0-2])$', description: '统计月份 YYYY-MM（北京时间）；不填为本月' })

export const LedgerMonthlyQuery = Obj({
  month: Type.Optional(MonthParam),
  placeCode: Type.Optional(PlaceCode),
})
export type LedgerMonthlyQuery = Static<typeof LedgerMonthlyQuery>

export const PeopleFigures = Type.Object({
  total: Count('实有人口：月末在住（居住史中月末未结束的居住记录）'),
  registered: Count('户籍人口'),
  floating: Count('流动人口'),
  overseas: Count('境外人员'),
  households: Count('在住户数：月末有人在住的户'),
  sameAsHukou: Count('人户一致'),
  separated: Count('人户分离'),
  over60: Count('60 岁以上（以月末计）'),
  movedIn: Count('本月迁入'),
  born: Count('本月出生'),
  movedOut: Count('本月迁出'),
  died: Count('本月死亡'),
})
export type PeopleFigures = Static<typeof PeopleFigures>

export const HousingFigures = Type.Object({
  rooms: Count('实有房屋：登记的房间（户）'),
  owner: Count('自住'),
  rented: Count('出租'),
  vacant: Count('空置'),
  other: Count('其他'),
  activeRentals: Count('月末在租的出租房屋'),
  tenants: Count('月末在租的承租人'),
})
export type HousingFigures = Static<typeof HousingFigures>

export const VenueFigures = Type.Object({
  open: Count('月末在营的单位场所'),
  shop: Count('商铺'),
  restaurant: Count('餐饮'),
  smallVenue: Count('九小场所'),
  enterprise: Count('企业'),
  institution: Count('机关事业单位'),
  other: Count('其他'),
  keyUnits: Count('重点单位（安全生产、消防、治安任一）'),
})
export type VenueFigures = Static<typeof VenueFigures>

export const SpecialGroupFigures = Type.Object({
  byKind: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), { description: '各类在册人数：只含调用者可查看的类别' }),
  care: Count('关爱服务对象合计'),
  managed: Nullable(Type.Integer({ minimum: 0 }), '服务管理对象合计；调用者不能查看任何服务管理类别时为 null'),
  total: Count('特殊人群合计（调用者可查看的类别）'),
})
export type SpecialGroupFigures = Static<typeof SpecialGroupFigures>

export const LedgerFigures = Type.Object({
  people: PeopleFigures,
  housing: HousingFigures,
  venues: VenueFigures,
  specialGroups: SpecialGroupFigures,
})
export type LedgerFigures = Static<typeof LedgerFigures>

export const LedgerPlace = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String({ description: 'grid · community' }) })

export const LedgerMonthly = Type.Object({
  scope: StatsScope,
  month: Type.String({ description: 'YYYY-MM' }),
  asOf: Type.String({ format: 'date', description: '统计截至日：月末（本月为今天）' }),
  groupedBy: Type.Union([Type.Literal('grid'), Type.Literal('community')]),
  specialGroupKinds: Type.Array(
    Type.Object({ kind: Type.String(), name: Type.String(), category: Type.String({ description: 'care · managed' }) }),
    { description: '特殊人群表的列：调用者可查看的类别' },
  ),
  items: Type.Array(Type.Object({ place: LedgerPlace, figures: LedgerFigures })),
  totals: LedgerFigures,
})
export type LedgerMonthly = Static<typeof LedgerMonthly>

export const LedgerOverviewQuery = Obj({ placeCode: Type.Optional(PlaceCode) })
export type LedgerOverviewQuery = Static<typeof LedgerOverviewQuery>

export const LedgerCard = Type.Object({
  key: Type.String({ description: 'people · housing · venues · specialGroups · disputes · visits' }),
  name: Type.String({ description: '台账名称' }),
  path: Type.String({ description: '控制台中该台账的页面' }),
  figure: Type.Integer({ minimum: 0, description: '主数字' }),
  unit: Type.String(),
  details: Type.Array(Type.Object({ label: Type.String(), value: Type.Integer({ minimum: 0 }) })),
})
export type LedgerCard = Static<typeof LedgerCard>

export const LedgerOverview = Type.Object({
  scope: StatsScope,
  asOf: Type.String({ format: 'date' }),
  month: Type.String(),
  cards: Type.Array(LedgerCard),
})
export type LedgerOverview = Static<typeof LedgerOverview>

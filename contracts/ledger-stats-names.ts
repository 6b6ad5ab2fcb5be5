/**
 * 台账统计 (issue 13): the columns of the monthly statistical tables and the six registers of the 六项台账
 * overview, in the order the page and the export show them. Plain data (no schema library), so the console
 * imports it; the schemas are in ledger-stats.ts.
 */

/** The four monthly tables (月报表), each a tab of the page and a sheet of the export. */
export const LEDGER_TABLE_NAMES = { people: '人口', housing: '房屋', venues: '单位场所', specialGroups: '特殊人群' } as const
export type LedgerTable = keyof typeof LEDGER_TABLE_NAMES

export const PEOPLE_COLUMNS = [
  { key: 'total', header: '实有人口' },
  { key: 'registered', header: '户籍人口' },
  { key: 'floating', header: '流动人口' },
  { key: 'overseas', header: '境外人员' },
  { key: 'households', header: '在住户数' },
  { key: 'sameAsHukou', header: '人户一致' },
  { key: 'separated', header: '人户分离' },
  { key: 'over60', header: '60岁以上' },
  { key: 'movedIn', header: '本月迁入' },
  { key: 'born', header: '本月出生' },
  { key: 'movedOut', header: '本月迁出' },
  { key: 'died', header: '本月死亡' },
] as const
export type PeopleFigureKey = (typeof PEOPLE_COLUMNS)[number]['key']

export const HOUSING_COLUMNS = [
  { key: 'rooms', header: '实有房屋（间/套）' },
  { key: 'owner', header: '自住' },
  { key: 'rented', header: '出租' },
  { key: 'vacant', header: '空置' },
  { key: 'other', header: '其他' },
  { key: 'activeRentals', header: '在租出租房屋' },
  { key: 'tenants', header: '承租人' },
] as const
export type HousingFigureKey = (typeof HOUSING_COLUMNS)[number]['key']

export const VENUE_COLUMNS = [
  { key: 'open', header: '在营单位场所' },
  { key: 'shop', header: '商铺' },
  { key: 'restaurant', header: '餐饮' },
  { key: 'smallVenue', header: '九小场所' },
  { key: 'enterprise', header: '企业' },
  { key: 'institution', header: '机关事业单位' },
  { key: 'other', header: '其他' },
  { key: 'keyUnits', header: '重点单位' },
] as const
export type VenueFigureKey = (typeof VENUE_COLUMNS)[number]['key']

/** The special-group table's fixed columns after one column per kind the caller may read. */
export const SPECIAL_GROUP_TOTAL_COLUMNS = [
  { key: 'care', header: '关爱服务对象合计' },
  { key: 'managed', header: '服务管理对象合计' },
  { key: 'total', header: '特殊人群合计' },
] as const

/** 六项台账 (青铜峡): the six registers of the overview, each with its console page. */
export const SIX_LEDGER_NAMES = {
  people: '人口信息台账',
  housing: '房屋/出租房屋台账',
  venues: '单位场所台账',
  specialGroups: '特殊人群台账',
  disputes: '矛盾纠纷台账',
  visits: '走访台账',
} as const
export type SixLedger = keyof typeof SIX_LEDGER_NAMES

/** Where each register lives in the console (the cards link there). */
export const SIX_LEDGER_PATHS: Record<SixLedger, string> = {
  people: '/population/people',
  housing: '/housing',
  venues: '/venues',
  specialGroups: '/special-groups',
  disputes: '/appeals?category=dispute',
  visits: '/visits/coverage',
}

/** The category (大类) whose appeals make the 矛盾纠纷台账 (its children dispute.neighbour, dispute.family …). */
export const DISPUTE_CATEGORY = 'dispute'

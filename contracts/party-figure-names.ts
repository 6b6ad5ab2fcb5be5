/**
 * The Chinese names of the party figures (党建引领), in the order the 统计 page and its export show them.
 * Plain data with no schema library, so the web imports it (the schemas are in party-stats.ts).
 */
export const PARTY_FIGURE_COLUMNS = [
  { key: 'unitsRegistered', header: '报到单位党组织', unit: '家' },
  { key: 'membersRegistered', header: '报到在职党员', unit: '名' },
  { key: 'householdsCovered', header: '已包保住户', unit: '户' },
  { key: 'householdsTotal', header: '住户总数', unit: '户' },
  { key: 'membersPledging', header: '包保党员', unit: '名' },
  { key: 'membersMeetingPledge', header: '包保达标党员（5–8户）', unit: '名' },
  { key: 'needsCollected', header: '收集需求', unit: '条' },
  { key: 'needsDone', header: '完成需求', unit: '条' },
  { key: 'projectsClaimed', header: '认领项目', unit: '个' },
  { key: 'projectsDone', header: '验收完成项目', unit: '个' },
  { key: 'projectsLate', header: '超期项目', unit: '个' },
  { key: 'wishesPublished', header: '发布微心愿', unit: '个' },
  { key: 'wishesFulfilled', header: '实现微心愿', unit: '个' },
  { key: 'activitiesHeld', header: '志愿活动', unit: '场' },
  { key: 'personTimes', header: '服务人次', unit: '人次' },
  { key: 'hours', header: '服务时长', unit: '小时' },
  { key: 'pointsCredited', header: '记入积分', unit: '分' },
] as const

export type PartyFigureKey = (typeof PARTY_FIGURE_COLUMNS)[number]['key']

/** 统计期间 of the party figures, as the page's picker names them. */
export const PARTY_PERIOD_NAMES = { range: '所选期间', all: '累计' } as const

/**
 * 党建引领的数字: units and in-service members registered (双报到), households covered (包保), needs,
 * projects, wishes, volunteer activities, 人次, hours and points — for a place and a period, each read
 * from its own module's count over the recorded work (never typed), and the same per community (a
 * street, county or above) or per grid (a community). Who may ask, and for which place, is the
 * overview's rule: every level sees its own place and what is under it.
 */
import type { PartyFigures, PartyStats, PartyStatsQuery } from '#contracts/party-stats'
import type { Ctx } from '../../context'
import type { FigureScope } from '../../db/figures'
import { addDays, shanghaiDate, shanghaiDayStart } from '../../lib/time'
import { authorize } from '../../permissions'
import { countNeedFigures, countProjectFigures } from '../lists'
import { listGridsOfCommunity, listRegionsUnder } from '../places'
import { countHouseholdCoverage, countPledgingMembers } from '../pledges'
import { countPointsCredited } from '../points'
import { countRegisteredMembers } from '../registrations'
import { countRegisteredUnits } from '../units'
import { countVolunteerFigures } from '../volunteers'
import { countWishFigures } from '../wishes'
import { period, placeOf, placeScope } from './service'

/** The period asked: 累计 (period=all, no from) counts from the beginning; otherwise the overview's periods. */
function partyPeriod(ctx: Ctx, q: PartyStatsQuery) {
  const today = shanghaiDate(ctx.now)
  if (q.period === 'all' && !q.from) {
    const to = q.to ?? addDays(today, 1)
    return { from: null, to, fromAt: null, toAt: shanghaiDayStart(to), today }
  }
  const p = period(ctx, { ...q, period: q.period === 'all' ? undefined : q.period })
  return { from: p.from, to: p.to, fromAt: p.fromAt, toAt: p.toAt, today }
}

type Keyed<T> = Map<string, T>
const keyed = <T extends { key: string }>(rows: T[]): Keyed<T> => new Map(rows.map((r) => [r.key, r]))

/** Every domain's count over one scope, grouped the same way; community-only figures are skipped for grids. */
async function countAll(ctx: Ctx, s: FigureScope, perCommunity: boolean) {
  const db = ctx.db
  const none = Promise.resolve([])
  const [units, members, coverage, pledging, needs, projects, wishes, volunteers, points] = await Promise.all([
    perCommunity ? countRegisteredUnits(db, s) : none,
    perCommunity ? countRegisteredMembers(db, s) : none,
    countHouseholdCoverage(db, s),
    perCommunity ? countPledgingMembers(db, s) : none,
    countNeedFigures(db, s),
    perCommunity ? countProjectFigures(db, s) : none,
    countWishFigures(db, s),
    perCommunity ? countVolunteerFigures(db, s) : none,
    perCommunity ? countPointsCredited(db, s) : none,
  ])
  const m = {
    units: keyed(units),
    members: keyed(members),
    coverage: keyed(coverage),
    pledging: keyed(pledging),
    needs: keyed(needs),
    projects: keyed(projects),
    wishes: keyed(wishes),
    volunteers: keyed(volunteers),
    points: keyed(points),
  }
  return (key: string): PartyFigures => {
    const c = <T>(v: T) => (perCommunity ? v : null)
    return {
      unitsRegistered: c(m.units.get(key)?.units ?? 0),
      membersRegistered: c(m.members.get(key)?.members ?? 0),
      householdsCovered: m.coverage.get(key)?.covered ?? 0,
      householdsTotal: m.coverage.get(key)?.households ?? 0,
      membersPledging: c(m.pledging.get(key)?.pledging ?? 0),
      membersMeetingPledge: c(m.pledging.get(key)?.meeting ?? 0),
      needsCollected: m.needs.get(key)?.collected ?? 0,
      needsDone: m.needs.get(key)?.done ?? 0,
      projectsClaimed: c(m.projects.get(key)?.claimed ?? 0),
      projectsDone: c(m.projects.get(key)?.done ?? 0),
      projectsLate: c(m.projects.get(key)?.late ?? 0),
      wishesPublished: m.wishes.get(key)?.published ?? 0,
      wishesFulfilled: m.wishes.get(key)?.fulfilled ?? 0,
      activitiesHeld: c(m.volunteers.get(key)?.activities ?? 0),
      personTimes: c(m.volunteers.get(key)?.personTimes ?? 0),
      hours: c(Math.round((m.volunteers.get(key)?.hours ?? 0) * 10) / 10),
      pointsCredited: c(m.points.get(key)?.points ?? 0),
    }
  }
}

/** The one line the counties report in ("62家单位党组织、1422名在职党员到社区报到 … 收集需求清单28条 … 完成14条"). */
export function partySummary(f: PartyFigures): string {
  const parts: string[] = []
  if (f.unitsRegistered !== null && f.membersRegistered !== null) parts.push(`${f.unitsRegistered}家单位党组织、${f.membersRegistered}名在职党员到社区报到`)
  parts.push(`${f.membersPledging !== null ? `${f.membersPledging}名党员` : '党员'}包保住户${f.householdsCovered}户（共${f.householdsTotal}户）`)
  parts.push(`收集需求清单${f.needsCollected}条、完成${f.needsDone}条`)
  if (f.projectsClaimed !== null) parts.push(`认领项目${f.projectsClaimed}个、验收完成${f.projectsDone ?? 0}个`)
  parts.push(`发布微心愿${f.wishesPublished}个、实现${f.wishesFulfilled}个`)
  if (f.activitiesHeld !== null) parts.push(`开展志愿服务活动${f.activitiesHeld}场、服务${f.personTimes ?? 0}人次${f.hours ?? 0}小时`)
  if (f.pointsCredited !== null) parts.push(`记入党建积分${f.pointsCredited}分`)
  return `${parts.join('，')}。`
}

const COMMUNITY_ITSELF = '社区本级'

export async function getPartyStats(ctx: Ctx, q: PartyStatsQuery): Promise<PartyStats> {
  authorize(ctx.actor, 'stats.read')
  const code = placeOf(ctx, q.place)
  const scope = await placeScope(ctx, code)
  const p = partyPeriod(ctx, q)
  const isGrid = code.length === 15
  const base = { placePrefix: code, from: p.fromAt, to: p.toAt, today: p.today }
  // a street and a county by community (what the counties report by); a community by grid; above, the next level
  const childLength = isGrid ? null : code.length === 12 ? 15 : code.length >= 6 ? 12 : code.length + 2
  const [total, child] = await Promise.all([
    countAll(ctx, { ...base, groupBy: null }, !isGrid),
    childLength ? countAll(ctx, { ...base, groupBy: childLength }, childLength <= 12) : Promise.resolve(null),
  ])
  const figures = total('')
  let items: PartyStats['items'] = []
  if (child && childLength === 15) {
    // grids (a retired one only when it holds figures) and the community's own needs and wishes
    const grids = await listGridsOfCommunity(ctx.db, code, true)
    items = grids.map((g) => ({ place: { kind: 'place', code: g.code, name: g.name, level: 'grid' }, figures: child(g.code) }))
    items = items.filter((i, k) => !grids[k]!.retiredAt || hasAny(i.figures))
    const own = child(code)
    if (hasAny(own)) items.push({ place: { kind: 'place', code, name: COMMUNITY_ITSELF, level: 'community' }, figures: own })
  } else if (child && childLength) {
    const levels: Record<number, string> = { 4: 'city', 6: 'county', 9: 'street', 12: 'community' }
    const places = (await listRegionsUnder(ctx.db, code)).filter((r) => r.code.length === childLength).sort((a, b) => a.code.localeCompare(b.code))
    items = places.map((r) => ({ place: { kind: 'place', code: r.code, name: r.name, level: levels[childLength] ?? r.level }, figures: child(r.code) }))
  }
  return { scope, from: p.from, to: p.to, asOf: p.today, figures, summary: partySummary(figures), items }
}

function hasAny(f: PartyFigures): boolean {
  return Object.values(f).some((v) => typeof v === 'number' && v !== 0)
}

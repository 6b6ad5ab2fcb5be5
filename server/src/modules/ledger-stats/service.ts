/**
 * 台账统计: the monthly statistical tables (人口 / 房屋 / 单位场所 / 特殊人群) and the 六项台账 overview, counted
 * from the registers — never filled by hand. Stock figures are taken at the end of the month (today for the
 * running month), flows over the month; rows by grid under a community (or for a grid), by community under a
 * street or county, and a totals row. Special groups: only the kinds the caller may read.
 */
import type { LedgerCard, LedgerFigures, LedgerMonthly, LedgerMonthlyQuery, LedgerOverview, LedgerOverviewQuery } from '#contracts/ledger-stats'
import { DISPUTE_CATEGORY, SIX_LEDGER_NAMES, SIX_LEDGER_PATHS } from '#contracts/ledger-stats-names'
import { MANAGED_GROUP_NAMES, SPECIAL_GROUP_NAMES, specialGroupCategory, type SpecialGroupKind } from '#contracts/ledger-names'
import type { Ctx } from '../../context'
import { AppError, notFound } from '../../errors'
import { addDays, shanghaiDate, shanghaiDayStart } from '../../lib/time'
import { authorize, readableSpecialGroupKinds } from '../../permissions'
import { findGrid, findRegion, listGridsOfCommunity, listRegionsUnder } from '../places'
import { countDisputes, countPeople, countRentals, countRooms, countSpecialGroups, countVenues, countVisits, type LedgerScope } from './queries'

const LEVELS: Record<number, string> = { 2: 'province', 4: 'city', 6: 'county', 9: 'street', 12: 'community', 15: 'grid' }
const OUT_OF_SCOPE = '地点不存在或不在您的辖区内'

/** The place asked about (the caller's own by default), after the role and scope checks: 403, then 404. */
async function ledgerPlace(ctx: Ctx, asked: string | undefined) {
  authorize(ctx.actor, 'ledgerStats.read')
  const code = asked ?? ctx.actor.placeCode
  if (!code) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'ledgerStats.place', code)
  const named = code.length === 15 ? await findGrid(ctx.db, code) : await findRegion(ctx.db, code)
  if (!named) throw notFound(OUT_OF_SCOPE)
  return { kind: 'place', code, name: named.name, level: LEVELS[code.length] ?? 'place' }
}

/** The month asked (this month by default): its first day, the day its stock is taken on, and the next month's first day. */
function monthOf(ctx: Ctx, month: string | undefined) {
  const today = shanghaiDate(ctx.now)
  const m = month ?? today.slice(0, 7)
  const monthStart = `${m}-01`
  if (monthStart > today) throw new AppError('LEDGER_MONTH_AHEAD')
  const [y, mo] = m.split('-').map(Number) as [number, number]
  const nextStart = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`
  const monthEnd = addDays(nextStart, -1)
  const asOf = monthEnd < today ? monthEnd : today
  return { month: m, monthStart, nextStart, asOf, running: asOf === today }
}

type Keyed<T> = Map<string, T>
const keyed = <T extends { key: string }>(rows: T[]): Keyed<T> => new Map(rows.map((r) => [r.key, r]))

/** Every table's count over one scope; `figuresOf(key)` puts one group's figures together ('' … the place itself). */
async function countLedgers(ctx: Ctx, s: LedgerScope, kinds: SpecialGroupKind[]) {
  const [people, rooms, rentals, venues, groups] = await Promise.all([
    countPeople(ctx.db, s),
    countRooms(ctx.db, s),
    countRentals(ctx.db, s),
    countVenues(ctx.db, s),
    countSpecialGroups(ctx.db, s, kinds),
  ])
  const p = keyed(people)
  const r = keyed(rooms)
  const t = keyed(rentals)
  const v = keyed(venues)
  const g = new Map<string, Map<string, number>>()
  for (const row of groups) {
    const m = g.get(row.key) ?? new Map<string, number>()
    m.set(row.kind, row.n)
    g.set(row.key, m)
  }
  const seesManaged = kinds.some((k) => k in MANAGED_GROUP_NAMES)
  return (key: string): LedgerFigures => {
    const pp = p.get(key)
    const rr = r.get(key)
    const tt = t.get(key)
    const vv = v.get(key)
    const gg = g.get(key)
    const byKind = Object.fromEntries(kinds.map((k) => [k, gg?.get(k) ?? 0]))
    const care = kinds.filter((k) => specialGroupCategory(k) === 'care').reduce((n, k) => n + byKind[k]!, 0)
    const managed = kinds.filter((k) => specialGroupCategory(k) === 'managed').reduce((n, k) => n + byKind[k]!, 0)
    return {
      people: {
        total: pp?.total ?? 0,
        registered: pp?.registered ?? 0,
        floating: pp?.floating ?? 0,
        overseas: pp?.overseas ?? 0,
        households: pp?.households ?? 0,
        sameAsHukou: pp?.sameAsHukou ?? 0,
        separated: pp?.separated ?? 0,
        over60: pp?.over60 ?? 0,
        movedIn: pp?.movedIn ?? 0,
        born: pp?.born ?? 0,
        movedOut: pp?.movedOut ?? 0,
        died: pp?.died ?? 0,
      },
      housing: {
        rooms: rr?.rooms ?? 0,
        owner: rr?.owner ?? 0,
        rented: rr?.rented ?? 0,
        vacant: rr?.vacant ?? 0,
        other: rr?.other ?? 0,
        activeRentals: tt?.activeRentals ?? 0,
        tenants: tt?.tenants ?? 0,
      },
      venues: {
        open: vv?.open ?? 0,
        shop: vv?.shop ?? 0,
        restaurant: vv?.restaurant ?? 0,
        smallVenue: vv?.smallVenue ?? 0,
        enterprise: vv?.enterprise ?? 0,
        institution: vv?.institution ?? 0,
        other: vv?.other ?? 0,
        keyUnits: vv?.keyUnits ?? 0,
      },
      specialGroups: { byKind, care, managed: seesManaged ? managed : null, total: care + managed },
    }
  }
}

function addFigures(a: LedgerFigures, b: LedgerFigures): LedgerFigures {
  const sum = <T extends Record<string, number>>(x: T, y: T): T => Object.fromEntries(Object.keys(x).map((k) => [k, x[k]! + y[k]!])) as T
  return {
    people: sum(a.people, b.people),
    housing: sum(a.housing, b.housing),
    venues: sum(a.venues, b.venues),
    specialGroups: {
      byKind: sum(a.specialGroups.byKind, b.specialGroups.byKind),
      care: a.specialGroups.care + b.specialGroups.care,
      managed: a.specialGroups.managed === null ? null : a.specialGroups.managed + (b.specialGroups.managed ?? 0),
      total: a.specialGroups.total + b.specialGroups.total,
    },
  }
}

const hasAny = (f: LedgerFigures) =>
  f.people.total + f.people.movedOut + f.people.died + f.housing.rooms + f.housing.activeRentals + f.venues.open + f.specialGroups.total > 0

/** 月报表: the four tables of a place for a month, by grid or community, with a totals row. */
export async function getLedgerMonthly(ctx: Ctx, q: LedgerMonthlyQuery): Promise<LedgerMonthly> {
  const scope = await ledgerPlace(ctx, q.placeCode)
  const m = monthOf(ctx, q.month)
  const code = scope.code
  const byGrid = code.length >= 12
  const kinds = readableSpecialGroupKinds(ctx.actor)
  const s: LedgerScope = { placePrefix: code, keyLength: byGrid ? 15 : 12, monthStart: m.monthStart, asOf: m.asOf, asOfEnd: shanghaiDayStart(addDays(m.asOf, 1)), running: m.running }
  const figuresOf = await countLedgers(ctx, s, kinds)
  let places: { code: string; name: string; level: string; retired?: boolean }[]
  if (byGrid) {
    const grids = await listGridsOfCommunity(ctx.db, code.slice(0, 12), true)
    places = grids.filter((g) => g.code.startsWith(code)).map((g) => ({ code: g.code, name: g.name, level: 'grid', retired: g.retiredAt !== null }))
  } else {
    places = (await listRegionsUnder(ctx.db, code))
      .filter((r) => r.code.length === 12)
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((r) => ({ code: r.code, name: r.name, level: 'community' }))
  }
  // a retired grid keeps its history: listed when it still holds figures, so the rows add up to the totals
  const items = places.map((p) => ({ place: { code: p.code, name: p.name, level: p.level }, figures: figuresOf(p.code), retired: p.retired }))
  const shown = items.filter((i) => !i.retired || hasAny(i.figures)).map(({ place, figures }) => ({ place, figures }))
  const totals = shown.reduce((acc, i) => addFigures(acc, i.figures), figuresOf('\u0000'))
  return {
    scope,
    month: m.month,
    asOf: m.asOf,
    groupedBy: byGrid ? 'grid' : 'community',
    specialGroupKinds: kinds.map((k) => ({ kind: k, name: SPECIAL_GROUP_NAMES[k], category: specialGroupCategory(k) })),
    items: shown,
    totals,
  }
}

/** 六项台账: the six registers of a place as live figures (today; disputes and visits this month). */
export async function getLedgerOverview(ctx: Ctx, q: LedgerOverviewQuery): Promise<LedgerOverview> {
  const scope = await ledgerPlace(ctx, q.placeCode)
  const m = monthOf(ctx, undefined)
  const kinds = readableSpecialGroupKinds(ctx.actor)
  const s: LedgerScope = { placePrefix: scope.code, keyLength: 0, monthStart: m.monthStart, asOf: m.asOf, asOfEnd: shanghaiDayStart(addDays(m.asOf, 1)), running: m.running }
  const from = shanghaiDayStart(m.monthStart)
  const to = shanghaiDayStart(addDays(m.asOf, 1))
  const [figuresOf, disputes, visits] = await Promise.all([
    countLedgers(ctx, s, kinds),
    countDisputes(ctx.db, scope.code, DISPUTE_CATEGORY, from, to),
    countVisits(ctx.db, scope.code, from, to),
  ])
  const f = figuresOf('')
  const card = (key: keyof typeof SIX_LEDGER_NAMES, figure: number, unit: string, details: [string, number][]): LedgerCard => ({
    key,
    name: SIX_LEDGER_NAMES[key],
    path: SIX_LEDGER_PATHS[key],
    figure,
    unit,
    details: details.map(([label, value]) => ({ label, value })),
  })
  const cards: LedgerCard[] = [
    card('people', f.people.total, '人', [
      ['户籍', f.people.registered],
      ['流动', f.people.floating],
      ['境外', f.people.overseas],
      ['本月迁入', f.people.movedIn],
      ['本月迁出', f.people.movedOut],
    ]),
    card('housing', f.housing.rooms, '套', [
      ['自住', f.housing.owner],
      ['出租', f.housing.rented],
      ['空置', f.housing.vacant],
      ['在租出租房屋', f.housing.activeRentals],
      ['承租人', f.housing.tenants],
    ]),
    card('venues', f.venues.open, '家', [
      ['九小场所', f.venues.smallVenue],
      ['重点单位', f.venues.keyUnits],
      ['商铺', f.venues.shop],
      ['餐饮', f.venues.restaurant],
    ]),
    card('specialGroups', f.specialGroups.total, '人', [
      ['关爱服务对象', f.specialGroups.care],
      ...(f.specialGroups.managed !== null ? ([['服务管理对象', f.specialGroups.managed]] as [string, number][]) : []),
    ]),
    card('disputes', disputes.received, '件', [
      ['本月受理', disputes.received],
      ['已化解', disputes.resolved],
      ['化解中', disputes.inProgress],
    ]),
    card('visits', visits.visits, '次', [
      ['走访住户', visits.households],
      ['发现问题', visits.problems],
    ]),
  ]
  return { scope, asOf: m.asOf, month: m.month, cards }
}

/**
 * 台账统计 over HTTP: the monthly tables count what the registers hold as of the month's end (moves, rentals,
 * venues, special groups in force), by grid or community with a totals row; the community never sees managed
 * groups while the street's 综治中心 does; every level reads only its own place; the export is one workbook with
 * a sheet per table, watermarked and audited; the 六项台账 overview counts this month's disputes and visits.
 */
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LedgerMonthly, LedgerOverview } from '#contracts/ledger-stats'
import {
  buildAccount,
  buildAdmin,
  buildAppeal,
  buildBuildingWithHouseholds,
  buildCast,
  buildGrid,
  buildGridWorker,
  buildPlaceAccount,
  buildTallyPerson,
  buildTallyRental,
  buildTallySpecialGroup,
  buildTallyVenue,
  buildTallyVisit,
  FACTORY_STREET,
  setTallyOccupancy,
  type BuiltAccount,
  type BuiltPlace,
} from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'
import { rowsOf } from '../../db/client'

type Grid = BuiltPlace & { community: BuiltPlace }

let t: TestApp
let gridA: Grid
let gridB: Grid
let community: BuiltAccount
let publicSafety: BuiltAccount
let street: BuiltAccount

beforeAll(async () => {
  t = await createTestApp()
  gridA = await buildGrid(t)
  gridB = await buildGrid(t, { community: gridA.community })
  community = await buildPlaceAccount(t, gridA.community, 'community')
  publicSafety = await buildAccount(t, { role: 'publicSafety', scope: `520423.${FACTORY_STREET}` })
  street = await buildPlaceAccount(t, { code: FACTORY_STREET }, 'street')

  // 人口 of grid A for October 2026
  const old = await buildTallyPerson(t, gridA, { fromDate: '2015-03-01', birthDate: '1950-05-01' })
  const floating = await buildTallyPerson(t, gridA, { fromDate: '2024-06-01', residenceType: 'floating', sameAsHukou: false })
  await buildTallyPerson(t, gridA, { fromDate: '2026-10-10', startReason: 'moveIn' })
  await buildTallyPerson(t, gridA, { fromDate: '2020-01-01', toDate: '2026-10-15', endReason: 'moveOut' })
  await buildTallyPerson(t, gridA, { fromDate: '2020-01-01', toDate: '2026-10-20', endReason: 'death' })
  await buildTallyPerson(t, gridA, { fromDate: '2020-01-01', toDate: '2026-09-05', endReason: 'moveOut' })
  await buildTallyPerson(t, gridA, { fromDate: '2026-11-05', startReason: 'moveIn' })
  // grid B: one person, one let room with two tenants, one rental ended in October
  const b = await buildTallyPerson(t, gridB, { fromDate: '2019-01-01' })
  await setTallyOccupancy(t, b.householdId, 'rented')
  await buildTallyRental(t, { householdId: b.householdId, gridCode: gridB.code, startDate: '2026-01-01', tenantIds: [old.id, floating.id] })
  const ended = await buildTallyPerson(t, gridB, { fromDate: '2019-01-01' })
  await buildTallyRental(t, { householdId: ended.householdId, gridCode: gridB.code, startDate: '2026-01-01', endDate: '2026-10-20', tenantIds: [b.id] })
  await setTallyOccupancy(t, ended.householdId, 'vacant')

  // 单位场所: a shop, a 九小场所 that is a fire key unit, a restaurant closed in October, one opened in November
  await buildTallyVenue(t, { gridCode: gridA.code, kind: 'shop', createdAt: new Date('2026-01-01T00:00:00+08:00') })
  await buildTallyVenue(t, { gridCode: gridA.code, kind: 'smallVenue', smallVenueType: 'hotel', keyTypes: ['fire'], createdAt: new Date('2026-02-01T00:00:00+08:00') })
  await buildTallyVenue(t, { gridCode: gridA.code, kind: 'restaurant', createdAt: new Date('2026-01-01T00:00:00+08:00'), closedAt: '2026-10-10' })
  await buildTallyVenue(t, { gridCode: gridB.code, kind: 'enterprise', createdAt: new Date('2026-11-02T00:00:00+08:00') })

  // 特殊人群: a care record and a managed one in grid A, a care record ended in October
  await buildTallySpecialGroup(t, { residentId: old.id, gridCode: gridA.code, kind: 'elderlyAlone', createdAt: new Date('2025-01-01T00:00:00+08:00') })
  await buildTallySpecialGroup(t, { residentId: floating.id, gridCode: gridA.code, kind: 'communityCorrection', createdAt: new Date('2025-01-01T00:00:00+08:00') })
  await buildTallySpecialGroup(t, { residentId: b.id, gridCode: gridB.code, kind: 'minimumLiving', until: '2026-10-05', createdAt: new Date('2025-01-01T00:00:00+08:00') })
})
afterAll(async () => t?.close())

async function monthly(token: string, query: string) {
  const res = await t.request(token, 'GET', `/api/v1/ledger-stats/monthly?${query}`)
  return res
}

const rowOf = (m: LedgerMonthly, code: string) => m.items.find((i) => i.place.code === code)!.figures

describe('the monthly tables count the registers as of the month end', () => {
  it('people: a person moved out in the month counts in 迁出, not in the month-end total', async () => {
    const res = await monthly(community.token, `month=2026-10&placeCode=${gridA.community.code}`)
    expect(res.statusCode, res.body).toBe(200)
    const m = res.json<LedgerMonthly>()
    expect(m.groupedBy).toBe('grid')
    expect(m.asOf).toBe('2026-10-31')
    expect(m.items.map((i) => i.place.code)).toEqual([gridA.code, gridB.code])
    expect(rowOf(m, gridA.code).people).toEqual({
      total: 3,
      registered: 2,
      floating: 1,
      overseas: 0,
      households: 3,
      sameAsHukou: 2,
      separated: 1,
      over60: 1,
      movedIn: 1,
      born: 0,
      movedOut: 1,
      died: 1,
    })
    expect(m.totals.people.total).toBe(5)
  })

  it('the running month is taken as of today: November counts the person who moved in on the 5th', async () => {
    const m = (await monthly(community.token, `placeCode=${gridA.community.code}`)).json<LedgerMonthly>()
    expect(m.month).toBe('2026-11')
    expect(m.asOf).toBe('2026-11-23')
    expect(rowOf(m, gridA.code).people).toMatchObject({ total: 4, movedIn: 1, movedOut: 0, died: 0 })
  })

  it('housing: a rental ended before the month end is not counted, nor its tenant', async () => {
    const m = (await monthly(community.token, `month=2026-10&placeCode=${gridA.community.code}`)).json<LedgerMonthly>()
    expect(rowOf(m, gridB.code).housing).toEqual({ rooms: 2, owner: 0, rented: 1, vacant: 1, other: 0, activeRentals: 1, tenants: 2 })
    const sept = (await monthly(community.token, `month=2026-09&placeCode=${gridA.community.code}`)).json<LedgerMonthly>()
    expect(rowOf(sept, gridB.code).housing).toMatchObject({ activeRentals: 2, tenants: 3 })
  })

  it('housing: a room’s use changed in November still counts with its old use in October', async () => {
    const g = await buildGrid(t) // a community of its own: the other tests' figures stay as they are
    const building = await buildBuildingWithHouseholds(t, g, { floors: 2 })
    const keeper = await buildPlaceAccount(t, g.community, 'community')
    const room = building.households[0]!
    const res = await t.request(keeper.token, 'PATCH', `/api/v1/housing/rooms/${room.id}`, { occupancy: 'vacant', version: 1 })
    expect(res.statusCode, res.body).toBe(200)
    const rooms = building.households.length
    const oct = (await monthly(keeper.token, `month=2026-10&placeCode=${g.community.code}`)).json<LedgerMonthly>()
    expect(rowOf(oct, g.code).housing).toMatchObject({ rooms, owner: rooms, vacant: 0 })
    const nov = (await monthly(keeper.token, `placeCode=${g.community.code}`)).json<LedgerMonthly>()
    expect(rowOf(nov, g.code).housing).toMatchObject({ rooms, owner: rooms - 1, vacant: 1 })
    // set back the same day: one more change, and October is still what it was
    const again = await t.request(keeper.token, 'PATCH', `/api/v1/housing/rooms/${room.id}`, { occupancy: 'owner', version: 2 })
    expect(again.statusCode, again.body).toBe(200)
    const changes = rowsOf<{ day: string; from_use: string; to_use: string }>(
      await t.database.db.execute(sql`SELECT day::text AS day, from_use, to_use FROM room_use_change WHERE household_id = ${room.id} ORDER BY id`),
    )
    expect(changes).toEqual([
      { day: '2026-11-23', from_use: 'owner', to_use: 'vacant' },
      { day: '2026-11-23', from_use: 'vacant', to_use: 'owner' },
    ])
    expect(rowOf((await monthly(keeper.token, `month=2026-10&placeCode=${g.community.code}`)).json<LedgerMonthly>(), g.code).housing).toMatchObject({ owner: rooms, vacant: 0 })
  })

  it('venues: open at the month end by kind, 九小场所 and key units; a venue closed in the month or opened later is not', async () => {
    const m = (await monthly(community.token, `month=2026-10&placeCode=${gridA.community.code}`)).json<LedgerMonthly>()
    expect(m.totals.venues).toEqual({ open: 2, shop: 1, restaurant: 0, smallVenue: 1, enterprise: 0, institution: 0, other: 0, keyUnits: 1 })
    const nov = (await monthly(community.token, `placeCode=${gridA.community.code}`)).json<LedgerMonthly>()
    expect(nov.totals.venues).toMatchObject({ open: 3, enterprise: 1 })
  })

  it('a month that has not begun is refused', async () => {
    const res = await monthly(community.token, `month=2026-12&placeCode=${gridA.community.code}`)
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('LEDGER_MONTH_AHEAD')
  })
})

describe('special groups: only the kinds the caller may read', () => {
  it('the community sees care groups and never a managed one, not even in a total', async () => {
    const m = (await monthly(community.token, `month=2026-10&placeCode=${gridA.community.code}`)).json<LedgerMonthly>()
    expect(m.specialGroupKinds.every((k) => k.category === 'care')).toBe(true)
    expect(rowOf(m, gridA.code).specialGroups).toMatchObject({ care: 1, managed: null, total: 1 })
    expect(rowOf(m, gridA.code).specialGroups.byKind).not.toHaveProperty('communityCorrection')
    expect(JSON.stringify(m)).not.toContain('communityCorrection')
    // the record ended on 5 October: gone at October's end, there at September's
    expect(rowOf(m, gridB.code).specialGroups.byKind.minimumLiving).toBe(0)
    const sept = (await monthly(community.token, `month=2026-09&placeCode=${gridA.community.code}`)).json<LedgerMonthly>()
    expect(rowOf(sept, gridB.code).specialGroups.byKind.minimumLiving).toBe(1)
  })

  it("the street's 综治中心 sees the managed groups too", async () => {
    const res = await monthly(publicSafety.token, `month=2026-10&placeCode=${gridA.community.code}`)
    expect(res.statusCode, res.body).toBe(200)
    const m = res.json<LedgerMonthly>()
    expect(rowOf(m, gridA.code).specialGroups).toMatchObject({ care: 1, managed: 1, total: 2 })
    expect(rowOf(m, gridA.code).specialGroups.byKind.communityCorrection).toBe(1)
  })
})

describe('scope', () => {
  it('a street reads its communities, one row each, with totals adding up', async () => {
    const res = await monthly(street.token, 'month=2026-10')
    expect(res.statusCode, res.body).toBe(200)
    const m = res.json<LedgerMonthly>()
    expect(m.groupedBy).toBe('community')
    expect(m.items.every((i) => i.place.code.length === 12)).toBe(true)
    const ours = m.items.find((i) => i.place.code === gridA.community.code)!
    expect(ours.figures.people.total).toBe(5)
    expect(m.totals.people.total).toBe(m.items.reduce((n, i) => n + i.figures.people.total, 0))
  })

  it("a grid worker reads their grid only; another grid, another community is 404; a resident's role 403", async () => {
    const worker = await buildGridWorker(t, gridB)
    const own = await monthly(worker.token, 'month=2026-10')
    expect(own.statusCode, own.body).toBe(200)
    expect(own.json<LedgerMonthly>().items.map((i) => i.place.code)).toEqual([gridB.code])
    expect((await monthly(worker.token, `month=2026-10&placeCode=${gridA.code}`)).statusCode).toBe(404)
    const other = await buildCast(t)
    expect((await monthly(other.community.token, `month=2026-10&placeCode=${gridA.community.code}`)).statusCode).toBe(404)
    // a resident of another community (one of gridA's would change gridA's figures the other tests read)
    expect((await monthly(other.resident.account.token, 'month=2026-10')).statusCode).toBe(403)
  })
})

describe('the export', () => {
  it('is one workbook with a sheet per table, watermarked, masked to the caller’s kinds, and audited', async () => {
    const res = await t.request(community.token, 'GET', `/api/v1/exports/ledger-monthly?month=2026-10&placeCode=${gridA.community.code}`)
    expect(res.statusCode, res.body).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['人口', '房屋', '单位场所', '特殊人群'])
    const people = wb.getWorksheet('人口')!
    expect(String(people.getRow(2).getCell(1).value)).toContain('导出人')
    expect(people.getRow(3).getCell(2).value).toBe('实有人口')
    const totals = people.getRow(people.rowCount)
    expect(totals.getCell(1).value).toBe('合计')
    expect(totals.getCell(2).value).toBe(5)
    const groups = wb.getWorksheet('特殊人群')!
    const headers = (groups.getRow(3).values as unknown[]).filter(Boolean).map(String)
    expect(headers).toContain('独居老人')
    expect(headers).not.toContain('社区矫正对象')
    expect(headers).not.toContain('服务管理对象合计')

    const audit = await t.request(await (await buildAdmin(t, 'auditAdmin')).token, 'GET', '/api/v1/audit-logs?action=ledgerMonthly.export&limit=100')
    expect(audit.statusCode, audit.body).toBe(200)
    const rows = audit.json<{ items: { detail: { place?: string; month?: string } | null }[] }>().items
    expect(rows.some((r) => r.detail?.place === gridA.community.code && r.detail?.month === '2026-10')).toBe(true)
  })

  it('a refused export writes no audit row', async () => {
    const auditor = await (await buildAdmin(t, 'auditAdmin')).token
    const count = async () => (await t.request(auditor, 'GET', '/api/v1/audit-logs?action=ledgerMonthly.export&limit=100')).json<{ items: unknown[] }>().items.length
    const before = await count()
    const other = await buildCast(t)
    const res = await t.request(other.community.token, 'GET', `/api/v1/exports/ledger-monthly?month=2026-10&placeCode=${gridA.community.code}`)
    expect(res.statusCode).toBe(404)
    expect(await count()).toBe(before)
  })
})

describe('the 六项台账 overview', () => {
  it('shows the six registers with live figures and the month’s disputes and visits', async () => {
    const cast = await buildCast(t)
    const grid = cast.resident.grid
    await buildAppeal(t, { cast, body: { categoryCode: 'dispute.neighbour', title: '邻里漏水纠纷', description: '楼上漏水，协商不成。' } })
    await buildAppeal(t, { cast, status: 'resolved', body: { categoryCode: 'dispute.wage', title: '工资拖欠', description: '装修队拖欠工资。' } })
    await buildAppeal(t, { cast })
    await buildTallyVisit(t, { gridCode: grid.code, visitorUserId: cast.gridWorker.id, householdId: cast.resident.householdId, visitedAt: new Date('2026-11-20T10:00:00+08:00'), outcome: 'problem' })
    await buildTallyVisit(t, { gridCode: grid.code, visitorUserId: cast.gridWorker.id, householdId: cast.resident.householdId, visitedAt: new Date('2026-10-20T10:00:00+08:00') })
    const res = await t.request(cast.community.token, 'GET', '/api/v1/ledger-stats/overview')
    expect(res.statusCode, res.body).toBe(200)
    const o = res.json<LedgerOverview>()
    expect(o.cards.map((c) => c.name)).toEqual(['人口信息台账', '房屋/出租房屋台账', '单位场所台账', '特殊人群台账', '矛盾纠纷台账', '走访台账'])
    const card = (k: string) => o.cards.find((c) => c.key === k)!
    expect(card('disputes').figure).toBe(2)
    expect(card('disputes').details).toEqual([
      { label: '本月受理', value: 2 },
      { label: '已化解', value: 1 },
      { label: '化解中', value: 1 },
    ])
    expect(card('visits')).toMatchObject({ figure: 1, details: [{ label: '走访住户', value: 1 }, { label: '发现问题', value: 1 }] })
    expect(card('people').figure).toBeGreaterThanOrEqual(1)
    expect(card('specialGroups').details.map((d) => d.label)).toEqual(['关爱服务对象'])
    expect(card('people').path).toMatch(/^\//)
  })
})

/**
 * 党建引领的数字 over HTTP: a community's recorded work (units and members registered, pledges, needs and a
 * project, wishes, an activity with check-outs, points) comes back as its figures, per grid and for its
 * street; scope (a community cannot ask for another: 404); the export is watermarked and audited; the
 * demo's 北街社区 figures come out of its recorded work.
 */
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PartyFigures, PartyStats } from '#contracts/party-stats'
import { rowsOf } from '../../db/client'
import { createTestApp, type TestApp } from '../../../test/setup'
import { uploadPhoto } from '../../../test/appeal-helpers'
import {
  buildAdmin,
  buildBuildingWithHouseholds,
  buildDepartments,
  buildGrid,
  buildGridWorker,
  buildNeed,
  buildPlaceAccount,
  buildProject,
  buildRegisteredMember,
  buildStreetAccount,
  buildUnit,
  buildWish,
  creditServiceAs,
  FACTORY_STREET,
  type BuiltAccount,
} from '../../../test/factories'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t.close())

const HOUR = 3_600_000
const RANGE = 'from=2026-11-01&to=2026-12-31'

async function party(token: string, query: string): Promise<PartyStats> {
  const res = await t.request(token, 'GET', `/api/v1/stats/party?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<PartyStats>()
}

async function act(token: string, url: string, entity: { id: string; version: number }, action: string, fields: Record<string, unknown> = {}) {
  const res = await t.request(token, 'POST', `${url}/${entity.id}/actions`, { action, version: entity.version, ...fields })
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
  return res.json<{ id: string; version: number; status: string }>()
}

async function auditCount(action: string): Promise<number> {
  const [r] = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`))
  return r!.n
}

/**
 * A community with two grids and what its people did: 2 confirmed members (each naming a unit registered
 * there) and one waiting, a unit never registered; 6 + 3 households pledged in grid 1 (12 households) and
 * none in grid 2 (4); needs 2 in grid 1, 1 in grid 2, 1 community-wide, two of them in a project a
 * department claimed, carried out and the community accepted; wishes 1 in grid 1 (claimed and fulfilled)
 * and 1 community-wide; an activity with two volunteers checked out after 2 h and one who never came.
 */
async function recordedCommunity() {
  const g1 = await buildGrid(t)
  const community = g1.community
  const g2 = await buildGrid(t, { community })
  const sq = await buildPlaceAccount(t, community, 'community')
  const b1 = await buildBuildingWithHouseholds(t, g1, { floors: 6 })
  await buildBuildingWithHouseholds(t, g2, { floors: 2 })
  const m1 = await buildRegisteredMember(t, community, sq)
  const m2 = await buildRegisteredMember(t, community, sq)
  await buildRegisteredMember(t, community, sq, { confirm: false })
  await buildUnit(t)

  const pledge = async (token: string, hs: { id: number }[]) => {
    const res = await t.request(token, 'POST', '/api/v1/pledges', { householdIds: hs.map((h) => String(h.id)) })
    expect(res.statusCode, res.body).toBe(201)
  }
  await pledge(m1.account.token, b1.households.slice(0, 6))
  await pledge(m2.account.token, b1.households.slice(6, 9))

  const community_ = await fresh(sq)
  const n1 = await buildNeed(t, community_, { placeCode: g1.code })
  const n2 = await buildNeed(t, community_, { placeCode: g1.code, title: '健身器材损坏' })
  await buildNeed(t, community_, { placeCode: g2.code, title: '路灯不亮' })
  await buildNeed(t, community_, { placeCode: community.code, title: '社区广场积水' })
  const [zjj] = await buildDepartments(t)
  let p = await buildProject(t, { ...sq, token: community_ }, { needIds: [n1.id, n2.id] })
  p = await act(zjj.token, '/api/v1/projects', p, 'claim')
  p = await act(zjj.token, '/api/v1/projects', p, 'start', { owner: '李建国', deadline: '2026-12-20' })
  p = await act(zjj.token, '/api/v1/projects', p, 'complete', { summary: '已修好', photoIds: [await uploadPhoto(t, zjj.token)] })
  await act(community_, '/api/v1/projects', p, 'accept')

  let w = await buildWish(t, { ...sq, token: community_ }, { gridCode: g1.code })
  await buildWish(t, { ...sq, token: community_ }, { title: '想要几本童话书', group: 'children', beneficiaryName: '李小明' })
  w = await act(await m1.account.login(), '/api/v1/wishes', w, 'claim')
  await act(m1.account.token, '/api/v1/wishes', w, 'fulfil', { photoIds: [await uploadPhoto(t, m1.account.token)] })
  // the wish's points, as the wishes service credits them (once: a credit already made is not repeated)
  await creditServiceAs(t, sq, { earnerUserId: m1.account.id, communityCode: community.code, source: { kind: 'wish', id: w.id }, quantity: 1, occurredAt: t.clock.now(), reason: '完成微心愿' })

  const start = new Date(t.clock.now().getTime() + HOUR).toISOString()
  const res = await t.request(community_, 'POST', '/api/v1/volunteers/activities', {
    communityCode: community.code,
    title: '楼道清洁',
    description: '清理楼道杂物',
    venue: '1 栋楼下',
    startsAt: start,
    endsAt: new Date(t.clock.now().getTime() + 4 * HOUR).toISOString(),
    slots: 3,
    kind: 'afterHours',
  })
  expect(res.statusCode, res.body).toBe(201)
  const activity = res.json<{ id: string }>()
  const code = (await t.request(community_, 'GET', `/api/v1/volunteers/activities/${activity.id}`)).json<{ checkInCode: string }>().checkInCode
  const m3 = await buildRegisteredMember(t, community, sq)
  for (const m of [m1, m2, m3]) expect((await t.request(await m.account.login(), 'POST', `/api/v1/volunteers/activities/${activity.id}/signups`)).statusCode).toBe(201)
  const present = t.clock.now()
  t.clock.advanceMinutes(60)
  for (const m of [m1, m2]) expect((await t.request(await m.account.login(), 'POST', '/api/v1/volunteers/attendance', { code, action: 'checkIn' })).statusCode).toBe(200)
  t.clock.advanceMinutes(125)
  for (const m of [m1, m2]) expect((await t.request(await m.account.login(), 'POST', '/api/v1/volunteers/attendance', { code, action: 'checkOut' })).statusCode).toBe(200)
  t.clock.set(present)
  return { community, g1, g2, sq, members: [m1, m2, m3] }
}

const fresh = (a: BuiltAccount) => a.login()

/** Points credited in the community in the period, straight from the ledger (whatever the services credit). */
async function ledgerPoints(communityCode: string): Promise<number> {
  const [r] = rowsOf<{ n: number }>(
    await t.database.db.execute(
      sql`SELECT coalesce(sum(points), 0)::int AS n FROM points_entry WHERE community_code = ${communityCode} AND kind <> 'redemption' AND occurred_at >= '2026-11-01' AND occurred_at < '2026-12-31'`,
    ),
  )
  return r!.n
}

describe('党建引领 figures', () => {
  it('a community sees its recorded work as figures, per grid, and in one line', async () => {
    const { community, g1, g2, sq } = await recordedCommunity()
    const s = await party(await fresh(sq), RANGE)
    expect(s.scope).toMatchObject({ code: community.code, level: 'community' })
    expect(s.figures).toEqual<PartyFigures>({
      // one unit per registered member (the one waiting too: its unit is registered), the unregistered unit not
      unitsRegistered: 4,
      membersRegistered: 3,
      householdsCovered: 9,
      householdsTotal: 16,
      membersPledging: 2,
      membersMeetingPledge: 1,
      needsCollected: 4,
      needsDone: 2,
      projectsClaimed: 1,
      projectsDone: 1,
      projectsLate: 0,
      wishesPublished: 2,
      wishesFulfilled: 1,
      activitiesHeld: 1,
      personTimes: 2,
      hours: 4,
      pointsCredited: await ledgerPoints(community.code),
    })
    expect(s.figures.pointsCredited).toBeGreaterThan(0)
    expect(s.summary).toContain('4家单位党组织、3名在职党员到社区报到')
    expect(s.summary).toContain('收集需求清单4条、完成2条')
    expect(s.summary).toContain('服务2人次4小时')

    // by grid: what has a grid; the community-wide need and wish under 社区本级; the rows add up
    const rows = new Map(s.items.map((i) => [i.place.code, i]))
    expect(rows.get(g1.code)!.figures).toMatchObject({ householdsCovered: 9, householdsTotal: 12, needsCollected: 2, needsDone: 2, wishesPublished: 1, wishesFulfilled: 1, unitsRegistered: null, activitiesHeld: null })
    expect(rows.get(g2.code)!.figures).toMatchObject({ householdsCovered: 0, householdsTotal: 4, needsCollected: 1, needsDone: 0, wishesPublished: 0 })
    expect(rows.get(community.code)).toMatchObject({ place: { name: '社区本级' }, figures: { needsCollected: 1, wishesPublished: 1, householdsTotal: 0 } })
    expect(s.items.reduce((n, i) => n + i.figures.needsCollected, 0)).toBe(4)

    // a period before any of it: the flows are zero, what is registered today stays
    const before = await party(await fresh(sq), 'from=2026-10-01&to=2026-11-01')
    expect(before.figures).toMatchObject({ needsCollected: 0, needsDone: 0, wishesPublished: 0, activitiesHeld: 0, personTimes: 0, membersRegistered: 3, householdsCovered: 9 })
    expect(before.from).toBe('2026-10-01')
    // 累计
    const all = await party(await fresh(sq), 'period=all')
    expect(all.from).toBeNull()
    expect(all.figures.needsCollected).toBe(4)
  })

  it('a street sees each of its communities; a community cannot ask for another (404); a grid worker gets grid figures', async () => {
    const a = await recordedCommunity()
    const other = await buildGrid(t)
    const street = await buildStreetAccount(t)
    const s = await party(street.token, `place=${FACTORY_STREET}&${RANGE}`)
    expect(s.scope.level).toBe('street')
    const row = s.items.find((i) => i.place.code === a.community.code)!
    expect(row.figures).toMatchObject({ membersRegistered: 3, needsCollected: 4, personTimes: 2 })
    expect(s.items.some((i) => i.place.code === other.community.code)).toBe(true)
    expect(s.items.every((i) => i.place.level === 'community')).toBe(true)
    expect(s.figures.membersRegistered).toBeGreaterThanOrEqual(3)

    const otherAccount = await buildPlaceAccount(t, other.community, 'community')
    const refused = await t.request(otherAccount.token, 'GET', `/api/v1/stats/party?place=${a.community.code}`)
    expect(refused.statusCode).toBe(404)
    expect(refused.json().code).toBe('NOT_FOUND')

    const worker = await buildGridWorker(t, a.g1)
    const gridOnly = await party(worker.token, RANGE)
    expect(gridOnly.scope).toMatchObject({ code: a.g1.code, level: 'grid' })
    expect(gridOnly.figures).toMatchObject({ householdsCovered: 9, needsCollected: 2, unitsRegistered: null, personTimes: null })
    expect(gridOnly.items).toEqual([])
  })

  it('exports the figures with a watermark line and an audit row; a refused export writes nothing', async () => {
    const { community, g1, sq } = await recordedCommunity()
    const before = await auditCount('partyStats.export')
    const r = await t.request(await fresh(sq), 'GET', `/api/v1/exports/party-stats?${RANGE}`)
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200)
    expect(r.headers['content-type']).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    expect(String(ws.getRow(1).getCell(1).value)).toBe(`党建引领统计（${community.name}）`)
    const mark = String(ws.getRow(2).getCell(1).value)
    expect(mark).toContain(`导出人：${sq.displayName}`)
    expect(mark).toContain('统计期间 2026-11-01 至 2026-12-30')
    expect(mark).toContain('收集需求清单4条、完成2条')
    expect(ws.getRow(3).getCell(1).value).toBe('地点')
    expect(ws.getRow(3).getCell(8).value).toBe('收集需求')
    expect(ws.getRow(4).getCell(1).value).toBe(`${community.name}（合计）`)
    expect(ws.getRow(4).getCell(8).value).toBe(4)
    const g1Row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((row) => row.getCell(1).value === g1.name)!
    expect(g1Row.getCell(4).value).toBe(9)
    expect(await auditCount('partyStats.export')).toBe(before + 1)

    const other = await buildGrid(t)
    const otherAccount = await buildPlaceAccount(t, other.community, 'community')
    const refused = await t.request(otherAccount.token, 'GET', `/api/v1/exports/party-stats?place=${community.code}`)
    expect(refused.statusCode).toBe(404)
    expect(await auditCount('partyStats.export')).toBe(before + 1)
    // roles without place statistics: refused
    const admin = await buildAdmin(t, 'auditAdmin')
    expect((await t.request(admin.token, 'GET', '/api/v1/stats/party')).statusCode).toBe(403)
  })

  it("the demo's 北街社区 figures come out of its recorded work: 28 needs collected, 14 done", async () => {
    const sq = await t.login('bj_sq')
    const s = await party(sq, 'period=all')
    expect(s.scope.name).toBe('北街社区')
    expect(s.figures.needsCollected).toBe(28)
    expect(s.figures.needsDone).toBe(14)
    for (const k of ['unitsRegistered', 'membersRegistered', 'householdsCovered', 'wishesPublished', 'activitiesHeld', 'personTimes', 'pointsCredited'] as const) {
      expect(s.figures[k], k).toBeGreaterThan(0)
    }
    expect(s.figures.householdsCovered).toBeLessThanOrEqual(s.figures.householdsTotal)
    expect(s.figures.needsDone).toBeLessThanOrEqual(s.figures.needsCollected)
    expect(s.summary).toContain('收集需求清单28条、完成14条')
    expect(s.items.reduce((n, i) => n + i.figures.needsCollected, 0)).toBe(28)
  })
})

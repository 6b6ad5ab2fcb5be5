/**
 * 包保 through the HTTP API: a confirmed member pledges households of their community (at most 8, one
 * member per household, only within the community), the community or grid assigns and releases, a
 * transfer ends them; coverage counts who serves whom; the member records visits (with audit) to their
 * own households only; the "三亮" notice names the building's team and pledged members. Every refusal
 * writes nothing.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BuildingNotice, BuildingPledgeMap, Coverage, CreatedPledges, MyPledges, Pledge, PledgeVisit } from '#contracts/pledges'
import { rowsOf } from '../../db/client'
import {
  buildAdmin,
  buildAppeal,
  buildBuildingWithHouseholds,
  buildCast,
  buildCommunity,
  buildGrid,
  buildGridWorker,
  buildHouseholdLeader,
  buildPlaceAccount,
  buildRegisteredMember,
  buildResident,
  type BuiltAccount,
  type BuiltPlace,
} from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
let auditAdmin: BuiltAccount
beforeAll(async () => {
  t = await createTestApp()
  auditAdmin = await buildAdmin(t, 'auditAdmin')
})
afterAll(async () => t?.close())

type Grid = BuiltPlace & { community: BuiltPlace }

/** A community with a grid, its community account, and a building of 12 households. */
async function place(o: { floors?: number } = {}) {
  const grid: Grid = await buildGrid(t)
  const community = await buildPlaceAccount(t, grid.community, 'community')
  const building = await buildBuildingWithHouseholds(t, grid, o)
  return { grid, community, building }
}

const ids = (hs: { id: number }[]) => hs.map((h) => String(h.id))

function claim(token: string, householdIds: string[], partyMemberId?: string | number) {
  return t.request(token, 'POST', '/api/v1/pledges', { householdIds, ...(partyMemberId !== undefined ? { partyMemberId: String(partyMemberId) } : {}) })
}

/** What a refused request must leave as it was (logging in, which some steps do, is audited apart). */
async function counts() {
  const [r] = rowsOf<{ pledges: number; visits: number; audits: number; events: number }>(
    await t.database.db.execute(sql`SELECT
      (SELECT count(*)::int FROM household_pledge) AS pledges,
      (SELECT count(*)::int FROM pledge_visit) AS visits,
      (SELECT count(*)::int FROM audit_log WHERE action NOT LIKE 'auth.%') AS audits,
      (SELECT count(*)::int FROM workflow_event WHERE entity_type = 'pledge') AS events`),
  )
  return r!
}

async function auditOf(entityType: string, id: string) {
  const res = await t.request(await auditAdmin.login(), 'GET', `/api/v1/audit-logs?entityType=${entityType}&entityId=${id}&limit=100`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: { action: string; after: Record<string, unknown> | null }[] }>().items
}

describe('pledging households', () => {
  it('a confirmed member pledges 6 households of their community: active, on their list, audited', async () => {
    const { grid, community, building } = await place()
    const member = await buildRegisteredMember(t, grid.community, community)
    const res = await claim(member.account.token, ids(building.households.slice(0, 6)))
    expect(res.statusCode, res.body).toBe(201)
    const created = res.json<CreatedPledges>().items
    expect(created).toHaveLength(6)
    expect(created.every((p) => p.status === 'active' && p.member.name === member.name)).toBe(true)
    expect(created[0]!.allowedActions.sort()).toEqual(['release', 'visit'])
    expect(created.map((p) => p.household.room)).toEqual(building.households.slice(0, 6).map((h) => h.room))

    const mine = (await t.request(member.account.token, 'GET', '/api/v1/pledges/mine')).json<MyPledges>()
    expect(mine.registered).toBe(true)
    expect(mine.communityCode).toBe(grid.community.code)
    expect(mine.items).toHaveLength(6)
    expect((await auditOf('pledge', created[0]!.id)).map((a) => a.action)).toEqual(['pledge.create'])

    // the community sees them on the building's map
    const map = (await t.request(await community.login(), 'GET', `/api/v1/pledges/buildings/${building.id}`)).json<BuildingPledgeMap>()
    expect(map.households.filter((h) => h.pledge).length).toBe(6)
    expect(map.members).toEqual([{ id: String(member.id), name: member.name, households: 6, total: 6 }])
    expect(map.canAssign).toBe(true)
    expect(map.households[0]!.floor).toBe(1)
    expect(map.households[0]!.pledge!.allowedActions).toEqual(['release'])
  })

  it('a household with a pledge stays in the register: deleting it is 422 HOUSEHOLD_IN_USE, its pledge untouched', async () => {
    const { grid, community, building } = await place()
    const member = await buildRegisteredMember(t, grid.community, community)
    const h = building.households[0]!
    expect((await claim(member.account.token, ids([h]))).statusCode).toBe(201)
    const res = await t.request(community.token, 'DELETE', `/api/v1/registry/households/${h.id}?version=1`)
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json()).toMatchObject({ code: 'HOUSEHOLD_IN_USE', message: expect.stringContaining('包保记录') })
    const mine = (await t.request(member.account.token, 'GET', '/api/v1/pledges/mine')).json<{ items: { household: { id: string } }[] }>()
    expect(mine.items.map((p) => p.household.id)).toEqual([String(h.id)])
  })

  it('a ninth household is refused with 422 PLEDGE_LIMIT and nothing is written', async () => {
    const { grid, community, building } = await place()
    const member = await buildRegisteredMember(t, grid.community, community)
    // the community assigns eight
    const assigned = await claim(await community.login(), ids(building.households.slice(0, 8)), member.id)
    expect(assigned.statusCode, assigned.body).toBe(201)
    const before = await counts()
    const ninth = await claim(member.account.token, ids(building.households.slice(8, 9)))
    expect(ninth.statusCode, ninth.body).toBe(422)
    expect(ninth.json().code).toBe('PLEDGE_LIMIT')
    expect(ninth.json().message).toContain('8')
    expect(await counts()).toEqual(before)
    const mine = (await t.request(member.account.token, 'GET', '/api/v1/pledges/mine')).json<MyPledges>()
    expect(mine.items).toHaveLength(8)
  })

  it('a batch that would pass 8 is refused whole: none of it is written', async () => {
    const { grid, community, building } = await place()
    const member = await buildRegisteredMember(t, grid.community, community)
    expect((await claim(member.account.token, ids(building.households.slice(0, 4)))).statusCode).toBe(201)
    const before = await counts()
    const res = await claim(member.account.token, ids(building.households.slice(4, 9)))
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('PLEDGE_LIMIT')
    expect(await counts()).toEqual(before)
  })

  it('a household outside the community of the registration is refused with 422, even within a batch', async () => {
    const { grid, community, building } = await place()
    const elsewhere = await place()
    const member = await buildRegisteredMember(t, grid.community, community)
    const before = await counts()
    const res = await claim(member.account.token, [String(building.households[0]!.id), String(elsewhere.building.households[0]!.id)])
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().code).toBe('PLEDGE_OUTSIDE_COMMUNITY')
    expect(res.json().message).toContain(elsewhere.building.households[0]!.room)
    // nor may the community assign its member a household of another community
    const byCommunity = await claim(await community.login(), ids(elsewhere.building.households.slice(0, 1)), member.id)
    expect(byCommunity.statusCode).toBe(422)
    expect(byCommunity.json().code).toBe('PLEDGE_OUTSIDE_COMMUNITY')
    expect(await counts()).toEqual(before)
  })

  it('a household someone already pledges is refused with 409: one member per household', async () => {
    const { grid, community, building } = await place()
    const first = await buildRegisteredMember(t, grid.community, community)
    const second = await buildRegisteredMember(t, grid.community, community)
    expect((await claim(first.account.token, ids(building.households.slice(0, 2)))).statusCode).toBe(201)
    const before = await counts()
    const res = await claim(second.account.token, ids(building.households.slice(1, 3)))
    expect(res.statusCode, res.body).toBe(409)
    expect(res.json().code).toBe('HOUSEHOLD_ALREADY_PLEDGED')
    expect(res.json().message).toContain(building.households[1]!.room)
    expect(await counts()).toEqual(before)
  })

  it('a member whose registration is not confirmed cannot pledge, nor be assigned households', async () => {
    const { grid, community, building } = await place()
    const waiting = await buildRegisteredMember(t, grid.community, community, { confirm: false })
    const before = await counts()
    const self = await claim(waiting.account.token, ids(building.households.slice(0, 1)))
    expect(self.statusCode, self.body).toBe(422)
    expect(self.json().code).toBe('PLEDGE_NOT_REGISTERED')
    const assigned = await claim(await community.login(), ids(building.households.slice(0, 1)), waiting.id)
    expect(assigned.statusCode).toBe(422)
    expect(assigned.json().code).toBe('PLEDGE_NOT_REGISTERED')
    expect(await counts()).toEqual(before)
    expect((await t.request(waiting.account.token, 'GET', '/api/v1/pledges/mine')).json<MyPledges>().registered).toBe(false)
  })

  it('bad input is a 400 naming the field, and writes nothing', async () => {
    const { grid, community, building } = await place()
    const member = await buildRegisteredMember(t, grid.community, community)
    const before = await counts()
    const one = String(building.households[0]!.id)
    for (const body of [{ householdIds: [] }, { householdIds: [one, one] }, { householdIds: ids(building.households.slice(0, 9)) }, { householdIds: ['abc'] }, { householdIds: [one], extra: 1 }]) {
      const res = await t.request(member.account.token, 'POST', '/api/v1/pledges', body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
    }
    const unknown = await claim(member.account.token, ['999999999'])
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().code).toBe('UNKNOWN_HOUSEHOLD')
    // the member names no one but themself
    const other = await claim(member.account.token, [one], 999999)
    expect(other.statusCode).toBe(400)
    expect(await counts()).toEqual(before)
  })

  it('two members claiming the same household at once: one wins, the other is told 409', async () => {
    const { grid, community, building } = await place()
    const a = await buildRegisteredMember(t, grid.community, community)
    const b = await buildRegisteredMember(t, grid.community, community)
    const before = await counts()
    const both = await Promise.all([claim(a.account.token, ids(building.households.slice(0, 2))), claim(b.account.token, ids(building.households.slice(1, 3)))])
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409])
    const after = await counts()
    expect(after.pledges - before.pledges).toBe(2)
  })

  it('one member claiming from two screens at once never passes 8', async () => {
    const { grid, community, building } = await place()
    const m = await buildRegisteredMember(t, grid.community, community)
    const both = await Promise.all([claim(m.account.token, ids(building.households.slice(0, 5))), claim(m.account.token, ids(building.households.slice(5, 10)))])
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 422])
    const mine = (await t.request(m.account.token, 'GET', '/api/v1/pledges/mine')).json<MyPledges>()
    expect(mine.items).toHaveLength(5)
  })

  it('a grid worker assigns only households of their own grid', async () => {
    const { grid, community, building } = await place()
    const otherGrid = await buildGrid(t, { community: grid.community })
    const otherBuilding = await buildBuildingWithHouseholds(t, otherGrid)
    const worker = await buildGridWorker(t, grid)
    const member = await buildRegisteredMember(t, grid.community, community)
    const before = await counts()
    const out = await claim(worker.token, ids(otherBuilding.households.slice(0, 1)), member.id)
    expect(out.statusCode).toBe(404)
    expect(await counts()).toEqual(before)
    const ok = await claim(worker.token, ids(building.households.slice(0, 5)), member.id)
    expect(ok.statusCode, ok.body).toBe(201)
  })
})

describe('releasing and ending pledges', () => {
  it('the member releases a pledge: it ends, the household is free again for another member', async () => {
    const { grid, community, building } = await place()
    const member = await buildRegisteredMember(t, grid.community, community)
    const other = await buildRegisteredMember(t, grid.community, community)
    const [p] = (await claim(member.account.token, ids(building.households.slice(0, 1)))).json<CreatedPledges>().items
    const released = await t.request(member.account.token, 'POST', `/api/v1/pledges/${p!.id}/actions`, { action: 'release', version: p!.version, reason: '工作调动' })
    expect(released.statusCode, released.body).toBe(200)
    const ended = released.json<Pledge>()
    expect(ended.status).toBe('ended')
    expect(ended.endReason).toBe('released')
    expect(ended.allowedActions).toEqual([])
    expect(ended.events!.map((e) => e.action)).toEqual(['create', 'release'])
    // a second release on the fresh version: nobody may in this state
    const again = await t.request(member.account.token, 'POST', `/api/v1/pledges/${p!.id}/actions`, { action: 'release', version: ended.version })
    expect(again.statusCode).toBe(422)
    // on the stale version: 409 first
    const stale = await t.request(member.account.token, 'POST', `/api/v1/pledges/${p!.id}/actions`, { action: 'release', version: p!.version })
    expect(stale.statusCode).toBe(409)
    expect((await claim(other.account.token, ids(building.households.slice(0, 1)))).statusCode).toBe(201)
    expect((await auditOf('pledge', p!.id)).map((a) => a.action)).toContain('pledge.release')
  })

  it("the household's grid worker may release it; a grid worker of another grid does not see it", async () => {
    const { grid, community, building } = await place()
    const member = await buildRegisteredMember(t, grid.community, community)
    const [p] = (await claim(member.account.token, ids(building.households.slice(0, 1)))).json<CreatedPledges>().items
    const stranger = await buildGridWorker(t, await buildGrid(t, { community: grid.community }))
    const hidden = await t.request(stranger.token, 'POST', `/api/v1/pledges/${p!.id}/actions`, { action: 'release', version: p!.version })
    expect(hidden.statusCode).toBe(404)
    const worker = await buildGridWorker(t, grid)
    const res = await t.request(worker.token, 'POST', `/api/v1/pledges/${p!.id}/actions`, { action: 'release', version: p!.version })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<Pledge>().status).toBe('ended')
  })

  it("a member's transfer to another community ends their pledges there", async () => {
    const { grid, community, building } = await place()
    const member = await buildRegisteredMember(t, grid.community, community)
    const created = (await claim(member.account.token, ids(building.households.slice(0, 5)))).json<CreatedPledges>().items
    const reg = (await t.request(member.account.token, 'GET', `/api/v1/registrations/${member.registrationId}`)).json<{ version: number }>()
    const to = await buildCommunity(t)
    const moved = await t.request(member.account.token, 'POST', `/api/v1/registrations/${member.registrationId}/actions`, { action: 'transfer', version: reg.version, toCommunityCode: to.code })
    expect(moved.statusCode, moved.body).toBe(200)
    const p = (await t.request(await community.login(), 'GET', `/api/v1/pledges/${created[0]!.id}`)).json<Pledge>()
    expect(p.status).toBe('ended')
    expect(p.endReason).toBe('transferred')
    const mine = (await t.request(member.account.token, 'GET', '/api/v1/pledges/mine')).json<MyPledges>()
    expect(mine.items).toHaveLength(0)
  })
})

describe('coverage', () => {
  it('counts covered and uncovered households per community, grid and building, and flags members below 5', async () => {
    const grid: Grid = await buildGrid(t)
    const community = await buildPlaceAccount(t, grid.community, 'community')
    const grid2 = await buildGrid(t, { community: grid.community })
    const a = await buildBuildingWithHouseholds(t, grid, { floors: 5 }) // 10 households
    const b = await buildBuildingWithHouseholds(t, grid2, { floors: 3 }) // 6 households
    const busy = await buildRegisteredMember(t, grid.community, community)
    const light = await buildRegisteredMember(t, grid.community, community)
    const idle = await buildRegisteredMember(t, grid.community, community)
    await claim(busy.account.token, [...ids(a.households.slice(0, 4)), ...ids(b.households.slice(0, 2))])
    await claim(light.account.token, ids(a.households.slice(4, 7)))

    const token = await community.login()
    const c = (await t.request(token, 'GET', `/api/v1/pledges/coverage?place=${grid.community.code}`)).json<Coverage>()
    expect(c.place.kind).toBe('community')
    expect([c.households, c.covered, c.uncovered]).toEqual([16, 9, 7])
    expect(c.uncoveredHouseholds.map((h) => h.room)).toEqual([...a.households.slice(7), ...b.households.slice(2)].map((h) => h.room))
    const byId = new Map(c.members.map((m) => [m.id, m]))
    expect(byId.get(String(busy.id))).toMatchObject({ households: 6, total: 6, belowTarget: false, postName: '志愿服务员' })
    expect(byId.get(String(light.id))).toMatchObject({ households: 3, total: 3, belowTarget: true })
    expect(byId.get(String(idle.id))).toMatchObject({ households: 0, total: 0, belowTarget: true })
    expect(c.buildings.map((x) => [x.id, x.households, x.covered, x.uncovered])).toEqual([
      [String(a.id), 10, 7, 3],
      [String(b.id), 6, 2, 4],
    ])

    const g = (await t.request(token, 'GET', `/api/v1/pledges/coverage?place=${grid2.code}`)).json<Coverage>()
    expect([g.place.kind, g.households, g.covered, g.uncovered]).toEqual(['grid', 6, 2, 4])
    // in a grid, only the members serving there; their totals count every household
    expect(g.members.map((m) => [m.name, m.households, m.total])).toEqual([[busy.name, 2, 6]])

    const bl = (await t.request(token, 'GET', `/api/v1/pledges/coverage?buildingId=${a.id}`)).json<Coverage>()
    expect([bl.place.kind, bl.households, bl.covered, bl.uncovered]).toEqual(['building', 10, 7, 3])

    // a grid worker sees their own grid, not the community's other grid
    const worker = await buildGridWorker(t, grid)
    expect((await t.request(worker.token, 'GET', `/api/v1/pledges/coverage?place=${grid2.code}`)).statusCode).toBe(404)
    expect((await t.request(worker.token, 'GET', '/api/v1/pledges/coverage')).json<Coverage>().households).toBe(10)
    // a member has no coverage view
    expect((await t.request(busy.account.token, 'GET', '/api/v1/pledges/coverage')).statusCode).toBe(403)
  })
})

describe('visits', () => {
  it('the member records a visit: on the pledge, the timeline and the audit log', async () => {
    const { grid, community, building } = await place()
    const member = await buildRegisteredMember(t, grid.community, community)
    const [p] = (await claim(member.account.token, ids(building.households.slice(0, 1)))).json<CreatedPledges>().items
    const res = await t.request(member.account.token, 'POST', `/api/v1/pledges/${p!.id}/visits`, {
      visitedOn: '2026-11-23',
      situation: 'need',
      finding: '独居老人希望有人帮忙代购药品',
      note: '已告知网格员',
    })
    expect(res.statusCode, res.body).toBe(201)
    const visit = res.json<PledgeVisit>()
    expect(visit).toMatchObject({ visitedOn: '2026-11-23', situation: 'need', situationName: '有困难需帮扶', note: '已告知网格员' })
    const after = (await t.request(member.account.token, 'GET', `/api/v1/pledges/${p!.id}`)).json<Pledge>()
    expect(after.lastVisitedOn).toBe('2026-11-23')
    expect(after.visitCount).toBe(1)
    expect(after.visits!.map((v) => v.id)).toEqual([visit.id])
    expect(after.events!.map((e) => e.action)).toEqual(['create', 'visit'])
    const audit = await auditOf('pledge', p!.id)
    const row = audit.find((a) => a.action === 'pledge.visit')
    expect(row?.after).toMatchObject({ visitId: visit.id, visitedOn: '2026-11-23', situation: 'need' })
    // the member's list shows the last visit
    const mine = (await t.request(member.account.token, 'GET', '/api/v1/pledges/mine')).json<MyPledges>()
    expect(mine.items[0]!.lastVisitedOn).toBe('2026-11-23')
  })

  it("nobody records a visit to someone else's household; a date in the future is refused; nothing is written", async () => {
    const { grid, community, building } = await place()
    const member = await buildRegisteredMember(t, grid.community, community)
    const other = await buildRegisteredMember(t, grid.community, community)
    const [p] = (await claim(member.account.token, ids(building.households.slice(0, 1)))).json<CreatedPledges>().items
    const body = { visitedOn: '2026-11-23', situation: 'normal', finding: '一切正常' }
    const before = await counts()
    const byOther = await t.request(other.account.token, 'POST', `/api/v1/pledges/${p!.id}/visits`, body)
    expect(byOther.statusCode).toBe(404)
    const worker = await buildGridWorker(t, grid)
    const byWorker = await t.request(worker.token, 'POST', `/api/v1/pledges/${p!.id}/visits`, body)
    expect(byWorker.statusCode).toBe(403)
    expect(byWorker.json().message).toBe('只能记录本人包保户的走访')
    const future = await t.request(member.account.token, 'POST', `/api/v1/pledges/${p!.id}/visits`, { ...body, visitedOn: '2026-11-30' })
    expect(future.statusCode).toBe(422)
    expect(future.json().code).toBe('VISIT_DATE_OUT_OF_RANGE')
    const blank = await t.request(member.account.token, 'POST', `/api/v1/pledges/${p!.id}/visits`, { ...body, finding: '   ' })
    expect(blank.statusCode).toBe(400)
    const badAppeal = await t.request(member.account.token, 'POST', `/api/v1/pledges/${p!.id}/visits`, { ...body, appealId: '999999' })
    expect(badAppeal.statusCode).toBe(400)
    expect(badAppeal.json().code).toBe('UNKNOWN_LINKED_APPEAL')
    expect(await counts()).toEqual(before)
  })

  it('a visit may link an appeal of the household’s grid (raised through the appeals, not here)', async () => {
    const { grid, community, building } = await place()
    const member = await buildRegisteredMember(t, grid.community, community)
    const [p] = (await claim(member.account.token, ids(building.households.slice(0, 1)))).json<CreatedPledges>().items
    const { appeal } = await buildAppeal(t, { cast: await buildCast(t, { grid }) })
    const res = await t.request(member.account.token, 'POST', `/api/v1/pledges/${p!.id}/visits`, { visitedOn: '2026-11-23', situation: 'hazard', finding: '电梯停在三楼不动', appealId: appeal.id })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json<PledgeVisit>().appealId).toBe(appeal.id)
  })

  it('no visit to a released pledge', async () => {
    const { grid, community, building } = await place()
    const member = await buildRegisteredMember(t, grid.community, community)
    const [p] = (await claim(member.account.token, ids(building.households.slice(0, 1)))).json<CreatedPledges>().items
    await t.request(member.account.token, 'POST', `/api/v1/pledges/${p!.id}/actions`, { action: 'release', version: p!.version })
    const res = await t.request(member.account.token, 'POST', `/api/v1/pledges/${p!.id}/visits`, { visitedOn: '2026-11-23', situation: 'normal', finding: '一切正常' })
    expect(res.statusCode).toBe(422)
  })
})

describe('the 三亮 building notice', () => {
  it("names the building's grid team, 十联户 leaders and pledged members with post, phone and rooms", async () => {
    const { grid, community, building } = await place()
    const b = await buildBuildingWithHouseholds(t, grid, { floors: 4, partyGroup: true })
    void building
    const head = await buildGridWorker(t, grid, 'gridHead')
    const worker = await buildGridWorker(t, grid)
    const resident = await buildResident(t, { grid, buildingId: b.id })
    const leader = await buildHouseholdLeader(t, [resident])
    const open = await buildRegisteredMember(t, grid.community, community, { post: 'mediation' })
    const shy = await buildRegisteredMember(t, grid.community, community, { post: 'publicity' })
    await claim(open.account.token, ids(b.households.slice(0, 5)))
    await claim(shy.account.token, ids(b.households.slice(5, 7)))
    expect((await t.request(open.account.token, 'PUT', '/api/v1/pledges/mine/contact', { phone: '13912345678', phonePublic: true })).json()).toEqual({ phone: '139****5678', phonePublic: true })
    await t.request(shy.account.token, 'PUT', '/api/v1/pledges/mine/contact', { phone: '13800001111', phonePublic: false })

    const res = await t.request(await community.login(), 'GET', `/api/v1/pledges/buildings/${b.id}/notice`)
    expect(res.statusCode, res.body).toBe(200)
    const n = res.json<BuildingNotice>()
    expect(n.building.name).toBe(b.name)
    expect(n.grid).toEqual({ code: grid.code, name: grid.name })
    expect(n.communityName).toBe(grid.community.name)
    expect(n.team.heads).toEqual([{ name: head.displayName }])
    expect(n.team.workers).toEqual([{ name: worker.displayName }])
    expect(n.team.partyGroups.map((g) => g.kind)).toContain('楼栋党小组')
    expect(n.team.householdLeaders.map((l) => l.name)).toEqual([leader.name])
    expect(n.members).toEqual([
      { name: open.name, postName: '矛盾调解员', workUnit: '镇宁自治县住建局', phone: '13912345678', phonePublic: true, rooms: b.households.slice(0, 5).map((h) => h.room) },
      { name: shy.name, postName: '宣传信息员', workUnit: '镇宁自治县住建局', phone: '138****1111', phonePublic: false, rooms: b.households.slice(5, 7).map((h) => h.room) },
    ])
    // a full phone on the notice is an unmasked read: audited
    expect((await auditOf('pledgeNotice', String(b.id))).map((a) => a.action)).toEqual(['pledgeNotice.read'])
    // consent alone (no phone sent) keeps the number and shows it in full from then on
    const agreed = await t.request(shy.account.token, 'PUT', '/api/v1/pledges/mine/contact', { phonePublic: true })
    expect(agreed.json()).toEqual({ phone: '138****1111', phonePublic: true })
    const again = (await t.request(await community.login(), 'GET', `/api/v1/pledges/buildings/${b.id}/notice`)).json<BuildingNotice>()
    expect(again.members.map((m) => m.phone)).toEqual(['13912345678', '13800001111'])
    // a member registered at the community may read it too (from the phone pages)
    expect((await t.request(open.account.token, 'GET', `/api/v1/pledges/buildings/${b.id}/notice`)).statusCode).toBe(200)
    // another community's account does not see the building
    const stranger = await buildPlaceAccount(t, await buildCommunity(t), 'community')
    expect((await t.request(stranger.token, 'GET', `/api/v1/pledges/buildings/${b.id}/notice`)).statusCode).toBe(404)
  })
})

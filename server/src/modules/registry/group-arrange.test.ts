/**
 * 十联户 from the households: a proposal of about ten neighbours a group that skips households already grouped,
 * confirmed with a leader per group (together, audited, or not at all), and the printable list per building with
 * the leader's phone masked and only the heads' surnames.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ConfirmedGroups, GroupArrangement, GroupBuildings, GroupPrint } from '#contracts/household-groups'
import {
  buildAdmin,
  buildBuildingWithHouseholds,
  buildCast,
  buildGrid,
  buildGridWorker,
  buildPlaceAccount,
  buildTallyHouseholdMember,
  type BuiltAccount,
  type BuiltPlace,
} from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'
import { groupSizes, surnameOf } from './group-arrange'

let t: TestApp
let grid: BuiltPlace & { community: BuiltPlace }
let community: BuiltAccount

beforeAll(async () => {
  t = await createTestApp()
  grid = await buildGrid(t)
  community = await buildPlaceAccount(t, grid.community, 'community')
})
afterAll(async () => t?.close())

/** A building of 12 floors × 2 rooms, every household with a householder (the first one named 欧阳红梅, with a phone). */
async function buildingWithHeads() {
  const b = await buildBuildingWithHouseholds(t, grid, { floors: 12 })
  const heads = []
  for (const [i, h] of b.households.entries()) {
    heads.push(await buildTallyHouseholdMember(t, { gridCode: grid.code, householdId: h.id, ...(i === 0 ? { name: '欧阳红梅', phone: '13812345678', birthYear: 1970 } : {}) }))
  }
  return { ...b, heads }
}

const arrange = (token: string, buildingId: number) => t.request(token, 'POST', '/api/v1/household-groups/arrange', { buildingId: String(buildingId) })
const confirm = (token: string, buildingId: number, groups: { name: string; householdIds: string[]; leaderResidentId?: string | null }[]) =>
  t.request(token, 'POST', '/api/v1/household-groups/confirm', { buildingId: String(buildingId), groups })
const groupCount = async (buildingId: number) =>
  (await t.request(community.token, 'GET', `/api/v1/household-groups/buildings?placeCode=${grid.code}`)).json<GroupBuildings>().items.find((b) => b.id === String(buildingId))!

describe('group sizes', () => {
  it('cuts households into groups of about ten', () => {
    expect(groupSizes(0)).toEqual([])
    expect(groupSizes(4)).toEqual([4])
    expect(groupSizes(14)).toEqual([14])
    expect(groupSizes(20)).toEqual([10, 10])
    expect(groupSizes(25)).toEqual([9, 8, 8])
    expect(groupSizes(104)).toEqual([11, 11, 11, 11, 10, 10, 10, 10, 10, 10])
  })
  it('keeps a surname, compound ones whole', () => {
    expect(surnameOf('王秀英')).toBe('王')
    expect(surnameOf('欧阳红梅')).toBe('欧阳')
    expect(surnameOf(null)).toBeNull()
  })
})

describe('arranging a building', () => {
  it('proposes about ten neighbouring households a group, skipping those already grouped, and the community confirms them', async () => {
    const b = await buildingWithHeads()
    // four households of the first floors are grouped first by hand (through the same confirmation)
    const first = b.households.slice(0, 4)
    const pre = await confirm(community.token, b.id, [{ name: '先编的一组', householdIds: first.map((h) => String(h.id)), leaderResidentId: String(b.heads[0]!.id) }])
    expect(pre.statusCode, pre.body).toBe(201)

    const res = await arrange(community.token, b.id)
    expect(res.statusCode, res.body).toBe(200)
    const p = res.json<GroupArrangement>()
    expect(p.households).toBe(24)
    expect(p.alreadyGrouped).toBe(4)
    expect(p.groups.map((g) => g.households.length)).toEqual([10, 10])
    const proposed = p.groups.flatMap((g) => g.households.map((h) => h.id))
    expect(proposed).not.toContain(String(first[0]!.id))
    // neighbours in room order: 1单元301, 1单元302, 1单元401 … (natural order)
    expect(p.groups[0]!.households.map((h) => h.room).slice(0, 3)).toEqual(['1单元301', '1单元302', '1单元401'])
    expect(p.groups[1]!.households.at(-1)!.room).toBe('1单元1202')
    for (const g of p.groups) {
      expect(g.leaderResidentId).not.toBeNull()
      expect(g.candidates.map((c) => c.residentId)).toContain(g.leaderResidentId)
    }
    expect(p.groups[0]!.name).toContain('第2组')

    const done = await confirm(
      community.token,
      b.id,
      p.groups.map((g) => ({ name: g.name, householdIds: g.households.map((h) => h.id), leaderResidentId: g.leaderResidentId })),
    )
    expect(done.statusCode, done.body).toBe(201)
    const items = done.json<ConfirmedGroups>().items
    expect(items.map((g) => g.householdCount)).toEqual([10, 10])
    expect(items.every((g) => g.leader !== null)).toBe(true)
    expect(await groupCount(b.id)).toMatchObject({ households: 24, grouped: 24, groups: 3 })
    // nothing left to arrange
    expect((await arrange(community.token, b.id)).json<GroupArrangement>().groups).toEqual([])

    const auditor = await buildAdmin(t, 'auditAdmin')
    const audit = await t.request(auditor.token, 'GET', `/api/v1/audit-logs?action=householdGroup.create&entityId=${items[0]!.id}`)
    expect(audit.json<{ items: unknown[] }>().items).toHaveLength(1)
  })

  it('refuses a proposal grown stale (a household grouped meanwhile) and writes nothing', async () => {
    const b = await buildingWithHeads()
    const p = (await arrange(community.token, b.id)).json<GroupArrangement>()
    const taken = p.groups[1]!.households[0]!
    expect((await confirm(community.token, b.id, [{ name: '抢先的一组', householdIds: [taken.id] }])).statusCode).toBe(201)
    const res = await confirm(
      community.token,
      b.id,
      p.groups.map((g) => ({ name: g.name, householdIds: g.households.map((h) => h.id) })),
    )
    expect(res.statusCode).toBe(409)
    expect(res.json().code).toBe('GROUP_ARRANGEMENT_STALE')
    expect(await groupCount(b.id)).toMatchObject({ grouped: 1, groups: 1 })
  })

  it('refuses a leader from outside the group (422) and a household twice (400), writing nothing', async () => {
    const b = await buildingWithHeads()
    const p = (await arrange(community.token, b.id)).json<GroupArrangement>()
    const [g1, g2] = p.groups
    const wrong = await confirm(community.token, b.id, [
      { name: g1!.name, householdIds: g1!.households.map((h) => h.id), leaderResidentId: g2!.leaderResidentId },
    ])
    expect(wrong.statusCode).toBe(422)
    expect(wrong.json().code).toBe('LEADER_NOT_IN_GROUP')
    const twice = await confirm(community.token, b.id, [
      { name: 'a', householdIds: [g1!.households[0]!.id] },
      { name: 'b', householdIds: [g1!.households[0]!.id] },
    ])
    expect(twice.statusCode).toBe(400)
    expect(await groupCount(b.id)).toMatchObject({ grouped: 0, groups: 0 })
  })

  it('is the community’s: a grid worker may not arrange (403); another community does not see the building (404)', async () => {
    const b = await buildBuildingWithHouseholds(t, grid, { floors: 2 })
    const worker = await buildGridWorker(t, grid)
    expect((await arrange(worker.token, b.id)).statusCode).toBe(403)
    const other = await buildCast(t)
    expect((await arrange(other.community.token, b.id)).statusCode).toBe(404)
    expect((await t.request(other.community.token, 'GET', `/api/v1/household-groups/print?buildingId=${b.id}`)).statusCode).toBe(404)
  })
})

describe('the printable list', () => {
  it('names the leader with a masked phone, the rooms and the heads’ surnames only, and the grid staff', async () => {
    const b = await buildingWithHeads()
    const worker = await buildGridWorker(t, grid)
    const p = (await arrange(community.token, b.id)).json<GroupArrangement>()
    const groups = p.groups.map((g, i) => ({ name: g.name, householdIds: g.households.map((h) => h.id), leaderResidentId: i === 0 ? String(b.heads[0]!.id) : g.leaderResidentId }))
    expect((await confirm(community.token, b.id, groups)).statusCode).toBe(201)

    const res = await t.request(worker.token, 'GET', `/api/v1/household-groups/print?buildingId=${b.id}`)
    expect(res.statusCode, res.body).toBe(200)
    const print = res.json<GroupPrint>()
    expect(print.groups).toHaveLength(2)
    expect(print.groups[0]!.leader).toEqual({ name: '欧阳红梅', phone: '138****5678', phonePublic: false })
    expect(res.body).not.toContain('13812345678')
    expect(print.groups[0]!.households[0]).toEqual({ room: '1单元101', headSurname: '欧阳' })
    // the other heads appear by surname only (the leaders are named as leaders)
    const leaders = print.groups.map((g) => g.leader?.name)
    const others = b.heads.map((h) => h.name).filter((n) => !leaders.includes(n))
    expect(others.length).toBeGreaterThan(20)
    for (const name of others) expect(res.body).not.toContain(name)
    expect(print.gridStaff.map((s) => s.name)).toContain(worker.displayName)
    expect(print.ungrouped).toBe(0)
  })

  it('shows the leader’s phone in full only after the community records their consent, and audits such a list', async () => {
    const b = await buildingWithHeads()
    const p = (await arrange(community.token, b.id)).json<GroupArrangement>()
    const groups = p.groups.map((g, i) => ({ name: g.name, householdIds: g.households.map((h) => h.id), leaderResidentId: i === 0 ? String(b.heads[0]!.id) : null }))
    const made = (await confirm(community.token, b.id, groups)).json<ConfirmedGroups>().items
    const worker = await buildGridWorker(t, grid)
    const auditor = await buildAdmin(t, 'auditAdmin')
    const reads = async () =>
      (await t.request(auditor.token, 'GET', `/api/v1/audit-logs?action=householdGroupList.read&entityId=${b.id}`)).json<{ items: unknown[] }>().items.length

    // the grid worker may not record it; a group without a leader has nobody to consent
    expect((await t.request(worker.token, 'PUT', `/api/v1/household-groups/${made[0]!.id}/leader-contact`, { phonePublic: true })).statusCode).toBe(403)
    const none = await t.request(community.token, 'PUT', `/api/v1/household-groups/${made[1]!.id}/leader-contact`, { phonePublic: true })
    expect(none.statusCode).toBe(422)
    expect(none.json().code).toBe('GROUP_HAS_NO_LEADER')
    expect((await t.request(worker.token, 'GET', `/api/v1/household-groups/print?buildingId=${b.id}`)).body).not.toContain('13812345678')
    expect(await reads()).toBe(0)

    const ok = await t.request(community.token, 'PUT', `/api/v1/household-groups/${made[0]!.id}/leader-contact`, { phonePublic: true })
    expect(ok.statusCode, ok.body).toBe(200)
    const print = (await t.request(worker.token, 'GET', `/api/v1/household-groups/print?buildingId=${b.id}`)).json<GroupPrint>()
    expect(print.groups[0]!.leader).toEqual({ name: '欧阳红梅', phone: '13812345678', phonePublic: true })
    expect(print.groups[1]!.leader).toBeNull()
    expect(await reads()).toBe(1)
    const set = await t.request(auditor.token, 'GET', `/api/v1/audit-logs?action=householdLeaderContact.set&entityId=${b.heads[0]!.id}`)
    expect(set.json<{ items: unknown[] }>().items).toHaveLength(1)
  })
})

/**
 * What the narrow roles see (DOMAIN §3.4): a 联户长 sees the appeals of the buildings their 十联户
 * covers, what they raised and what is assigned to them — not the rest of their grid; a member of a
 * volunteer team sees what was dispatched to the team, nothing else. And the phones of the people
 * named on an appeal are masked in every appeal response, like the contact's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestApp, TEST_START, type TestApp } from '../../../test/setup'
import { act, getAppeal, submitAppeal, uploadPhoto } from '../../../test/appeal-helpers'
import {
  buildCast,
  buildHouseholdLeader,
  buildPartyMember,
  buildPlaceAccount,
  buildResidentRecord,
  buildStreetAccount,
  buildTeam,
  FACTORY_COUNTY,
  type AppealCast,
  type BuiltAccount,
} from '../../../test/factories'
import { rowsOf } from '../../db/client'
import type { Appeal, Candidate } from '#contracts/appeals'

type Who = 'resident' | 'worker' | 'community' | 'leader' | 'partyMember' | 'street' | 'county'
let t: TestApp
/** A grid in small: its resident (in a compound), worker, head, community and the compound's property company … */
let cast: AppealCast
/** … the 联户长 of the resident's building, a party member in the community's volunteer team, the street and county. */
let people: Record<Who, BuiltAccount>
let team: { id: number; name: string }
beforeAll(async () => {
  t = await createTestApp()
  cast = await buildCast(t)
  const home = cast.resident.grid.community
  const partyMember = (await buildPartyMember(t, home)).account
  team = await buildTeam(t, home, [partyMember])
  people = {
    resident: cast.resident.account,
    worker: cast.gridWorker,
    community: cast.community,
    leader: (await buildHouseholdLeader(t, [cast.resident])).account,
    partyMember,
    street: await buildStreetAccount(t),
    county: await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county'),
  }
})
afterAll(async () => t?.close())

/** A fresh session of one of the people built for this file. */
const as = (who: Who) => people[who].login()

async function listIds(who: Who, query = ''): Promise<string[]> {
  const res = await t.request(await as(who), 'GET', `/api/v1/appeals?limit=100${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: Appeal[] }>().items.map((a) => a.id)
}

async function detailStatus(who: Who, id: string): Promise<number> {
  return (await t.request(await as(who), 'GET', `/api/v1/appeals/${id}`)).statusCode
}

/** A householder of the cast's grid, with no account, living in a building the 联户长 does (or does not) cover. */
async function residentOfGrid1(covered: boolean): Promise<string> {
  const grid = cast.resident.grid
  const r = await buildResidentRecord(t, covered ? { grid, buildingId: cast.resident.buildingId } : { grid })
  return String(r.id)
}

async function dispatchTo(a: Appeal, type: string): Promise<Appeal> {
  const community = await as('community')
  const cands = (await t.request(community, 'GET', `/api/v1/appeals/${a.id}/candidates?action=dispatch`)).json<Candidate[]>()
  const c = cands.find((x) => x.type === type)
  expect(c, `a ${type} candidate`).toBeDefined()
  return act(t, community, a, 'dispatch', { assigneeType: type, assigneeId: c!.id })
}

describe('联户长 (householdLeader): the buildings of their 十联户, not the whole grid', () => {
  it('sees an appeal from a covered building, and may resolve it on the spot', async () => {
    t.clock.set(TEST_START)
    const covered = await submitAppeal(t, await as('worker'), { residentId: await residentOfGrid1(true), title: '楼道灯不亮', description: '3楼楼道灯坏了' })
    expect(covered.place.gridCode).toBe(cast.resident.grid.code)
    expect(await listIds('leader')).toContain(covered.id)
    const seen = await getAppeal(t, await as('leader'), covered.id)
    expect(seen.allowedActions).toContain('resolveOnSpot')
  })

  it('does not see an appeal from another building of the same grid, in the list or by id', async () => {
    t.clock.set(TEST_START)
    const outside = await submitAppeal(t, await as('worker'), { residentId: await residentOfGrid1(false), title: '单元门坏了', description: '门锁损坏' })
    expect(outside.place.gridCode).toBe(cast.resident.grid.code)
    // grid staff see it: it is in their grid
    expect(await listIds('worker')).toContain(outside.id)
    expect(await listIds('leader')).not.toContain(outside.id)
    expect(await listIds('leader', '&view=todo')).not.toContain(outside.id)
    expect(await detailStatus('leader', outside.id)).toBe(404)
    const res = await t.request(await as('leader'), 'POST', `/api/v1/appeals/${outside.id}/actions`, {
      action: 'resolveOnSpot',
      version: outside.version,
      result: '已修好',
      photoIds: [await uploadPhoto(t, await as('leader'))],
    })
    expect(res.statusCode).toBe(404)
  })

  it('does not see an appeal of the grid tied to no building (a patrol report)', async () => {
    t.clock.set(TEST_START)
    const patrol = await submitAppeal(t, await as('worker'), { gridCode: cast.resident.grid.code, categoryCode: 'safety.road', title: '路面塌陷', description: '小区门口路面塌陷' })
    expect(await listIds('leader')).not.toContain(patrol.id)
    expect(await detailStatus('leader', patrol.id)).toBe(404)
  })

  it('sees what they raised themselves', async () => {
    t.clock.set(TEST_START)
    const own = await submitAppeal(t, await as('leader'), { gridCode: cast.resident.grid.code, categoryCode: 'safety.road', title: '消防通道堵塞', description: '杂物堆放' })
    expect(own.channel).toBe('householdLeader')
    expect(await listIds('leader')).toContain(own.id)
    expect(await detailStatus('leader', own.id)).toBe(200)
    // and it is not visible to the resident of the grid who did not raise it
    expect(await detailStatus('resident', own.id)).toBe(404)
  })

  it('every appeal in the 联户长’s list lies in a building they cover or was raised by them', async () => {
    t.clock.set(TEST_START)
    // one appeal outside their buildings and one inside, whatever the other tests left
    await submitAppeal(t, await as('worker'), { residentId: await residentOfGrid1(false), title: '外墙脱落', description: '外墙瓷砖掉落' })
    await submitAppeal(t, await as('resident'), { title: '楼道堆物', description: '楼道里堆满杂物' })
    const me = (await t.request(await as('leader'), 'GET', '/api/v1/me')).json<{ id: string }>()
    const buildings = rowsOf<{ building_id: number }>(
      await t.database.db.execute(sql`
        SELECT DISTINCT h.building_id FROM household h JOIN household_group g ON g.id = h.group_id
        JOIN user_account u ON u.resident_id = g.leader_resident_id WHERE u.username = ${people.leader.username}`),
    ).map((r) => Number(r.building_id))
    const res = await t.request(await as('leader'), 'GET', '/api/v1/appeals?limit=100')
    const items = res.json<{ items: Appeal[] }>().items
    expect(items.length).toBeGreaterThan(0)
    const ids = items.map((a) => Number(a.id))
    const rows = rowsOf<{ id: number; building_id: number | null; submitter_user_id: number }>(
      await t.database.db.execute(sql`SELECT id, building_id, submitter_user_id FROM appeal WHERE id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`),
    )
    for (const r of rows) {
      const ok = (r.building_id !== null && buildings.includes(Number(r.building_id))) || String(r.submitter_user_id) === String(me.id)
      expect(ok, `appeal ${r.id} in the 联户长's list`).toBe(true)
    }
  })
})

describe('a member of a volunteer team: what was dispatched to the team, nothing else', () => {
  it('sees and may claim an appeal dispatched to their team; another dispatch stays hidden', async () => {
    t.clock.set(TEST_START)
    let toTeam = await submitAppeal(t, await as('resident'), { categoryCode: 'care.alone', title: '独居老人需要帮助', description: '需要帮忙买菜' })
    toTeam = await act(t, await as('worker'), toTeam, 'accept')
    toTeam = await dispatchTo(toTeam, 'team')
    expect(toTeam.assignee).toMatchObject({ type: 'team', name: team.name })

    let toProperty = await submitAppeal(t, await as('resident'))
    toProperty = await act(t, await as('worker'), toProperty, 'accept')
    toProperty = await dispatchTo(toProperty, 'property')
    const undispatched = await submitAppeal(t, await as('resident'), { title: '门禁坏了', description: '刷卡无反应' })

    // the party member of the community is a member of the team
    const mine = await listIds('partyMember')
    expect(mine).toContain(toTeam.id)
    expect(mine).not.toContain(toProperty.id)
    expect(mine).not.toContain(undispatched.id)
    expect(await listIds('partyMember', '&view=todo')).toContain(toTeam.id)
    expect(await detailStatus('partyMember', toProperty.id)).toBe(404)
    expect(await detailStatus('partyMember', undispatched.id)).toBe(404)

    const seen = await getAppeal(t, await as('partyMember'), toTeam.id)
    expect(seen.allowedActions).toContain('claim')
    const claimed = await act(t, await as('partyMember'), seen, 'claim')
    expect(claimed.status).toBe('in_progress')
    // still the team's after the claim: the member keeps seeing it
    expect(await listIds('partyMember')).toContain(toTeam.id)
  })
})

describe('people named on an appeal', () => {
  const PEOPLE_PHONE = '13987654321'
  const CONTACT_PHONE = '13812345678'

  it('have their phones masked in every appeal response, for every role that sees the appeal', async () => {
    t.clock.set(TEST_START)
    const created = await t.request(await as('worker'), 'POST', '/api/v1/appeals', {
      categoryCode: 'dispute.neighbour',
      title: '邻里纠纷',
      description: '楼上漏水到楼下，双方争执',
      gridCode: cast.resident.grid.code,
      contactName: '王五',
      contactPhone: CONTACT_PHONE,
      people: [
        { name: '李四', phone: PEOPLE_PHONE, relation: '楼上住户' },
        { name: '赵六', relation: '楼下住户' },
      ],
    })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.body).not.toContain(PEOPLE_PHONE)
    const a = created.json<Appeal>()
    expect(a.people).toEqual([
      { name: '李四', phone: '139****4321', residentId: null, relation: '楼上住户' },
      { name: '赵六', phone: null, residentId: null, relation: '楼下住户' },
    ])
    expect(a.contact).toEqual({ name: '王五', phone: '138****5678' })

    // the answer to an action, the detail and the list, for grid staff, community, street and county
    const accepted = await t.request(await as('worker'), 'POST', `/api/v1/appeals/${a.id}/actions`, { action: 'accept', version: a.version })
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(accepted.json<Appeal>().people[0]!.phone).toBe('139****4321')
    expect(accepted.body).not.toContain(PEOPLE_PHONE)
    for (const u of ['worker', 'community', 'street', 'county'] as const) {
      const detail = await t.request(await as(u), 'GET', `/api/v1/appeals/${a.id}`)
      expect(detail.statusCode, u).toBe(200)
      expect(detail.json<Appeal>().people[0]!.phone, u).toBe('139****4321')
      expect(detail.body, u).not.toContain(PEOPLE_PHONE)
      expect(detail.body, u).not.toContain(CONTACT_PHONE)
      const list = await t.request(await as(u), 'GET', `/api/v1/appeals?limit=100&q=${encodeURIComponent('邻里纠纷')}`)
      expect(list.statusCode, u).toBe(200)
      expect(list.json<{ items: Appeal[] }>().items.map((x) => x.id), u).toContain(a.id)
      expect(list.body, u).not.toContain(PEOPLE_PHONE)
      expect(list.body, u).not.toContain(CONTACT_PHONE)
    }
  })
})

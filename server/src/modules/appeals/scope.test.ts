/**
 * Scope isolation (DOMAIN §3.4): every read and action is filtered by the caller's place in the
 * tree; residents, party members and property companies see only their own; out of scope is 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'
import { act, submitAppeal } from '../../../test/appeal-helpers'
import {
  buildAdmin,
  buildCast,
  buildDepartmentAccount,
  buildGrid,
  buildGridWorker,
  buildPartyMember,
  buildPlaceAccount,
  buildPropertyCompany,
  buildResident,
  buildStreetAccount,
  FACTORY_COUNTY,
  type AppealCast,
  type BuiltAccount,
} from '../../../test/factories'
import type { Appeal, Candidate } from '#contracts/appeals'

type Who =
  | 'resident'
  | 'worker'
  | 'head'
  | 'worker2'
  | 'community'
  | 'property'
  | 'otherProperty'
  | 'otherCommunity'
  | 'otherWorker'
  | 'otherResident'
  | 'street'
  | 'otherStreet'
  | 'county'
  | 'zjj'
  | 'zfj'
  | 'partyMember'
  | 'systemAdmin'
  | 'securityAdmin'
  | 'auditAdmin'

let t: TestApp
/** Two grids of one community (the first in small: resident, worker, head, community, its compound's property company) … */
let cast: AppealCast
let grid2Code: string
/** … another community's grid, and everyone around them: streets, county, departments, administrators. */
let otherGridCode: string
let people: Record<Who, BuiltAccount>
let grid1: Appeal // grid 1, raised by its resident
let grid2: Appeal // grid 2 of the same community, raised by its grid worker
let yanpeng: Appeal // another community's grid, raised by its resident
let dispatched: Appeal // grid 1, dispatched to the compound's property company

/** A fresh session of one of the people built for this file. */
const login = (who: Who) => people[who].login()

async function ids(who: Who, query = ''): Promise<string[]> {
  const res = await t.request(await people[who].login(), 'GET', `/api/v1/appeals?limit=100${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: Appeal[] }>().items.map((a) => a.id)
}

/** Every page of the caller's list, two at a time, following the cursor. */
async function pageThrough(token: string): Promise<Appeal[]> {
  const seen: Appeal[] = []
  let cursor: string | null = null
  do {
    const res = await t.request(token, 'GET', `/api/v1/appeals?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
    expect(res.statusCode).toBe(200)
    const page = res.json<{ items: Appeal[]; nextCursor: string | null }>()
    expect(page.items.length).toBeLessThanOrEqual(2)
    seen.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return seen
}

async function status(who: Who, id: string): Promise<number> {
  return (await t.request(await people[who].login(), 'GET', `/api/v1/appeals/${id}`)).statusCode
}

beforeAll(async () => {
  t = await createTestApp()
  cast = await buildCast(t)
  const home = cast.resident.grid.community
  const grid2Place = await buildGrid(t, { community: home })
  grid2Code = grid2Place.code
  const elsewhere = await buildResident(t)
  otherGridCode = elsewhere.grid.code
  people = {
    resident: cast.resident.account,
    worker: cast.gridWorker,
    head: cast.gridHead,
    worker2: await buildGridWorker(t, grid2Place),
    community: cast.community,
    property: cast.property.account,
    otherProperty: (await buildPropertyCompany(t, home)).account,
    otherCommunity: await buildPlaceAccount(t, elsewhere.grid.community, 'community'),
    otherWorker: await buildGridWorker(t, elsewhere.grid),
    otherResident: elsewhere.account,
    street: await buildStreetAccount(t),
    otherStreet: await buildStreetAccount(t, '520423001'),
    county: await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county'),
    zjj: await buildDepartmentAccount(t, '520423-zjj'),
    zfj: await buildDepartmentAccount(t, '520423-zhzfj'),
    partyMember: (await buildPartyMember(t, home)).account,
    systemAdmin: await buildAdmin(t, 'systemAdmin'),
    securityAdmin: await buildAdmin(t, 'securityAdmin'),
    auditAdmin: await buildAdmin(t, 'auditAdmin'),
  }
  grid1 = await submitAppeal(t, await login('resident'))
  grid2 = await submitAppeal(t, await login('worker2'), {
    categoryCode: 'parking.illegal',
    title: '消防通道被占',
    description: '2号门口车辆乱停',
    gridCode: grid2Code,
  })
  yanpeng = await submitAppeal(t, await login('otherResident'), { title: '烟棚路电梯故障', description: '电梯停运' })
  let d = await submitAppeal(t, await login('resident'), { title: '单元门禁坏了', description: '门禁无法刷卡' })
  d = await act(t, await login('worker'), d, 'accept')
  dispatched = await act(t, await login('community'), d, 'dispatch', { assigneeType: 'property', assigneeId: String(cast.property.id) })
  // a fourth appeal of the community today, whichever test runs first
  await submitAppeal(t, await login('worker'), { title: '路面坑洼', description: '巡查发现路面坑洼', categoryCode: 'safety.road' })
})
afterAll(async () => t?.close())

describe('who sees what', () => {
  it('places the appeals where they belong', () => {
    expect(grid1.place.gridCode).toBe(cast.resident.grid.code)
    expect(grid2.place.gridCode).toBe(grid2Code)
    expect(yanpeng.place.gridCode).toBe(otherGridCode)
    expect(dispatched.assignee?.name).toBe(cast.property.name)
  })

  it('grids: a grid worker sees their grid, not the next one', async () => {
    const g1 = await ids('worker')
    expect(g1).toEqual(expect.arrayContaining([grid1.id, dispatched.id]))
    expect(g1).not.toContain(grid2.id)
    expect(g1).not.toContain(yanpeng.id)
    expect(await status('worker', grid2.id)).toBe(404)
    expect(await status('worker2', grid1.id)).toBe(404)
    expect(await status('head', grid1.id)).toBe(200)
    expect(await status('head', grid2.id)).toBe(404)
  })

  it('communities: two communities do not see each other', async () => {
    const bj = await ids('community')
    expect(bj).toEqual(expect.arrayContaining([grid1.id, grid2.id, dispatched.id]))
    expect(bj).not.toContain(yanpeng.id)
    expect(await ids('otherCommunity')).toEqual([yanpeng.id])
    expect(await status('otherCommunity', grid1.id)).toBe(404)
    expect(await status('otherWorker', grid1.id)).toBe(404)
  })

  it('streets and the county see everything under them, another street nothing', async () => {
    expect(await ids('street')).toEqual(expect.arrayContaining([grid1.id, grid2.id, yanpeng.id, dispatched.id]))
    expect(await ids('county')).toEqual(expect.arrayContaining([grid1.id, grid2.id, yanpeng.id, dispatched.id]))
    expect(await ids('otherStreet')).toEqual([])
    expect(await status('otherStreet', grid1.id)).toBe(404)
  })

  it('residents see only what they raised', async () => {
    const mine = await ids('resident')
    expect(mine).toEqual(expect.arrayContaining([grid1.id, dispatched.id]))
    expect(mine).not.toContain(grid2.id)
    expect(await ids('otherResident')).toEqual([yanpeng.id])
    expect(await status('otherResident', grid1.id)).toBe(404)
    expect(await status('resident', yanpeng.id)).toBe(404)
  })

  it('a property company sees only what is assigned to it', async () => {
    expect(await ids('property')).toEqual([dispatched.id])
    expect(await status('property', grid1.id)).toBe(404)
    expect(await ids('otherProperty')).toEqual([])
    expect(await status('otherProperty', dispatched.id)).toBe(404)
  })

  it('departments see nothing that was not whistled to them', async () => {
    const zjj = await ids('zjj')
    for (const a of [grid1, grid2, yanpeng, dispatched]) expect(zjj).not.toContain(a.id)
    expect(await ids('zfj')).not.toContain(dispatched.id)
    expect(await status('zjj', grid1.id)).toBe(404)
    expect(await status('zfj', dispatched.id)).toBe(404)
  })

  it('a department sees what was whistled to it, and another department still does not', async () => {
    let w = await submitAppeal(t, await login('resident'), { title: '小区违建', description: '楼顶搭建' })
    w = await act(t, await login('worker'), w, 'accept')
    w = await act(t, await login('community'), w, 'escalate', { reason: '需执法' })
    w = await act(t, await login('street'), w, 'whistle', { departmentIds: ['520423-zjj'] })
    const zjj = await ids('zjj')
    expect(zjj).toContain(w.id)
    for (const a of [grid1, grid2, yanpeng, dispatched]) expect(zjj).not.toContain(a.id)
    expect(await status('zjj', w.id)).toBe(200)
    expect(await ids('zfj')).not.toContain(w.id)
    expect(await status('zfj', w.id)).toBe(404)
  })

  it('a party member sees what they raised and the pool of their community only', async () => {
    expect(await ids('partyMember')).toEqual([])
    expect(await status('partyMember', grid1.id)).toBe(404)
  })

  it('the three administrators do not handle appeals at all', async () => {
    for (const admin of ['systemAdmin', 'securityAdmin', 'auditAdmin'] as const) {
      const res = await t.request(await login(admin), 'GET', '/api/v1/appeals')
      expect(res.statusCode, admin).toBe(403)
      expect(await status(admin, grid1.id)).toBe(403)
    }
  })

  it('a place filter never widens the scope', async () => {
    expect(await ids('worker', `&place=${cast.resident.grid.community.code}`)).not.toContain(grid2.id)
    expect(await ids('otherCommunity', `&place=${cast.resident.grid.community.code}`)).toEqual([])
    const grid2Items = (await t.request(await login('street'), 'GET', `/api/v1/appeals?limit=100&place=${grid2Code}`)).json<{ items: Appeal[] }>().items
    expect(grid2Items.map((a) => a.id)).toContain(grid2.id)
    expect(grid2Items.every((a) => a.place.gridCode === grid2Code)).toBe(true)
  })

  it('candidates, files and residents follow the same scope', async () => {
    expect((await t.request(await login('otherCommunity'), 'GET', `/api/v1/appeals/${grid1.id}/candidates?action=dispatch`)).statusCode).toBe(404)
    expect((await t.request(await login('worker2'), 'GET', `/api/v1/residents?place=${cast.resident.grid.code}`)).statusCode).toBe(404)
  })

  it('creating appeals outside one’s place is refused', async () => {
    const res = await t.request(await login('worker'), 'POST', '/api/v1/appeals', {
      categoryCode: 'other.misc',
      title: '跨网格登记',
      description: '不应允许',
      gridCode: otherGridCode,
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('PLACE_OUT_OF_SCOPE')
  })
})

describe('list filters and keyset paging', () => {
  it('pages through a community with an opaque cursor, newest first, no repeats', async () => {
    const token = await login('community')
    for (let i = 0; i < 5; i++) {
      t.clock.advanceMinutes(1)
      await submitAppeal(t, await login('worker'), { gridCode: cast.resident.grid.code, title: `巡查发现问题${i}`, description: '测试分页', categoryCode: 'safety.road' })
    }
    const seen = (await pageThrough(token)).map((a) => a.id)
    expect(new Set(seen).size).toBe(seen.length)
    const all = await ids('community')
    expect(seen).toEqual(all)
    const withTotal = (await t.request(token, 'GET', '/api/v1/appeals?limit=1&withTotal=true')).json<{ total: number }>()
    expect(withTotal.total).toBe(all.length)
  })

  it('filters by status, colour, category, channel, text and date', async () => {
    const token = await login('community')
    // (other tests of this file dispatch 道路 appeals to a grid worker: the elevator one is the only one dispatched)
    expect(await ids('community', '&status=assigned&category=elevator')).toEqual([dispatched.id])
    const assigned = (await t.request(token, 'GET', '/api/v1/appeals?limit=100&status=assigned')).json<{ items: Appeal[] }>().items
    expect(assigned.map((a) => a.id)).toContain(dispatched.id)
    expect(assigned.every((a) => a.status === 'assigned')).toBe(true)
    expect(await ids('community', '&category=parking')).toEqual([grid2.id])
    expect(await ids('community', '&channel=patrol&category=parking.illegal')).toEqual([grid2.id])
    expect(await ids('community', `&q=${encodeURIComponent('消防通道')}`)).toEqual([grid2.id])
    expect(await ids('community', `&q=${encodeURIComponent(grid2.number)}`)).toEqual([grid2.id])
    expect(await ids('community', '&color=red')).toEqual([])
    expect(await ids('community', '&from=2026-11-24')).toEqual([])
    expect(await ids('community', '&from=2026-11-23&to=2026-11-23')).toEqual(expect.arrayContaining([grid1.id, grid2.id, dispatched.id]))
    const badRange = await t.request(token, 'GET', '/api/v1/appeals?from=2026-11-24&to=2026-11-23')
    expect(badRange.statusCode).toBe(422)
  })

  it('someone who sees appeals in several ways (their grid, what is assigned to them) pages through each once, newest first', async () => {
    const worker = await login('worker')
    // Interleave: appeals of grid 1 (seen as their grid) and of grid 2 dispatched to this worker (seen as assignee).
    const assigned: string[] = []
    for (let i = 0; i < 3; i++) {
      t.clock.advanceMinutes(1)
      await submitAppeal(t, worker, { gridCode: cast.resident.grid.code, title: `本网格问题${i}`, description: '测试多种可见方式的分页', categoryCode: 'safety.road' })
      t.clock.advanceMinutes(1)
      let other = await submitAppeal(t, await login('worker2'), { gridCode: grid2Code, title: `二网格问题${i}`, description: '派给一网格网格员', categoryCode: 'safety.road' })
      other = await act(t, await login('worker2'), other, 'accept')
      const community = await login('community')
      const cands = (await t.request(community, 'GET', `/api/v1/appeals/${other.id}/candidates?action=dispatch`)).json<Candidate[]>()
      const me = cands.find((c) => c.type === 'gridWorker' && c.name.includes(people.worker.displayName))!
      other = await act(t, community, other, 'dispatch', { assigneeType: 'gridWorker', assigneeId: me.id })
      assigned.push(other.id)
    }
    const seen = await pageThrough(worker)
    const seenIds = seen.map((a) => a.id)
    expect(new Set(seenIds).size).toBe(seenIds.length)
    expect(seenIds).toEqual(await ids('worker'))
    for (const id of assigned) expect(seenIds).toContain(id)
    expect(seenIds).not.toContain(grid2.id) // grid 2, not assigned to this worker
    expect(seen.every((a) => a.place.gridCode === cast.resident.grid.code || assigned.includes(a.id))).toBe(true)
    const times = seen.map((a) => Date.parse(a.createdAt))
    expect([...times].sort((x, y) => y - x)).toEqual(times)
    const withTotal = (await t.request(worker, 'GET', '/api/v1/appeals?limit=1&withTotal=true')).json<{ total: number }>()
    expect(withTotal.total).toBe(seenIds.length)
  })
})

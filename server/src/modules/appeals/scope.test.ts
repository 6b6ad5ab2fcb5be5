/**
 * Scope isolation (DOMAIN §3.4): every read and action is filtered by the caller's place in the
 * tree; residents, party members and property companies see only their own; out of scope is 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'
import { act, BEIJIE_GRID_1, BEIJIE_GRID_2, submitAppeal, YANPENG_GRID_1 } from '../../../test/appeal-helpers'
import type { Appeal, Candidate } from '#contracts/appeals'

let t: TestApp
let grid1: Appeal // 北街 grid 001, raised by the resident bj_jm
let grid2: Appeal // 北街 grid 002, raised by its grid worker
let yanpeng: Appeal // 烟棚社区 grid 001, raised by its resident
let dispatched: Appeal // 北街 grid 001, dispatched to 龙城物业

async function ids(username: string, query = ''): Promise<string[]> {
  const res = await t.request(await t.login(username), 'GET', `/api/v1/appeals?limit=100${query}`)
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

async function status(username: string, id: string): Promise<number> {
  return (await t.request(await t.login(username), 'GET', `/api/v1/appeals/${id}`)).statusCode
}

beforeAll(async () => {
  t = await createTestApp()
  grid1 = await submitAppeal(t, await t.login('bj_jm'))
  grid2 = await submitAppeal(t, await t.login('bj_wgy2'), {
    categoryCode: 'parking.illegal',
    title: '消防通道被占',
    description: '2号门口车辆乱停',
    gridCode: BEIJIE_GRID_2,
  })
  yanpeng = await submitAppeal(t, await t.login('yp_jm'), { title: '烟棚路电梯故障', description: '电梯停运' })
  let d = await submitAppeal(t, await t.login('bj_jm'), { title: '单元门禁坏了', description: '门禁无法刷卡' })
  d = await act(t, await t.login('bj_wgy1'), d, 'accept')
  dispatched = await act(t, await t.login('bj_sq'), d, 'dispatch', { assigneeType: 'property', assigneeId: '1' })
})
afterAll(async () => t?.close())

describe('who sees what', () => {
  it('places the appeals where they belong', () => {
    expect(grid1.place.gridCode).toBe(BEIJIE_GRID_1)
    expect(grid2.place.gridCode).toBe(BEIJIE_GRID_2)
    expect(yanpeng.place.gridCode).toBe(YANPENG_GRID_1)
    expect(dispatched.assignee?.name).toBe('镇宁龙城物业服务有限公司')
  })

  it('grids: a grid worker sees their grid, not the next one', async () => {
    const g1 = await ids('bj_wgy1')
    expect(g1).toEqual(expect.arrayContaining([grid1.id, dispatched.id]))
    expect(g1).not.toContain(grid2.id)
    expect(g1).not.toContain(yanpeng.id)
    expect(await status('bj_wgy1', grid2.id)).toBe(404)
    expect(await status('bj_wgy2', grid1.id)).toBe(404)
    expect(await status('bj_wgz1', grid1.id)).toBe(200)
    expect(await status('bj_wgz1', grid2.id)).toBe(404)
  })

  it('communities: 北街 and 烟棚 do not see each other', async () => {
    const bj = await ids('bj_sq')
    expect(bj).toEqual(expect.arrayContaining([grid1.id, grid2.id, dispatched.id]))
    expect(bj).not.toContain(yanpeng.id)
    expect(await ids('yp_sq')).toEqual([yanpeng.id])
    expect(await status('yp_sq', grid1.id)).toBe(404)
    expect(await status('yp_wgy1', grid1.id)).toBe(404)
  })

  it('streets and the county see everything under them, another street nothing', async () => {
    expect(await ids('hc_jd')).toEqual(expect.arrayContaining([grid1.id, grid2.id, yanpeng.id, dispatched.id]))
    expect(await ids('zn_xian')).toEqual(expect.arrayContaining([grid1.id, grid2.id, yanpeng.id, dispatched.id]))
    expect(await ids('bmh_jd')).toEqual([])
    expect(await status('bmh_jd', grid1.id)).toBe(404)
  })

  it('residents see only what they raised', async () => {
    const mine = await ids('bj_jm')
    expect(mine).toEqual(expect.arrayContaining([grid1.id, dispatched.id]))
    expect(mine).not.toContain(grid2.id)
    expect(await ids('yp_jm')).toEqual([yanpeng.id])
    expect(await status('yp_jm', grid1.id)).toBe(404)
    expect(await status('bj_jm', yanpeng.id)).toBe(404)
  })

  it('a property company sees only what is assigned to it', async () => {
    expect(await ids('lc_wy')).toEqual([dispatched.id])
    expect(await status('lc_wy', grid1.id)).toBe(404)
    expect(await ids('jh_wy')).toEqual([])
    expect(await status('jh_wy', dispatched.id)).toBe(404)
  })

  it('departments see nothing that was not whistled to them', async () => {
    const zjj = await ids('zn_zjj')
    for (const a of [grid1, grid2, yanpeng, dispatched]) expect(zjj).not.toContain(a.id)
    expect(await ids('zn_zfj')).not.toContain(dispatched.id)
    expect(await status('zn_zjj', grid1.id)).toBe(404)
    expect(await status('zn_zfj', dispatched.id)).toBe(404)
  })

  it('a department sees what was whistled to it, and another department still does not', async () => {
    let w = await submitAppeal(t, await t.login('bj_jm'), { title: '小区违建', description: '楼顶搭建' })
    w = await act(t, await t.login('bj_wgy1'), w, 'accept')
    w = await act(t, await t.login('bj_sq'), w, 'escalate', { reason: '需执法' })
    w = await act(t, await t.login('hc_jd'), w, 'whistle', { departmentIds: ['520423-zjj'] })
    const zjj = await ids('zn_zjj')
    expect(zjj).toContain(w.id)
    for (const a of [grid1, grid2, yanpeng, dispatched]) expect(zjj).not.toContain(a.id)
    expect(await status('zn_zjj', w.id)).toBe(200)
    expect(await ids('zn_zfj')).not.toContain(w.id)
    expect(await status('zn_zfj', w.id)).toBe(404)
  })

  it('a party member sees what they raised and the pool of their community only', async () => {
    expect(await ids('bj_dy')).toEqual([])
    expect(await status('bj_dy', grid1.id)).toBe(404)
  })

  it('the three administrators do not handle appeals at all', async () => {
    for (const admin of ['sysadmin', 'secadmin', 'auditadmin']) {
      const res = await t.request(await t.login(admin), 'GET', '/api/v1/appeals')
      expect(res.statusCode, admin).toBe(403)
      expect(await status(admin, grid1.id)).toBe(403)
    }
  })

  it('a place filter never widens the scope', async () => {
    expect(await ids('bj_wgy1', `&place=520423002013`)).not.toContain(grid2.id)
    expect(await ids('yp_sq', `&place=520423002013`)).toEqual([])
    const grid2Items = (await t.request(await t.login('hc_jd'), 'GET', `/api/v1/appeals?limit=100&place=${BEIJIE_GRID_2}`)).json<{ items: Appeal[] }>().items
    expect(grid2Items.map((a) => a.id)).toContain(grid2.id)
    expect(grid2Items.every((a) => a.place.gridCode === BEIJIE_GRID_2)).toBe(true)
  })

  it('candidates, files and residents follow the same scope', async () => {
    expect((await t.request(await t.login('yp_sq'), 'GET', `/api/v1/appeals/${grid1.id}/candidates?action=dispatch`)).statusCode).toBe(404)
    expect((await t.request(await t.login('bj_wgy2'), 'GET', `/api/v1/residents?place=${BEIJIE_GRID_1}`)).statusCode).toBe(404)
  })

  it('creating appeals outside one’s place is refused', async () => {
    const res = await t.request(await t.login('bj_wgy1'), 'POST', '/api/v1/appeals', {
      categoryCode: 'other.misc',
      title: '跨网格登记',
      description: '不应允许',
      gridCode: YANPENG_GRID_1,
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().code).toBe('PLACE_OUT_OF_SCOPE')
  })
})

describe('list filters and keyset paging', () => {
  it('pages through a community with an opaque cursor, newest first, no repeats', async () => {
    const token = await t.login('bj_sq')
    for (let i = 0; i < 5; i++) {
      t.clock.advanceMinutes(1)
      await submitAppeal(t, await t.login('bj_wgy1'), { gridCode: BEIJIE_GRID_1, title: `巡查发现问题${i}`, description: '测试分页', categoryCode: 'safety.road' })
    }
    const seen = (await pageThrough(token)).map((a) => a.id)
    expect(new Set(seen).size).toBe(seen.length)
    const all = await ids('bj_sq')
    expect(seen).toEqual(all)
    const withTotal = (await t.request(token, 'GET', '/api/v1/appeals?limit=1&withTotal=true')).json<{ total: number }>()
    expect(withTotal.total).toBe(all.length)
  })

  it('filters by status, colour, category, channel, text and date', async () => {
    const token = await t.login('bj_sq')
    // (other tests of this file dispatch 道路 appeals to a grid worker: the elevator one is the only one dispatched)
    expect(await ids('bj_sq', '&status=assigned&category=elevator')).toEqual([dispatched.id])
    const assigned = (await t.request(token, 'GET', '/api/v1/appeals?limit=100&status=assigned')).json<{ items: Appeal[] }>().items
    expect(assigned.map((a) => a.id)).toContain(dispatched.id)
    expect(assigned.every((a) => a.status === 'assigned')).toBe(true)
    expect(await ids('bj_sq', '&category=parking')).toEqual([grid2.id])
    expect(await ids('bj_sq', '&channel=patrol&category=parking.illegal')).toEqual([grid2.id])
    expect(await ids('bj_sq', `&q=${encodeURIComponent('消防通道')}`)).toEqual([grid2.id])
    expect(await ids('bj_sq', `&q=${encodeURIComponent(grid2.number)}`)).toEqual([grid2.id])
    expect(await ids('bj_sq', '&color=red')).toEqual([])
    expect(await ids('bj_sq', '&from=2026-11-24')).toEqual([])
    expect(await ids('bj_sq', '&from=2026-11-23&to=2026-11-23')).toEqual(expect.arrayContaining([grid1.id, grid2.id, dispatched.id]))
    const badRange = await t.request(token, 'GET', '/api/v1/appeals?from=2026-11-24&to=2026-11-23')
    expect(badRange.statusCode).toBe(422)
  })

  it('someone who sees appeals in several ways (their grid, what is assigned to them) pages through each once, newest first', async () => {
    const worker = await t.login('bj_wgy1')
    // Interleave: appeals of grid 1 (seen as their grid) and of grid 2 dispatched to this worker (seen as assignee).
    const assigned: string[] = []
    for (let i = 0; i < 3; i++) {
      t.clock.advanceMinutes(1)
      await submitAppeal(t, worker, { gridCode: BEIJIE_GRID_1, title: `本网格问题${i}`, description: '测试多种可见方式的分页', categoryCode: 'safety.road' })
      t.clock.advanceMinutes(1)
      let other = await submitAppeal(t, await t.login('bj_wgy2'), { gridCode: BEIJIE_GRID_2, title: `二网格问题${i}`, description: '派给一网格网格员', categoryCode: 'safety.road' })
      other = await act(t, await t.login('bj_wgy2'), other, 'accept')
      const community = await t.login('bj_sq')
      const cands = (await t.request(community, 'GET', `/api/v1/appeals/${other.id}/candidates?action=dispatch`)).json<Candidate[]>()
      const me = cands.find((c) => c.type === 'gridWorker' && c.name.includes('石军'))!
      other = await act(t, community, other, 'dispatch', { assigneeType: 'gridWorker', assigneeId: me.id })
      assigned.push(other.id)
    }
    const seen = await pageThrough(worker)
    const seenIds = seen.map((a) => a.id)
    expect(new Set(seenIds).size).toBe(seenIds.length)
    expect(seenIds).toEqual(await ids('bj_wgy1'))
    for (const id of assigned) expect(seenIds).toContain(id)
    expect(seenIds).not.toContain(grid2.id) // grid 2, not assigned to this worker
    expect(seen.every((a) => a.place.gridCode === BEIJIE_GRID_1 || assigned.includes(a.id))).toBe(true)
    const times = seen.map((a) => Date.parse(a.createdAt))
    expect([...times].sort((x, y) => y - x)).toEqual(times)
    const withTotal = (await t.request(worker, 'GET', '/api/v1/appeals?limit=1&withTotal=true')).json<{ total: number }>()
    expect(withTotal.total).toBe(seenIds.length)
  })
})

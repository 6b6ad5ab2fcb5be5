/**
 * Places over HTTP (DOMAIN §2, §6): the tree is readable along the caller's own branch (ancestors
 * and descendants of their scope), everything else is 404; only the system administrator opens and
 * retires grids; grid codes are community code + the next serial and are never reused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'
import type { PartyOrgTree, Place, PlaceSummary } from '#contracts/places'

const COUNTY = '520423'
const HUANCUI = '520423002' // 环翠街道
const BAIMAHU = '520423001' // 白马湖街道
const BEIJIE = '520423002013' // 北街社区
const YANPENG = '520423002014' // 烟棚社区
const BEIJIE_1 = '520423002013001'
const BEIJIE_2 = '520423002013002'
const YANPENG_1 = '520423002014001'

let t: TestApp
const tokens: Record<string, string> = {}

async function as(username: string): Promise<string> {
  tokens[username] ??= await t.login(username)
  return tokens[username]
}

async function get(username: string, url: string) {
  return t.request(await as(username), 'GET', `/api/v1${url}`)
}

async function status(username: string, url: string): Promise<number> {
  return (await get(username, url)).statusCode
}

async function children(username: string, code: string, query = ''): Promise<PlaceSummary[]> {
  const res = await get(username, `/places/${code}/children${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<PlaceSummary[]>()
}

/** Each block reads or changes a database of its own: opening and retiring grids never shows in the reading tests. */
function freshAppPerBlock(): void {
  beforeAll(async () => {
    t = await createTestApp()
    for (const k of Object.keys(tokens)) delete tokens[k]
  })
  afterAll(async () => t?.close())
}

describe('reading the tree', () => {
  freshAppPerBlock()

  it('the county, with its real name and path', async () => {
    const res = await get('sysadmin', `/places/${COUNTY}`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<Place>()).toMatchObject({
      code: COUNTY,
      name: '镇宁布依族苗族自治县',
      level: 'county',
      kind: '自治县',
      parentCode: '5204',
      path: COUNTY,
    })
  })

  it('a county\'s children are its 16 streets and townships, as a bare array of summaries', async () => {
    const streets = await children('zn_xian', COUNTY)
    expect(streets).toHaveLength(16)
    expect(streets.map((s) => s.code)).toEqual([...streets.map((s) => s.code)].sort())
    expect(streets).toContainEqual({ code: HUANCUI, name: '环翠街道', level: 'street', kind: '街道' })
    expect(streets).toContainEqual({ code: '520423102', name: '黄果树镇', level: 'street', kind: '镇' })
    expect(streets).toContainEqual({ code: '520423204', name: '沙子乡', level: 'street', kind: '乡' })
  })

  it('a street\'s children are its communities', async () => {
    const communities = await children('hc_jd', HUANCUI)
    expect(communities).toContainEqual({ code: BEIJIE, name: '北街社区', level: 'community', kind: '社区' })
    expect(communities).toContainEqual({ code: YANPENG, name: '烟棚社区', level: 'community', kind: '社区' })
    expect(communities.every((c) => c.code.startsWith(HUANCUI) && c.code.length === 12)).toBe(true)
  })

  it('a community\'s children are its grids: 北街 has seven, coded 001–007', async () => {
    const grids = await children('bj_sq', BEIJIE)
    expect(grids.map((g) => g.code)).toEqual([1, 2, 3, 4, 5, 6, 7].map((s) => `${BEIJIE}00${s}`))
    expect(grids[0]).toEqual({ code: BEIJIE_1, name: '第一网格', level: 'grid', kind: '网格', retired: false })
  })

  it('a grid: its community, path, functions, boundary and household count; no children', async () => {
    const res = await get('bj_wgy1', `/places/${BEIJIE_1}`)
    expect(res.statusCode, res.body).toBe(200)
    const g = res.json<Place>()
    expect(g).toMatchObject({
      code: BEIJIE_1,
      level: 'grid',
      kind: '网格',
      parentCode: BEIJIE,
      path: `${COUNTY}.${HUANCUI}.${BEIJIE}.${BEIJIE_1}`,
      retired: false,
    })
    expect(g.functions).toEqual(expect.arrayContaining(['党建', '综治']))
    expect(g.householdCount).toBeGreaterThan(0)
    expect((g.boundary as { type: string }).type).toBe('Polygon')
    expect(await children('bj_wgy1', BEIJIE_1)).toEqual([])
  })

  it('a grid carries its iron triangle (铁三角): its party group, grid head and worker, and its 联户长 with their groups', async () => {
    const me = async (u: string) => (await get(u, '/me')).json<{ id: string; displayName: string; residentId: string | null }>()
    const [head, worker, leader] = [await me('bj_wgz1'), await me('bj_wgy1'), await me('bj_lhz')]
    const g = (await get('bj_jm', `/places/${BEIJIE_1}`)).json<Place>()
    expect(g.team!.partyGroup).toMatchObject({ name: '北街社区第一网格党小组' })
    expect(g.team!.gridHeads).toEqual([{ userId: head.id, name: head.displayName }])
    expect(g.team!.gridWorkers).toEqual([{ userId: worker.id, name: worker.displayName }])
    const groups = g.team!.householdGroups
    expect(groups.length).toBeGreaterThan(1)
    expect(groups.every((x) => x.leader !== null && x.householdCount >= 1 && x.householdCount <= 10)).toBe(true)
    expect(groups.reduce((n, x) => n + x.householdCount, 0)).toBe(g.householdCount)
    expect(groups[0]!.leader).toEqual({ residentId: leader.residentId, name: leader.displayName, accountId: leader.id })
    // regions have no team
    expect((await get('bj_sq', `/places/${BEIJIE}`)).json<Place>().team).toBeUndefined()
  })

  it('the party-organisation tree is readable from any place along the caller\'s branch', async () => {
    const res = await get('hc_jd', `/places/${BEIJIE}/party-orgs`)
    expect(res.statusCode, res.body).toBe(200)
    const tree = res.json<PartyOrgTree>()
    expect(tree.place).toBe(BEIJIE)
    expect(tree.items[0]).toMatchObject({ kind: 'communityCommittee', kindName: '社区（村）党组织', name: '北街社区党委', placeCode: BEIJIE, depth: 0 })
    const groups = tree.items.slice(1)
    expect(groups.map((o) => [o.kind, o.depth, o.parentId])).toEqual(groups.map(() => ['gridGroup', 1, tree.items[0]!.id]))
    expect(groups.map((o) => o.placeCode)).toEqual([1, 2, 3, 4, 5, 6, 7].map((s) => `${BEIJIE}00${s}`))
    expect(groups.reduce((n, o) => n + o.memberCount, 0)).toBeGreaterThan(0)
    // a street's tree starts at its working committee, with every community below it
    const street = (await get('hc_jd', `/places/${HUANCUI}/party-orgs`)).json<PartyOrgTree>()
    expect(street.items[0]).toMatchObject({ kind: 'streetWorkingCommittee', name: '环翠街道党工委', depth: 0 })
    expect(street.items.filter((o) => o.depth === 1).every((o) => o.kind === 'communityCommittee')).toBe(true)
    expect(await status('hc_jd', `/places/${BAIMAHU}/party-orgs`)).toBe(404)
    expect(await status('bj_jm', `/places/${YANPENG}/party-orgs`)).toBe(404)
  })

  it('a street or community has its parent and path', async () => {
    expect((await get('hc_jd', `/places/${HUANCUI}`)).json<Place>()).toMatchObject({
      level: 'street',
      parentCode: COUNTY,
      path: `${COUNTY}.${HUANCUI}`,
    })
    expect((await get('bj_sq', `/places/${BEIJIE}`)).json<Place>()).toMatchObject({
      name: '北街社区',
      level: 'community',
      parentCode: HUANCUI,
      path: `${COUNTY}.${HUANCUI}.${BEIJIE}`,
    })
  })
})

describe('who reads what', () => {
  freshAppPerBlock()

  it('a street reads its own branch up and down, not another street', async () => {
    for (const code of [COUNTY, HUANCUI, BEIJIE, BEIJIE_1]) expect(await status('hc_jd', `/places/${code}`), code).toBe(200)
    expect(await status('hc_jd', `/places/${BAIMAHU}`)).toBe(404)
    expect(await status('hc_jd', `/places/${BAIMAHU}/children`)).toBe(404)
    const baimahuCommunity = (await children('bmh_jd', BAIMAHU))[0]!.code
    expect(await status('hc_jd', `/places/${baimahuCommunity}`)).toBe(404)
    expect(await status('bmh_jd', `/places/${HUANCUI}`)).toBe(404)
    expect(await status('bmh_jd', `/places/${BEIJIE}/children`)).toBe(404)
  })

  it('a grid worker reads up to the county, not another community or a neighbouring grid', async () => {
    for (const code of [COUNTY, HUANCUI, BEIJIE, BEIJIE_1]) expect(await status('bj_wgy1', `/places/${code}`), code).toBe(200)
    expect(await status('bj_wgy1', `/places/${YANPENG}`)).toBe(404)
    expect(await status('bj_wgy1', `/places/${YANPENG}/children`)).toBe(404)
    expect(await status('bj_wgy1', `/places/${YANPENG_1}`)).toBe(404)
    expect(await status('bj_wgy1', `/places/${BEIJIE_2}`)).toBe(404)
  })

  it('a resident sees the grids of their own community tree, not another community\'s', async () => {
    expect((await children('bj_jm', BEIJIE)).map((g) => g.code)).toContain(BEIJIE_2)
    expect((await children('bj_jm', HUANCUI)).map((c) => c.code)).toContain(YANPENG)
    expect(await status('bj_jm', `/places/${YANPENG}/children`)).toBe(404)
    expect(await status('bj_jm', `/places/${YANPENG_1}/children`)).toBe(404)
    expect(await status('bj_jm', `/places/${BEIJIE_2}/children`)).toBe(404)
    expect(await status('yp_sq', `/places/${BEIJIE}/children`)).toBe(404)
  })

  it('the county and its departments read the whole county', async () => {
    for (const u of ['zn_xian', 'zn_zjj', 'sysadmin', 'auditadmin']) {
      expect(await status(u, `/places/${BAIMAHU}/children`), u).toBe(200)
      expect(await status(u, `/places/${YANPENG_1}`), u).toBe(200)
    }
  })

  it('a property company reads the communities where it manages a compound', async () => {
    expect(await status('lc_wy', `/places/${BEIJIE}/children`)).toBe(200)
    expect(await status('lc_wy', `/places/${BEIJIE_1}`)).toBe(200)
    expect(await status('lc_wy', `/places/${YANPENG}`)).toBe(404)
  })

  it('an out-of-scope place and a missing one give the same answer', async () => {
    const outOfScope = await get('hc_jd', `/places/${BAIMAHU}`)
    const missing = await get('hc_jd', `/places/${HUANCUI}099`)
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual(outOfScope.json())
    expect(await status('sysadmin', `/places/${BEIJIE}099`)).toBe(404)
    expect(await status('sysadmin', '/places/520424')).toBe(404)
  })

  it('a malformed code is a 400; no login is a 401', async () => {
    expect(await status('sysadmin', '/places/52042')).toBe(400)
    expect(await status('sysadmin', '/places/5204230020')).toBe(400)
    expect(await status('sysadmin', '/places/abcdef')).toBe(400)
    expect((await t.request(null, 'GET', `/api/v1/places/${COUNTY}`)).statusCode).toBe(401)
  })
})

/** The serials a new 北街 grid can have in this file, whatever order its tests run in. */
const CHINESE_NUMERALS: Record<number, string> = { 8: '八', 9: '九', 10: '十', 11: '十一', 12: '十二', 13: '十三', 14: '十四', 15: '十五', 16: '十六' }

describe('opening and retiring grids', () => {
  freshAppPerBlock()

  const create = async (username: string, community: string, body: Record<string, unknown> = {}) =>
    t.request(await as(username), 'POST', `/api/v1/places/${community}/grids`, body)
  const retire = async (username: string, code: string, reason = '区划调整，并入相邻网格') =>
    t.request(await as(username), 'POST', `/api/v1/grids/${code}/retire`, { reason })
  /** Every grid code the community has ever had, retired ones included. */
  const allGridCodes = async (community: string) => (await children('sysadmin', community, '?includeRetired=true')).map((g) => g.code)
  /** The code the next new grid must get: one past the highest serial ever used (retired codes are never reused). */
  const nextCode = async (community: string) => {
    const serials = (await allGridCodes(community)).map((c) => Number(c.slice(12)))
    return `${community}${String(Math.max(...serials) + 1).padStart(3, '0')}`
  }
  /** A new, empty grid of 北街 that is then retired. */
  const retiredGrid = async (): Promise<string> => {
    const g = await create('sysadmin', BEIJIE)
    expect(g.statusCode, g.body).toBe(201)
    const code = g.json<Place>().code
    expect((await retire('sysadmin', code)).statusCode).toBe(200)
    return code
  }

  it('only the system administrator may open or retire a grid', async () => {
    const before = await allGridCodes(BEIJIE)
    for (const u of ['auditadmin', 'secadmin', 'zn_xian', 'hc_jd', 'bj_sq', 'bj_wgz1', 'bj_jm', 'zn_zjj']) {
      const c = await create(u, BEIJIE, { name: '试图新建' })
      expect(c.statusCode, `${u} create: ${c.body}`).toBe(403)
      expect(c.json().code).toBe('FORBIDDEN')
      const r = await retire(u, BEIJIE_1)
      expect(r.statusCode, `${u} retire`).toBe(403)
    }
    // nothing was created or retired by the refused attempts
    expect(await allGridCodes(BEIJIE)).toEqual(before)
    expect(before.length).toBeGreaterThanOrEqual(7)
    expect((await get('sysadmin', `/places/${BEIJIE_1}`)).json<Place>().retired).toBe(false)
  })

  it('a new grid takes the next serial, and a retired code is never given out again', async () => {
    const expected = await nextCode(BEIJIE)
    const first = await create('sysadmin', BEIJIE, { name: '第八网格', functions: ['党建', '综治', '应急'] })
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json<Place>()).toMatchObject({
      code: expected,
      name: '第八网格',
      level: 'grid',
      parentCode: BEIJIE,
      path: `${COUNTY}.${HUANCUI}.${BEIJIE}.${expected}`,
      functions: ['党建', '综治', '应急'],
      householdCount: 0,
      retired: false,
    })
    expect((await children('bj_sq', BEIJIE)).map((g) => g.code)).toContain(expected)

    const retired = await retire('sysadmin', expected)
    expect(retired.statusCode, retired.body).toBe(200)
    expect(retired.json<Place>()).toMatchObject({ code: expected, retired: true })

    // the last grid is gone, yet the next one is one past it, not the same code again
    const next = await create('sysadmin', BEIJIE)
    expect(next.statusCode, next.body).toBe(201)
    const nextSerial = Number(expected.slice(12)) + 1
    expect(next.json<Place>().code).toBe(`${BEIJIE}${String(nextSerial).padStart(3, '0')}`)
    // a default name in the same style as the seeded grids
    expect(next.json<Place>().name).toBe(`第${CHINESE_NUMERALS[nextSerial]}网格`)
    expect(next.json<Place>().functions).toEqual(expect.arrayContaining(['党建', '综治']))

    // a retired grid is left out of the children unless asked for, and still readable by its code
    const current = await children('bj_sq', BEIJIE)
    expect(current.map((g) => g.code)).not.toContain(expected)
    expect(current.map((g) => g.code)).toContain(next.json<Place>().code)
    const all = await children('bj_sq', BEIJIE, '?includeRetired=true')
    expect(all.find((g) => g.code === expected)).toMatchObject({ retired: true })
    expect((await get('bj_sq', `/places/${expected}`)).json<Place>().retired).toBe(true)
  })

  it('a retired grid cannot be retired again or take new appeals', async () => {
    const code = await retiredGrid()
    const again = await retire('sysadmin', code)
    expect(again.statusCode).toBe(422)
    expect(again.json().code).toBe('GRID_ALREADY_RETIRED')
    const appeal = await t.request(await as('bj_sq'), 'POST', '/api/v1/appeals', {
      categoryCode: 'other.misc',
      title: '撤销网格内的诉求',
      description: '不应被受理',
      gridCode: code,
      channel: 'walkIn',
    })
    expect(appeal.statusCode, appeal.body).toBe(422)
    expect(appeal.json().code).toBe('GRID_RETIRED')
  })

  it('a grid that still holds households cannot be retired', async () => {
    const res = await retire('sysadmin', BEIJIE_1)
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().code).toBe('GRID_NOT_EMPTY')
    expect(res.json().message).toMatch(/户/)
    expect((await get('sysadmin', `/places/${BEIJIE_1}`)).json<Place>().retired).toBe(false)
  })

  it('a grid with an open appeal cannot be retired', async () => {
    const expected = await nextCode(YANPENG)
    const g = await create('sysadmin', YANPENG)
    expect(g.statusCode, g.body).toBe(201)
    const code = g.json<Place>().code
    expect(code).toBe(expected)
    const appeal = await t.request(await as('yp_sq'), 'POST', '/api/v1/appeals', {
      categoryCode: 'sanitation.garbage',
      title: '新网格内垃圾无人清运',
      description: '路口垃圾堆放三天',
      gridCode: code,
      channel: 'walkIn',
    })
    expect(appeal.statusCode, appeal.body).toBe(201)
    const res = await retire('sysadmin', code)
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().code).toBe('GRID_NOT_EMPTY')
    expect(res.json().message).toMatch(/诉求/)
  })

  it('opening and retiring are audited with the reason', async () => {
    const code = await retiredGrid()
    const res = await t.request(await as('auditadmin'), 'GET', `/api/v1/audit-logs?entityType=grid&entityId=${code}&limit=10`)
    expect(res.statusCode, res.body).toBe(200)
    const items = res.json<{ items: { action: string; detail: unknown; actor: { role: string | null } }[] }>().items
    expect(items.map((i) => i.action).sort()).toEqual(['grid.create', 'grid.retire'])
    expect(items.find((i) => i.action === 'grid.retire')!.detail).toMatchObject({ reason: '区划调整，并入相邻网格' })
    expect(items.every((i) => i.actor.role === 'systemAdmin')).toBe(true)
  })

  it('only a real community takes grids; bad input is a 400', async () => {
    const expected = await nextCode(BEIJIE)
    expect((await create('sysadmin', `${HUANCUI}099`)).statusCode).toBe(404) // no such community
    expect((await create('sysadmin', HUANCUI)).statusCode).toBe(400) // a street code
    expect((await create('sysadmin', BEIJIE, { functions: ['打麻将'] })).statusCode).toBe(400)
    expect((await create('sysadmin', BEIJIE, { name: '' })).statusCode).toBe(400)
    expect((await create('sysadmin', BEIJIE, { colour: 'red' })).statusCode).toBe(400)
    expect((await retire('sysadmin', `${BEIJIE}099`)).statusCode).toBe(404)
    expect((await t.request(await as('sysadmin'), 'POST', `/api/v1/grids/${BEIJIE_2}/retire`, {})).statusCode).toBe(400)
    // none of these used up a serial
    const next = await create('sysadmin', BEIJIE)
    expect(next.json<Place>().code).toBe(expected)
  })
})

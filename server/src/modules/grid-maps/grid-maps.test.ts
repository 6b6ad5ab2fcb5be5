import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'
import type { CommunityMap, GridProfile } from '#contracts/grid-maps'
import { area, centroid, contains, type Ring } from './geometry'
import { ensureCountyGridBoundaries } from './service'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t.close())

const ringOf = (b: unknown) => ((b as { coordinates: number[][][] }).coordinates[0]!.slice(0, -1) as Ring)

describe('grid maps', () => {
  it('fills every demo grid with a boundary once, and leaves them alone after', async () => {
    const filled = await ensureCountyGridBoundaries(t.database.db, '520423')
    expect(filled).toBeGreaterThan(200)
    expect(await ensureCountyGridBoundaries(t.database.db, '520423')).toBe(0)
  })

  it('draws a community whose grids do not overlap, coloured by open appeals', async () => {
    const w = await t.login('bj_wgy1')
    const made = await t.request(w, 'POST', '/api/v1/appeals', { categoryCode: 'sanitation', title: '垃圾堆放', description: '5 栋门口垃圾堆放', lat: 26.07, lng: 105.78 })
    expect(made.statusCode, made.body).toBe(201)
    const sq = await t.login('bj_sq')
    const r = await t.request(sq, 'GET', '/api/v1/maps/communities/520423002013')
    expect(r.statusCode).toBe(200)
    const m = r.json<CommunityMap>()
    expect(m.name).toBe('北街社区')
    expect(m.grids).toHaveLength(7)
    expect(m.grids.find((g) => g.code === '520423002013001')!.openAppeals).toBeGreaterThan(0)
    expect(m.markers.map((x) => x.id)).toContain(made.json().id)
    const rings = m.grids.map((g) => ringOf(g.boundary))
    for (const [i, ring] of rings.entries()) {
      expect(Math.abs(area(ring))).toBeGreaterThan(0)
      const c = centroid(ring)
      rings.forEach((o, j) => expect(contains(o, c)).toBe(i === j))
    }
  })

  it('gives grid staff their own community, and no one else outside their scope', async () => {
    const w = await t.login('bj_wgy1')
    expect((await t.request(w, 'GET', '/api/v1/maps/communities/520423002013')).statusCode).toBe(200)
    expect((await t.request(w, 'GET', '/api/v1/maps/communities/520423002014')).statusCode).toBe(404)
    expect((await t.request(await t.login('yp_sq'), 'GET', '/api/v1/maps/communities/520423002013')).statusCode).toBe(404)
    expect((await t.request(await t.login('lc_wy'), 'GET', '/api/v1/maps/communities/520423002013')).statusCode).toBe(403)
  })

  it("shows a grid's card with its team and households", async () => {
    const sq = await t.login('bj_sq')
    const p = (await t.request(sq, 'GET', '/api/v1/grids/520423002013001/profile')).json<GridProfile>()
    expect(p.name).toBe('第一网格')
    expect(p.team.heads.map((h) => h.name)).toContain('曹巧云')
    expect(p.team.workers.length).toBeGreaterThan(0)
    expect(p.team.groups.length).toBeGreaterThan(0)
    expect(p.counts.households).toBeGreaterThan(0)
    expect((await t.request(await t.login('bj_wgy2'), 'GET', '/api/v1/grids/520423002013001/profile')).statusCode).toBe(404)
  })
})

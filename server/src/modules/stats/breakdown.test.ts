import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'
import type { StatsBreakdown } from '#contracts/stats'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t.close())

describe('statistics by category and by channel', () => {
  it('split the overview exactly: the parts add up to the whole', async () => {
    const w = await t.login('bj_wgy1')
    for (const c of ['elevator.fault', 'elevator.fault', 'sanitation.garbage']) {
      expect((await t.request(w, 'POST', '/api/v1/appeals', { categoryCode: c, title: '巡查发现', description: '巡查发现的问题' })).statusCode).toBe(201)
    }
    const sq = await t.login('bj_sq')
    const q = 'place=520423002013&from=2026-11-23&to=2026-11-24'
    const overview = (await t.request(sq, 'GET', `/api/v1/stats/overview?${q}`)).json()
    const byCat = (await t.request(sq, 'GET', `/api/v1/stats/breakdown?${q}&by=category`)).json<StatsBreakdown>()
    const byChannel = (await t.request(sq, 'GET', `/api/v1/stats/breakdown?${q}&by=channel`)).json<StatsBreakdown>()
    const sum = (b: StatsBreakdown) => b.items.reduce((s, i) => s + i.figures.received, 0)
    expect(sum(byCat)).toBe(overview.figures.received)
    expect(sum(byChannel)).toBe(overview.figures.received)
    expect(byCat.items.find((i) => i.key === 'elevator')).toMatchObject({ name: '电梯', figures: { received: 2 } })
    expect(byChannel.items.find((i) => i.key === 'patrol')?.name).toBe('网格上报')
  })

  it('refuse what the overview refuses', async () => {
    const yp = await t.login('yp_sq')
    expect((await t.request(yp, 'GET', '/api/v1/stats/breakdown?place=520423002013&by=channel')).statusCode).toBe(404)
    expect((await t.request(await t.login('bj_jm'), 'GET', '/api/v1/stats/breakdown?by=channel')).statusCode).toBe(403)
  })
})

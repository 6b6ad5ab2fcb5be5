import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'
import type { QrGrid } from '#contracts/qr-report'

const GRID = '520423002013003'
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t.close())

describe('report from a grid QR poster', () => {
  it('shows the grid card and its team without logging in', async () => {
    const r = await t.request(null, 'GET', `/api/v1/qr/grids/${GRID}`)
    expect(r.statusCode).toBe(200)
    const g = r.json<QrGrid>()
    expect(g.name).toBe('第三网格')
    expect(g.communityName).toBe('北街社区')
    expect(g.team.map((m) => m.roleName)).toContain('网格员')
    expect(g.categories.length).toBeGreaterThan(5)
    expect((await t.request(null, 'GET', '/api/v1/qr/grids/520423002013999')).statusCode).toBe(404)
  })

  it('files a 群众点单 appeal for a verified phone, into that grid, with the phone for the follow-up', async () => {
    const noCode = await t.request(null, 'POST', `/api/v1/qr/grids/${GRID}/appeals`, { phone: '13900000011', code: '123456', categoryCode: 'sanitation.garbage', description: '垃圾桶满了三天没人清运' })
    expect(noCode.statusCode).toBe(400)
    const c = (await t.request(null, 'POST', '/api/v1/signup/code', { phone: '13900000011', purpose: 'report' })).json()
    const cats = (await t.request(null, 'GET', `/api/v1/qr/grids/${GRID}`)).json<QrGrid>().categories
    const code = cats.find((x) => x.code === 'sanitation')!.children[0]!.code
    const r = await t.request(null, 'POST', `/api/v1/qr/grids/${GRID}/appeals`, { phone: '13900000011', code: c.demoCode, categoryCode: code, description: '垃圾桶满了三天没人清运', contactName: '王女士' })
    expect(r.statusCode, r.body).toBe(201)
    expect(r.json().place).toBe('北街社区第三网格')
    const worker = await t.login('bj_wgy3')
    const list = (await t.request(worker, 'GET', `/api/v1/appeals?q=${r.json().number}`)).json()
    const a = list.items[0]
    expect(a.channel).toBe('h5')
    expect(a.place.gridCode).toBe(GRID)
    expect(a.contact).toEqual({ name: '王女士', phone: '139****0011' })
    expect(a.allowedActions).toContain('accept')
    // the code was used; a second report needs a new one
    const again = await t.request(null, 'POST', `/api/v1/qr/grids/${GRID}/appeals`, { phone: '13900000011', code: c.demoCode, categoryCode: code, description: '再报一次' })
    expect(again.statusCode).toBe(400)
  })
})

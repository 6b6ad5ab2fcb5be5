import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t.close())

describe('催办', () => {
  it('lets the resident chase a late step once a day, notifying who holds it', async () => {
    const jm = await t.login('bj_jm')
    const a = (await t.request(jm, 'POST', '/api/v1/appeals', { categoryCode: 'sanitation', title: '楼道垃圾', description: '楼道垃圾没人清' })).json()
    expect((await t.request(jm, 'POST', `/api/v1/appeals/${a.id}/urge`)).json().code).toBe('NOT_OVERDUE')
    t.clock.advance(3 * 86_400_000)
    const jm2 = await t.login('bj_jm')
    const r = await t.request(jm2, 'POST', `/api/v1/appeals/${a.id}/urge`)
    expect(r.statusCode, r.body).toBe(200)
    expect(r.json().notified).toBeGreaterThan(0)
    expect((await t.request(jm2, 'POST', `/api/v1/appeals/${a.id}/urge`)).statusCode).toBe(429)
    const w = await t.login('bj_wgy1')
    const inbox = (await t.request(w, 'GET', '/api/v1/notifications?limit=5')).json()
    expect(inbox.items.some((n: { kind: string; appealId: string }) => n.kind === 'urged' && n.appealId === a.id)).toBe(true)
    expect((await t.request(w, 'POST', `/api/v1/appeals/${a.id}/urge`)).statusCode).toBe(403)
    expect((await t.request(await t.login('yp_jm'), 'POST', `/api/v1/appeals/${a.id}/urge`)).statusCode).toBe(404)
  })
})

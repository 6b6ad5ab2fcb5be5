import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'
import { buildAppeal, buildResident } from '../../../test/factories'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t.close())

describe('催办', () => {
  it('lets the resident chase a late step once a day, notifying who holds it', async () => {
    const { appeal: a, resident, gridWorker } = await buildAppeal(t)
    const urge = async (token: string) => t.request(token, 'POST', `/api/v1/appeals/${a.id}/urge`)
    expect((await urge(await resident.account.login())).json().code).toBe('NOT_OVERDUE')
    t.clock.advance(3 * 86_400_000)
    const jm = await resident.account.login()
    const r = await urge(jm)
    expect(r.statusCode, r.body).toBe(200)
    expect(r.json().urgedAt).toMatch(/\+08:00$/)
    const again = await urge(jm)
    expect(again.statusCode).toBe(429)
    expect(again.json()).toEqual({ code: 'URGED_TODAY', message: '今天已经催办过，请明天再试' })
    const w = await gridWorker.login()
    const inbox = (await t.request(w, 'GET', '/api/v1/notifications?limit=5')).json()
    expect(inbox.items.filter((n: { kind: string; appealId: string }) => n.kind === 'urged' && n.appealId === a.id)).toHaveLength(1)
    expect((await urge(w)).statusCode).toBe(403)
    // someone else's resident does not even see the appeal
    const stranger = await buildResident(t)
    expect((await urge(await stranger.account.login())).statusCode).toBe(404)
    // the next day the resident may chase again
    t.clock.advance(86_400_000)
    expect((await urge(await resident.account.login())).statusCode).toBe(200)
  })
})

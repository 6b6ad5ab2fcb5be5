import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'
import type { HouseholdClaim, SendCodeResponse, SignupBuilding } from '#contracts/signup'
import { setCodeSender } from './sms'

const BEIJIE = '520423002013'
const GRID1 = '520423002013001'

let t: TestApp
const sent: { phone: string; code: string }[] = []
beforeAll(async () => {
  t = await createTestApp()
  setCodeSender({ name: 'spy', send: async (phone, _text, code) => void sent.push({ phone, code }) })
})
afterAll(async () => {
  setCodeSender(undefined)
  await t.close()
})

const tokenOf = (setCookie: string | string[] | undefined) => /yw_session=([^;]+)/.exec(String(setCookie))![1]!

async function code(phone: string, purpose: 'signup' | 'login' | 'report') {
  const r = await t.request(null, 'POST', '/api/v1/signup/code', { phone, purpose })
  expect(r.statusCode, r.body).toBe(200)
  return r.json<SendCodeResponse>()
}

async function gridOneBuilding(): Promise<SignupBuilding> {
  const r = await t.request(null, 'GET', `/api/v1/signup/buildings?community=${BEIJIE}`)
  expect(r.statusCode).toBe(200)
  return r.json<SignupBuilding[]>().find((b) => b.gridCode === GRID1 && b.units.length > 0)!
}

// A story: a resident signs up, reports, is confirmed and signs in again; its steps keep their order.
describe('resident self sign-up', { shuffle: false }, () => {
  it('sends a code through the code sender, shows it only in demo mode, and limits resends', async () => {
    const r = await code('13800000001', 'signup')
    expect(r.sentTo).toBe('138****0001')
    expect(r.demoCode).toMatch(/^[0-9]{6}$/)
    expect(sent.at(-1)).toEqual({ phone: '13800000001', code: r.demoCode })
    const again = await t.request(null, 'POST', '/api/v1/signup/code', { phone: '13800000001', purpose: 'signup' })
    expect(again.statusCode).toBe(429)
    expect(again.json().code).toBe('CODE_TOO_FREQUENT')
  })

  it('lists the places and buildings to choose without logging in', async () => {
    const counties = (await t.request(null, 'GET', '/api/v1/signup/regions')).json<{ code: string }[]>()
    expect(counties.map((c) => c.code)).toContain('520423')
    const b = await gridOneBuilding()
    expect(b.name).toMatch(/栋|号/)
  })

  it('refuses a wrong code, counts the tries, then signs the resident up and in', async () => {
    const b = await gridOneBuilding()
    const phone = '13800000002'
    const c = await code(phone, 'signup')
    const body = { phone, name: '李新民', buildingId: b.id, unitId: b.units[0]!.id, room: '1801' }
    const wrong = await t.request(null, 'POST', '/api/v1/signup', { ...body, code: c.demoCode === '000000' ? '111111' : '000000' })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().message).toContain('还可以再试 4 次')
    const ok = await t.request(null, 'POST', '/api/v1/signup', { ...body, code: c.demoCode })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json().user.role).toBe('resident')
    const token = tokenOf(ok.headers['set-cookie'])
    const me = await t.request(token, 'GET', '/api/v1/me')
    expect(me.json().displayName).toBe('李新民')
    // the code is used up
    expect((await t.request(null, 'POST', '/api/v1/signup', { ...body, code: c.demoCode })).statusCode).toBe(409)

    // until the household is confirmed the resident can still report, in the building's grid
    const cats = (await t.request(token, 'GET', '/api/v1/categories')).json<{ children: { code: string }[] }[]>()
    const report = await t.request(token, 'POST', '/api/v1/appeals', { categoryCode: cats[0]!.children[0]!.code, title: '楼道灯坏了', description: '晚上看不清' })
    expect(report.statusCode, report.body).toBe(201)
    expect(report.json().place.gridCode).toBe(GRID1)

    const mine = await t.request(token, 'GET', '/api/v1/household-claims/mine')
    expect(mine.json().status).toBe('pending')
  })

  it('lets the grid worker of that grid confirm the household in one tap, and no one else', async () => {
    const worker = await t.login('bj_wgy1')
    const other = await t.login('bj_wgy2')
    const list = (await t.request(worker, 'GET', '/api/v1/household-claims?status=pending')).json<HouseholdClaim[]>()
    const claim = list.find((c) => c.resident.name === '李新民')!
    expect(claim.resident.phone).toBe('138****0002')
    expect(claim.address).toContain('1801')
    expect((await t.request(other, 'GET', '/api/v1/household-claims?status=pending')).json<HouseholdClaim[]>().some((c) => c.id === claim.id)).toBe(false)
    expect((await t.request(other, 'POST', `/api/v1/household-claims/${claim.id}/confirm`)).statusCode).toBe(404)
    const resident = await t.login('bj_jm')
    expect((await t.request(resident, 'POST', `/api/v1/household-claims/${claim.id}/confirm`)).statusCode).toBe(403)

    const ok = await t.request(worker, 'POST', `/api/v1/household-claims/${claim.id}/confirm`)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().status).toBe('confirmed')
    expect((await t.request(worker, 'POST', `/api/v1/household-claims/${claim.id}/confirm`)).statusCode).toBe(422)

    const r = await t.request(worker, 'GET', `/api/v1/residents/${claim.resident.id}`)
    expect(r.json().householdId).not.toBeNull()
    // their residence history (实有人口) starts at the confirmed address
    const card = (await t.request(worker, 'GET', `/api/v1/population/people/${claim.resident.id}`)).json<{ history: { address: string; toDate: string | null }[] }>()
    expect(card.history).toEqual([expect.objectContaining({ toDate: null, address: expect.stringContaining('1801') })])
    const audit = await t.request(await t.login('auditadmin'), 'GET', '/api/v1/audit-logs?action=householdClaim.confirm')
    expect(audit.json().items[0].entityId).toBe(claim.id)
  })

  it('signs a registered resident in with a code, and refuses an unknown phone', async () => {
    t.clock.advance(61_000)
    const c = await code('13800000002', 'login')
    const r = await t.request(null, 'POST', '/api/v1/signup/login', { phone: '13800000002', code: c.demoCode })
    expect(r.statusCode, r.body).toBe(200)
    expect(r.json().user.displayName).toBe('李新民')
    const u = await code('13800000009', 'login')
    const unknown = await t.request(null, 'POST', '/api/v1/signup/login', { phone: '13800000009', code: u.demoCode })
    expect(unknown.statusCode).toBe(404)
  })

  it('stops a code after five wrong tries', async () => {
    const c = await code('13800000003', 'login')
    const wrong = c.demoCode === '123456' ? '654321' : '123456'
    for (let i = 0; i < 5; i++) await t.request(null, 'POST', '/api/v1/signup/login', { phone: '13800000003', code: wrong })
    expect((await t.request(null, 'POST', '/api/v1/signup/login', { phone: '13800000003', code: c.demoCode })).statusCode).not.toBe(200)
  })
})

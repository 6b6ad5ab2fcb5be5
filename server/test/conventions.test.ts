/**
 * The HTTP conventions a newcomer trips over: a short place code is a scope; every message is Chinese
 * (dates too); list filters take comma lists as well as repeated parameters; every list answers `total`
 * when asked; notices read once, without doubled words; statistics take a named period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Appeal } from '#contracts/appeals'
import type { StatsOverview } from '#contracts/stats'
import { buildAppeal, buildCommunity, buildPartyMember, buildRegisteredUnit } from './factories'
import { createTestApp, TEST_START, type TestApp } from './setup'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

describe('a place is given by its short code everywhere', () => {
  it('a new account’s scope may be the grid code; it is stored as the dotted path', async () => {
    const sec = await t.login('secadmin')
    const res = await t.request(sec, 'POST', '/api/v1/users', {
      username: 'short_scope',
      password: 'Short#Scope2026',
      displayName: '短代码网格员',
      role: 'gridWorker',
      scope: '520423002013003',
    })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().scope).toBe('520423.520423002.520423002013.520423002013003')
  })
})

describe('every message a person reads is Chinese', () => {
  it('a malformed date says which form it wants, in Chinese', async () => {
    const res = await t.request(await t.login('bj_sq'), 'GET', '/api/v1/appeals?from=2026-13-45')
    expect(res.statusCode).toBe(400)
    const { details } = res.json<{ details: { field: string; message: string }[] }>()
    expect(details).toEqual([{ field: 'from', message: '格式不正确（应为日期，如 2026-11-23）' }])
    expect(JSON.stringify(res.json())).not.toMatch(/should|must|format "date"|\(应为 date\)/)
  })
})

describe('list filters', () => {
  it('take a comma list and repeated parameters alike', async () => {
    const first = await buildAppeal(t, { status: 'submitted' })
    await buildAppeal(t, { status: 'accepted', cast: first })
    await buildAppeal(t, { status: 'assigned', cast: first })
    const token = first.community.token
    const comma = (await t.request(token, 'GET', '/api/v1/appeals?status=submitted,accepted&limit=100&withTotal=true')).json<{ items: Appeal[]; total: number }>()
    const repeated = (await t.request(token, 'GET', '/api/v1/appeals?status=submitted&status=accepted&limit=100&withTotal=true')).json<{
      items: Appeal[]
      total: number
    }>()
    expect(comma.total).toBe(2)
    expect(comma.items.map((a) => a.id)).toEqual(repeated.items.map((a) => a.id))
    expect(new Set(comma.items.map((a) => a.status))).toEqual(new Set(['submitted', 'accepted']))
    const bad = await t.request(token, 'GET', '/api/v1/appeals?status=submitted,nonsense')
    expect(bad.statusCode).toBe(400)
  })

  it('every list answers total when asked: users, audit log, supervisions, registrations', async () => {
    const users = (await t.request(await t.login('secadmin'), 'GET', '/api/v1/users?role=gridWorker&withTotal=true&limit=1')).json()
    expect(users.items).toHaveLength(1)
    expect(users.total).toBeGreaterThan(1)
    const audit = (await t.request(await t.login('auditadmin'), 'GET', '/api/v1/audit-logs?action=auth.login&withTotal=true&limit=1')).json()
    expect(audit.total).toBeGreaterThan(1)
    const sup = (await t.request(await t.login('bj_sq'), 'GET', '/api/v1/supervisions?withTotal=true')).json()
    expect(sup.total).toBe(sup.items.length)
    const home = await buildCommunity(t)
    const member = await buildPartyMember(t, home)
    const unit = await buildRegisteredUnit(t, { community: home })
    const submitted = await t.request(member.account.token, 'POST', '/api/v1/registrations', { communityCode: home.code, unitId: String(unit.id) })
    expect(submitted.statusCode, submitted.body).toBe(201)
    const regs = (await t.request(member.account.token, 'GET', '/api/v1/registrations?withTotal=true')).json()
    expect(regs.total).toBe(1)
  })
})

describe('notices read once', () => {
  it('the resident’s reply notice asks for a rating once, and carries the community’s words as written', async () => {
    t.clock.set(TEST_START)
    const { appeal, resident } = await buildAppeal(t, { status: 'replied' })
    const inbox = (await t.request(resident.account.token, 'GET', '/api/v1/notifications?limit=100')).json<{ items: { kind: string; title: string; body: string; appealId: string }[] }>()
    const n = inbox.items.find((x) => x.kind === 'replied' && x.appealId === appeal.id)!
    expect(n.title).toBe(`您的诉求已答复，请评价：${appeal.number}`)
    expect(n.body).toBe('电梯已修复，请知悉')
    expect(`${n.title}${n.body}`.match(/请评价/g)).toHaveLength(1)
  })
})

describe('statistics periods', () => {
  it('month (the default), quarter, year and the last 30 days, each up to today, and from/to win', async () => {
    t.clock.set('2026-11-25T10:00:00+08:00')
    const token = await t.login('bj_sq')
    const range = async (q: string) => {
      const o = (await t.request(token, 'GET', `/api/v1/stats/overview?${q}`)).json<StatsOverview>()
      return [o.from, o.to]
    }
    expect(await range('')).toEqual(['2026-11-01', '2026-11-26'])
    expect(await range('period=month')).toEqual(['2026-11-01', '2026-11-26'])
    expect(await range('period=quarter')).toEqual(['2026-10-01', '2026-11-26'])
    expect(await range('period=year')).toEqual(['2026-01-01', '2026-11-26'])
    expect(await range('period=last30')).toEqual(['2026-10-27', '2026-11-26'])
    expect(await range('period=year&from=2026-06-01&to=2026-07-01')).toEqual(['2026-06-01', '2026-07-01'])
    expect((await t.request(token, 'GET', '/api/v1/stats/overview?period=decade')).statusCode).toBe(400)
  })
})

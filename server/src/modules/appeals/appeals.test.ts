/**
 * The appeal loop as the seeds tell it (a grid like 镇宁 北街社区's): a resident reports a broken lift, the grid
 * worker accepts, the community dispatches to the property company, it claims and resolves, the
 * grid worker verifies, the community replies, the resident is unsatisfied; round two ends satisfied.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'
import { act, getAppeal, submitAppeal } from '../../../test/appeal-helpers'
import { buildAdmin, buildCast, type AppealCast } from '../../../test/factories'
import type { Candidate } from '#contracts/appeals'

let t: TestApp
/** A grid in small: its resident (in a compound), grid worker, community and the compound's property company. */
let cast: AppealCast
beforeAll(async () => {
  t = await createTestApp()
  cast = await buildCast(t)
})
afterAll(async () => t?.close())

describe('the closed loop of one appeal, through HTTP', () => {
  it('carries a broken lift from the resident to a satisfied close, and the timeline shows every step', async () => {
    // People act hours apart; sessions end after 10 idle minutes, so each logs in when they act.
    const resident = () => cast.resident.account.login()
    const gridWorker = () => cast.gridWorker.login()
    const community = () => cast.community.login()
    const property = () => cast.property.account.login()

    // 群众点单: the resident reports; place and contact come from the household.
    let a = await submitAppeal(t, await resident())
    expect(a.status).toBe('submitted')
    expect(a.number).toMatch(/^ZN20261123-\d{6}$/)
    expect(a.channel).toBe('h5')
    expect(a.place.gridCode).toBe(cast.resident.grid.code)
    expect(a.place.communityName).toBe(cast.resident.grid.community.name)
    expect(a.color).toBe('yellow') // 电梯故障: high importance, normal urgency
    expect(a.contact.phone).toMatch(/^1\d{2}\*{4}\d{4}$/)
    // yellow: respond within one working day (09:30 Monday + 8.5 working hours = 09:30 Tuesday)
    expect(a.deadlines.responseDueAt).toBe('2026-11-24T09:30:00.000+08:00')
    expect(a.allowedActions).toEqual([])

    // 网格收单
    t.clock.advanceMinutes(20)
    a = await getAppeal(t, await gridWorker(), a.id)
    expect(a.allowedActions).toContain('accept')
    a = await act(t, await gridWorker(), a, 'accept')
    expect(a.status).toBe('accepted')

    // 社区分单: the compound's property company is the first candidate.
    t.clock.advanceMinutes(30)
    const cands = await t.request(await community(), 'GET', `/api/v1/appeals/${a.id}/candidates?action=dispatch`)
    expect(cands.statusCode).toBe(200)
    const list = cands.json<Candidate[]>()
    expect(list[0]).toMatchObject({ type: 'property', name: cast.property.name })
    expect(list.some((c) => c.type === 'gridWorker')).toBe(true)
    expect(list.some((c) => c.type === 'partyMember' && c.id === 'pool')).toBe(true)
    a = await getAppeal(t, await community(), a.id)
    a = await act(t, await community(), a, 'dispatch', { assigneeType: 'property', assigneeId: list[0]!.id, comment: '请物业尽快维修' })
    expect(a.status).toBe('assigned')
    expect(a.assignee).toMatchObject({ type: 'property', name: cast.property.name })
    // yellow: resolve within 5 working days of dispatch (Mon 10:20 → Mon 10:20 next week)
    expect(a.deadlines.resolveDueAt).toBe('2026-11-30T10:20:00.000+08:00')

    // 物业领单、办结
    t.clock.advanceMinutes(60)
    a = await getAppeal(t, await property(), a.id)
    expect(a.allowedActions).toEqual(expect.arrayContaining(['claim']))
    a = await act(t, await property(), a, 'claim')
    expect(a.status).toBe('in_progress')
    t.clock.advanceMinutes(240)
    a = await act(t, await property(), a, 'resolve', { result: '更换了电梯控制板，已恢复运行' })
    expect(a.status).toBe('resolved')
    expect(a.resolutionLevel).toBe('community')

    // 核查 → 答复 → 不满意
    t.clock.advanceMinutes(60)
    a = await getAppeal(t, await gridWorker(), a.id)
    a = await act(t, await gridWorker(), a, 'verify', { note: '现场查看，电梯运行正常' })
    expect(a.status).toBe('verified')
    t.clock.advanceMinutes(30)
    a = await getAppeal(t, await community(), a.id)
    a = await act(t, await community(), a, 'reply', { message: '电梯已修复，请您试用。' })
    expect(a.status).toBe('replied')
    expect(a.deadlines.autoCloseAt).not.toBeNull()
    t.clock.advanceMinutes(60)
    a = await getAppeal(t, await resident(), a.id)
    expect(a.allowedActions).toEqual(['rate'])
    a = await act(t, await resident(), a, 'rate', { rating: 'unsatisfied', comment: '晚上又停了' })
    expect(a.status).toBe('reopened')

    // 第二轮：物业再次办结，核查，答复，满意
    t.clock.advanceMinutes(120)
    a = await getAppeal(t, await property(), a.id)
    a = await act(t, await property(), a, 'resolve', { result: '更换了门机马达，连续观察24小时无故障' })
    t.clock.advanceMinutes(30)
    a = await getAppeal(t, await gridWorker(), a.id)
    a = await act(t, await gridWorker(), a, 'verify')
    t.clock.advanceMinutes(30)
    a = await getAppeal(t, await community(), a.id)
    a = await act(t, await community(), a, 'reply', { message: '门机马达已更换，感谢您的监督。' })
    t.clock.advanceMinutes(30)
    a = await getAppeal(t, await resident(), a.id)
    a = await act(t, await resident(), a, 'rate', { rating: 'satisfied' })
    expect(a.status).toBe('closed')
    expect(a.closeReason).toBe('satisfied')
    expect(a.allowedActions).toEqual([])

    // The timeline: every step, who and when, in order.
    const detail = await getAppeal(t, await community(), a.id)
    const steps = detail.events!.map((e) => [e.action, e.actor.role, e.toStatus])
    expect(steps).toEqual([
      ['submit', 'resident', 'submitted'],
      ['accept', 'gridWorker', 'accepted'],
      ['dispatch', 'community', 'assigned'],
      ['claim', 'property', 'in_progress'],
      ['resolve', 'property', 'resolved'],
      ['verify', 'gridWorker', 'verified'],
      ['reply', 'community', 'replied'],
      ['rate', 'resident', 'reopened'],
      ['resolve', 'property', 'resolved'],
      ['verify', 'gridWorker', 'verified'],
      ['reply', 'community', 'replied'],
      ['rate', 'resident', 'closed'],
    ])
    const times = detail.events!.map((e) => Date.parse(e.at))
    expect([...times].sort((x, y) => x - y)).toEqual(times)
    expect(detail.events![0]!.at).toBe('2026-11-23T09:30:00.000+08:00')
    expect(detail.events![1]!.at).toBe('2026-11-23T09:50:00.000+08:00')
    expect(detail.events!.every((e) => e.actor.name.length > 0)).toBe(true)
    expect(detail.events![2]!.comment).toBe('请物业尽快维修')

    // Every state change left an audit row.
    const audit = (await buildAdmin(t, 'auditAdmin')).token
    const logs = await t.request(audit, 'GET', `/api/v1/audit-logs?entityType=appeal&entityId=${a.id}&limit=50`)
    expect(logs.statusCode).toBe(200)
    const actions = logs.json<{ items: { action: string }[] }>().items.map((x) => x.action).reverse()
    expect(actions).toEqual([
      'appeal.create',
      'appeal.accept',
      'appeal.dispatch',
      'appeal.claim',
      'appeal.resolve',
      'appeal.verify',
      'appeal.reply',
      'appeal.rate',
      'appeal.resolve',
      'appeal.verify',
      'appeal.reply',
      'appeal.rate',
    ])
  })
})

describe('appeal numbers', () => {
  it('stay distinct past the millionth appeal: six digits while they fit, then the whole sequence value', async () => {
    // on a database of its own: the sequence jump must not change the numbers the other tests see
    const t2 = await createTestApp()
    try {
      await t2.database.db.execute(sql`SELECT setval('appeal_number_seq', 999998)`)
      const token = await (await buildCast(t2)).gridWorker.login()
      const a = await submitAppeal(t2, token)
      const b = await submitAppeal(t2, token)
      expect(a.number).toBe('ZN20261123-999999')
      expect(b.number).toBe('ZN20261123-1000000')
    } finally {
      await t2.close()
    }
  })
})

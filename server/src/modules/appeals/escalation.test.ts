/**
 * 街道吹哨、部门报到: a community escalates, the street whistles two departments, the lead claims and
 * resolves while the other reports in late; returns inside and outside the 2-working-day window;
 * extensions approved (the deadline moves) and denied.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, TEST_START, type TestApp } from '../../../test/setup'
import { act, actRaw, getAppeal } from '../../../test/appeal-helpers'
import {
  buildAppeal,
  buildCast,
  buildDepartmentAccount,
  buildStreetAccount,
  type AppealCast,
  type BuiltAccount,
  type LoopStatus,
} from '../../../test/factories'
import type { Appeal, Candidate } from '#contracts/appeals'

const ZJJ = '520423-zjj'
const ZFJ = '520423-zhzfj'

type Who = 'community' | 'property' | 'street' | 'otherStreet' | 'zjj' | 'zfj'
let t: TestApp
/** A grid in small (resident, grid worker, community, the compound's property company) … */
let cast: AppealCast
/** … and who an escalation reaches: its street (环翠街道), another street, two departments of the county. */
let people: Record<Who, BuiltAccount>
beforeAll(async () => {
  t = await createTestApp()
  cast = await buildCast(t)
  people = {
    community: cast.community,
    property: cast.property.account,
    street: await buildStreetAccount(t),
    otherStreet: await buildStreetAccount(t, '520423001'),
    zjj: await buildDepartmentAccount(t, ZJJ),
    zfj: await buildDepartmentAccount(t, ZFJ),
  }
})
afterAll(async () => t?.close())
beforeEach(() => t.clock.set(TEST_START))

/** A fresh session (people act hours apart here; sessions end after 10 idle minutes). */
const as = (who: Who) => people[who].login()
/** An appeal of the cast's resident, dispatched to the compound's property company, brought to `status`. */
const appealIn = async (status: LoopStatus) => (await buildAppeal(t, { status, cast, handler: 'property' })).appeal

describe('escalation and the whistle', () => {
  it('runs from the community to two departments and back to the resident, with a report-in record', async () => {
    let a = await appealIn('accepted')
    a = await act(t, await as('community'), a, 'escalate', { reason: '小区违建涉及规划和执法，需街道协调' })
    expect(a.status).toBe('street_review')
    expect(a.assignee).toBeNull()

    const street = await as('street')
    expect((await getAppeal(t, street, a.id)).allowedActions).toEqual(expect.arrayContaining(['whistle', 'dispatch', 'reject']))
    const cands = (await t.request(street, 'GET', `/api/v1/appeals/${a.id}/candidates?action=whistle`)).json<Candidate[]>()
    expect(cands.map((c) => c.id)).toEqual(expect.arrayContaining([ZJJ, ZFJ]))
    expect(cands.every((c) => c.type === 'department')).toBe(true)
    // 09:30 + report-in by 11:30
    a = await act(t, street, a, 'whistle', { departmentIds: [ZJJ, ZFJ], reportBy: '2026-11-23T11:30:00+08:00' })
    expect(a.status).toBe('dept_assigned')
    expect(a.leadDepartmentCode).toBe(ZJJ)
    expect(a.assignee).toMatchObject({ type: 'department', id: ZJJ })

    // both departments now see it; the assisting one cannot claim
    const zfj = await as('zfj')
    const seenByZfj = await getAppeal(t, zfj, a.id)
    expect(seenByZfj.allowedActions).toEqual(['reportIn'])
    expect((await actRaw(t, zfj, seenByZfj, 'claim')).statusCode).toBe(403)

    // the lead claims within the hour: its claim is its report-in
    t.clock.advanceMinutes(40)
    const zjj = await as('zjj')
    a = await act(t, zjj, await getAppeal(t, zjj, a.id), 'claim')
    expect(a.status).toBe('in_progress')

    // the assisting department reports in after the deadline, then adds a note
    t.clock.advanceMinutes(120)
    const zfj2 = await as('zfj')
    a = await act(t, zfj2, await getAppeal(t, zfj2, a.id), 'reportIn', { note: '已派执法队员到场' })
    expect(a.status).toBe('in_progress')
    a = await act(t, zfj2, a, 'assistNote', { note: '已对违建下达限期拆除通知' })

    t.clock.advanceMinutes(60)
    const zjj2 = await as('zjj')
    a = await act(t, zjj2, await getAppeal(t, zjj2, a.id), 'resolve', { result: '违建已拆除，现场恢复' })
    expect(a.resolutionLevel).toBe('department')

    const detail = await getAppeal(t, await as('community'), a.id)
    const byCode = Object.fromEntries(detail.departments!.map((d) => [d.code, d]))
    expect(byCode[ZJJ]).toMatchObject({ role: 'lead', late: false, reportedAt: '2026-11-23T10:10:00.000+08:00', reportBy: '2026-11-23T11:30:00.000+08:00' })
    expect(byCode[ZFJ]).toMatchObject({ role: 'assist', late: true, reportedAt: '2026-11-23T12:10:00.000+08:00' })
    expect(detail.events!.map((e) => e.action)).toEqual(
      expect.arrayContaining(['escalate', 'whistle', 'claim', 'reportIn', 'assistNote', 'resolve']),
    )
    expect(detail.events!.find((e) => e.action === 'reportIn')!.fields).toMatchObject({ late: true, department: ZFJ })
  })

  it('refuses departments outside the county and report-by times in the past', async () => {
    let a = await appealIn('accepted')
    a = await act(t, await as('community'), a, 'escalate', { reason: '需协调' })
    const street = await as('street')
    const bad = await actRaw(t, street, a, 'whistle', { departmentIds: ['999999-xxx'] })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().code).toBe('INVALID_DEPARTMENT')
    const past = await actRaw(t, street, a, 'whistle', { departmentIds: [ZJJ], reportBy: '2026-11-20T09:00:00+08:00' })
    expect(past.json().code).toBe('INVALID_REPORT_BY')
    expect((await actRaw(t, await as('otherStreet'), a, 'whistle', { departmentIds: [ZJJ] })).statusCode).toBe(404)
  })
})

describe('returns (退回) within two working days', () => {
  it('a handler returns a wrong assignment inside the window; outside it cannot', async () => {
    let a = await appealIn('assigned') // dispatched to the compound's property company now (Mon)
    a = await act(t, await as('property'), a, 'return', { reason: '不属于物业服务范围' })
    expect(a.status).toBe('accepted')
    expect(a.assignee).toBeNull()

    a = await act(t, await as('community'), a, 'dispatch', { assigneeType: 'property', assigneeId: String(cast.property.id) })
    // Monday + 2 working days = Wednesday same time; Thursday is past it.
    t.clock.advance(3 * 86_400_000)
    const wy = await as('property')
    a = await getAppeal(t, wy, a.id)
    expect(a.allowedActions).not.toContain('return')
    const late = await actRaw(t, wy, a, 'return', { reason: '太晚了' })
    expect(late.statusCode).toBe(422)
    expect(late.json().code).toBe('RETURN_WINDOW_PASSED')
    t.clock.advance(-3 * 86_400_000)
  })

  it('a whistled lead department returns the appeal to the street', async () => {
    let a = await appealIn('accepted')
    a = await act(t, await as('community'), a, 'escalate', { reason: '需协调' })
    a = await act(t, await as('street'), a, 'whistle', { departmentIds: [ZJJ] })
    const zjj = await as('zjj')
    a = await act(t, zjj, await getAppeal(t, zjj, a.id), 'return', { reason: '应由自然资源局牵头' })
    expect(a.status).toBe('street_review')
    expect(a.leadDepartmentCode).toBeNull()
    expect((await t.request(zjj, 'GET', `/api/v1/appeals/${a.id}`)).statusCode).toBe(404)
    const detail = await getAppeal(t, await as('street'), a.id)
    expect(detail.departments).toEqual([expect.objectContaining({ code: ZJJ, active: false })])
  })
})

describe('extensions (延期)', () => {
  it('approved: the resolve deadline moves by the working days granted; denied: it stays', async () => {
    let a = await appealIn('in_progress')
    const due = a.deadlines.resolveDueAt!
    const wy = await as('property')
    a = await act(t, wy, a, 'requestExtension', { days: 3, reason: '电梯配件需从厂家调货' })
    expect(a.extensionPending).toBe(true)
    expect((await actRaw(t, wy, a, 'requestExtension', { days: 2, reason: '再延' })).json().code).toBe('EXTENSION_PENDING')
    expect((await actRaw(t, wy, a, 'approveExtension')).statusCode).toBe(403)
    a = await act(t, await as('community'), a, 'approveExtension', { note: '同意，请按期完成' })
    expect(a.extensionPending).toBe(false)
    // yellow (5 working days from Mon 09:30 → Mon 09:30) + 3 working days → Thu 09:30
    expect(due).toBe('2026-11-30T09:30:00.000+08:00')
    expect(a.deadlines.resolveDueAt).toBe('2026-12-03T09:30:00.000+08:00')

    a = await act(t, wy, a, 'requestExtension', { days: 5, reason: '还需更多时间' })
    a = await act(t, await as('community'), a, 'denyExtension', { note: '请按原时限办结' })
    expect(a.deadlines.resolveDueAt).toBe('2026-12-03T09:30:00.000+08:00')
    const detail = await getAppeal(t, await as('community'), a.id)
    expect(detail.extensions!.map((e) => [e.days, e.status])).toEqual([
      [3, 'approved'],
      [5, 'denied'],
    ])
    expect((await actRaw(t, wy, a, 'requestExtension', { days: 11, reason: 'x' })).statusCode).toBe(400)
  })
})

describe('the to-do view of the new roles', () => {
  it('shows the street what waits for review and the department what waits for report-in', async () => {
    let a = await appealIn('accepted')
    a = await act(t, await as('community'), a, 'escalate', { reason: '需协调' })
    const todo = (await t.request(await as('street'), 'GET', '/api/v1/appeals?view=todo&limit=100')).json<{ items: Appeal[] }>()
    expect(todo.items.map((x) => x.id)).toContain(a.id)
    a = await act(t, await as('street'), a, 'whistle', { departmentIds: [ZJJ, ZFJ] })
    const deptTodo = (await t.request(await as('zfj'), 'GET', '/api/v1/appeals?view=todo&limit=100')).json<{ items: Appeal[] }>()
    expect(deptTodo.items.map((x) => x.id)).toContain(a.id)
    const all = (await t.request(await as('zfj'), 'GET', '/api/v1/appeals?limit=100')).json<{ items: Appeal[] }>()
    expect(all.items.map((x) => x.id)).toContain(a.id)
    expect(all.items.every((x) => x.status !== 'submitted')).toBe(true)
  })
})

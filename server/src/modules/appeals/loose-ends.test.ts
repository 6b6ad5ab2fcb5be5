/**
 * Loose ends of the loop a community, a 联户长 or a department hit in their first week: a 联户长's own
 * report can be resolved on the spot; a lead department that claimed is told it has already reported in;
 * a supervising street closes the supervision and the appeal with an explanation in one step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Appeal } from '#contracts/appeals'
import { buildAppeal, buildCast, buildGrid, buildGridWorker, buildLeaderBuilding, buildPlaceAccount, buildResident, relogin } from '../../../test/factories'
import { createTestApp, TEST_START, type TestApp } from '../../../test/setup'
import { uploadPhoto } from '../../../test/appeal-helpers'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

const report = (token: string, body: Record<string, unknown> = {}) =>
  t.request(token, 'POST', '/api/v1/appeals', { categoryCode: 'sanitation.garbage', title: '楼道堆放杂物', description: '三楼楼道堆满纸箱，影响通行。', ...body })
async function act(token: string, a: Pick<Appeal, 'id' | 'version'>, action: string, fields: Record<string, unknown> = {}) {
  return t.request(token, 'POST', `/api/v1/appeals/${a.id}/actions`, { action, version: a.version, ...fields })
}

describe("a 联户长's own report", () => {
  it('belongs to the building of the group, so the leader may resolve it on the spot with a photo', async () => {
    t.clock.set(TEST_START)
    const leader = await buildLeaderBuilding(t)
    const res = await report(leader.account.token)
    expect(res.statusCode, res.body).toBe(201)
    const a = res.json<Appeal>()
    expect(a.channel).toBe('householdLeader')
    expect(a.allowedActions).toContain('resolveOnSpot')
    const photo = await uploadPhoto(t, leader.account.token)
    const done = await act(leader.account.token, a, 'resolveOnSpot', { result: '已组织邻居清理杂物', photoIds: [photo] })
    expect(done.statusCode, done.body).toBe(200)
    expect(done.json<Appeal>()).toMatchObject({ status: 'verified', resolutionLevel: 'building' })
  })

  it('may name one of the group’s households (its address follows), and no other', async () => {
    t.clock.set(TEST_START)
    const leader = await buildLeaderBuilding(t)
    const other = await buildLeaderBuilding(t, { grid: leader.grid })
    const mine = await report(leader.account.token, { householdId: String(leader.householdIds[2]) })
    expect(mine.statusCode, mine.body).toBe(201)
    expect(mine.json<Appeal>().address).toMatch(/301$/)
    const theirs = await report(leader.account.token, { householdId: String(other.householdIds[0]) })
    expect(theirs.statusCode).toBe(400)
    expect(theirs.json()).toMatchObject({ code: 'UNKNOWN_HOUSEHOLD', details: [{ field: 'householdId' }] })
  })

  it('a grid worker’s patrol report stays unattached to a building: the 联户长 of the grid cannot resolve it', async () => {
    t.clock.set(TEST_START)
    const leader = await buildLeaderBuilding(t)
    const worker = await buildGridWorker(t, leader.grid)
    const a = (await report(worker.token)).json<Appeal>()
    const seen = await t.request(leader.account.token, 'GET', `/api/v1/appeals/${a.id}`)
    expect(seen.statusCode).toBe(404)
  })
})

describe('a lead department that claimed has reported in', () => {
  it('its claim counts as the report-in: reporting again is 422 ALREADY_REPORTED, not 403', async () => {
    t.clock.set(TEST_START)
    const { appeal, community } = await buildAppeal(t, { status: 'accepted' })
    const street = await buildPlaceAccount(t, { code: appeal.place.streetCode }, 'street')
    let a = (await act(community.token, appeal, 'escalate', { reason: '需部门处置' })).json<Appeal>()
    a = (await act(street.token, a, 'whistle', { departmentIds: ['520423-zjj', '520423-zhzfj'] })).json<Appeal>()
    const zjj = await t.login('zn_zjj')
    a = (await act(zjj, a, 'claim')).json<Appeal>()
    expect(a.status).toBe('in_progress')
    expect(a.allowedActions).not.toContain('reportIn')
    const again = await act(zjj, a, 'reportIn', { note: '已到场' })
    expect(again.statusCode).toBe(422)
    expect(again.json()).toEqual({ code: 'ALREADY_REPORTED', message: '本部门已报到（主办部门领单即视为报到），无需重复报到' })
    // the assisting department has not: it may
    const zfj = await t.login('zn_zfj')
    expect((await act(zfj, a, 'reportIn', { note: '协办报到' })).statusCode).toBe(200)
  })
})

describe('closing a supervision and the appeal in one step', () => {
  async function supervisedByStreet() {
    t.clock.set(TEST_START)
    const built = await buildAppeal(t, { status: 'reopened' })
    const { gridWorker, community, resident } = built
    let a = built.appeal
    a = (await act(gridWorker.token, a, 'claim')).json<Appeal>()
    a = (await act(gridWorker.token, a, 'resolve', { result: '再次维修' })).json<Appeal>()
    a = (await act(gridWorker.token, a, 'verify')).json<Appeal>()
    a = (await act(community.token, a, 'reply', { message: '已再次维修' })).json<Appeal>()
    a = (await act(resident.account.token, a, 'rate', { rating: 'unsatisfied' })).json<Appeal>()
    const street = await buildPlaceAccount(t, { code: a.place.streetCode }, 'street')
    const detail = (await t.request(street.token, 'GET', `/api/v1/appeals/${a.id}`)).json<Appeal>()
    expect(detail.supervisions).toEqual([expect.objectContaining({ reason: 'unsatisfied', level: 'street', status: 'open' })])
    return { a: detail, street, community, supervisionId: detail.supervisions![0]!.id }
  }

  it('the street closes the supervision with closeAppeal and an explanation: the appeal closes as explained', async () => {
    const { a, street, community, supervisionId } = await supervisedByStreet()
    await t.request(community.token, 'POST', `/api/v1/supervisions/${supervisionId}/answer`, { answer: '已两次维修，居民诉求超出物业责任' })
    const missing = await t.request(street.token, 'POST', `/api/v1/supervisions/${supervisionId}/close`, { closeAppeal: true })
    expect(missing.statusCode).toBe(400)
    const res = await t.request(street.token, 'POST', `/api/v1/supervisions/${supervisionId}/close`, {
      note: '情况属实',
      closeAppeal: true,
      explanation: '经核实，电梯已修复并验收合格，居民另提更换电梯诉求超出本次范围，予以结案说明。',
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().status).toBe('closed')
    const closed = (await t.request(await relogin(t, street), 'GET', `/api/v1/appeals/${a.id}`)).json<Appeal>()
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'explained' })
    expect(closed.events!.map((e) => e.action).slice(-2)).toEqual(['answerSupervision', 'closeWithExplanation'])
  })

  it('once the supervision is closed, 结案说明 says how to do it instead of a bare refusal', async () => {
    const { a, street, community, supervisionId } = await supervisedByStreet()
    await t.request(community.token, 'POST', `/api/v1/supervisions/${supervisionId}/answer`, { answer: '已处理' })
    expect((await t.request(street.token, 'POST', `/api/v1/supervisions/${supervisionId}/close`, {})).statusCode).toBe(200)
    const late = await act(street.token, (await t.request(street.token, 'GET', `/api/v1/appeals/${a.id}`)).json<Appeal>(), 'closeWithExplanation', {
      explanation: '结案',
    })
    expect(late.statusCode).toBe(422)
    expect(late.json().code).toBe('NO_OPEN_SUPERVISION')
    expect(late.json().message).toContain('办结督办单时选择同时结案说明')
  })
})

describe('the one who holds an appeal may call the resident', () => {
  it('reveals the contact phone once per step, audited with the appeal as the reason; nobody else may', async () => {
    t.clock.set(TEST_START)
    const grid = await buildGrid(t)
    const resident = await buildResident(t, { grid, phone: '13912345678' })
    const gridWorker = await buildGridWorker(t, grid)
    const otherWorker = await buildGridWorker(t, await buildGrid(t, { community: grid.community }))
    const community = await buildPlaceAccount(t, grid.community, 'community')
    const { appeal } = await buildAppeal(t, { status: 'in_progress', cast: { ...(await buildCast(t, { grid })), resident, gridWorker, community } })
    expect(appeal.contact.phone).toBe('139****5678')
    const reveal = (token: string) => t.request(token, 'POST', `/api/v1/appeals/${appeal.id}/contact/reveal`)

    // the community dispatched it but does not hold it; a grid worker of another grid cannot even see it
    expect((await reveal(community.token)).statusCode).toBe(403)
    expect((await reveal(otherWorker.token)).statusCode).toBe(404)
    // the handler (the grid worker it was dispatched to) may, once in this step
    const first = await reveal(gridWorker.token)
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json()).toEqual({ name: resident.name, phone: '13912345678', step: '办结' })
    const again = await reveal(gridWorker.token)
    expect(again.statusCode).toBe(422)
    expect(again.json().code).toBe('ALREADY_REVEALED')

    const audit = await t.request(await t.login('auditadmin'), 'GET', `/api/v1/audit-logs?action=appeal.revealContact&entityId=${appeal.id}`)
    const rows = audit.json<{ items: { actor: { id: string }; detail: Record<string, unknown> }[] }>().items
    expect(rows).toHaveLength(1)
    expect(rows[0]!.actor.id).toBe(String(gridWorker.id))
    expect(rows[0]!.detail).toMatchObject({ field: 'contactPhone', step: 'resolve', reason: `办理诉求 ${appeal.number}` })

    // resolved: now the grid staff checking it hold it, in a new step
    const resolved = await act(gridWorker.token, appeal, 'resolve', { result: '已修复' })
    expect(resolved.statusCode).toBe(200)
    const check = await reveal(gridWorker.token)
    expect(check.statusCode, check.body).toBe(200)
    expect(check.json().step).toBe('核查')
  })
})

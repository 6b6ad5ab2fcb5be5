/**
 * 走访 over HTTP: lists follow the county's frequencies on a controllable clock; a visit that finds a problem
 * raises an appeal linked to the person; register changes commit (and roll back) with the visit; campaigns'
 * live progress; coverage counts; and what a grid worker may not see or do (nothing written).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Campaign, DueList, Visit, VisitCoverage, VisitSubject } from '#contracts/visits'
import { rowsOf } from '../../db/client'
import { AppError } from '../../errors'
import { defineRegisterUpdate, registerUpdateRegistry } from '../../core/register-updates'
import { createTestApp, TEST_START, type TestApp } from '../../../test/setup'
import {
  buildAccount,
  buildGrid,
  buildGridWorker,
  buildPlaceAccount,
  buildResidentRecord,
  buildSpecialGroupRecord,
  buildStreetAccount,
  FACTORY_COUNTY,
  FACTORY_STREET,
  type BuiltAccount,
} from '../../../test/factories'
import { insertVisits } from './queries'
import { placePath } from '../../permissions'

/** A register update defined for the test: it writes the person's occupation, and fails after writing when asked. */
const noteOccupation = defineRegisterUpdate<{ occupation: string; fail?: boolean }>({
  kind: 'test.occupation',
  title: '职业变更',
  subjectTypes: ['resident'],
  fields: [{ key: 'occupation', label: '职业', type: 'text', required: true }],
  async apply(ctx, subject, payload) {
    await ctx.db.execute(sql`UPDATE resident SET occupation = ${payload.occupation} WHERE id = ${subject.id}`)
    if (payload.fail) throw new AppError('VALIDATION_FAILED', '职业不合规', [{ field: 'occupation', message: '职业不合规' }])
    return { summary: `职业改为${payload.occupation}` }
  },
})

let t: TestApp
let county: BuiltAccount

beforeAll(async () => {
  t = await createTestApp({ registerUpdates: registerUpdateRegistry([noteOccupation]) })
  county = await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county')
})
afterAll(async () => t.close())

const DAY = 86_400_000

let countyToken: string | undefined
async function setRule(kind: string, frequencyDays: number, active = true) {
  const put = async (token: string) => t.request(token, 'PUT', `/api/v1/visits/rules/${kind}`, { frequencyDays, active })
  let res = await put((countyToken ??= county.token))
  // after the clock moved past the idle logout, log in again
  if (res.statusCode === 401) res = await put((countyToken = await county.login()))
  expect(res.statusCode, res.body).toBe(200)
}

async function due(token: string, query = ''): Promise<DueList> {
  const res = await t.request(token, 'GET', `/api/v1/visits/due${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<DueList>()
}

async function count(table: 'visit' | 'appeal' | 'need' | 'visit_campaign'): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await t.database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))
  return Number(row!.n)
}

/** A grid with a worker and an elderly person living alone, listed since now. */
async function gridWithElder() {
  const grid = await buildGrid(t)
  const worker = await buildGridWorker(t, grid)
  const elder = await buildResidentRecord(t, { grid })
  await buildSpecialGroupRecord(t, elder, 'elderlyAlone')
  return { grid, worker, elder }
}

const visitBody = (subjectId: number, more: Record<string, unknown> = {}) => ({
  subjectType: 'resident',
  subjectId: String(subjectId),
  subjectKind: 'elderlyAlone',
  seenResidentIds: [String(subjectId)],
  outcome: 'normal',
  ...more,
})

describe('visit rules', () => {
  it('the county sets a frequency (audited); a grid worker may not', async () => {
    await setRule('disabled', 21)
    const { worker } = await gridWithElder()
    const refused = await t.request(worker.token, 'PUT', '/api/v1/visits/rules/disabled', { frequencyDays: 1, active: true })
    expect(refused.statusCode).toBe(403)
    const rules = await t.request(worker.token, 'GET', '/api/v1/visits/rules')
    expect(rules.json().canEdit).toBe(false)
    expect(rules.json().items.find((r: { subjectKind: string }) => r.subjectKind === 'disabled')).toMatchObject({ frequencyDays: 21, active: true, subjectKindName: '残疾人' })
    await setRule('drugUser', 30)
    expect((await t.request(worker.token, 'GET', '/api/v1/visits/rules')).json().items.some((r: { subjectKind: string }) => r.subjectKind === 'drugUser')).toBe(false)
    const asCounty = (await t.request((countyToken ??= county.token), 'GET', '/api/v1/visits/rules')).json()
    expect(asCounty.canEdit).toBe(true)
    expect(asCounty.items.some((r: { subjectKind: string }) => r.subjectKind === 'drugUser')).toBe(true)
    const audit = rowsOf<{ after: { frequencyDays: number } }>(
      await t.database.db.execute(sql`SELECT after FROM audit_log WHERE action = 'visitRule.set' AND actor_user_id = ${county.id} AND after->>'subjectKind' = 'disabled' ORDER BY id DESC LIMIT 1`),
    )
    expect(audit[0]!.after.frequencyDays).toBe(21)
  })
})

describe('visit lists follow the configured frequencies on a controllable clock', () => {
  it('never visited is due from entry; a visit moves the next due date; time makes it due, then overdue; the rule change is followed', async () => {
    t.clock.set(TEST_START)
    await setRule('elderlyAlone', 7)
    const { worker, elder } = await gridWithElder()
    const item = async (token: string) => (await due(token)).items.find((i) => i.subjectId === String(elder.id) && i.subjectKind === 'elderlyAlone')

    // never visited: due since it entered the register (today)
    expect(await item(worker.token)).toMatchObject({ state: 'due', nextDueDate: '2026-11-23', lastVisitedAt: null, name: elder.name, frequencyDays: 7 })

    const rec = await t.request(worker.token, 'POST', '/api/v1/visits', visitBody(elder.id))
    expect(rec.statusCode, rec.body).toBe(201)
    expect(await item(worker.token)).toMatchObject({ state: 'ok', nextDueDate: '2026-11-30' })

    t.clock.advance(5 * DAY) // 11-28: two days ahead → due
    expect(await item(await worker.login())).toMatchObject({ state: 'due', nextDueDate: '2026-11-30', daysOverdue: 0 })

    t.clock.advance(3 * DAY) // 12-01: a day late → overdue, listed first
    const token = await worker.login()
    const list = await due(token)
    expect(list.items[0]).toMatchObject({ subjectId: String(elder.id), state: 'overdue', daysOverdue: 1, stateName: '逾期' })
    expect(list.counts.overdue).toBeGreaterThanOrEqual(1)
    expect((await due(token, '?state=overdue')).items.every((i) => i.state === 'overdue')).toBe(true)

    // the county makes it fortnightly: the list follows at once
    await setRule('elderlyAlone', 14)
    expect(await item(token)).toMatchObject({ state: 'ok', nextDueDate: '2026-12-07' })
    // and off the lists when the rule is switched off
    await setRule('elderlyAlone', 14, false)
    expect(await item(token)).toBeUndefined()
    await setRule('elderlyAlone', 7)
  })
})

describe('a visit that finds a problem', () => {
  it('creates an appeal linked to the person and household, and a need, in one go', async () => {
    await setRule('elderlyAlone', 7)
    const { worker, elder } = await gridWithElder()
    const res = await t.request(
      worker.token,
      'POST',
      '/api/v1/visits',
      visitBody(elder.id, {
        outcome: 'problem',
        notes: '老人家中水管漏水，地面湿滑',
        raise: { appeal: { description: '老人家中水管漏水，地面湿滑，需维修' }, need: { category: 'eldercare' } },
      }),
    )
    expect(res.statusCode, res.body).toBe(201)
    const v = res.json<Visit>()
    expect(v.appeal?.number).toMatch(/^ZN\d{8}-\d+$/)
    expect(v.needId).not.toBeNull()
    expect(v).toMatchObject({ outcome: 'problem', outcomeName: '发现问题', subjectName: elder.name, seen: [{ id: String(elder.id), name: elder.name }] })

    const [appeal] = rowsOf<{ resident_id: string; household_id: string; category_code: string; grid_code: string }>(
      await t.database.db.execute(sql`SELECT resident_id, household_id, category_code, grid_code FROM appeal WHERE id = ${Number(v.appeal!.id)}`),
    )
    expect(Number(appeal!.resident_id)).toBe(elder.id)
    expect(Number(appeal!.household_id)).toBe(elder.householdId)
    expect(appeal!.category_code).toBe('care.alone')
    expect(appeal!.grid_code).toBe(elder.grid.code)

    // the worker sees the appeal and the person's visits
    expect((await t.request(worker.token, 'GET', `/api/v1/appeals/${v.appeal!.id}`)).statusCode).toBe(200)
    const history = await t.request(worker.token, 'GET', `/api/v1/visits?residentId=${elder.id}`)
    expect(history.json().items.map((i: Visit) => i.id)).toEqual([v.id])
    const audit = rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'visit.record' AND entity_id = ${v.id}`))
    expect(Number(audit[0]!.n)).toBe(1)
  })

  it('on a household visit, the appeal is about the person seen, in that household', async () => {
    const { worker, elder } = await gridWithElder()
    const header = (await t.request(worker.token, 'GET', `/api/v1/visits/subjects/household/${elder.householdId}`)).json<VisitSubject>()
    expect(header.members.map((m) => m.id)).toEqual([String(elder.id)])
    const res = await t.request(worker.token, 'POST', '/api/v1/visits', {
      subjectType: 'household',
      subjectId: String(elder.householdId),
      seenResidentIds: [String(elder.id)],
      outcome: 'problem',
      notes: '窗户玻璃破损',
      raise: { appeal: { description: '窗户玻璃破损，需要更换', categoryCode: 'safety.house' } },
    })
    expect(res.statusCode, res.body).toBe(201)
    const v = res.json<Visit>()
    expect(v).toMatchObject({ subjectType: 'household', subjectKind: null, householdId: String(elder.householdId) })
    const [appeal] = rowsOf<{ resident_id: string; household_id: string; category_code: string }>(
      await t.database.db.execute(sql`SELECT resident_id, household_id, category_code FROM appeal WHERE id = ${Number(v.appeal!.id)}`),
    )
    expect([Number(appeal!.resident_id), Number(appeal!.household_id), appeal!.category_code]).toEqual([elder.id, elder.householdId, 'safety.house'])
    // the household's visit is on the person's card
    expect((await t.request(worker.token, 'GET', `/api/v1/visits?residentId=${elder.id}`)).json().items.map((i: Visit) => i.id)).toContain(v.id)
  })

  it('the 司法所 raises what it finds on a released person\'s visit: an appeal the grid takes and follows up, and a need', async () => {
    await setRule('released', 30)
    const { grid, worker, elder } = await gridWithElder()
    const released = await buildResidentRecord(t, { grid })
    await buildSpecialGroupRecord(t, released, 'released')
    const officer = await buildAccount(t, { role: 'judicialOffice', scope: placePath(FACTORY_STREET) })
    const res = await t.request(officer.token, 'POST', '/api/v1/visits', {
      ...visitBody(released.id),
      subjectKind: 'released',
      outcome: 'problem',
      notes: '出租屋漏雨，求职无门',
      raise: { appeal: { description: '出租屋屋顶漏雨，需要维修' }, need: { category: 'employment' } },
    })
    expect(res.statusCode, res.body).toBe(201)
    const v = res.json<Visit>()
    expect(v.appeal).not.toBeNull()
    expect(v.needId).not.toBeNull()
    const [row] = rowsOf<{ status: string; channel: string; category_code: string; grid_code: string; resident_id: string; submitter_role: string }>(
      await t.database.db.execute(sql`SELECT status, channel, category_code, grid_code, resident_id, submitter_role FROM appeal WHERE id = ${Number(v.appeal!.id)}`),
    )
    // filed in the person's grid for its staff to accept, under a category that names no group
    expect(row).toMatchObject({ status: 'submitted', channel: 'patrol', category_code: 'other.misc', grid_code: grid.code, submitter_role: 'judicialOffice' })
    expect(Number(row!.resident_id)).toBe(released.id)
    const [need] = rowsOf<{ grid_code: string; source: string }>(await t.database.db.execute(sql`SELECT grid_code, source FROM need WHERE id = ${Number(v.needId)}`))
    expect(need).toEqual({ grid_code: grid.code, source: 'visit' })
    // the grid worker has it to accept; the officer follows what they raised, and nothing else of the grid
    const forWorker = await t.request(worker.token, 'GET', `/api/v1/appeals/${v.appeal!.id}`)
    expect(forWorker.statusCode).toBe(200)
    expect(forWorker.body).not.toContain('刑满释放')
    expect((await t.request(officer.token, 'GET', `/api/v1/appeals/${v.appeal!.id}`)).statusCode).toBe(200)
    const elderVisit = await t.request(worker.token, 'POST', '/api/v1/visits', visitBody(elder.id, { outcome: 'problem', raise: { appeal: { description: '楼道灯坏了' } } }))
    expect(elderVisit.statusCode, elderVisit.body).toBe(201)
    expect((await t.request(officer.token, 'GET', `/api/v1/appeals/${elderVisit.json<Visit>().appeal!.id}`)).statusCode).toBe(404)
  })

  it('raising from a visit that found nothing wrong is refused and writes nothing', async () => {
    const { worker, elder } = await gridWithElder()
    const before = [await count('visit'), await count('appeal')]
    const res = await t.request(worker.token, 'POST', '/api/v1/visits', visitBody(elder.id, { raise: { appeal: { description: '无' } } }))
    expect(res.statusCode).toBe(400)
    expect([await count('visit'), await count('appeal')]).toEqual(before)
  })
})

describe('register changes found on a visit', () => {
  it('are applied in the visit transaction, and rolled back with the visit (and its appeal) when one fails', async () => {
    const { worker, elder } = await gridWithElder()
    const options = await t.request(worker.token, 'GET', '/api/v1/visits/register-updates?subjectType=resident')
    expect(options.json()).toEqual([expect.objectContaining({ kind: 'test.occupation', title: '职业变更' })])
    expect((await t.request(worker.token, 'GET', '/api/v1/visits/register-updates?subjectType=venue')).json()).toEqual([])

    const ok = await t.request(worker.token, 'POST', '/api/v1/visits', visitBody(elder.id, { registerChanges: [{ kind: 'test.occupation', payload: { occupation: '退休' } }] }))
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json<Visit>().registerChanges).toEqual([{ kind: 'test.occupation', title: '职业变更', summary: '职业改为退休' }])
    const occupation = async () => rowsOf<{ occupation: string | null }>(await t.database.db.execute(sql`SELECT occupation FROM resident WHERE id = ${elder.id}`))[0]!.occupation
    expect(await occupation()).toBe('退休')

    const before = [await count('visit'), await count('appeal'), await count('need')]
    const failed = await t.request(
      worker.token,
      'POST',
      '/api/v1/visits',
      visitBody(elder.id, {
        outcome: 'problem',
        raise: { appeal: { description: '楼道堆物' }, need: { category: 'safety' } },
        registerChanges: [{ kind: 'test.occupation', payload: { occupation: '个体', fail: true } }],
      }),
    )
    expect(failed.statusCode).toBe(400)
    expect(failed.json().message).toBe('职业不合规')
    expect(await occupation()).toBe('退休')
    expect([await count('visit'), await count('appeal'), await count('need')]).toEqual(before)

    const unknown = await t.request(worker.token, 'POST', '/api/v1/visits', visitBody(elder.id, { registerChanges: [{ kind: 'person.nothing', payload: {} }] }))
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().code).toBe('REGISTER_UPDATE_UNKNOWN')
  })
})

describe('what a grid worker may not do', () => {
  it('never lists managed groups (the street 综治中心 does) and cannot visit outside the grid — nothing written', async () => {
    await setRule('communityCorrection', 30)
    await setRule('elderlyAlone', 7)
    const { grid, worker, elder } = await gridWithElder()
    const corrected = await buildResidentRecord(t, { grid })
    await buildSpecialGroupRecord(t, corrected, 'communityCorrection')
    const safety = await buildAccount(t, { role: 'publicSafety', scope: placePath(FACTORY_STREET) })

    const mine = await due(worker.token, `?gridCode=${grid.code}`)
    expect(mine.items.map((i) => i.subjectId)).toEqual([String(elder.id)])
    expect(mine.items.some((i) => i.subjectKind === 'communityCorrection')).toBe(false)
    const street = await due(safety.token, `?gridCode=${grid.code}`)
    expect(street.items.find((i) => i.subjectId === String(corrected.id))).toMatchObject({ subjectKind: 'communityCorrection', subjectKindName: '社区矫正对象' })
    expect((await due(worker.token, '?kind=communityCorrection')).items).toEqual([])

    const before = [await count('visit'), await count('appeal')]
    // a managed-group visit does not exist for the worker
    const managed = await t.request(worker.token, 'POST', '/api/v1/visits', { ...visitBody(corrected.id), subjectKind: 'communityCorrection', seenResidentIds: [] })
    expect(managed.statusCode).toBe(404)
    // a subject of another grid: 404, whatever is raised with it
    const other = await gridWithElder()
    const outside = await t.request(worker.token, 'POST', '/api/v1/visits', visitBody(other.elder.id, { outcome: 'problem', raise: { appeal: { description: '越界' } } }))
    expect(outside.statusCode).toBe(404)
    expect((await t.request(worker.token, 'GET', `/api/v1/visits/due?gridCode=${other.grid.code}`)).statusCode).toBe(404)
    expect((await t.request(worker.token, 'GET', `/api/v1/visits/subjects/resident/${other.elder.id}`)).statusCode).toBe(404)
    // someone seen must belong to the household
    const stranger = await t.request(worker.token, 'POST', '/api/v1/visits', visitBody(elder.id, { seenResidentIds: [String(corrected.id)] }))
    expect(stranger.statusCode).toBe(400)
    expect([await count('visit'), await count('appeal')]).toEqual(before)

    // the street's visit of the managed person is kept out of the worker's view of that person
    const visited = await t.request(safety.token, 'POST', '/api/v1/visits', { ...visitBody(corrected.id), subjectKind: 'communityCorrection' })
    expect(visited.statusCode, visited.body).toBe(201)
    expect((await t.request(worker.token, 'GET', `/api/v1/visits?residentId=${corrected.id}`)).json().items).toEqual([])
    expect((await t.request(safety.token, 'GET', `/api/v1/visits?residentId=${corrected.id}`)).json().items).toHaveLength(1)
    // the form's header names no managed kind to the worker
    const header = (await t.request(worker.token, 'GET', `/api/v1/visits/subjects/resident/${corrected.id}`)).json<VisitSubject>()
    expect(header.kinds).toEqual([])
  })
})

describe('rental housing, key venues and households on the lists', () => {
  it('are listed from their registers and visited like people', async () => {
    t.clock.set(TEST_START)
    await setRule('rental', 90)
    await setRule('keyVenue', 30)
    await setRule('household', 180)
    const { grid, worker, elder } = await gridWithElder()
    const db = t.database.db
    const [rental] = rowsOf<{ id: string }>(
      await db.execute(sql`INSERT INTO rental (household_id, grid_code, landlord_name, start_date) VALUES (${elder.householdId}, ${grid.code}, '王房东', '2026-11-01') RETURNING id`),
    )
    const [venue] = rowsOf<{ id: string }>(
      await db.execute(sql`INSERT INTO venue (grid_code, name, kind, key_types, address, responsible_name, created_at)
        VALUES (${grid.code}, '测试小餐馆', 'restaurant', ARRAY['fire'], '测试路1号', '李老板', '2026-11-20T09:00:00+08:00') RETURNING id`),
    )
    await db.execute(sql`INSERT INTO venue (grid_code, name, kind, address, responsible_name) VALUES (${grid.code}, '普通商店', 'shop', '测试路2号', '赵老板')`)
    try {
      const list = await due(worker.token)
      const byKind = (k: string) => list.items.filter((i) => i.subjectKind === k)
      expect(byKind('rental')).toMatchObject([{ subjectType: 'rental', subjectId: String(Number(rental!.id)), nextDueDate: '2026-11-01', state: 'overdue', name: expect.stringContaining('测试路'), address: '房东 王房东' }])
      expect(byKind('keyVenue')).toMatchObject([{ subjectType: 'venue', name: '测试小餐馆', nextDueDate: '2026-11-20', state: 'overdue' }])
      expect(byKind('household')).toMatchObject([{ subjectType: 'household', subjectId: String(elder.householdId), name: `${elder.name}户` }])

      const v = await t.request(worker.token, 'POST', '/api/v1/visits', {
        subjectType: 'venue',
        subjectId: String(Number(venue!.id)),
        subjectKind: 'keyVenue',
        seenResidentIds: [],
        outcome: 'problem',
        notes: '后厨灭火器过期',
        raise: { appeal: { description: '后厨灭火器过期，需更换' } },
      })
      expect(v.statusCode, v.body).toBe(201)
      expect(v.json<Visit>()).toMatchObject({ subjectName: '测试小餐馆', subjectKindName: '重点单位场所', appeal: { number: expect.any(String) } })
      const r = await t.request(worker.token, 'POST', '/api/v1/visits', { subjectType: 'rental', subjectId: String(Number(rental!.id)), subjectKind: 'rental', seenResidentIds: [String(elder.id)], outcome: 'normal' })
      expect(r.statusCode, r.body).toBe(201)
      const after = await due(worker.token)
      expect(after.items.find((i) => i.subjectKind === 'keyVenue')).toMatchObject({ state: 'ok', nextDueDate: '2026-12-23' })
      expect(after.items.find((i) => i.subjectKind === 'rental')).toMatchObject({ state: 'ok', nextDueDate: '2027-02-21' })
      // a venue that is not a key unit is on no list, and is no key venue to visit
      const wrong = await t.request(worker.token, 'POST', '/api/v1/visits', { subjectType: 'rental', subjectId: String(Number(rental!.id)), subjectKind: 'keyVenue', seenResidentIds: [], outcome: 'normal' })
      expect(wrong.statusCode).toBe(400)
    } finally {
      await setRule('household', 180, false)
    }
  })
})

describe('door-knocking campaigns (敲门行动)', () => {
  it('every grid gets its list; progress per grid is live; the street closes it', async () => {
    t.clock.set(TEST_START)
    await setRule('elderlyAlone', 7)
    const { grid, worker, elder } = await gridWithElder()
    const second = await buildResidentRecord(t, { grid })
    await buildSpecialGroupRecord(t, second, 'elderlyAlone')
    const street = await buildStreetAccount(t)

    const bad = await t.request(street.token, 'POST', '/api/v1/visits/campaigns', { name: '错日期', subjectKind: 'elderlyAlone', startDate: '2026-11-23', deadline: '2026-11-20' })
    expect(bad.statusCode).toBe(400)
    expect((await t.request(worker.token, 'POST', '/api/v1/visits/campaigns', { name: '网格发起', subjectKind: 'elderlyAlone', startDate: '2026-11-23', deadline: '2026-12-07' })).statusCode).toBe(403)
    expect((await t.request(street.token, 'POST', '/api/v1/visits/campaigns', { name: '管控', subjectKind: 'drugUser', startDate: '2026-11-23', deadline: '2026-12-07' })).statusCode).toBe(422)

    const created = await t.request(street.token, 'POST', '/api/v1/visits/campaigns', { name: '冬季独居老人敲门行动', subjectKind: 'elderlyAlone', startDate: '2026-11-23', deadline: '2026-12-07' })
    expect(created.statusCode, created.body).toBe(201)
    const c = created.json<Campaign>()
    const gridRow = (x: Campaign) => x.grids!.find((g) => g.gridCode === grid.code)
    expect(gridRow(c)).toMatchObject({ subjects: 2, visited: 0, remaining: 2, overdue: 0 })
    expect(c.allowedActions).toEqual(['close'])
    // the grid's staff hear of it
    const inbox = await t.request(worker.token, 'GET', '/api/v1/notifications')
    expect(inbox.json().items.map((n: { title: string }) => n.title)).toContain('敲门行动：冬季独居老人敲门行动')

    // the worker's list: a banner and the campaign's own tab
    const list = await due(worker.token)
    expect(list.campaigns.find((b) => b.id === c.id)).toMatchObject({ name: '冬季独居老人敲门行动', remaining: 2, subjects: 2 })
    expect((await due(worker.token, `?campaignId=${c.id}`)).items.map((i) => i.subjectId).sort()).toEqual([String(elder.id), String(second.id)].sort())

    const v = await t.request(worker.token, 'POST', '/api/v1/visits', { ...visitBody(elder.id), subjectKind: undefined, campaignId: c.id })
    expect(v.statusCode, v.body).toBe(201)
    expect(v.json<Visit>().campaign).toEqual({ id: c.id, name: '冬季独居老人敲门行动' })
    expect((await due(worker.token, `?campaignId=${c.id}`)).items.map((i) => i.subjectId)).toEqual([String(second.id)])
    const live = (await t.request(street.token, 'GET', `/api/v1/visits/campaigns/${c.id}`)).json<Campaign>()
    expect(gridRow(live)).toMatchObject({ subjects: 2, visited: 1, remaining: 1, overdue: 0 })
    expect((await t.request(worker.token, 'GET', `/api/v1/visits?campaignId=${c.id}`)).json().items).toHaveLength(1)

    // past the deadline, what is left is overdue
    t.clock.set('2026-12-08T10:00:00+08:00')
    const late = (await t.request(await street.login(), 'GET', `/api/v1/visits/campaigns/${c.id}`)).json<Campaign>()
    expect(gridRow(late)).toMatchObject({ remaining: 1, overdue: 1 })

    const workerToken = await worker.login()
    expect((await t.request(workerToken, 'POST', `/api/v1/visits/campaigns/${c.id}/close`, { version: c.version })).statusCode).toBe(403)
    const stale = await t.request(await street.login(), 'POST', `/api/v1/visits/campaigns/${c.id}/close`, { version: c.version + 1 })
    expect(stale.statusCode).toBe(409)
    const closed = await t.request(await street.login(), 'POST', `/api/v1/visits/campaigns/${c.id}/close`, { version: c.version })
    expect(closed.statusCode, closed.body).toBe(200)
    expect(closed.json<Campaign>()).toMatchObject({ status: 'closed', statusName: '已结束', allowedActions: [] })
    expect((await due(workerToken)).campaigns.find((b) => b.id === c.id)).toBeUndefined()
    const after = await t.request(workerToken, 'POST', '/api/v1/visits', { ...visitBody(second.id), subjectKind: undefined, campaignId: c.id })
    expect(after.statusCode).toBe(422)
    t.clock.set(TEST_START)
  })
})

describe('coverage (走访覆盖)', () => {
  it('counts due visits, on time, late and overdue per grid and community for a month', async () => {
    t.clock.set(TEST_START)
    await setRule('elderlyAlone', 7)
    await setRule('minimumLiving', 30)
    const grid = await buildGrid(t)
    const worker = await buildGridWorker(t, grid)
    const elder = await buildResidentRecord(t, { grid })
    const poor = await buildResidentRecord(t, { grid })
    const entered = new Date('2026-10-01T08:00:00+08:00')
    await buildSpecialGroupRecord(t, elder, 'elderlyAlone', { since: entered })
    await buildSpecialGroupRecord(t, poor, 'minimumLiving', { since: entered })
    const at = (day: string) => new Date(`${day}T10:00:00+08:00`)
    const base = { subjectType: 'resident', gridCode: grid.code, visitorUserId: worker.id, outcome: 'normal' }
    await insertVisits(t.database.db, [
      // weekly: 10-01 on time, 10-08 on time, 10-20 late (due 10-15), due 10-27 missed → overdue
      ...['2026-10-01', '2026-10-08', '2026-10-20'].map((d) => ({ ...base, subjectId: elder.id, residentId: elder.id, subjectKind: 'elderlyAlone', visitedAt: at(d) })),
      // monthly: 10-01 on time, due 10-31 missed → overdue
      { ...base, subjectId: poor.id, residentId: poor.id, subjectKind: 'minimumLiving', visitedAt: at('2026-10-01') },
    ])
    const res = await t.request(worker.token, 'GET', `/api/v1/visits/coverage?month=2026-10`)
    expect(res.statusCode, res.body).toBe(200)
    const cov = res.json<VisitCoverage>()
    const expected = { subjects: 2, due: 6, visitedOnTime: 3, visitedLate: 1, overdue: 2, coverageRate: 0.5 }
    expect(cov.rows.find((r) => r.level === 'grid' && r.code === grid.code)).toMatchObject(expected)
    expect(cov.rows.find((r) => r.level === 'community' && r.code === grid.community.code)).toMatchObject(expected)

    // the community sees the same figures; another community's place is out of reach
    const community = await buildPlaceAccount(t, grid.community, 'community')
    const byCommunity = (await t.request(community.token, 'GET', `/api/v1/visits/coverage?month=2026-10&placeCode=${grid.community.code}`)).json<VisitCoverage>()
    expect(byCommunity.rows.find((r) => r.level === 'total')).toMatchObject(expected)
    expect((await t.request(community.token, 'GET', '/api/v1/visits/coverage?month=2026-10&placeCode=520423002013')).statusCode).toBe(404)
  })
})

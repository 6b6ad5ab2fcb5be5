/**
 * 党建+积分 through the HTTP API: service credited by the modules that record it (creditService inside
 * their transaction — called here as they will), balances and ledgers, a community's award, redemptions
 * that never overdraw (alone or racing), reversals, the append-only ledger, the county's rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import type { PointsAccount, PointsEntry, PointsRules } from '#contracts/points'
import { rowsOf } from '../../db/client'
import {
  buildAdmin,
  buildCommunity,
  buildPartyMember,
  buildPlaceAccount,
  buildResident,
  buildGrid,
  creditServiceAs,
  FACTORY_COUNTY,
  type BuiltAccount,
  type BuiltPlace,
} from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
let auditAdmin: BuiltAccount
let home: BuiltPlace
let community: BuiltAccount
beforeAll(async () => {
  t = await createTestApp()
  auditAdmin = await buildAdmin(t, 'auditAdmin')
  home = await buildCommunity(t)
  community = await buildPlaceAccount(t, home, 'community')
})
afterAll(async () => t?.close())

let sourceSeq = 0
/** A service of the member at the home community, credited as the community recorded it. */
const credit = (earnerId: number, kind: 'activity' | 'wish' | 'visit' | 'appeal' | 'project', quantity = 1, sourceId = `s-${++sourceSeq}`) =>
  creditServiceAs(t, community, {
    earnerUserId: earnerId,
    communityCode: home.code,
    source: { kind, id: sourceId },
    quantity,
    occurredAt: t.clock.now(),
    reason: `测试服务 ${sourceId}`,
  })

async function account(token: string, id: number) {
  const res = await t.request(token, 'GET', `/api/v1/points/accounts/${id}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<PointsAccount>()
}

async function entries(token: string, id: number) {
  const res = await t.request(token, 'GET', `/api/v1/points/accounts/${id}/entries?limit=100`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: PointsEntry[] }>().items
}

/** What a refused request must leave untouched: the ledger, the balances and the audit log. */
async function footprint() {
  const [r] = rowsOf<{ entries: number; balances: number; audit: number }>(
    await t.database.db.execute(sql`SELECT (SELECT count(*) FROM points_entry)::int AS entries,
      (SELECT coalesce(sum(balance), 0) FROM points_balance)::int AS balances,
      (SELECT count(*) FROM audit_log)::int AS audit`),
  )
  return r
}

async function auditActions(entityType: string) {
  const res = await t.request(await auditAdmin.login(), 'GET', `/api/v1/audit-logs?entityType=${entityType}&limit=100`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: { action: string; entityId: string | null }[] }>().items
}

describe('service credited by the module that records it', () => {
  it('an activity of 2.5 hours at 10 points an hour gives 25 points: the member sees the balance and the entry with its reason; audited', async () => {
    const m = await buildPartyMember(t, home)
    const r = await credit(m.account.id, 'activity', 2.5)
    expect(r).toMatchObject({ points: 25, created: true })
    const token = await m.account.login()
    expect(await account(token, m.account.id)).toMatchObject({ balance: 25, earned: 25, spent: 0, allowedActions: [] })
    const [e] = await entries(token, m.account.id)
    expect(e).toMatchObject({ points: 25, kind: 'activity', kindName: '志愿服务', reason: expect.stringContaining('测试服务'), communityCode: home.code, createdBy: community.displayName })
    expect((await auditActions('pointsEntry')).filter((a) => a.entityId === String(r.entryId)).map((a) => a.action)).toEqual(['pointsEntry.credit'])
  })

  it('the same service credited twice is credited once: the second call writes nothing', async () => {
    const m = await buildPartyMember(t, home)
    const first = await credit(m.account.id, 'wish', 1, 'wish-77')
    const before = await footprint()
    const again = await credit(m.account.id, 'wish', 1, 'wish-77')
    expect(again).toEqual({ entryId: first.entryId, points: 20, created: false })
    expect(await footprint()).toEqual(before)
    expect((await account(await m.account.login(), m.account.id)).balance).toBe(20)
    // the same source credits another earner (two members fulfilled the wish together)
    const other = await buildPartyMember(t, home)
    expect(await credit(other.account.id, 'wish', 1, 'wish-77')).toMatchObject({ points: 20, created: true })
  })

  it('a resident volunteer earns too; the community sees both in its ledger, highest balance first', async () => {
    const grid = await buildGrid(t, { community: home })
    const resident = await buildResident(t, { grid })
    const m = await buildPartyMember(t, home)
    await credit(resident.account.id, 'activity', 20)
    await credit(m.account.id, 'activity', 19)
    const res = await t.request(await community.login(), 'GET', `/api/v1/points/accounts?place=${home.code}&limit=100`)
    expect(res.statusCode, res.body).toBe(200)
    const items = res.json<{ items: PointsAccount[] }>().items
    const ids = items.map((a) => a.earner.id)
    expect(ids.indexOf(String(resident.account.id))).toBeLessThan(ids.indexOf(String(m.account.id)))
    expect(items.find((a) => a.earner.id === String(resident.account.id))).toMatchObject({ balance: 200, earner: { roleName: '居民' }, allowedActions: ['award', 'redeem'] })
    const balances = items.map((a) => a.balance)
    expect(balances).toEqual([...balances].sort((a, b) => b - a))
  })

  it('a bad quantity is refused and writes nothing', async () => {
    const m = await buildPartyMember(t, home)
    const before = await footprint()
    await expect(credit(m.account.id, 'activity', -1)).rejects.toThrow('服务数量须大于 0')
    expect(await footprint()).toEqual(before)
  })
})

describe('who sees whose points', () => {
  it('a member sees only their own ledger; another community does not see them either', async () => {
    const a = await buildPartyMember(t, home)
    const b = await buildPartyMember(t, home)
    await credit(a.account.id, 'visit')
    const bToken = await b.account.login()
    expect((await t.request(bToken, 'GET', `/api/v1/points/accounts/${a.account.id}`)).statusCode).toBe(404)
    expect((await t.request(bToken, 'GET', `/api/v1/points/accounts/${a.account.id}/entries`)).statusCode).toBe(404)
    expect((await t.request(bToken, 'GET', '/api/v1/points/accounts')).statusCode).toBe(403)
    const elsewhere = await buildPlaceAccount(t, await buildCommunity(t), 'community')
    expect((await t.request(elsewhere.token, 'GET', `/api/v1/points/accounts/${a.account.id}`)).statusCode).toBe(404)
    expect((await t.request(elsewhere.token, 'GET', `/api/v1/points/accounts?place=${home.code}`)).statusCode).toBe(404)
    // the street above sees them
    const street = await buildPlaceAccount(t, { code: home.code.slice(0, 9) }, 'street')
    expect((await account(street.token, a.account.id)).balance).toBe(5)
  })
})

describe('社区奖励: a community awards points for offline service', () => {
  it('with a reason, within the cap: credited, audited, the member told', async () => {
    const m = await buildPartyMember(t, home)
    const res = await t.request(await community.login(), 'POST', '/api/v1/points/awards', { earnerId: String(m.account.id), points: 30, reason: '协助社区疫苗接种点维持秩序' })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json<PointsAccount>()).toMatchObject({ balance: 30 })
    const token = await m.account.login()
    const [e] = await entries(token, m.account.id)
    expect(e).toMatchObject({ kind: 'manual', kindName: '社区奖励', points: 30, reason: '协助社区疫苗接种点维持秩序' })
    expect((await auditActions('pointsEntry')).some((a) => a.action === 'pointsEntry.award' && a.entityId === e!.id)).toBe(true)
    const inbox = (await t.request(token, 'GET', '/api/v1/notifications?limit=100')).json<{ items: { kind: string; title: string }[] }>().items
    expect(inbox.filter((n) => n.kind === 'points').map((n) => n.title)).toEqual(['社区奖励 30 积分'])
  })

  it('refused and nothing written: no reason, too many points, a member of another community, a party member awarding', async () => {
    const m = await buildPartyMember(t, home)
    const stranger = await buildPartyMember(t, await buildCommunity(t))
    const token = await community.login()
    const mToken = await m.account.login()
    const before = await footprint()
    const cases: [string, Record<string, unknown>, number, string][] = [
      [token, { earnerId: String(m.account.id), points: 10, reason: '  ' }, 400, 'VALIDATION_FAILED'],
      [token, { earnerId: String(m.account.id), points: 10 }, 400, 'VALIDATION_FAILED'],
      [token, { earnerId: String(m.account.id), points: 101, reason: '很多' }, 400, 'VALIDATION_FAILED'],
      [token, { earnerId: String(m.account.id), points: 0, reason: '零分' }, 400, 'VALIDATION_FAILED'],
      [token, { earnerId: String(stranger.account.id), points: 10, reason: '外社区' }, 400, 'UNKNOWN_EARNER'],
      [token, { earnerId: String(community.id), points: 10, reason: '不是党员或居民' }, 400, 'UNKNOWN_EARNER'],
      [mToken, { earnerId: String(m.account.id), points: 10, reason: '自己给自己' }, 403, 'FORBIDDEN'],
    ]
    for (const [who, body, status, code] of cases) {
      const res = await t.request(who, 'POST', '/api/v1/points/awards', body)
      expect([res.statusCode, res.json().code], JSON.stringify(body)).toEqual([status, code])
    }
    expect(await footprint()).toEqual(before)
  })
})

describe('积分兑换 never overdraws', () => {
  async function memberWith(points: number) {
    const m = await buildPartyMember(t, home)
    const res = await t.request(await community.login(), 'POST', '/api/v1/points/awards', { earnerId: String(m.account.id), points, reason: '参加社区环境整治' })
    expect(res.statusCode, res.body).toBe(201)
    return m
  }

  it('a redemption within the balance is a negative entry: the balance and the spent total move', async () => {
    const m = await memberWith(50)
    const res = await t.request(await community.login(), 'POST', '/api/v1/points/redemptions', { earnerId: String(m.account.id), points: 30, item: '洗衣液 1 瓶' })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json<PointsAccount>()).toMatchObject({ balance: 20, earned: 50, spent: 30 })
    const [e] = await entries(await m.account.login(), m.account.id)
    expect(e).toMatchObject({ kind: 'redemption', kindName: '积分兑换', points: -30, reason: '兑换：洗衣液 1 瓶', allowedActions: [] })
  })

  it('a redemption larger than the balance is 422 POINTS_INSUFFICIENT and writes nothing', async () => {
    const m = await memberWith(40)
    const nobody = await buildPartyMember(t, home)
    const token = await community.login()
    const before = await footprint()
    const res = await t.request(token, 'POST', '/api/v1/points/redemptions', { earnerId: String(m.account.id), points: 41, item: '大米 5 斤' })
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ code: 'POINTS_INSUFFICIENT', message: '积分余额不足：现有 40 分，兑换需要 41 分' })
    expect(await footprint()).toEqual(before)
    // a member who never earned anything has nothing to redeem
    const none = await t.request(token, 'POST', '/api/v1/points/redemptions', { earnerId: String(nobody.account.id), points: 1, item: '毛巾' })
    expect([none.statusCode, none.json().code]).toEqual([422, 'POINTS_INSUFFICIENT'])
    expect(await footprint()).toEqual(before)
  })

  it('two redemptions at once that together exceed the balance: exactly one succeeds', async () => {
    const m = await memberWith(100)
    const token = await community.login()
    const results = await Promise.all(
      ['食用油 1 桶', '大米 10 斤'].map((item) => t.request(token, 'POST', '/api/v1/points/redemptions', { earnerId: String(m.account.id), points: 60, item })),
    )
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422])
    expect((await account(token, m.account.id)).balance).toBe(40)
    expect((await entries(token, m.account.id)).filter((e) => e.kind === 'redemption')).toHaveLength(1)
  })
})

describe('冲正: a mistaken credit is reversed by a new entry, once', () => {
  it('the reversal takes the points back; a second reversal is 409; a redemption cannot be reversed', async () => {
    const m = await buildPartyMember(t, home)
    const { entryId } = await credit(m.account.id, 'appeal')
    const token = await community.login()
    const res = await t.request(token, 'POST', `/api/v1/points/entries/${entryId}/reverse`, { reason: '重复登记' })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json<PointsEntry>()).toMatchObject({ kind: 'reversal', points: -10, sourceId: String(entryId), reason: '冲正：重复登记' })
    expect((await account(token, m.account.id)).balance).toBe(0)
    const listed = await entries(token, m.account.id)
    expect(listed.find((e) => e.id === String(entryId))).toMatchObject({ reversedBy: res.json<PointsEntry>().id, allowedActions: [] })

    const before = await footprint()
    const again = await t.request(token, 'POST', `/api/v1/points/entries/${entryId}/reverse`, { reason: '再来一次' })
    expect([again.statusCode, again.json().code]).toEqual([409, 'ENTRY_ALREADY_REVERSED'])
    const ofReversal = await t.request(token, 'POST', `/api/v1/points/entries/${res.json<PointsEntry>().id}/reverse`, { reason: '冲正的冲正' })
    expect([ofReversal.statusCode, ofReversal.json().code]).toEqual([422, 'ENTRY_NOT_REVERSIBLE'])
    expect(await footprint()).toEqual(before)
  })

  it('points already spent cannot be reversed: 422, nothing written', async () => {
    const m = await buildPartyMember(t, home)
    const { entryId } = await credit(m.account.id, 'project')
    const token = await community.login()
    expect((await t.request(token, 'POST', '/api/v1/points/redemptions', { earnerId: String(m.account.id), points: 25, item: '电饭煲' })).statusCode).toBe(201)
    const before = await footprint()
    const res = await t.request(token, 'POST', `/api/v1/points/entries/${entryId}/reverse`, { reason: '项目未完成' })
    expect([res.statusCode, res.json().code]).toEqual([422, 'POINTS_INSUFFICIENT'])
    expect(await footprint()).toEqual(before)
  })
})

describe('the ledger is append-only', () => {
  it('the database refuses to update or delete an entry', async () => {
    const m = await buildPartyMember(t, home)
    const { entryId } = await credit(m.account.id, 'visit')
    const refusal = (p: Promise<unknown>) => p.then(() => 'done', (e: Error & { cause?: Error }) => e.cause?.message ?? e.message)
    expect(await refusal(t.database.db.execute(sql`UPDATE points_entry SET points = 1000 WHERE id = ${entryId}`))).toMatch(/append-only/)
    expect(await refusal(t.database.db.execute(sql`DELETE FROM points_entry WHERE id = ${entryId}`))).toMatch(/append-only/)
    const [row] = rowsOf<{ points: number }>(await t.database.db.execute(sql`SELECT points FROM points_entry WHERE id = ${entryId}`))
    expect(row!.points).toBe(5)
  })
})

describe('积分规则 of the county', () => {
  it('defaults until set; the county sets them (audited), later credits follow them, earlier entries keep their points; a monthly cap holds', async () => {
    const county = await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county')
    const shown = (await t.request(await community.login(), 'GET', '/api/v1/points/rules')).json<PointsRules>()
    expect(shown).toMatchObject({ countyCode: FACTORY_COUNTY, canEdit: false, blackListMonths: 3 })
    expect(shown.rules.find((r) => r.kind === 'activity')).toMatchObject({ pointsPerUnit: 10, unitName: '小时' })
    // a community may not set them
    const refused = await t.request(await community.login(), 'PUT', '/api/v1/points/rules', { rules: [{ kind: 'activity', pointsPerUnit: 99, monthlyCap: null }], blackListMonths: 3 })
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'FORBIDDEN'])

    const m = await buildPartyMember(t, home)
    const early = await credit(m.account.id, 'activity', 2)
    expect(early.points).toBe(20)
    const token = await county.login()
    try {
      const res = await t.request(token, 'PUT', '/api/v1/points/rules', {
        rules: [
          { kind: 'activity', pointsPerUnit: 15, monthlyCap: null },
          { kind: 'visit', pointsPerUnit: 5, monthlyCap: 12 },
        ],
        blackListMonths: 2,
      })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json<PointsRules>()).toMatchObject({ isCustom: true, canEdit: true, blackListMonths: 2, updatedBy: county.displayName })
      expect((await auditActions('pointsRule')).map((a) => [a.action, a.entityId])).toContainEqual(['pointsRule.set', FACTORY_COUNTY])

      expect((await credit(m.account.id, 'activity', 2)).points).toBe(30)
      // the cap: 5 + 5 then 2 (to 12), then 0 — the fourth visit is still recorded as service
      const visits = [await credit(m.account.id, 'visit'), await credit(m.account.id, 'visit'), await credit(m.account.id, 'visit'), await credit(m.account.id, 'visit')]
      expect(visits.map((v) => v.points)).toEqual([5, 5, 2, 0])
      const listed = await entries(await m.account.login(), m.account.id)
      expect(listed.find((e) => e.id === String(early.entryId))!.points).toBe(20)
      expect(listed[0]!.reason).toContain('本月包保走访积分已达上限 12')
      expect((await account(token, m.account.id)).balance).toBe(20 + 30 + 12)
    } finally {
      // the other tests of this file price services at the defaults
      const restore = await t.request(await county.login(), 'PUT', '/api/v1/points/rules', {
        rules: [
          { kind: 'activity', pointsPerUnit: 10, monthlyCap: null },
          { kind: 'visit', pointsPerUnit: 5, monthlyCap: null },
        ],
        blackListMonths: 3,
      })
      expect(restore.statusCode, restore.body).toBe(200)
    }
  })

  it('a rule given twice is 400 and changes nothing', async () => {
    const county = await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county')
    const before = await footprint()
    const res = await t.request(county.token, 'PUT', '/api/v1/points/rules', {
      rules: [
        { kind: 'wish', pointsPerUnit: 1, monthlyCap: null },
        { kind: 'wish', pointsPerUnit: 2, monthlyCap: null },
      ],
      blackListMonths: 3,
    })
    expect([res.statusCode, res.json().code]).toEqual([400, 'VALIDATION_FAILED'])
    expect(await footprint()).toEqual(before)
  })
})

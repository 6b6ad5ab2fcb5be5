/**
 * The audit administrator's review (issue 10): search by actor, action (or its namespace), entity and
 * days, keyset paged; login successes, failures and lockouts are in it; the result exports through the
 * shared export — masked, watermarked with the exporter, and itself audited.
 */
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditLogEntry } from '#contracts/users'
import { createTestApp, type TestApp } from '../../../test/setup'
import { buildAdmin, buildCommunity, buildPlaceAccount, FACTORY_COUNTY, FACTORY_PASSWORD, type BuiltAccount } from '../../../test/factories'
import { rowsOf } from '../../db/client'

type Page = { items: AuditLogEntry[]; nextCursor: string | null; total?: number }

let t: TestApp
let auditor: BuiltAccount
let security: BuiltAccount
let community: BuiltAccount
/** the accounts the security administrator created, on two different days */
let createdMonday: { id: string; username: string }
let createdTuesday: { id: string; username: string }

beforeAll(async () => {
  t = await createTestApp()
  auditor = await buildAdmin(t, 'auditAdmin')
  security = await buildAdmin(t, 'securityAdmin')
  community = await buildPlaceAccount(t, await buildCommunity(t), 'community')
  const create = async (username: string) => {
    const res = await t.request(security.token, 'POST', '/api/v1/users', {
      username,
      password: FACTORY_PASSWORD,
      displayName: `审计测试${username}`,
      role: 'county',
      scope: FACTORY_COUNTY,
    })
    expect(res.statusCode, res.body).toBe(201)
    return { id: String(res.json<{ id: string }>().id), username }
  }
  createdMonday = await create('rv_monday')
  t.clock.set('2026-11-24T10:00:00+08:00')
  security = { ...security, token: await security.login() }
  createdTuesday = await create('rv_tuesday')
  // the community account: a success, a wrong password, then five more from one source → locked
  await community.login()
  for (let i = 0; i < 5; i++) {
    await t.request(null, 'POST', '/api/v1/auth/login', { username: community.username, password: 'Wrong@2026' })
  }
})
afterAll(async () => t?.close())

async function search(query: string): Promise<Page> {
  const token = await auditor.login()
  const res = await t.request(token, 'GET', `/api/v1/audit-logs?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<Page>()
}

describe('searching the audit log', () => {
  it('by actor: every row of one account, and nobody else’s', async () => {
    const page = await search(`actor=${security.username}&limit=100`)
    expect(page.items.length).toBeGreaterThanOrEqual(4) // two logins, two accounts created
    expect(new Set(page.items.map((e) => e.actor.id))).toEqual(new Set([String(security.id)]))
    expect(page.items.filter((e) => e.action === 'user.create').map((e) => e.entityId).sort()).toEqual([createdMonday.id, createdTuesday.id].sort())
    // the same by id, and an unknown name finds nothing rather than everything
    expect((await search(`actorUserId=${security.id}&limit=100`)).items.map((e) => e.id)).toEqual(page.items.map((e) => e.id))
    expect((await search('actor=nobody_here')).items).toEqual([])
  })

  it('by action namespace or one action', async () => {
    const auth = await search(`actor=${community.username}&action=auth&limit=100`)
    expect(new Set(auth.items.map((e) => e.action))).toEqual(new Set(['auth.login', 'auth.loginFailed']))
    // and in the auditor's words
    expect(new Set(auth.items.map((e) => e.actionName))).toEqual(new Set(['登录·登录成功', '登录·登录失败']))
    expect(new Set(auth.items.map((e) => e.entityTypeName))).toEqual(new Set(['账号']))
    const dotted = await search(`actor=${community.username}&action=auth.&limit=100`)
    expect(dotted.items.map((e) => e.id)).toEqual(auth.items.map((e) => e.id))
    const exact = await search(`actor=${community.username}&action=auth.login&limit=100`)
    expect(exact.items.length).toBeGreaterThan(0)
    expect(exact.items.every((e) => e.action === 'auth.login')).toBe(true)
    // a namespace is whole segments: "aut" is not "auth"
    expect((await search(`actor=${community.username}&action=aut`)).items).toEqual([])
  })

  it('by entity type and id', async () => {
    const page = await search(`entityType=user&entityId=${createdTuesday.id}`)
    // only that account's rows (the export test below may add a note on it: the order of tests is random)
    expect(page.items.length).toBeGreaterThan(0)
    expect(page.items.every((e) => e.entityType === 'user' && e.entityId === createdTuesday.id)).toBe(true)
    expect(page.items.filter((e) => e.action === 'user.create')).toHaveLength(1)
    expect(page.items.find((e) => e.action === 'user.create')!.after).toMatchObject({ username: 'rv_tuesday' })
  })

  it('by days (Asia/Shanghai, both ends included)', async () => {
    const monday = await search('action=user.create&from=2026-11-23&to=2026-11-23&withTotal=true')
    expect(monday.items.map((e) => e.entityId)).toContain(createdMonday.id)
    expect(monday.items.map((e) => e.entityId)).not.toContain(createdTuesday.id)
    expect(monday.items.every((e) => e.at.startsWith('2026-11-23'))).toBe(true)
    const tuesday = await search('action=user.create&from=2026-11-24&to=2026-11-24')
    expect(tuesday.items.map((e) => e.entityId)).toEqual([createdTuesday.id])
  })

  it('pages the filtered result newest first, each row once', async () => {
    const all = await search(`actor=${security.username}&limit=100&withTotal=true`)
    const ids: string[] = []
    let cursor: string | null = null
    do {
      const page: Page = await search(`actor=${security.username}&limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ids.push(...page.items.map((e) => e.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(ids).toEqual(all.items.map((e) => e.id))
    expect(all.total).toBe(ids.length)
  })
})

describe('logins in the audit log', () => {
  it('a success, the first failure of a burst and the lockout, each with the source', async () => {
    const page = await search(`actor=${community.username}&action=auth&limit=100`)
    const login = page.items.find((e) => e.action === 'auth.login')
    expect(login).toMatchObject({ entityType: 'user', entityId: String(community.id), ip: '127.0.0.1' })
    const failed = page.items.filter((e) => e.action === 'auth.loginFailed')
    // one row for the burst's first failure, one for the failure that locked — not one per attempt
    expect(failed.map((e) => (e.detail as { reason: string }).reason).sort()).toEqual(['badPassword', 'locked'])
    expect(failed.every((e) => (e.detail as { source: string }).source === '127.0.0.1')).toBe(true)
    expect(JSON.stringify(failed)).not.toContain('Wrong@2026')
  })
})

async function sheet(body: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(body as unknown as ArrayBuffer)
  return wb.worksheets[0]!
}

describe('exporting the audit log', () => {
  it('exports the filtered entries, masked and watermarked, and the export is itself in the log', async () => {
    // a row whose detail carries a phone and an ID number in the clear, as a careless writer might leave it
    await t.database.db.execute(sql`
      INSERT INTO audit_log (at, actor_user_id, actor_role, actor_name, action, entity_type, entity_id, detail)
      VALUES (${new Date('2026-11-24T11:00:00+08:00')}, ${security.id}, 'securityAdmin', ${security.displayName}, 'user.note', 'user', ${createdTuesday.id},
              ${JSON.stringify({ phone: '13812345678', idNumber: '52042319900101123X', gridCode: '520423002013007' })}::jsonb)`)
    const token = await auditor.login()
    const filter = `actor=${security.username}&entityType=user`
    const expected = (await t.request(token, 'GET', `/api/v1/audit-logs?${filter}&limit=100`)).json<Page>().items
    const count = async () => rowsOf<{ n: number }>(await t.database.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auditLog.export'`))[0]!.n
    const before = await count()

    const res = await t.request(token, 'GET', `/api/v1/exports/audit-logs?${filter}`)
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
    expect(res.headers['content-type']).toContain('spreadsheetml')
    const ws = await sheet(res.rawPayload)
    expect(String(ws.getRow(1).getCell(1).value)).toBe('审计日志')
    const mark = String(ws.getRow(2).getCell(1).value)
    expect(mark).toContain(`导出人：${auditor.displayName}`)
    expect(mark).toContain('导出时间：2026-11-24 10:00')
    expect(mark).toContain(`actor=${security.username}`)
    expect(ws.getRow(3).getCell(1).value).toBe('序号')
    const ids: string[] = []
    let text = ''
    ws.eachRow((row, n) => {
      if (n > 3) ids.push(String(row.getCell(1).value))
      text += `${row.values?.toString()}\n`
    })
    expect(ids).toEqual(expected.map((e) => e.id))
    expect(text).toContain('138****5678')
    expect(text).toContain('520423********123X')
    expect(text).not.toContain('13812345678')
    expect(text).not.toContain('52042319900101123X')
    expect(text).toContain('520423002013007') // a grid code is not a phone

    expect(await count()).toBe(before + 1)
    const exported = await search('action=auditLog.export')
    expect(exported.items[0]).toMatchObject({ actor: { id: String(auditor.id) }, detail: { filter: { actor: security.username, entityType: 'user' }, format: 'xlsx' } })
  })

  it('is the audit administrator’s only', async () => {
    for (const who of [security, await buildAdmin(t, 'systemAdmin')]) {
      const res = await t.request(await who.login(), 'GET', '/api/v1/exports/audit-logs')
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('FORBIDDEN')
    }
  })
})

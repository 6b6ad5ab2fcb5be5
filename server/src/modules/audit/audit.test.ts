/**
 * The audit log: every write and every unmasked read leaves a row, only the audit administrator
 * reads it, reading is itself audited, and the database refuses to change or remove a row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, type SQL } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/setup'
import { rowsOf } from '../../db/client'
import type { AuditLogEntry } from '#contracts/users'
import {
  buildAdmin,
  buildCast,
  buildCommunity,
  buildDepartmentAccount,
  buildPlaceAccount,
  buildStreetAccount,
  FACTORY_COUNTY,
  type AppealCast,
  type BuiltAccount,
} from '../../../test/factories'

let t: TestApp
let aud: string
/** A grid in small: its resident, grid worker, community account and the compound's property company. */
let cast: AppealCast
/** Everyone who is not the audit administrator, one of each kind. */
let others: BuiltAccount[]
beforeAll(async () => {
  t = await createTestApp()
  aud = (await buildAdmin(t, 'auditAdmin')).token
  cast = await buildCast(t)
  others = [
    await buildAdmin(t, 'systemAdmin'),
    await buildAdmin(t, 'securityAdmin'),
    await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county'),
    await buildStreetAccount(t),
    cast.community,
    cast.gridWorker,
    cast.resident.account,
    await buildDepartmentAccount(t, '520423-zjj'),
    cast.property.account,
  ]
})
afterAll(async () => t?.close())

const q = async <T = Record<string, unknown>>(s: SQL) => rowsOf<T>(await t.database.db.execute(s))
type Page = { items: AuditLogEntry[]; nextCursor: string | null }

/** The database's own error text (drizzle wraps it). */
async function sqlError(s: SQL): Promise<string> {
  try {
    await t.database.db.execute(s)
  } catch (e) {
    const err = e as Error & { cause?: Error }
    return `${err.message} ${err.cause?.message ?? ''}`
  }
  return 'no error'
}

describe('the audit log', () => {
  it('records logins, failed logins and logouts with who, when and from where', async () => {
    const community = cast.community.username
    await t.request(null, 'POST', '/api/v1/auth/login', { username: community, password: 'Wrong@2026' }, { 'x-forwarded-for': '10.1.2.3' })
    const token = await cast.community.login()
    await t.request(token, 'POST', '/api/v1/auth/logout')

    const failed = (await t.request(aud, 'GET', '/api/v1/audit-logs?action=auth.loginFailed')).json<Page>().items
    // Without TRUST_PROXY a client cannot choose the address written into the log.
    expect(failed[0]).toMatchObject({
      action: 'auth.loginFailed',
      ip: '127.0.0.1',
      at: '2026-11-23T09:30:00.000+08:00',
      detail: { reason: 'badPassword', username: community },
    })
    const logins = (await t.request(aud, 'GET', '/api/v1/audit-logs?action=auth.login')).json<Page>().items
    expect(logins.some((e) => e.actor.role === 'community')).toBe(true)
    const logouts = (await t.request(aud, 'GET', '/api/v1/audit-logs?action=auth.logout')).json<Page>().items
    expect(logouts).toHaveLength(1)
  })

  it('is readable by the audit administrator only', async () => {
    for (const other of others) {
      const res = await t.request(await other.login(), 'GET', '/api/v1/audit-logs')
      expect(res.statusCode, other.username).toBe(403)
      expect(res.json().code).toBe('FORBIDDEN')
    }
  })

  it('audits every reading of the log, with the filter used', async () => {
    const before = (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'audit.read'`))[0]!.n
    const res = await t.request(aud, 'GET', '/api/v1/audit-logs?action=auth.login&from=2026-11-23&to=2026-11-23')
    expect(res.statusCode).toBe(200)
    const rows = await q<{ n: number; detail: unknown }>(sql`SELECT detail FROM audit_log WHERE action = 'audit.read' ORDER BY id`)
    expect(rows).toHaveLength(before + 1)
    expect(rows.at(-1)!.detail).toMatchObject({ filter: { action: 'auth.login', from: '2026-11-23', to: '2026-11-23' } })
  })

  it('pages newest first without repeating or skipping a row', async () => {
    const ids: string[] = []
    let cursor: string | null = null
    do {
      const page: Page = (await t.request(aud, 'GET', `/api/v1/audit-logs?action=auth.login&limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json()
      ids.push(...page.items.map((e) => e.id))
      cursor = page.nextCursor
    } while (cursor)
    const all = await q<{ id: number }>(sql`SELECT id FROM audit_log WHERE action = 'auth.login' ORDER BY at DESC, id DESC`)
    expect(ids).toEqual(all.map((r) => String(r.id)))
    const bad = await t.request(aud, 'GET', '/api/v1/audit-logs?cursor=bm9wZQ')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('INVALID_CURSOR')
  })

  it('is append-only: the database refuses UPDATE and DELETE', async () => {
    const [first] = await q<{ id: number; action: string }>(sql`SELECT id, action FROM audit_log ORDER BY id LIMIT 1`)
    expect(first).toBeDefined()
    const count = async () => (await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n
    const n = await count()

    expect(await sqlError(sql`UPDATE audit_log SET action = 'tampered' WHERE id = ${first!.id}`)).toContain('audit_log is append-only')
    expect(await sqlError(sql`UPDATE audit_log SET ip = NULL`)).toContain('audit_log is append-only')
    expect(await sqlError(sql`DELETE FROM audit_log WHERE id = ${first!.id}`)).toContain('audit_log is append-only')
    expect(await sqlError(sql`DELETE FROM audit_log`)).toContain('audit_log is append-only')

    expect(await count()).toBe(n)
    const [still] = await q<{ action: string }>(sql`SELECT action FROM audit_log WHERE id = ${first!.id}`)
    expect(still!.action).toBe(first!.action)
  })
})

describe('TRUNCATE', () => {
  // The row triggers do not fire on TRUNCATE; migrations/0002_appeal_support.sql adds a statement
  // trigger (audit_log_no_truncate) for it. Were it missing, this test would empty the table.
  it('refuses TRUNCATE as well', async () => {
    expect(await sqlError(sql`TRUNCATE audit_log`)).toContain('audit_log is append-only')
  })
})

describe('behind a trusted balancer', () => {
  it('records the address the balancer forwards when TRUST_PROXY names it', async () => {
    const behind = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1' } })
    try {
      const community = await buildPlaceAccount(behind, await buildCommunity(behind), 'community')
      const auditor = (await buildAdmin(behind, 'auditAdmin')).token
      await behind.request(null, 'POST', '/api/v1/auth/login', { username: community.username, password: 'Wrong@2026' }, { 'x-forwarded-for': '10.1.2.3' })
      const failed = (await behind.request(auditor, 'GET', '/api/v1/audit-logs?action=auth.loginFailed')).json<Page>().items
      expect(failed[0]!.ip).toBe('10.1.2.3')
    } finally {
      await behind.close()
    }
  })
})

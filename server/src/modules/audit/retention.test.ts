/**
 * Audit retention (issue 10): audit_log is partitioned by Asia/Shanghai month; the housekeeping job keeps
 * partitions ahead, a default partition catches anything else, every partition refuses UPDATE, DELETE and
 * TRUNCATE; `audit-archive` writes old months to a file, checks it, and only then drops their partitions —
 * never a month with rows younger than 180 days.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import zlib from 'node:zlib'
import { sql, type SQL } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'
import { buildAdmin, buildCommunity, buildPlaceAccount } from '../../../test/factories'
import { systemCtx } from '../../context'
import { rowsOf } from '../../db/client'
import { housekeeping } from '../../jobs/housekeeping'
import { archiveAuditMonths, AuditArchiveRefused } from './index'

const q = async <T = Record<string, unknown>>(t: TestApp, s: SQL) => rowsOf<T>(await t.database.db.execute(s))

/** Which table holds the audit rows of an action: the partition it was routed to. */
async function partitionsOf(t: TestApp, action: string): Promise<string[]> {
  return (await q<{ p: string }>(t, sql`SELECT tableoid::regclass::text AS p FROM audit_log WHERE action = ${action} ORDER BY id`)).map((r) => r.p)
}

async function sqlError(t: TestApp, s: SQL): Promise<string> {
  try {
    await t.database.db.execute(s)
  } catch (e) {
    const err = e as Error & { cause?: Error }
    return `${err.message} ${err.cause?.message ?? ''}`
  }
  return 'no error'
}

describe('month partitions', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(async () => t?.close())

  /** An audited change at the clock's time: the security administrator unlocks a community account. */
  async function auditedAt(iso: string): Promise<void> {
    t.clock.set(iso)
    // accounts of the moment (the clock jumps years: an older password would have expired)
    const admin = await buildAdmin(t, 'securityAdmin')
    const account = await buildPlaceAccount(t, await buildCommunity(t), 'community')
    const res = await t.request(admin.token, 'POST', `/api/v1/users/${account.id}/unlock`)
    expect(res.statusCode, res.body).toBe(200)
  }

  it('housekeeping makes this month and the next three; a row dated next month lands in its partition', async () => {
    t.clock.set('2026-11-23T09:30:00+08:00')
    await housekeeping(t.deps)
    const parts = (await q<{ name: string }>(t, sql`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_log'::regclass`)).map((r) => r.name)
    expect(parts).toEqual(expect.arrayContaining(['audit_log_default', 'audit_log_2026_11', 'audit_log_2026_12', 'audit_log_2027_01', 'audit_log_2027_02']))

    await auditedAt('2026-12-01T00:00:05+08:00') // just after midnight in Shanghai: December, though still November in UTC
    expect((await partitionsOf(t, 'user.unlock')).at(-1)).toBe('audit_log_2026_12')
  })

  it('the default partition catches a row no month holds; making its month later moves it, id and all', async () => {
    await auditedAt('2031-05-10T10:00:00+08:00')
    const [row] = await q<{ id: number; p: string; at: Date }>(t, sql`SELECT id, tableoid::regclass::text AS p, at FROM audit_log WHERE action = 'user.unlock' ORDER BY id DESC LIMIT 1`)
    expect(row!.p).toBe('audit_log_default')

    t.clock.set('2031-05-11T10:00:00+08:00')
    await housekeeping(t.deps)
    const [moved] = await q<{ id: number; p: string; at: Date }>(t, sql`SELECT id, tableoid::regclass::text AS p, at FROM audit_log WHERE id = ${row!.id}`)
    expect(moved).toEqual({ ...row, p: 'audit_log_2031_05' })
    expect((await q(t, sql`SELECT 1 FROM audit_log_default WHERE id = ${row!.id}`)).length).toBe(0)
    // the default is attached again and still catches what no month holds
    await auditedAt('2040-01-01T10:00:00+08:00')
    expect((await partitionsOf(t, 'user.unlock')).at(-1)).toBe('audit_log_default')
  })

  it('every partition refuses UPDATE, DELETE and TRUNCATE, through the parent or by its own name', async () => {
    t.clock.set('2026-11-23T09:30:00+08:00')
    await housekeeping(t.deps)
    // a row in the default partition too (a month nobody made): an UPDATE of an empty partition would touch nothing
    await auditedAt('2045-06-01T10:00:00+08:00')
    await auditedAt('2026-11-23T10:00:00+08:00')
    const [row] = await q<{ id: number }>(t, sql`SELECT id FROM audit_log_2026_11 ORDER BY id DESC LIMIT 1`)
    for (const statement of [
      sql`UPDATE audit_log SET action = 'tampered' WHERE id = ${row!.id}`,
      sql`UPDATE audit_log_2026_11 SET action = 'tampered' WHERE id = ${row!.id}`,
      sql`UPDATE audit_log_default SET action = 'tampered'`,
      sql`DELETE FROM audit_log_2026_11 WHERE id = ${row!.id}`,
      sql`TRUNCATE audit_log_2026_11`,
      sql`TRUNCATE audit_log_default`,
      sql`TRUNCATE audit_log`,
    ]) {
      expect(await sqlError(t, statement)).toContain('audit_log is append-only')
    }
    expect((await q<{ action: string }>(t, sql`SELECT action FROM audit_log WHERE id = ${row!.id}`))[0]!.action).toBe('user.unlock')
  })
})

describe('audit-archive', { shuffle: false }, () => {
  let t: TestApp
  let dir: string
  const ids: Record<string, number[]> = {}
  beforeAll(async () => {
    t = await createTestApp()
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-audit-archive-'))
    const admin = await buildAdmin(t, 'securityAdmin')
    // audited changes in March, April and June 2026; "now" is 2026-11-23, so 180 days back is 2026-05-27
    for (const month of ['2026-03', '2026-04', '2026-06']) {
      t.clock.set(`${month}-15T10:00:00+08:00`)
      const account = await buildPlaceAccount(t, await buildCommunity(t), 'community')
      await t.request(await admin.login(), 'POST', `/api/v1/users/${account.id}/unlock`)
      ids[month] = (await q<{ id: number }>(t, sql`SELECT id FROM audit_log WHERE at >= ${new Date(`${month}-15T10:00:00+08:00`)} AND at < ${new Date(`${month}-15T10:01:00+08:00`)} ORDER BY id`)).map((r) => r.id)
    }
    t.clock.set('2026-11-23T09:30:00+08:00')
    await housekeeping(t.deps)
  })
  afterAll(async () => {
    await t?.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const count = async (from: string, to: string) =>
    (await q<{ n: number }>(t, sql`SELECT count(*)::int AS n FROM audit_log WHERE at >= ${new Date(from)} AND at < ${new Date(to)}`))[0]!.n

  it('refuses a month with rows younger than 180 days, and touches nothing', async () => {
    const before = await count('2026-01-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00')
    const file = path.join(dir, 'too-recent.jsonl.gz')
    const refused = archiveAuditMonths(systemCtx(t.deps), { before: '2026-06', file })
    await expect(refused).rejects.toThrow(AuditArchiveRefused)
    await expect(refused).rejects.toThrow('最多可归档到 --before 2026-05')
    expect(fs.existsSync(file)).toBe(false)
    expect(await count('2026-01-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00')).toBe(before)
  })

  it('writes the old months to a file, then drops their partitions; everything younger stays', async () => {
    const younger = await count('2026-05-01T00:00:00+08:00', '2100-01-01T00:00:00+08:00')
    const file = path.join(dir, 'before-2026-05.jsonl.gz')
    const result = await archiveAuditMonths(systemCtx(t.deps), { before: '2026-05', file })
    expect(result.months.map((m) => m.month)).toEqual(['2026-03', '2026-04'])
    expect(result.months.map((m) => m.rows)).toEqual([ids['2026-03']!.length, ids['2026-04']!.length])

    // the file: a header naming the months, then every row of them with its id
    const lines: Record<string, unknown>[] = []
    for await (const line of readline.createInterface({ input: fs.createReadStream(file).pipe(zlib.createGunzip()) })) lines.push(JSON.parse(line))
    expect(lines[0]).toMatchObject({ format: 'yiwang-audit-archive', before: '2026-05' })
    expect(lines.slice(1).map((l) => Number(l.id))).toEqual([...ids['2026-03']!, ...ids['2026-04']!])
    expect(lines.find((l) => l.action === 'user.unlock')).toMatchObject({ month: '2026-03', entityType: 'user', actorRole: 'securityAdmin' })

    // the months are gone from the database as whole partitions; June and everything after is untouched
    expect(await count('2026-03-01T00:00:00+08:00', '2026-05-01T00:00:00+08:00')).toBe(0)
    expect(await count('2026-05-01T00:00:00+08:00', '2100-01-01T00:00:00+08:00')).toBe(younger + 1) // + the archive's own row
    const partitions = (await q<{ name: string }>(t, sql`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_log'::regclass`)).map((r) => r.name)
    expect(partitions).not.toContain('audit_log_2026_03')
    expect(partitions).not.toContain('audit_log_2026_04')
    expect((await q(t, sql`SELECT 1 FROM audit_log WHERE id IN (${sql.join(ids['2026-06']!, sql`, `)})`)).length).toBe(ids['2026-06']!.length)

    // the archive is itself in the log
    const [row] = await q<{ actor_role: string; detail: { before: string; sha256: string; months: unknown } }>(t, sql`SELECT actor_role, detail FROM audit_log WHERE action = 'audit.archive'`)
    expect(row).toMatchObject({ actor_role: 'system', detail: { before: '2026-05', sha256: result.sha256, months: [{ month: '2026-03', rows: ids['2026-03']!.length }, { month: '2026-04', rows: ids['2026-04']!.length }] } })
  })

  it('never overwrites a file, and has nothing to do when no month is old enough', async () => {
    const file = path.join(dir, 'before-2026-05.jsonl.gz')
    expect(await archiveAuditMonths(systemCtx(t.deps), { before: '2026-05', file })).toMatchObject({ file: null, months: [] })
    t.clock.set('2027-01-10T10:00:00+08:00') // now June may go, into a file that already exists: refused
    await expect(archiveAuditMonths(systemCtx(t.deps), { before: '2026-07', file })).rejects.toThrow('文件已存在')
    expect(await count('2026-06-01T00:00:00+08:00', '2026-07-01T00:00:00+08:00')).toBeGreaterThan(0)
  })
})

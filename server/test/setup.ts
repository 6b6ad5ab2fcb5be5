/**
 * A fresh, real application for one test file: its own database copied from the template
 * (PGlite, or a PostgreSQL database when DATABASE_URL is set), a controllable clock, real HTTP
 * through Fastify's inject.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../src/app'
import type { RegisterUpdateRegistry } from '../src/core/register-updates'
import { ManualClock } from '../src/clock'
import { openDatabase, rowsOf, type Database } from '../src/db/client'
import { parseEnv } from '../src/env'
import { loadCalendarStore } from '../src/modules/calendar'
import { enrolSecondFactor } from '../src/modules/auth'
import { sql } from 'drizzle-orm'
import { assembleDeps } from '../src/deps'
import type { AppDeps } from '../src/context'
import { DEMO_PASSWORD, listDemoAccounts } from '../src/seed/demo'
import { totpCodeAt, totpStep, TOTP_TOLERANCE_STEPS } from '../src/lib/totp'
import { openFileStore } from '../src/storage'
import { pgliteTemplatePath, pgTemplateName, templateFingerprint, testPii, TEST_PII_KEY, withDatabase } from './template'

/** Monday 2026-11-23 09:30 in Shanghai: within working hours. */
export const TEST_START = '2026-11-23T09:30:00+08:00'

/** What a test knows of an account's second factor: its secret, unused recovery codes, the last step it used. */
export interface KnownFactor {
  secret: string
  recoveryCodes: string[]
  lastStep: number
  /**
   * Provision the account a new factor, as its factory did (a test that logs in more often than the
   * codes of one moment and its ten recovery codes allow); absent for the demo accounts.
   */
  renew?: () => Promise<{ secret: string; recoveryCodes: string[] }>
}

export interface TestApp {
  app: FastifyInstance
  clock: ManualClock
  deps: AppDeps
  database: Database
  /** PostgreSQL: the URL of this app's own database */
  databaseUrl?: string
  /**
   * log in as a demo account (or any username/password) and return a bearer token; an account with a
   * second factor the test knows (factories register theirs; the demo administrators' come from the seed)
   * answers the code step with a code the server has not seen yet, as its owner's phone would
   */
  login(username: string, password?: string): Promise<string>
  /** second factors known to this test, by username */
  factors: Map<string, KnownFactor>
  /** a code for the account's second step that it has not used (a TOTP code, or a recovery code when none is left in the window) */
  nextCode(username: string): Promise<string>
  /** inject a request with a bearer token */
  request(
    token: string | null,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>
  close(): Promise<void>
}

/** A fresh PostgreSQL database copied from the template (DATABASE_URL must be set): its URL and how to drop it. */
export async function createPgTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const fp = process.env.YIWANG_TEST_FINGERPRINT ?? templateFingerprint()
  const url = process.env.DATABASE_URL!
  const name = `yiwang_t_${crypto.randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${pgTemplateName(fp)}`)
  await admin.end()
  return {
    url: withDatabase(url, name),
    drop: async () => {
      const a = new pg.Client({ connectionString: url })
      await a.connect()
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await a.end()
    },
  }
}

/** `dataDir`: PGlite keeps the copy on disk in `<dataDir>/pglite` (as a server would) instead of in memory. */
async function openTestDatabase(dataDir?: string): Promise<{ database: Database; drop: () => Promise<void>; url?: string }> {
  const fp = process.env.YIWANG_TEST_FINGERPRINT ?? templateFingerprint()
  const url = process.env.DATABASE_URL
  if (url) {
    const created = await createPgTestDatabase()
    const database = await openDatabase({ databaseUrl: created.url, poolSize: 10 })
    return { database, drop: created.drop, url: created.url }
  }
  const blob = new Blob([fs.readFileSync(pgliteTemplatePath(fp))])
  const database = await openDatabase({ loadDataDir: blob, ...(dataDir ? { dataDir: path.join(dataDir, 'pglite') } : {}) })
  return { database, drop: async () => undefined }
}

export async function createTestApp(
  opts: { start?: string; env?: Record<string, string>; dataDir?: string; registerUpdates?: RegisterUpdateRegistry } = {},
): Promise<TestApp> {
  const { database, drop, url } = await openTestDatabase(opts.dataDir)
  const clock = new ManualClock(opts.start ?? TEST_START)
  // a data folder of its own (uploaded files go to DATA_DIR/files), removed with the app
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-test-'))
  const env = parseEnv({ NODE_ENV: 'test', PII_KEY: TEST_PII_KEY, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', DATA_DIR: dataDir, ...opts.env })
  const fileStore = openFileStore(env.fileStore)
  const deps: AppDeps = assembleDeps({ env, database, clock, pii: testPii(), calendar: await loadCalendarStore(database.db), fileStore })
  const app = await buildApp(deps, opts.registerUpdates ? { registerUpdates: opts.registerUpdates } : {})
  await app.ready()

  // A request is answered before its notifications reach the inboxes (the outbox pump runs after the
  // commit); a test, like a person, looks after that has happened.
  const request: TestApp['request'] = async (token, method, url, body, headers = {}) => {
    await deps.outbox.idle()
    const res = await app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body !== undefined ? { payload: body as object } : {}),
    })
    await deps.outbox.idle()
    return res
  }

  const factors = new Map<string, KnownFactor>()
  let demoLoaded = false
  const nextCode = async (username: string): Promise<string> => {
    if (!factors.has(username) && !demoLoaded) {
      demoLoaded = true
      for (const a of await listDemoAccounts(database.db, deps.pii)) {
        if (!a.totpSecret || factors.has(a.username)) continue
        // when a test logs a demo administrator in more often in one instant than the codes allow, it gets a fresh factor
        const renew = async () => {
          const [row] = rowsOf<{ id: number }>(await database.db.execute(sql`SELECT id FROM user_account WHERE username = ${a.username}`))
          return enrolSecondFactor(database.db, deps.pii, Number(row!.id), clock.now())
        }
        factors.set(a.username, { secret: a.totpSecret, recoveryCodes: [], lastStep: -Infinity, renew })
      }
    }
    const f = factors.get(username)
    if (!f) throw new Error(`no second factor known for ${username}`)
    // the earliest step the server still accepts (one either side of now) and this account has not used
    const now = totpStep(clock.now())
    const step = Math.max(now - TOTP_TOLERANCE_STEPS, f.lastStep + 1)
    if (step <= now + TOTP_TOLERANCE_STEPS) {
      f.lastStep = step
      return totpCodeAt(f.secret, step)
    }
    const recovery = f.recoveryCodes.shift()
    if (recovery) return recovery
    if (!f.renew) throw new Error(`${username}: every TOTP code of this moment is used and no recovery code is left; move the clock`)
    Object.assign(f, await f.renew(), { lastStep: now - TOTP_TOLERANCE_STEPS })
    return totpCodeAt(f.secret, f.lastStep)
  }

  return {
    app,
    clock,
    deps,
    database,
    ...(url ? { databaseUrl: url } : {}),
    request,
    factors,
    nextCode,
    async login(username, password = DEMO_PASSWORD) {
      const res = await request(null, 'POST', '/api/v1/auth/login', { username, password })
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`)
      const body = res.json<{ token: string } | { challenge: string }>()
      if ('token' in body) return body.token
      const second = await request(null, 'POST', '/api/v1/auth/login/mfa', { challenge: body.challenge, code: await nextCode(username) })
      if (second.statusCode !== 200) throw new Error(`login ${username}, second step, failed: ${second.statusCode} ${second.body}`)
      return second.json<{ token: string }>().token
    },
    async close() {
      await deps.outbox.idle()
      await app.close()
      await database.close()
      await fileStore.close()
      await drop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

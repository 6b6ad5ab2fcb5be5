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
import { ManualClock } from '../src/clock'
import { openDatabase, type Database } from '../src/db/client'
import { parseEnv } from '../src/env'
import { loadCalendarStore } from '../src/modules/calendar'
import { assembleDeps } from '../src/deps'
import type { AppDeps } from '../src/context'
import { DEMO_PASSWORD } from '../src/seed/demo'
import { openFileStore } from '../src/storage'
import { pgliteTemplatePath, pgTemplateName, templateFingerprint, testPii, TEST_PII_KEY, withDatabase } from './template'

/** Monday 2026-11-23 09:30 in Shanghai: within working hours. */
export const TEST_START = '2026-11-23T09:30:00+08:00'

export interface TestApp {
  app: FastifyInstance
  clock: ManualClock
  deps: AppDeps
  database: Database
  /** log in as a demo account (or any username/password) and return a bearer token */
  login(username: string, password?: string): Promise<string>
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

async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const fp = process.env.YIWANG_TEST_FINGERPRINT ?? templateFingerprint()
  const url = process.env.DATABASE_URL
  if (url) {
    const created = await createPgTestDatabase()
    const database = await openDatabase({ databaseUrl: created.url, poolSize: 10 })
    return { database, drop: created.drop }
  }
  const blob = new Blob([fs.readFileSync(pgliteTemplatePath(fp))])
  const database = await openDatabase({ loadDataDir: blob })
  return { database, drop: async () => undefined }
}

export async function createTestApp(opts: { start?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const { database, drop } = await openTestDatabase()
  const clock = new ManualClock(opts.start ?? TEST_START)
  // a data folder of its own (uploaded files go to DATA_DIR/files), removed with the app
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-test-'))
  const env = parseEnv({ NODE_ENV: 'test', PII_KEY: TEST_PII_KEY, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', DATA_DIR: dataDir, ...opts.env })
  const fileStore = openFileStore(env.fileStore)
  const deps: AppDeps = assembleDeps({ env, database, clock, pii: testPii(), calendar: await loadCalendarStore(database.db), fileStore })
  const app = await buildApp(deps)
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

  return {
    app,
    clock,
    deps,
    database,
    request,
    async login(username, password = DEMO_PASSWORD) {
      const res = await request(null, 'POST', '/api/v1/auth/login', { username, password })
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`)
      return res.json<{ token: string }>().token
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

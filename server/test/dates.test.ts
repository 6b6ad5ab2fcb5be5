/**
 * Dates and cursors outside any meaningful range are the caller's mistake: 400 in Chinese, never a 500
 * (year 0 reached PostgreSQL before), and an unexpected database error never logs its SQL with values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loggable } from '../src/errors'
import { parseEnv } from '../src/env'
import { createTestApp, type TestApp } from './setup'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

const cursorAt = (iso: string) => Buffer.from(JSON.stringify({ t: iso, id: 1 })).toString('base64url')

describe('dates before year 1 — or 1970, or after 2100', () => {
  it('a hand-made cursor in year 0 is 400 INVALID_CURSOR, even without logging in', async () => {
    const res = await t.request(null, 'GET', `/api/v1/public/appeals?cursor=${cursorAt('0000-01-01T00:00:00.000Z')}`)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('INVALID_CURSOR')
  })

  it.each([
    ['bj_sq', '/api/v1/appeals?from=0000-01-01'],
    ['bj_sq', '/api/v1/appeals?to=0001-01-01'],
    ['auditadmin', '/api/v1/audit-logs?from=0001-01-01'],
    ['bj_sq', '/api/v1/stats/overview?from=0001-01-01'],
    ['bj_sq', '/api/v1/stats/children?from=2026-01-01&to=2999-01-01'],
  ])('%s %s is 400 in Chinese', async (user, url) => {
    const res = await t.request(await t.login(user), 'GET', url)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().details[0].message).toBe('日期应在 1970 年至 2100 年之间')
  })

  it.each([
    ['bj_sq', '/api/v1/notifications'],
    ['bj_sq', '/api/v1/supervisions'],
    ['bj_sq', '/api/v1/appeals'],
  ])('%s %s with a year-0 cursor is 400', async (user, url) => {
    const res = await t.request(await t.login(user), 'GET', `${url}?cursor=${cursorAt('0001-01-01T00:00:00.000Z')}`)
    expect(res.statusCode).toBe(400)
    expect(res.json().code).toBe('INVALID_CURSOR')
  })
})

describe('the error log', () => {
  it('keeps the database’s own words but never the SQL text or its values', () => {
    const err = Object.assign(new Error('Failed query: select * from resident where phone_idx = $1\nparams: 13812345678'), {
      cause: { code: '22008', message: 'date/time field value out of range: "0000-01-01"' },
    })
    const logged = JSON.stringify(loggable(err))
    expect(logged).toContain('22008')
    expect(logged).toContain('date/time field value out of range')
    expect(logged).not.toMatch(/select|13812345678|phone_idx/)
  })
})

describe('the session cookie', () => {
  it('is Secure in production unless turned off on purpose', () => {
    const base = { PII_KEY: Buffer.alloc(32, 1).toString('base64') }
    expect(parseEnv({ ...base, NODE_ENV: 'production' }).cookieSecure).toBe(true)
    expect(parseEnv({ ...base, NODE_ENV: 'production', COOKIE_SECURE: 'false' }).cookieSecure).toBe(false)
    expect(parseEnv({ ...base, NODE_ENV: 'development' }).cookieSecure).toBe(false)
  })
})

/**
 * Cross-site requests with the session cookie change nothing (issue 10.6): an unsafe request made with
 * the cookie must come from our own pages — same origin by Sec-Fetch-Site and Origin, and carrying the
 * CSRF cookie's value in `x-csrf-token` (double submit). Bearer-token clients are unaffected. The
 * audited reveal of a resident's data is a POST, so a cross-site link cannot trigger it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildGridWorker, buildGrid, FACTORY_PASSWORD, type BuiltAccount } from './factories'
import { createTestApp, type TestApp } from './setup'

let t: TestApp
let worker: BuiltAccount
let cookies: { session: string; csrf: string }

beforeAll(async () => {
  t = await createTestApp()
  worker = await buildGridWorker(t, await buildGrid(t))
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: worker.username, password: FACTORY_PASSWORD } })
  expect(res.statusCode, res.body).toBe(200)
  const jar = Object.fromEntries(res.cookies.map((c) => [c.name, c]))
  expect(jar.yw_session!.httpOnly).toBe(true)
  expect(jar.yw_csrf!.httpOnly).toBeFalsy() // the pages read it
  expect(jar.yw_csrf!.sameSite).toBe('Strict')
  cookies = { session: jar.yw_session!.value, csrf: jar.yw_csrf!.value }
})
afterAll(async () => t?.close())

const readAll = (headers: Record<string, string>, cookie = `yw_session=${cookies.session}; yw_csrf=${cookies.csrf}`) =>
  t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie, ...headers } })

describe('an unsafe request with the session cookie', () => {
  it('from our own page, with the token: goes through', async () => {
    const res = await readAll({ 'x-csrf-token': cookies.csrf, 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80', host: 'localhost:80' })
    expect(res.statusCode, res.body).toBe(200)
  })

  it('without the token, with a wrong one, or from another site: 403 CSRF_REJECTED, in Chinese', async () => {
    for (const headers of <Record<string, string>[]>[
      {},
      { 'x-csrf-token': 'guessed' },
      { 'x-csrf-token': cookies.csrf, 'sec-fetch-site': 'cross-site' },
      { 'x-csrf-token': cookies.csrf, origin: 'https://evil.example' },
      { 'x-csrf-token': cookies.csrf, origin: 'null' },
    ]) {
      const res = await readAll(headers)
      expect(res.statusCode, JSON.stringify(headers)).toBe(403)
      expect(res.json()).toEqual({ code: 'CSRF_REJECTED', message: '请求来源校验失败，请刷新页面后重试' })
    }
    // a multipart upload is an unsafe request too
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { cookie: `yw_session=${cookies.session}`, origin: 'https://evil.example', 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff\r\n--x--\r\n',
    })
    expect(upload.statusCode).toBe(403)
  })

  it('a bearer token from anywhere is not a cookie session: unaffected', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      headers: { authorization: `Bearer ${worker.token}`, origin: 'https://partner.example', 'sec-fetch-site': 'cross-site' },
    })
    expect(res.statusCode, res.body).toBe(200)
  })

  it('reading needs no token; a cookie session without the CSRF cookie (an older login) gets one on its next read', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `yw_session=${cookies.session}` } })
    expect(res.statusCode).toBe(200)
    const fresh = res.cookies.find((c) => c.name === 'yw_csrf')
    expect(fresh?.value).toMatch(/^[A-Za-z0-9_-]{32}$/)
    const again = await readAll({ 'x-csrf-token': fresh!.value }, `yw_session=${cookies.session}; yw_csrf=${fresh!.value}`)
    expect(again.statusCode).toBe(200)
  })

  it('revealing a resident is a POST: the old GET link does nothing', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/residents/1/reveal?field=phone', headers: { authorization: `Bearer ${worker.token}` } })
    expect(res.statusCode).toBe(404)
    expect(res.json().code).toBe('ROUTE_NOT_FOUND')
  })
})

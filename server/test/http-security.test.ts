/**
 * Security headers on every answer and an explicit cross-origin policy (issue 10.8): a CSP the pages
 * satisfy with no inline script, no framing, no sniffing, a same-origin referrer, HSTS in production;
 * a preflight from a listed origin is answered, any other origin gets no CORS grant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './setup'

const PARTNER = 'https://12345.example.gov.cn'

describe('security headers', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: PARTNER } })
  })
  afterAll(async () => t?.close())

  it('on the API, its errors and the health check', async () => {
    for (const url of ['/api/v1/categories', '/api/v1/no-such-route', '/healthz']) {
      const r = await t.request(null, 'GET', url)
      const csp = r.headers['content-security-policy'] as string
      expect(csp, url).toContain("script-src 'self'")
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/)
      expect(csp, url).toContain("frame-ancestors 'none'")
      expect(csp, url).not.toContain('upgrade-insecure-requests') // a plain-HTTP demo must keep working
      expect(r.headers['x-content-type-options'], url).toBe('nosniff')
      expect(r.headers['x-frame-options'], url).toBe('DENY')
      expect(r.headers['referrer-policy'], url).toBe('same-origin')
      expect(r.headers['permissions-policy'], url).toContain('geolocation=(self)')
      expect(r.headers['strict-transport-security'], url).toBeUndefined() // not over plain HTTP in development
    }
  })

  it('the API docs live under the same CSP: their page loads no inline script', async () => {
    const r = await t.request(null, 'GET', '/docs')
    expect(r.statusCode).toBe(200)
    expect(r.headers['content-security-policy']).not.toContain('upgrade-insecure-requests')
    expect(r.body).not.toMatch(/<script>[^<]/) // every script of the page is a file of its own
  })

  it('a listed origin may call with a bearer token; any other gets no grant; credentials never cross', async () => {
    const ok = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/appeals',
      headers: { origin: PARTNER, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    })
    expect(ok.statusCode).toBe(204)
    expect(ok.headers['access-control-allow-origin']).toBe(PARTNER)
    expect(ok.headers['access-control-allow-headers']).toContain('authorization')
    expect(ok.headers['access-control-allow-credentials']).toBeUndefined()
    const evil = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/appeals',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(evil.headers['access-control-allow-origin']).toBeUndefined()
    const simple = await t.app.inject({ method: 'GET', url: '/api/v1/categories', headers: { origin: 'https://evil.example' } })
    expect(simple.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('in production', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ env: { COOKIE_SECURE: 'true' } })
  })
  afterAll(async () => t?.close())

  it('pins HTTPS with HSTS', async () => {
    const r = await t.request(null, 'GET', '/healthz')
    expect(r.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
  })

  it('refuses a CORS origin that is not an origin', async () => {
    const { parseEnv } = await import('../src/env')
    expect(() => parseEnv({ NODE_ENV: 'test', CORS_ORIGINS: 'https://ok.example, not a url/path' })).toThrow(/CORS_ORIGINS/)
  })
})

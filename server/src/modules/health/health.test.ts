/** The health check reports the database; the OpenAPI document is generated from the route schemas. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

describe('health and docs', () => {
  it('GET /healthz reports the database without a login', async () => {
    const res = await t.request(null, 'GET', '/healthz')
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'ok', database: { kind: process.env.DATABASE_URL ? 'postgres' : 'pglite', ok: true } })
  })

  it('serves the OpenAPI document with every route of the contract and its schemas', async () => {
    const res = await t.request(null, 'GET', '/docs/json')
    expect(res.statusCode).toBe(200)
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> }>()
    expect(doc.openapi).toMatch(/^3\./)
    for (const [path, method] of [
      ['/api/v1/auth/login', 'post'],
      ['/api/v1/auth/logout', 'post'],
      ['/api/v1/me', 'get'],
      ['/api/v1/categories', 'get'],
      ['/api/v1/appeals', 'post'],
      ['/api/v1/appeals', 'get'],
      ['/api/v1/appeals/{id}', 'get'],
      ['/api/v1/appeals/{id}/actions', 'post'],
      ['/api/v1/appeals/{id}/candidates', 'get'],
      ['/api/v1/places/{code}', 'get'],
      ['/api/v1/places/{code}/children', 'get'],
      ['/api/v1/files', 'post'],
      ['/api/v1/residents/{id}/reveal', 'get'],
      ['/api/v1/notifications', 'get'],
      ['/api/v1/supervisions', 'get'],
      ['/api/v1/stats/overview', 'get'],
      ['/api/v1/stats/children', 'get'],
      ['/api/v1/public/appeals', 'get'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined()
    }
    expect(doc.paths['/api/v1/appeals']!.post!.requestBody).toBeDefined()
    expect(Object.keys(doc.paths['/api/v1/appeals/{id}/actions']!.post!.responses)).toEqual(expect.arrayContaining(['200', '400', '403', '404', '409', '422']))
    const ui = await t.request(null, 'GET', '/docs')
    expect([200, 302]).toContain(ui.statusCode)
  })
})

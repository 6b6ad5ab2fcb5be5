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
      ['/api/v1/residents/{id}/reveal', 'post'],
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

  it('/docs can drive the loop alone: a photo can be sent, each action shows its own fields, the main routes have examples', async () => {
    type Body = { content: Record<string, { schema: Record<string, unknown>; example?: unknown; examples?: unknown }> }
    const doc = (await t.request(null, 'GET', '/docs/json')).json<{ paths: Record<string, Record<string, { requestBody?: Body }>> }>()
    // the upload takes a file, as Swagger UI's form sends it
    const upload = doc.paths['/api/v1/files']!.post!.requestBody!.content['multipart/form-data']!.schema as {
      required: string[]
      properties: Record<string, { type: string; format: string }>
    }
    expect(upload.required).toEqual(['file'])
    expect(upload.properties.file).toMatchObject({ type: 'string', format: 'binary' })

    // one schema per action, generated from the workflow table
    const action = doc.paths['/api/v1/appeals/{id}/actions']!.post!.requestBody!.content['application/json']!.schema as {
      oneOf: { title: string; description: string; required: string[]; properties: Record<string, { enum?: string[]; description?: string }> }[]
    }
    expect(action.oneOf).toHaveLength(21)
    const whistle = action.oneOf.find((s) => s.properties.action!.enum![0] === 'whistle')!
    expect(whistle.title).toBe('whistle（吹哨）')
    expect(whistle.required).toEqual(['action', 'version', 'departmentIds'])
    expect(whistle.properties.departmentIds!.description).toContain('第一个为主办部门')
    expect(whistle.description).toBe('街道审单 → 部门报到（所属街道）')
    const rate = action.oneOf.find((s) => s.properties.action!.enum![0] === 'rate')!
    expect(rate.description).toBe('待评价 → 已办结 或 重办（提交诉求的居民本人）')
    expect(Object.keys(rate.properties).sort()).toEqual(['action', 'comment', 'rating', 'version'])

    // the submission shows an example to start from
    const create = doc.paths['/api/v1/appeals']!.post!.requestBody!.content['application/json']!
    expect(JSON.stringify(create)).toContain('elevator.fault')
  })
})

import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'
import { builtHash, ensureWebBuilt, webSourcesHash } from './build'
import { webRoutes } from './routes'

function fixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yw-web-'))
  const write = (rel: string, body: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    fs.writeFileSync(path.join(dir, rel), body)
  }
  write('console/index.html', '<!doctype html><title>console</title><script type="module" src="/assets/app-Ab12.js"></script>')
  write('h5/index.html', '<!doctype html><title>h5</title>')
  const js = `console.log(${JSON.stringify('一网'.repeat(400))})`
  write('assets/app-Ab12.js', js)
  fs.writeFileSync(path.join(dir, 'assets/app-Ab12.js.br'), zlib.brotliCompressSync(js))
  fs.writeFileSync(path.join(dir, 'assets/app-Ab12.js.gz'), zlib.gzipSync(js))
  write('.build-hash', 'abc')
  write('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>')
  return dir
}

describe('web bundle serving', () => {
  let app: FastifyInstance
  let dist: string
  beforeAll(async () => {
    dist = fixture()
    app = Fastify()
    await app.register(webRoutes({ distDir: dist }))
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
    fs.rmSync(dist, { recursive: true, force: true })
  })

  it('serves hashed assets precompressed and cached immutably', async () => {
    const br = await app.inject({ url: '/assets/app-Ab12.js', headers: { 'accept-encoding': 'br, gzip' } })
    expect(br.statusCode).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    const gz = await app.inject({ url: '/assets/app-Ab12.js', headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    const plain = await app.inject({ url: '/assets/app-Ab12.js' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toContain('一网')
  })

  it('answers deep links of both apps with their index.html, never cached', async () => {
    for (const [url, title] of [
      ['/', 'console'],
      ['/appeals/12', 'console'],
      ['/workbench?x=1', 'console'],
      ['/h5/', 'h5'],
      ['/h5/report/step/2', 'h5'],
    ] as const) {
      const r = await app.inject({ url })
      expect(r.statusCode, url).toBe(200)
      expect(r.headers['content-type']).toMatch(/text\/html/)
      expect(r.headers['cache-control']).toBe('no-cache')
      expect(r.body).toContain(`<title>${title}</title>`)
    }
    expect((await app.inject({ url: '/h5' })).headers.location).toBe('/h5/')
  })

  it('keeps missing files and unknown API paths as 404s', async () => {
    expect((await app.inject({ url: '/assets/gone-Zz99.js' })).statusCode).toBe(404)
    // /api is never answered by the web app (the application's own 404 handler answers it)
    const api = await app.inject({ url: '/api/v1/nope' })
    expect(api.statusCode).toBe(404)
    expect(api.headers['content-type']).not.toMatch(/html/)
    expect((await app.inject({ url: '/.build-hash' })).statusCode).toBe(404)
  })
})

describe('web routes inside the application', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(async () => {
    await t.close()
  })
  it('leave the API, its 404s and /healthz as they were', async () => {
    expect((await t.request(null, 'GET', '/healthz')).statusCode).toBe(200)
    const r = await t.request(null, 'GET', '/api/v1/no-such-route')
    expect(r.statusCode).toBe(404)
    expect(r.json().code).toBe('ROUTE_NOT_FOUND')
    expect((await t.request(null, 'GET', '/api/v1/me')).statusCode).toBe(401)
    // the whole server's security headers (http-security.test.ts) are on API answers too
    expect(r.headers['x-content-type-options']).toBe('nosniff')
  })
})

describe('build on start', () => {
  it('hashes the sources and skips the build when nothing changed', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'yw-src-'))
    fs.mkdirSync(path.join(root, 'web', 'dist', 'console'), { recursive: true })
    fs.mkdirSync(path.join(root, 'contracts'))
    fs.writeFileSync(path.join(root, 'web', 'a.tsx'), 'export const a = 1')
    fs.writeFileSync(path.join(root, 'contracts', 'x.ts'), 'export const x = 1')
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{}')
    const h1 = webSourcesHash(root)
    fs.writeFileSync(path.join(root, 'web', 'dist', 'console', 'index.html'), 'built')
    fs.writeFileSync(path.join(root, 'web', 'dist', '.build-hash'), h1)
    expect(builtHash(path.join(root, 'web', 'dist'))).toBe(h1)
    expect(await ensureWebBuilt({ info: () => undefined, warn: () => undefined }, root)).toBe('fresh')
    fs.writeFileSync(path.join(root, 'contracts', 'x.test.ts'), 'tests do not count')
    expect(webSourcesHash(root)).toBe(h1)
    fs.writeFileSync(path.join(root, 'web', 'a.tsx'), 'export const a = 2')
    expect(webSourcesHash(root)).not.toBe(h1)
    // no Vite in this root: the old bundle is kept and the API still serves
    expect(await ensureWebBuilt({ info: () => undefined, warn: () => undefined }, root)).toBe('unavailable')
    fs.rmSync(root, { recursive: true, force: true })
  })
})

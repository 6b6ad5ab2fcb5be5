/**
 * 单位场所 over HTTP: scope, the credit code check and its uniqueness, filters, closing (and its register update),
 * the import's dry run and idempotent re-import, the export masked and audited. Refused requests write nothing.
 */
import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PageOf } from '#contracts/common'
import type { CommitResult, DryRunResult } from '#contracts/imports'
import type { Venue } from '#contracts/venues'
import { makeCtx } from '../../context'
import { inTransaction } from '../../core'
import { rowsOf } from '../../db/client'
import { makeCreditCode } from '../../lib/credit-code'
import { loadActorByUsername } from '../auth'
import { venueRegisterUpdates } from './index'
import { buildAccount, buildGrid, buildGridWorker, buildPlaceAccount, type BuiltAccount } from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

const api = (a: BuiltAccount, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => t.request(a.token, method, `/api/v1${url}`, body)
const count = async (table: string) => rowsOf<{ n: number }>(await t.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n
const snapshot = async () => ({ venue: await count('venue'), audit: await count('audit_log'), events: await count('workflow_event') })

let seq = 0
const creditCode = () => makeCreditCode(`92520423MA6H${String(10000 + ++seq).slice(-5)}`)

async function place() {
  const grid = await buildGrid(t)
  return { grid, community: await buildPlaceAccount(t, grid.community, 'community'), worker: await buildGridWorker(t, grid) }
}

const venueBody = (gridCode: string, o: Record<string, unknown> = {}) => ({
  gridCode,
  name: '好又多便利店',
  kind: 'shop',
  address: '北街 12 号',
  responsibleName: '刘明',
  responsiblePhone: '13600001234',
  ...o,
})

describe('venues', () => {
  it('registers a venue with a checked credit code, the phone masked; a bad or taken code writes nothing', async () => {
    const p = await place()
    const code = creditCode()
    const r = await api(p.worker, 'POST', '/venues', venueBody(p.grid.code, { creditCode: code, keyTypes: ['fire'] }))
    expect(r.statusCode, r.body).toBe(201)
    expect(r.json<Venue>()).toMatchObject({ creditCode: code, responsiblePhone: '136****1234', keyTypeNames: ['消防重点'], status: 'open', allowedActions: ['update', 'close'] })
    const before = await snapshot()
    const bad = await api(p.worker, 'POST', '/venues', venueBody(p.grid.code, { creditCode: `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}` }))
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'INVALID_CREDIT_CODE', message: expect.stringContaining('校验位') })
    expect((await api(p.worker, 'POST', '/venues', venueBody(p.grid.code, { creditCode: code }))).statusCode).toBe(409)
    expect((await api(p.worker, 'POST', '/venues', venueBody(p.grid.code, { kind: 'smallVenue' }))).statusCode).toBe(400)
    const other = await buildGrid(t)
    expect((await api(p.worker, 'POST', '/venues', venueBody(other.code))).statusCode).toBe(400)
    expect(await snapshot()).toEqual(before)

    // the full phone only to staff who may see it, each reveal audited
    const id = r.json<Venue>().id
    expect((await api(p.worker, 'POST', `/venues/${id}/reveal`, { field: 'responsiblePhone' })).json()).toEqual({ field: 'responsiblePhone', value: '13600001234' })
    expect((await api(await buildPlaceAccount(t, { code: '520423002' }, 'street'), 'POST', `/venues/${id}/reveal`, { field: 'responsiblePhone' })).statusCode).toBe(403)
    const reveals = rowsOf<{ detail: unknown }>(await t.database.db.execute(sql`select detail from audit_log where action = 'venue.reveal' and entity_id = ${id}`))
    expect(reveals).toEqual([{ detail: { field: 'responsiblePhone' } }])
  })

  it('filters by kind, 九小 type, key type and text; other places and roles see nothing', async () => {
    const p = await place()
    await api(p.community, 'POST', '/venues', venueBody(p.grid.code, { name: '老街网吧', kind: 'smallVenue', smallVenueType: 'internetCafe', keyTypes: ['security'] }))
    await api(p.community, 'POST', '/venues', venueBody(p.grid.code, { name: '川味小馆', kind: 'restaurant', address: '南门路 3 号' }))
    const names = async (q: string) => (await api(p.community, 'GET', `/venues?place=${p.grid.code}&${q}`)).json<PageOf<Venue>>().items.map((v) => v.name)
    expect(await names('kind=smallVenue')).toEqual(['老街网吧'])
    expect(await names('smallVenueType=internetCafe')).toEqual(['老街网吧'])
    expect(await names('keyType=security')).toEqual(['老街网吧'])
    expect(await names(`q=${encodeURIComponent('南门')}`)).toEqual(['川味小馆'])
    const v = (await api(p.community, 'GET', `/venues?place=${p.grid.code}&kind=restaurant`)).json<PageOf<Venue>>().items[0]!
    const stranger = await buildGridWorker(t, await buildGrid(t))
    expect((await api(stranger, 'GET', `/venues/${v.id}`)).statusCode).toBe(404)
    expect((await api(stranger, 'GET', `/venues?place=${p.grid.code}`)).statusCode).toBe(404)
    const resident = await buildAccount(t, { role: 'resident', scope: p.grid.path })
    expect((await api(resident, 'GET', '/venues')).statusCode).toBe(403)
  })

  it('updates with its version and closes once (422 after); a visit closes one through its register update', async () => {
    const p = await place()
    const v = (await api(p.worker, 'POST', '/venues', venueBody(p.grid.code))).json<Venue>()
    const u = await api(p.worker, 'PATCH', `/venues/${v.id}`, { version: v.version, responsiblePhone: '13600009999', employees: 4 })
    expect(u.json<Venue>()).toMatchObject({ responsiblePhone: '136****9999', employees: 4, version: 2 })
    expect((await api(p.worker, 'PATCH', `/venues/${v.id}`, { version: 1, employees: 5 })).statusCode).toBe(409)
    const c = await api(p.worker, 'POST', `/venues/${v.id}/close`, { version: 2, date: '2026-11-20' })
    expect(c.json<Venue>()).toMatchObject({ status: 'closed', closedAt: '2026-11-20', allowedActions: ['update'] })
    expect((await api(p.worker, 'POST', `/venues/${v.id}/close`, { version: 3, date: '2026-11-21' })).json().code).toBe('VENUE_CLOSED')

    const w = (await api(p.worker, 'POST', '/venues', venueBody(p.grid.code, { name: '街角理发店' }))).json<Venue>()
    const ctx = makeCtx(t.deps, (await loadActorByUsername(t.database.db, p.worker.username))!, null)
    const s = await inTransaction(ctx, (tx) => venueRegisterUpdates[0].apply({ ...ctx, db: tx }, { type: 'venue', id: Number(w.id) }, { date: '2026-11-22', note: '已搬走' }))
    expect(s.summary).toBe('街角理发店已于 2026-11-22 停业/注销')
    expect((await api(p.worker, 'GET', `/venues/${w.id}`)).json<Venue>().status).toBe('closed')
  })
})

async function xlsx(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('单位场所')
  ws.addRow(headers)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
async function dryRun(a: BuiltAccount, data: Buffer) {
  const boundary = `----yw${randomBytes(8).toString('hex')}`
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="v.xlsx"\r\ncontent-type: application/octet-stream\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const r = await t.request(a.token, 'POST', '/api/v1/imports/venues/dry-run', body, { 'content-type': `multipart/form-data; boundary=${boundary}` })
  expect(r.statusCode, r.body).toBe(200)
  return r.json<DryRunResult>()
}

describe('import and export', () => {
  it('reports a faulty sheet row by row, imports the fixed one, and a second import changes nothing', async () => {
    const p = await place()
    const headers = ['名称', '类别', '九小场所类型', '重点类型', '地址', '网格', '信用代码', '负责人', '电话']
    const code = creditCode()
    const before = await count('venue')
    const bad = await dryRun(p.community, await xlsx(headers, [
      ['平安旅社', '九小场所', '小旅馆', '治安重点、消防重点', '北街 20 号', p.grid.name, code, '陈红', '13500001111'],
      ['无类型网吧', '九小场所', '', '', '北街 21 号', p.grid.code, '', '李强', ''],
      ['错码公司', '企业', '', '', '北街 22 号', p.grid.code, `${code.slice(0, 17)}Z`, '王五', ''],
      ['远方商店', '商铺', '', '', '北街 23 号', '不存在的网格', '', '赵六', ''],
      ['重点不明', '商铺', '', '很重要', '北街 24 号', p.grid.code, '', '钱七', ''],
    ]))
    expect(bad.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '九小场所类型'],
      [4, '信用代码'],
      [5, '网格'],
      [6, '重点类型'],
    ])
    expect((await t.request(p.community.token, 'POST', `/api/v1/imports/venues/${bad.importId}/commit`, {})).statusCode).toBe(422)
    expect(await count('venue')).toBe(before)
    const sheet = await xlsx(headers, [
      ['平安旅社', '九小场所', '小旅馆', '治安重点、消防重点', '北街 20 号', p.grid.name, code, '陈红', '13500001111'],
      ['兴旺超市', '商铺', '', '', '北街 21 号', p.grid.code, '', '李强', ''],
    ])
    const d1 = await dryRun(p.community, sheet)
    expect((await t.request(p.community.token, 'POST', `/api/v1/imports/venues/${d1.importId}/commit`, {})).json<CommitResult>()).toMatchObject({ inserted: 2 })
    const d2 = await dryRun(p.community, sheet)
    expect((await t.request(p.community.token, 'POST', `/api/v1/imports/venues/${d2.importId}/commit`, {})).json<CommitResult>()).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 })
    const hotel = (await api(p.community, 'GET', `/venues?place=${p.grid.code}&smallVenueType=hotel`)).json<PageOf<Venue>>().items
    expect(hotel.map((v) => [v.name, v.keyTypes.sort(), v.responsiblePhone])).toEqual([['平安旅社', ['fire', 'security'], '135****1111']])
  })

  it('exports the filtered venues with a watermark, names masked for the street, and audits it', async () => {
    const p = await place()
    await api(p.community, 'POST', '/venues', venueBody(p.grid.code, { name: '导出测试店', responsibleName: '欧阳娜娜' }))
    const street = await buildPlaceAccount(t, { code: '520423002' }, 'street')
    const r = await api(street, 'GET', `/exports/venues?place=${p.grid.code}`)
    expect(r.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    expect(String(ws.getRow(2).getCell(1).value)).toContain('导出人：')
    expect(ws.getRow(4).getCell(1).value).toBe('导出测试店')
    expect(ws.getRow(4).getCell(8).value).toBe('欧***')
    expect(ws.getRow(4).getCell(9).value).toBe('136****1234')
    const audit = rowsOf<{ detail: { filter: unknown } }>(await t.database.db.execute(sql`select detail from audit_log where action = 'venue.export'`))
    expect(audit.map((a) => a.detail.filter)).toEqual([{ place: p.grid.code }])
  })
})

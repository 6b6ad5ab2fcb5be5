import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t.close())

async function workbook(body: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(body as unknown as ArrayBuffer)
  return wb.worksheets[0]!
}

describe('exports', () => {
  it('streams the filtered appeal list with a watermark line, masked for the role, and audits it', async () => {
    const sq = await t.login('bj_sq')
    const list = (await t.request(sq, 'GET', '/api/v1/appeals?place=520423002013001&withTotal=true&limit=100')).json()
    const r = await t.request(sq, 'GET', '/api/v1/exports/appeals?place=520423002013001')
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200)
    expect(r.headers['content-type']).toContain('spreadsheetml')
    expect(String(r.headers['content-disposition'])).toContain("filename*=UTF-8''")
    const ws = await workbook(r.rawPayload)
    expect(String(ws.getRow(1).getCell(1).value)).toBe('诉求列表')
    const mark = String(ws.getRow(2).getCell(1).value)
    expect(mark).toContain('导出人：张涛（社区 · 北街社区）')
    expect(mark).toContain('导出时间：2026-11-23 09:30')
    expect(ws.getRow(3).getCell(1).value).toBe('编号')
    expect(ws.rowCount - 3).toBe(list.total)
    const phones = [] as string[]
    ws.eachRow((row, n) => {
      const v = row.getCell(11).value
      if (n > 3 && v) phones.push(String(v))
    })
    for (const p of phones) expect(p).toMatch(/^1[0-9]{2}\*{4}[0-9]{4}$/)
    const audit = await t.request(await t.login('auditadmin'), 'GET', '/api/v1/audit-logs?action=appeal.export')
    expect(audit.json().items[0].detail.filter).toEqual({ place: '520423002013001' })
  })

  it('masks contact names for roles that may not see them', async () => {
    const street = await t.login('hc_jd')
    const r = await t.request(street, 'GET', '/api/v1/exports/appeals?place=520423002013&status=closed')
    const ws = await workbook(r.rawPayload)
    ws.eachRow((row, n) => {
      const name = String(row.getCell(10).value ?? '')
      if (n > 3 && name) expect(name).toMatch(/^.\*+$/)
    })
  })

  it('refuses what the list refuses, before any file starts', async () => {
    const admin = await t.login('sysadmin')
    expect((await t.request(admin, 'GET', '/api/v1/exports/appeals')).statusCode).toBe(403)
    expect((await t.request(null, 'GET', '/api/v1/exports/appeals')).statusCode).toBe(401)
  })

  it('exports a chart table with the watermark', async () => {
    const sq = await t.login('bj_sq')
    const r = await t.request(sq, 'POST', '/api/v1/exports/table', {
      title: '解决层级',
      note: '北街社区 2026-11-01 至 2026-11-30',
      columns: [
        { key: 'level', header: '层级' },
        { key: 'count', header: '件数' },
      ],
      rows: [
        { level: '网格', count: 12 },
        { level: '社区', count: 3 },
      ],
    })
    expect(r.statusCode).toBe(200)
    const ws = await workbook(r.rawPayload)
    expect(String(ws.getRow(2).getCell(1).value)).toContain('北街社区 2026-11-01')
    expect(ws.getRow(5).getCell(2).value).toBe(3)
  })
})

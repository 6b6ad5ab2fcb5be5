/** The row count a background dry run shows progress against, read from the .xlsx without parsing it. */
import ExcelJS from 'exceljs'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parseCell, type ImportColumn } from './import'
import { countSheetRows } from './sheet-rows'

describe('countSheetRows', () => {
  it('counts the first worksheet\'s rows of a workbook and of a streamed one (header included)', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('人口台账')
    ws.addRow(['姓名', '证件号码'])
    for (let i = 0; i < 2500; i++) ws.addRow([`居民${i}`, String(i)])
    wb.addWorksheet('填写说明').addRow(['说明'])
    expect(await countSheetRows(Buffer.from(await wb.xlsx.writeBuffer()))).toBe(2501)

    const out = new PassThrough()
    const chunks: Buffer[] = []
    out.on('data', (c: Buffer) => chunks.push(c))
    const done = new Promise((r) => out.on('end', r))
    const sw = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out })
    const s = sw.addWorksheet('x')
    for (let i = 0; i < 40_000; i++) s.addRow([`row ${i}`, i]).commit()
    s.commit()
    await sw.commit()
    await done
    expect(await countSheetRows(Buffer.concat(chunks))).toBe(40_000)
  })

  it('is null for what is not laid out as an .xlsx', async () => {
    expect(await countSheetRows(Buffer.from('not a zip'))).toBeNull()
    expect(await countSheetRows(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]))).toBeNull()
  })
})

describe('code cells', () => {
  it('take the label, the code, or another spelling the option names (男 for 男性)', () => {
    const col: ImportColumn = { key: 'gender', header: '性别', type: 'code', options: [{ value: '1', label: '男性', also: ['男'] }, { value: '2', label: '女性', also: ['女'] }] }
    expect(parseCell(col, '男性')).toEqual({ value: '1' })
    expect(parseCell(col, '2')).toEqual({ value: '2' })
    expect(parseCell(col, ' 女 ')).toEqual({ value: '2' })
    expect(parseCell(col, '男士')).toMatchObject({ error: expect.stringContaining('「男士」不是可选的性别') })
  })
})

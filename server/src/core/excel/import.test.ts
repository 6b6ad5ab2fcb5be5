/** Reading cells and headers of an imported sheet: pure logic, no database. */
import { describe, expect, it } from 'vitest'
import { makeIdNumber } from '../../lib/id-number'
import { cellValue, normalizeHeader, parseCell, type ImportColumn } from './import'

const col = (type: ImportColumn['type'], extra: Partial<ImportColumn> = {}): ImportColumn => ({ key: 'k', header: '列', type, ...extra })
const value = (c: ImportColumn, raw: string | number | Date | null) => {
  const r = parseCell(c, raw)
  return 'value' in r ? r.value : `ERR ${r.error}`
}

describe('parseCell', () => {
  it('required and empty', () => {
    expect(value(col('text', { required: true }), null)).toBe('ERR 列未填写（必填）')
    expect(value(col('text', { required: true }), '   ')).toBe('ERR 列未填写（必填）')
    expect(value(col('text'), null)).toBeNull()
  })

  it('text is trimmed and bounded', () => {
    expect(value(col('text'), '  王芳 ')).toBe('王芳')
    expect(value(col('text', { maxLength: 3 }), '四个字儿')).toBe('ERR 列不能超过 3 个字')
  })

  it('a code by its label or its value, anything else refused with the choices', () => {
    const c = col('code', { options: [{ value: 'volunteer', label: '志愿服务员' }, { value: 'civility', label: '文明引导员' }] })
    expect(value(c, '志愿服务员')).toBe('volunteer')
    expect(value(c, 'civility')).toBe('civility')
    expect(value(c, '网格员')).toBe('ERR 「网格员」不是可选的列（可选：志愿服务员、文明引导员），请从下拉列表中选择')
  })

  it('dates from a date cell, an Excel serial number or the ways people type them', () => {
    const c = col('date')
    expect(value(c, new Date(Date.UTC(2026, 10, 23)))).toBe('2026-11-23')
    expect(value(c, 46349)).toBe('2026-11-23')
    expect(value(c, '2026/11/3')).toBe('2026-11-03')
    expect(value(c, '2026年11月23日')).toBe('2026-11-23')
    expect(value(c, '2026-02-30')).toBe('ERR 列不是有效日期（例如 2026-11-23）')
  })

  it('integers and phones', () => {
    expect(value(col('integer'), 12)).toBe(12)
    expect(value(col('integer'), '1,200')).toBe(1200)
    expect(value(col('integer'), '1.5')).toBe('ERR 列应为整数')
    expect(value(col('phone'), 13985010001)).toBe('13985010001')
    expect(value(col('phone'), '139 8501 0001')).toBe('13985010001')
    expect(value(col('phone'), '0851-3222111')).toBe('08513222111')
    expect(String(value(col('phone'), '1398501'))).toMatch(/^ERR 列格式不正确/)
  })

  it('ID numbers: the check digit, the birth date, and a number cell that lost its digits', () => {
    const id = makeIdNumber('520423', '19850312', 901)
    expect(value(col('idNumber'), id.toLowerCase())).toBe(id)
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1')
    expect(value(col('idNumber'), wrong)).toBe('ERR 列校验位不正确，请核对（GB 11643）')
    expect(value(col('idNumber'), '520423198502301234')).toBe('ERR 列中的出生日期不正确')
    expect(value(col('idNumber'), '52042319850312')).toBe('ERR 列应为 18 位（最后一位可以是 X）')
    expect(String(value(col('idNumber'), 520423198503129000))).toMatch(/后几位已丢失/)
  })

  it('place codes of the right lengths, or names', () => {
    expect(value(col('placeCode'), 520423002013)).toBe('520423002013')
    expect(value(col('placeCode'), '北街社区')).toBe('北街社区')
    expect(value(col('placeCode'), '5204230020')).toBe('ERR 列代码应为 6、9、12 或 15 位数字')
  })
})

describe('cells and headers', () => {
  it('rich text, formulas and hyperlinks give their text', () => {
    expect(cellValue({ richText: [{ text: '王' }, { text: '芳' }] })).toBe('王芳')
    expect(cellValue({ formula: 'A1', result: 3 })).toBe(3)
    expect(cellValue({ text: '链接', hyperlink: 'http://x' })).toBe('链接')
    expect(cellValue('  ')).toBeNull()
  })

  it('headers compare without spaces, required marks and notes in brackets', () => {
    expect(normalizeHeader(' 姓名* ')).toBe('姓名')
    expect(normalizeHeader('手机号（必填）')).toBe('手机号')
    expect(normalizeHeader('身份证号(18位)')).toBe('身份证号')
  })
})

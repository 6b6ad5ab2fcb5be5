import { describe, expect, it } from 'vitest'
import { chineseNumber } from './chinese-number'

describe('chineseNumber', () => {
  it.each([
    [0, '零'],
    [1, '一'],
    [7, '七'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [27, '二十七'],
    [99, '九十九'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [115, '一百一十五'],
    [999, '九百九十九'],
  ])('%i → %s', (n, zh) => {
    expect(chineseNumber(n)).toBe(zh)
  })

  it('leaves what it cannot say in Arabic numerals', () => {
    expect(chineseNumber(1000)).toBe('1000')
    expect(chineseNumber(-1)).toBe('-1')
    expect(chineseNumber(1.5)).toBe('1.5')
  })
})

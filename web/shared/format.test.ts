import { describe, expect, it } from 'vitest'
import { addDays, deadlineState, durationText, formatTime, percent, shortAddress } from './format'

describe('formatting for people', () => {
  it('says deadlines in words, never colour alone', () => {
    const now = Date.parse('2026-11-23T09:00:00+08:00')
    expect(deadlineState('2026-11-23T12:00:00+08:00', now)).toMatchObject({ level: 'soon', text: '还剩 3 小时' })
    expect(deadlineState('2026-11-26T09:00:00+08:00', now)).toMatchObject({ level: 'ok', text: '还剩 3 天' })
    expect(deadlineState('2026-11-22T09:00:00+08:00', now)).toMatchObject({ level: 'overdue', text: '已超期 1 天' })
    expect(deadlineState('2026-11-23T08:35:00+08:00', now)).toMatchObject({ level: 'overdue', text: '已超期 25 分钟' })
  })
  it('keeps the two largest units of a duration', () => {
    expect(durationText(((26 * 60 + 5) * 60_000))).toBe('1 天 2 小时')
    expect(durationText(90 * 60_000)).toBe('1 小时 30 分钟')
    expect(durationText(10_000)).toBe('1 分钟')
  })
  it('shows times and dates in Beijing time', () => {
    expect(formatTime('2026-11-23T01:30:00Z')).toBe('2026-11-23 09:30')
    expect(formatTime(null)).toBe('—')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(percent(0.875)).toBe('87.5%')
    expect(percent(null)).toBe('—')
  })
  it('shortens an address to what follows the community', () => {
    expect(shortAddress('镇宁自治县环翠街道北街社区龙城印象8栋1单元302')).toBe('龙城印象8栋1单元302')
    expect(shortAddress('镇宁自治县丁旗镇丁旗村3组12号')).toBe('3组12号')
    expect(shortAddress('北街社区')).toBe('北街社区')
    expect(shortAddress(null)).toBe('—')
  })
})

/** Asia/Shanghai day arithmetic: days start at 00:00 +08:00 whatever the server's own zone. */
import { describe, expect, it } from 'vitest'
import { addDays, isoOrNull, isoShanghai, shanghaiDate, shanghaiDayStart, weekday } from './time'

describe('Shanghai time', () => {
  it('formats instants as ISO 8601 with +08:00', () => {
    expect(isoShanghai(new Date('2026-11-23T01:30:00.123Z'))).toBe('2026-11-23T09:30:00.123+08:00')
    expect(isoShanghai(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00.000+08:00')
    expect(isoOrNull(null)).toBeNull()
    expect(isoOrNull(undefined)).toBeNull()
  })

  it('the Shanghai day turns at 16:00 UTC', () => {
    expect(shanghaiDate(new Date('2026-11-23T15:59:59.999Z'))).toBe('2026-11-23')
    expect(shanghaiDate(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24')
    expect(shanghaiDayStart('2026-11-24').toISOString()).toBe('2026-11-23T16:00:00.000Z')
    expect(shanghaiDate(shanghaiDayStart('2026-03-01'))).toBe('2026-03-01')
  })

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it('knows the weekday of a date', () => {
    expect(weekday('2026-11-23')).toBe(1) // Monday
    expect(weekday('2026-02-14')).toBe(6) // Saturday (a 调休 make-up day)
    expect(weekday('2026-02-15')).toBe(0) // Sunday
  })

  it('round-trips: an instant formatted in Shanghai parses back to itself', () => {
    const d = new Date('2026-06-30T23:59:59.999Z')
    expect(new Date(isoShanghai(d)).getTime()).toBe(d.getTime())
  })
})

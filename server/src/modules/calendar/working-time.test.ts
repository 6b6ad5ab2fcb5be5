/**
 * Working-time arithmetic (DOMAIN §3.3, §6) against the real 2026 State Council calendar from
 * chinese-days: holidays are off, 调休 make-up Saturdays are on, working hours are 09:00–17:30
 * Asia/Shanghai and "N working days" is N × 510 working minutes.
 */
import { describe, expect, it } from 'vitest'
import { chineseDaysEntries } from './chinese-days'
import { addLimit, addWorkingMinutes, isWorkday, makeCalendar, workdayMinutes, workingMinutesBetween } from '../../lib/working-time'

const entries = chineseDaysEntries()
const cal = makeCalendar(entries.map((e) => [e.day, e.isWorkday] as const))
/** Shanghai wall-clock time → instant */
const at = (local: string) => new Date(`${local}+08:00`)

describe('the chinese-days calendar for 2026', () => {
  const of = (day: string) => entries.filter((e) => e.day === day)

  it('holds the Spring Festival holiday 2026-02-15..23 as days off', () => {
    for (let d = 15; d <= 23; d++) {
      expect(of(`2026-02-${d}`), `2026-02-${d}`).toEqual([{ day: `2026-02-${d}`, isWorkday: false, name: '春节' }])
    }
    expect(of('2026-02-24')).toEqual([])
  })

  it('holds the two 调休 make-up Saturdays of the Spring Festival as working days', () => {
    expect(of('2026-02-14')).toEqual([{ day: '2026-02-14', isWorkday: true, name: '春节调休上班' }])
    expect(of('2026-02-28')).toEqual([{ day: '2026-02-28', isWorkday: true, name: '春节调休上班' }])
  })

  it('holds the other 2026 holidays and make-up days', () => {
    const y2026 = entries.filter((e) => e.day.startsWith('2026-'))
    const off = y2026.filter((e) => !e.isWorkday).map((e) => e.day)
    const on = y2026.filter((e) => e.isWorkday).map((e) => e.day)
    expect(off).toEqual(expect.arrayContaining(['2026-01-01', '2026-04-05', '2026-05-01', '2026-05-05', '2026-06-19', '2026-09-25']))
    for (let d = 1; d <= 7; d++) expect(off).toContain(`2026-10-0${d}`)
    expect(on).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
    expect(of('2026-10-01')[0]!.name).toBe('国庆节')
  })

  it('lists each day once, in order', () => {
    const days = entries.map((e) => e.day)
    expect(new Set(days).size).toBe(days.length)
    expect([...days].sort()).toEqual(days)
  })
})

describe('isWorkday', () => {
  it('follows the calendar around the Spring Festival', () => {
    expect(isWorkday(cal, '2026-02-13')).toBe(true) // Friday
    expect(isWorkday(cal, '2026-02-14')).toBe(true) // make-up Saturday
    expect(isWorkday(cal, '2026-02-16')).toBe(false) // Monday in the holiday
    expect(isWorkday(cal, '2026-02-23')).toBe(false) // last holiday, a Monday
    expect(isWorkday(cal, '2026-02-24')).toBe(true)
    expect(isWorkday(cal, '2026-02-28')).toBe(true) // make-up Saturday
    expect(isWorkday(cal, '2026-03-01')).toBe(false) // ordinary Sunday
    expect(isWorkday(cal, '2026-11-28')).toBe(false) // ordinary Saturday
  })

  it('an exception the admin adds overrides Monday–Friday', () => {
    const c = makeCalendar([['2026-11-25', false], ['2026-11-28', true]])
    expect(isWorkday(c, '2026-11-25')).toBe(false)
    expect(isWorkday(c, '2026-11-28')).toBe(true)
    expect(isWorkday(c, '2026-11-26')).toBe(true)
  })
})

describe('a Friday-afternoon appeal across the 2026 Spring Festival', () => {
  // Friday 2026-02-13 16:00: 1 h 30 min left that day, then the make-up Saturday, then nine days off.
  const friday = at('2026-02-13T16:00:00')

  it.each([
    [1, '2026-02-14T16:00:00'], // the make-up Saturday counts
    [3, '2026-02-25T16:00:00'], // Sat 14, Tue 24, Wed 25: the holiday weekdays 16–20 and 23 do not
    [5, '2026-02-27T16:00:00'],
    [15, '2026-03-12T16:00:00'], // Sat 14, 24–28 (Sat 28 is a make-up day), Mar 2–6, 9–12
  ])('%i working days end at %s', (days, due) => {
    expect(addLimit(cal, friday, { amount: days, unit: 'workingDays' })).toEqual(at(due))
  })

  it('the sixth working day is the make-up Saturday 2026-02-28', () => {
    expect(addLimit(cal, friday, { amount: 6, unit: 'workingDays' })).toEqual(at('2026-02-28T16:00:00'))
  })

  it('working hours skip the nine holiday days', () => {
    // 30 min on Friday, the make-up Saturday (8 h 30), then Tuesday 24th.
    expect(addLimit(cal, at('2026-02-13T17:00:00'), { amount: 2, unit: 'workingHours' })).toEqual(at('2026-02-14T10:30:00'))
    expect(addLimit(cal, at('2026-02-14T17:00:00'), { amount: 1, unit: 'workingHours' })).toEqual(at('2026-02-24T09:30:00'))
  })

  it('an appeal raised during the holiday starts counting on the first working day after it', () => {
    expect(addLimit(cal, at('2026-02-18T11:00:00'), { amount: 1, unit: 'workingDays' })).toEqual(at('2026-02-24T17:30:00'))
  })

  it('calendar-time limits ignore the holiday', () => {
    expect(addLimit(cal, friday, { amount: 24, unit: 'hours' })).toEqual(at('2026-02-14T16:00:00'))
    expect(addLimit(cal, at('2026-02-17T03:00:00'), { amount: 30, unit: 'minutes' })).toEqual(at('2026-02-17T03:30:00'))
    expect(addLimit(cal, friday, { amount: 7, unit: 'days' })).toEqual(at('2026-02-20T16:00:00'))
  })
})

describe('ordinary weeks', () => {
  it('one working day is 510 minutes (09:00–17:30)', () => {
    expect(workdayMinutes(cal)).toBe(510)
    // From the opening of a Monday, one working day ends at that day's close.
    expect(addLimit(cal, at('2026-11-23T09:00:00'), { amount: 1, unit: 'workingDays' })).toEqual(at('2026-11-23T17:30:00'))
    // Friday 16:00 + 1 working day: 90 minutes on Friday, 420 on Monday → Monday 16:00.
    expect(addLimit(cal, at('2026-11-27T16:00:00'), { amount: 1, unit: 'workingDays' })).toEqual(at('2026-11-30T16:00:00'))
  })

  it('before opening, counting starts at 09:00', () => {
    expect(addWorkingMinutes(cal, at('2026-11-23T07:00:00'), 60)).toEqual(at('2026-11-23T10:00:00'))
  })

  it('after closing, counting starts at 09:00 the next working day', () => {
    expect(addWorkingMinutes(cal, at('2026-11-23T18:00:00'), 60)).toEqual(at('2026-11-24T10:00:00'))
    expect(addWorkingMinutes(cal, at('2026-11-23T17:30:00'), 1)).toEqual(at('2026-11-24T09:01:00'))
  })

  it('uses Shanghai days, not UTC days, on either side of midnight', () => {
    // 23:30 Monday in Shanghai is 15:30 UTC the same day; 00:30 Tuesday is 16:30 UTC on Monday.
    expect(addWorkingMinutes(cal, at('2026-11-23T23:30:00'), 60)).toEqual(at('2026-11-24T10:00:00'))
    expect(addWorkingMinutes(cal, at('2026-11-24T00:30:00'), 60)).toEqual(at('2026-11-24T10:00:00'))
    expect(addWorkingMinutes(cal, at('2026-11-24T08:59:00'), 60)).toEqual(at('2026-11-24T10:00:00'))
  })

  it('weekends are skipped', () => {
    expect(addWorkingMinutes(cal, at('2026-11-27T17:00:00'), 60)).toEqual(at('2026-11-30T09:30:00'))
    expect(addWorkingMinutes(cal, at('2026-11-28T12:00:00'), 30)).toEqual(at('2026-11-30T09:30:00'))
  })

  it('the working hours follow the calendar it was made with', () => {
    const short = makeCalendar([], 8 * 60, 12 * 60)
    expect(workdayMinutes(short)).toBe(240)
    expect(addLimit(short, at('2026-11-23T08:00:00'), { amount: 1, unit: 'workingDays' })).toEqual(at('2026-11-23T12:00:00'))
    expect(addLimit(short, at('2026-11-23T11:00:00'), { amount: 2, unit: 'workingHours' })).toEqual(at('2026-11-24T09:00:00'))
  })

  it('a limit with an unknown unit is an error, not an undefined deadline', () => {
    expect(() => addLimit(cal, at('2026-11-23T09:00:00'), { amount: 1, unit: 'fortnights' as 'days' })).toThrow(/unit/)
  })
})

describe('workingMinutesBetween', () => {
  it('counts only working time', () => {
    expect(workingMinutesBetween(cal, at('2026-11-23T09:00:00'), at('2026-11-23T17:30:00'))).toBe(510)
    expect(workingMinutesBetween(cal, at('2026-11-23T07:00:00'), at('2026-11-23T20:00:00'))).toBe(510)
    expect(workingMinutesBetween(cal, at('2026-11-27T17:00:00'), at('2026-11-30T09:30:00'))).toBe(60)
    // Friday 16:00 before the festival to Tuesday 24th 10:00: 90 + 510 (make-up Saturday) + 60.
    expect(workingMinutesBetween(cal, at('2026-02-13T16:00:00'), at('2026-02-24T10:00:00'))).toBe(660)
  })

  it('is zero for an empty or reversed interval, and inside the holiday', () => {
    const t = at('2026-11-23T10:00:00')
    expect(workingMinutesBetween(cal, t, t)).toBe(0)
    expect(workingMinutesBetween(cal, at('2026-11-24T10:00:00'), t)).toBe(0)
    expect(workingMinutesBetween(cal, at('2026-02-15T00:00:00'), at('2026-02-24T00:00:00'))).toBe(0)
  })

  it('measures back exactly what addWorkingMinutes added, from any start', () => {
    // Starts every 97 minutes across the festival fortnight (all hours, weekdays, holidays, make-up days).
    const first = at('2026-02-12T00:00:00').getTime()
    const last = at('2026-03-02T00:00:00').getTime()
    let checked = 0
    for (let t = first; t < last; t += 97 * 60_000) {
      for (const minutes of [1, 45, 510, 1234, 15 * 510]) {
        const start = new Date(t)
        const due = addWorkingMinutes(cal, start, minutes)
        expect(workingMinutesBetween(cal, start, due), `${start.toISOString()} + ${minutes}`).toBe(minutes)
        // and a deadline never lands outside working hours or on a day off
        const local = new Date(due.getTime() + 8 * 3600_000).toISOString()
        expect(isWorkday(cal, local.slice(0, 10)), local).toBe(true)
        expect(local.slice(11, 16) > '09:00' && local.slice(11, 16) <= '17:30', local).toBe(true)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(1000)
  })
})

describe('edges of the arithmetic', () => {
  it('adding no working time leaves the instant where it is, even at night or on a holiday', () => {
    for (const t of ['2026-11-28T22:00:00', '2026-02-17T03:00:00', '2026-11-23T10:00:00']) {
      expect(addWorkingMinutes(cal, at(t), 0).getTime(), t).toBe(at(t).getTime())
      expect(addWorkingMinutes(cal, at(t), -5).getTime(), t).toBe(at(t).getTime())
    }
  })

  it('no working time between an instant and itself or an earlier one', () => {
    expect(workingMinutesBetween(cal, at('2026-11-23T10:00:00'), at('2026-11-23T10:00:00'))).toBe(0)
    expect(workingMinutesBetween(cal, at('2026-11-23T15:00:00'), at('2026-11-23T10:00:00'))).toBe(0)
    expect(workingMinutesBetween(cal, at('2026-11-23T10:00:00'), at('2026-11-23T10:01:00'))).toBe(1)
  })

  it('a calendar with no working day at all fails loudly instead of looping for ever', () => {
    const days: [string, boolean][] = []
    for (let d = new Date(Date.UTC(2026, 0, 1)); d.getUTCFullYear() < 2047; d = new Date(d.getTime() + 86_400_000)) {
      days.push([d.toISOString().slice(0, 10), false])
    }
    const never = makeCalendar(days)
    expect(() => addWorkingMinutes(never, at('2026-11-23T10:00:00'), 1)).toThrow('working calendar has no working time in 20 years')
  })
})

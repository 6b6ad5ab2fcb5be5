/**
 * The limits of DOMAIN §3.3 as a table (response, resolve, verify, reply by colour; auto-close) and how a
 * category's override replaces one kind only; due times on the plain Monday–Friday calendar; and the
 * timed steps: due, the 70% warning and the red card at twice the limit, moved by an extension.
 */
import { describe, expect, it } from 'vitest'
import { AUTO_CLOSE_LIMIT, DEFAULT_LIMITS, dueAt, limitFor } from './deadlines'
import { limitUntil, OVERDUE_NAMES, STEP_NAMES, STEPS, stepTimes, WARNING_SHARE } from './steps'
import { makeCalendar } from '../../lib/working-time'

/** Monday–Friday, 09:00–17:30, no holidays. */
const plain = makeCalendar([])
const at = (local: string) => new Date(`${local}+08:00`)
const iso = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00')

describe('the limits by colour (DOMAIN §3.3)', () => {
  it('response: red 30 minutes, orange 2 hours (calendar time); yellow and blue 1 working day', () => {
    expect(DEFAULT_LIMITS.response).toEqual({
      red: { amount: 30, unit: 'minutes' },
      orange: { amount: 2, unit: 'hours' },
      yellow: { amount: 1, unit: 'workingDays' },
      blue: { amount: 1, unit: 'workingDays' },
    })
  })

  it('resolution: red 24 hours; orange 3, yellow 5, blue 15 working days', () => {
    expect(DEFAULT_LIMITS.resolve).toEqual({
      red: { amount: 24, unit: 'hours' },
      orange: { amount: 3, unit: 'workingDays' },
      yellow: { amount: 5, unit: 'workingDays' },
      blue: { amount: 15, unit: 'workingDays' },
    })
  })

  it('verify and reply: 1 working day whatever the colour; auto-close 7 days after the reply', () => {
    for (const kind of ['verify', 'reply'] as const) {
      for (const colour of ['red', 'orange', 'yellow', 'blue'] as const) {
        expect(DEFAULT_LIMITS[kind][colour], `${kind} ${colour}`).toEqual({ amount: 1, unit: 'workingDays' })
      }
    }
    expect(AUTO_CLOSE_LIMIT).toEqual({ amount: 7, unit: 'days' })
  })

  it('a category override replaces the limit of its own kind only', () => {
    const overrides = { resolve: { amount: 2, unit: 'workingDays' as const } }
    expect(limitFor('resolve', 'blue', overrides)).toEqual({ amount: 2, unit: 'workingDays' })
    expect(limitFor('response', 'blue', overrides)).toEqual({ amount: 1, unit: 'workingDays' })
    expect(limitFor('resolve', 'red', null)).toEqual({ amount: 24, unit: 'hours' })
    expect(limitFor('verify', 'orange', undefined)).toEqual({ amount: 1, unit: 'workingDays' })
  })

  it('due times: Monday 09:30 → red response 10:00, blue response Tuesday 09:30, blue resolution three weeks on', () => {
    const mon = at('2026-11-23T09:30:00')
    expect(iso(dueAt(plain, mon, 'response', 'red', null))).toBe('2026-11-23T10:00:00.000+08:00')
    expect(iso(dueAt(plain, mon, 'response', 'orange', null))).toBe('2026-11-23T11:30:00.000+08:00')
    expect(iso(dueAt(plain, mon, 'response', 'blue', null))).toBe('2026-11-24T09:30:00.000+08:00')
    expect(iso(dueAt(plain, mon, 'resolve', 'red', null))).toBe('2026-11-24T09:30:00.000+08:00')
    expect(iso(dueAt(plain, mon, 'resolve', 'yellow', null))).toBe('2026-11-30T09:30:00.000+08:00')
    expect(iso(dueAt(plain, mon, 'resolve', 'blue', null))).toBe('2026-12-14T09:30:00.000+08:00')
    expect(iso(dueAt(plain, mon, 'resolve', 'blue', { resolve: { amount: 4, unit: 'hours' } }))).toBe('2026-11-23T13:30:00.000+08:00')
  })
})

describe('timed steps', () => {
  it('a working-day limit: due after 1 working day, warned at 70% of its working minutes, red after 2', () => {
    // Friday 16:00 + 1 working day (510 min): 90 min on Friday, 420 on Monday → Monday 16:00
    const fri = at('2026-11-27T16:00:00')
    const s = stepTimes(plain, fri, { amount: 1, unit: 'workingDays' })
    expect(iso(s.dueAt)).toBe('2026-11-30T16:00:00.000+08:00')
    // 70% of 510 = 357 working minutes: 90 on Friday, 267 on Monday from 09:00 → 13:27
    expect(iso(s.warnAt)).toBe('2026-11-30T13:27:00.000+08:00')
    expect(iso(s.redAt)).toBe('2026-12-01T16:00:00.000+08:00')
    expect(WARNING_SHARE).toBe(0.7)
  })

  it('a calendar limit: warned at 70% of the clock time, red at twice it, nights and weekends included', () => {
    const sat = at('2026-11-28T22:00:00')
    const s = stepTimes(plain, sat, { amount: 10, unit: 'hours' })
    expect(iso(s.dueAt)).toBe('2026-11-29T08:00:00.000+08:00')
    expect(iso(s.warnAt)).toBe('2026-11-29T05:00:00.000+08:00')
    expect(iso(s.redAt)).toBe('2026-11-29T18:00:00.000+08:00')
    const m = stepTimes(plain, sat, { amount: 30, unit: 'minutes' })
    expect([iso(m.dueAt), iso(m.warnAt), iso(m.redAt)]).toEqual([
      '2026-11-28T22:30:00.000+08:00',
      '2026-11-28T22:21:00.000+08:00',
      '2026-11-28T23:00:00.000+08:00',
    ])
  })

  it('a working-hours limit is counted in working time too', () => {
    const s = stepTimes(plain, at('2026-11-23T16:30:00'), { amount: 2, unit: 'workingHours' })
    expect(iso(s.dueAt)).toBe('2026-11-24T10:00:00.000+08:00') // 60 min on Monday, 60 on Tuesday
    expect(iso(s.warnAt)).toBe('2026-11-24T09:24:00.000+08:00') // 84 working minutes
    expect(iso(s.redAt)).toBe('2026-11-24T12:00:00.000+08:00')
  })

  it('an extension of N working days moves the due time and the red card by N working days', () => {
    const mon = at('2026-11-23T09:30:00')
    const base = stepTimes(plain, mon, { amount: 5, unit: 'workingDays' })
    const ext = stepTimes(plain, mon, { amount: 5, unit: 'workingDays' }, 3)
    expect(iso(base.dueAt)).toBe('2026-11-30T09:30:00.000+08:00')
    expect(iso(ext.dueAt)).toBe('2026-12-03T09:30:00.000+08:00')
    expect(iso(base.redAt)).toBe('2026-12-07T09:30:00.000+08:00')
    expect(iso(ext.redAt)).toBe('2026-12-10T09:30:00.000+08:00')
    // 70% of the extended 8 working days (4080 min) = 2856 min = 5 days 306 min → Monday 14:36
    expect(iso(ext.warnAt)).toBe('2026-11-30T14:36:00.000+08:00')
    expect(stepTimes(plain, mon, { amount: 5, unit: 'workingDays' }, 0)).toEqual(base)
  })

  it('a report-by time becomes a limit in whole minutes, never less than one', () => {
    const start = at('2026-11-23T09:30:00')
    expect(limitUntil(start, at('2026-11-23T11:30:00'))).toEqual({ amount: 120, unit: 'minutes' })
    expect(limitUntil(start, new Date(start.getTime() + 90_000))).toEqual({ amount: 2, unit: 'minutes' })
    expect(limitUntil(start, new Date(start.getTime() + 89_000))).toEqual({ amount: 1, unit: 'minutes' })
    expect(limitUntil(start, new Date(start.getTime() + 10_000))).toEqual({ amount: 1, unit: 'minutes' })
    expect(limitUntil(start, new Date(start.getTime() - 60_000))).toEqual({ amount: 1, unit: 'minutes' })
  })

  it('names the steps and their overdue kinds as the cards say them', () => {
    expect(STEPS).toEqual(['response', 'dispatch', 'review', 'resolve', 'verify', 'reply', 'reportIn'])
    expect(STEP_NAMES).toEqual({
      response: '受理',
      dispatch: '分派',
      review: '街道审单',
      resolve: '办结',
      verify: '核查',
      reply: '答复',
      reportIn: '部门报到',
    })
    expect(OVERDUE_NAMES).toEqual({
      response: '超期未受理',
      dispatch: '超期未分派',
      review: '超期未审单',
      resolve: '超期未办结',
      verify: '超期未核查',
      reply: '超期未答复',
      reportIn: '超期未报到',
    })
  })
})

/** The hours a check-out credits: time served, capped at the activity's length, to the nearest half hour. */
import { describe, expect, it } from 'vitest'
import { creditedHours } from './signups'

const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00+08:00`)
const activity = { startsAt: at('09:00'), endsAt: at('12:00') }

describe('creditedHours', () => {
  it.each([
    ['09:00', '11:10', 2],
    ['09:00', '10:20', 1.5],
    ['09:00', '10:14', 1],
    ['09:00', '10:15', 1.5],
    ['08:10', '12:40', 3],
    ['09:00', '09:10', 0],
    ['11:00', '11:00', 0],
  ])('checked in %s, out %s → %s h', (inAt, outAt, hours) => {
    expect(creditedHours(at(inAt), at(outAt), activity)).toBe(hours)
  })
  it('never credits a negative time', () => {
    expect(creditedHours(at('10:00'), at('09:00'), activity)).toBe(0)
  })
})

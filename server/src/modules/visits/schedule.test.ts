import { describe, expect, it } from 'vitest'
import { countMonth, dueOf } from './schedule'

const ms = (day: string) => new Date(`${day}T10:00:00+08:00`).getTime()

describe('dueOf', () => {
  it('never visited: due from entry; visited: last visit + frequency; due within 3 days; overdue after', () => {
    expect(dueOf({ enteredOn: '2026-11-20', lastVisitMs: null }, 7, '2026-11-20')).toEqual({ nextDueDate: '2026-11-20', state: 'due', daysOverdue: 0 })
    expect(dueOf({ enteredOn: '2026-11-01', lastVisitMs: ms('2026-11-20') }, 7, '2026-11-23')).toEqual({ nextDueDate: '2026-11-27', state: 'ok', daysOverdue: 0 })
    expect(dueOf({ enteredOn: '2026-11-01', lastVisitMs: ms('2026-11-20') }, 7, '2026-11-24').state).toBe('due')
    expect(dueOf({ enteredOn: '2026-11-01', lastVisitMs: ms('2026-11-20') }, 7, '2026-11-30')).toEqual({ nextDueDate: '2026-11-27', state: 'overdue', daysOverdue: 3 })
  })
  it('a visit late in the Shanghai evening counts on its Shanghai day', () => {
    expect(dueOf({ enteredOn: '2026-11-01', lastVisitMs: new Date('2026-11-20T23:30:00+08:00').getTime() }, 1, '2026-11-21').nextDueDate).toBe('2026-11-21')
  })
})

describe('countMonth', () => {
  const month = { from: '2026-10-01', to: '2026-11-01', today: '2026-11-01' }
  it('walks the due days: on time, late, overdue', () => {
    expect(countMonth({ ...month, enteredOn: '2026-10-01', lastBeforeMs: null, visitDays: ['2026-10-01', '2026-10-08', '2026-10-20'], frequencyDays: 7 })).toEqual({ due: 4, onTime: 2, late: 1, overdue: 1 })
  })
  it('a due day carried in from before the month counts; several visits before a due day meet it once', () => {
    expect(countMonth({ ...month, enteredOn: '2026-01-01', lastBeforeMs: ms('2026-09-01'), visitDays: ['2026-10-10'], frequencyDays: 30 })).toEqual({ due: 1, onTime: 0, late: 1, overdue: 0 })
    expect(countMonth({ ...month, enteredOn: '2026-01-01', lastBeforeMs: ms('2026-09-28'), visitDays: ['2026-10-02', '2026-10-03'], frequencyDays: 30 })).toEqual({ due: 1, onTime: 1, late: 0, overdue: 0 })
  })
  it('a due day still ahead of today is not counted yet; one entering after the month is not due', () => {
    expect(countMonth({ ...month, today: '2026-10-15', enteredOn: '2026-10-01', lastBeforeMs: null, visitDays: ['2026-10-01'], frequencyDays: 30 })).toEqual({ due: 1, onTime: 1, late: 0, overdue: 0 })
    expect(countMonth({ ...month, enteredOn: '2026-11-05', lastBeforeMs: null, visitDays: [], frequencyDays: 7 })).toEqual({ due: 0, onTime: 0, late: 0, overdue: 0 })
  })
})

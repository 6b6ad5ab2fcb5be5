import { describe, expect, it } from 'vitest'
import type { Appeal } from '#contracts/appeals'
import { compareUrgency, currentStep, keepNewerAppeal, stagesOf, todoGroupOf } from './appeal'

const deadlines = { responseDueAt: '2026-11-23T17:30:00+08:00', dispatchDueAt: null, reviewDueAt: null, resolveDueAt: '2026-11-30T17:30:00+08:00', verifyDueAt: null, replyDueAt: null, autoCloseAt: null }

describe('what both apps say about an appeal', () => {
  it('names the running step and its due time', () => {
    expect(currentStep({ status: 'submitted', deadlines })).toEqual({ name: '受理', dueAt: deadlines.responseDueAt })
    expect(currentStep({ status: 'reopened', deadlines })).toEqual({ name: '办结', dueAt: deadlines.resolveDueAt })
    expect(currentStep({ status: 'accepted', deadlines: { ...deadlines, dispatchDueAt: '2026-11-24T09:30:00+08:00' } })).toEqual({ name: '分派', dueAt: '2026-11-24T09:30:00+08:00' })
    expect(currentStep({ status: 'street_review', deadlines: { ...deadlines, reviewDueAt: '2026-11-24T10:00:00+08:00' } })).toEqual({ name: '街道审单', dueAt: '2026-11-24T10:00:00+08:00' })
    expect(currentStep({ status: 'closed', deadlines })).toBeNull()
  })
  it('draws the stage bar for this appeal (a whistle renames the dispatch stage)', () => {
    expect(stagesOf({ status: 'accepted', leadDepartmentCode: null, events: [] })).toMatchObject({ current: 2, titles: ['点单', '收单', '分单', '办理', '核查', '答复', '评单'] })
    expect(stagesOf({ status: 'dept_assigned', leadDepartmentCode: '520423-zjj', events: [] }).titles.slice(2, 4)).toEqual(['吹哨', '报到'])
    expect(stagesOf({ status: 'closed', leadDepartmentCode: null, events: [] }).current).toBe(7)
  })
  it('groups to-dos by the first thing the caller can do, red cards and overdue first', () => {
    expect(todoGroupOf({ allowedActions: ['escalate', 'dispatch', 'reject'] })).toBe('dispatch')
    expect(todoGroupOf({ allowedActions: ['escalate'] })).toBeNull()
    const now = Date.parse('2026-11-25T09:00:00+08:00')
    const a = (card: string | null, due: string) => ({ card, status: 'in_progress' as const, deadlines: { ...deadlines, resolveDueAt: due } }) as Pick<Appeal, 'card' | 'status' | 'deadlines'>
    const list = [a(null, '2026-11-30T00:00:00+08:00'), a(null, '2026-11-24T00:00:00+08:00'), a('red', '2026-12-30T00:00:00+08:00')]
    expect([...list].sort(compareUrgency(now)).map((x) => x.card ?? x.deadlines.resolveDueAt)).toEqual(['red', '2026-11-24T00:00:00+08:00', '2026-11-30T00:00:00+08:00'])
  })
})

describe('reading an appeal while acting on it', () => {
  it('never lets an older version replace the one shown', () => {
    expect(keepNewerAppeal({ version: 5, s: 'new' }, { version: 4, s: 'old' })).toEqual({ version: 5, s: 'new' })
    expect(keepNewerAppeal({ version: 5 }, { version: 6 })).toEqual({ version: 6 })
    expect(keepNewerAppeal(undefined, { version: 1 })).toEqual({ version: 1 })
  })
})

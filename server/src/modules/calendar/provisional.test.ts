/**
 * A year the holiday package does not hold yet (2027 at this writing) is not silently Monday–Friday:
 * its statutory holidays are computed and marked provisional, deadlines computed on it say so, and the
 * system administrator is told — inbox and /healthz — from November of the year before, until the
 * official schedule is entered and confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Appeal } from '#contracts/appeals'
import type { CalendarDay } from '#contracts/calendar'
import { buildAppeal } from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'
import { createJobRunner } from '../../jobs/runner'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

const health = async (app: TestApp = t) => (await app.request(null, 'GET', '/healthz')).json<{ warnings: string[] }>()

describe('2027, before the State Council publishes it', () => {
  it('holds the statutory holidays, computed from the lunar calendar and the solar terms, each marked 暂定', async () => {
    const res = await t.request(await t.login('bj_sq'), 'GET', '/api/v1/calendar?year=2027')
    const days = res.json<{ days: CalendarDay[] }>().days
    expect(days.map((d) => [d.day, d.name, d.source, d.isWorkday])).toEqual([
      ['2027-01-01', '元旦（暂定）', 'provisional', false],
      ['2027-02-05', '春节（暂定）', 'provisional', false],
      ['2027-02-06', '春节（暂定）', 'provisional', false],
      ['2027-02-07', '春节（暂定）', 'provisional', false],
      ['2027-02-08', '春节（暂定）', 'provisional', false],
      ['2027-04-05', '清明节（暂定）', 'provisional', false],
      ['2027-05-01', '劳动节（暂定）', 'provisional', false],
      ['2027-05-02', '劳动节（暂定）', 'provisional', false],
      ['2027-06-09', '端午节（暂定）', 'provisional', false],
      ['2027-09-15', '中秋节（暂定）', 'provisional', false],
      ['2027-10-01', '国庆节（暂定）', 'provisional', false],
      ['2027-10-02', '国庆节（暂定）', 'provisional', false],
      ['2027-10-03', '国庆节（暂定）', 'provisional', false],
    ])
  })

  it('a deadline that crosses into it skips 元旦 and says, in the timeline, that it rests on a provisional calendar', async () => {
    t.clock.set('2026-12-31T10:00:00+08:00') // Thursday; 2027-01-01 is Friday
    const { appeal, gridWorker } = await buildAppeal(t, { status: 'submitted' })
    const res = await t.request(gridWorker.token, 'POST', `/api/v1/appeals/${appeal.id}/actions`, { action: 'accept', version: appeal.version })
    const a = res.json<Appeal>()
    // one working day after Thursday 10:00: not Friday (元旦), not the weekend, but Monday 10:00
    expect(a.deadlines.dispatchDueAt).toBe('2027-01-04T10:00:00.000+08:00')
    expect(a.events!.at(-1)!.fields).toMatchObject({ calendar: '时限按暂定工作日历计算（该年度国务院节假日安排尚未录入）' })
    // an action whose deadlines stay inside 2026 says nothing of the kind
    t.clock.set('2026-11-24T10:00:00+08:00')
    const other = await buildAppeal(t, { status: 'accepted' })
    expect(other.appeal.events!.at(-1)!.fields.calendar).toBeUndefined()
  })

  it('from November 2026 the system administrators are told once, in the inbox and on /healthz', async () => {
    t.clock.set('2026-10-20T10:00:00+08:00')
    expect((await health()).warnings).toEqual([])
    t.clock.set('2026-11-02T10:00:00+08:00')
    expect((await health()).warnings).toEqual([
      '2027 年工作日历为系统推算的暂定安排（仅法定节假日，无调休），请系统管理员录入国务院办公厅正式通知并确认',
    ])
    const runner = createJobRunner(t.deps)
    await runner.tick()
    await runner.tick()
    const sys = await t.login('sysadmin')
    const inbox = (await t.request(sys, 'GET', '/api/v1/notifications?limit=100')).json<{ items: { kind: string; title: string }[] }>()
    expect(inbox.items.filter((n) => n.kind === 'calendarProvisional').map((n) => n.title)).toEqual(['请录入 2027 年节假日安排'])
    // nobody else hears of it
    const community = await t.login('bj_sq')
    const theirs = (await t.request(community, 'GET', '/api/v1/notifications?limit=100')).json<{ items: { kind: string }[] }>()
    expect(theirs.items.some((n) => n.kind === 'calendarProvisional')).toBe(false)
    await runner.stop()
  })

  it('the system administrator enters the official days and confirms the year: the warning ends', async () => {
    // a county of its own: confirming 2027 here must not end the provisional year the other tests see
    const own = await createTestApp()
    try {
      own.clock.set('2026-12-10T10:00:00+08:00')
      expect((await health(own)).warnings).toHaveLength(1)
      const sys = await own.login('sysadmin')
      // the official notice: 春节 also on 初四 and a make-up Saturday
      expect((await own.request(sys, 'PUT', '/api/v1/calendar/2027-02-09', { isWorkday: false, name: '春节' })).statusCode).toBe(200)
      expect((await own.request(sys, 'PUT', '/api/v1/calendar/2027-02-20', { isWorkday: true, name: '春节调休上班' })).statusCode).toBe(200)
      expect((await own.request(await own.login('bj_sq'), 'POST', '/api/v1/calendar/years/2027/confirm')).statusCode).toBe(403)
      const res = await own.request(sys, 'POST', '/api/v1/calendar/years/2027/confirm')
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json().confirmed.map((d: CalendarDay) => d.name)).toContain('春节')
      expect((await health(own)).warnings).toEqual([])
      const days = (await own.request(sys, 'GET', '/api/v1/calendar?year=2027')).json<{ days: CalendarDay[] }>().days
      expect(days.every((d) => d.source === 'admin')).toBe(true)
      expect(days.find((d) => d.day === '2027-02-20')).toMatchObject({ isWorkday: true, name: '春节调休上班' })
    } finally {
      await own.close()
    }
  })
})

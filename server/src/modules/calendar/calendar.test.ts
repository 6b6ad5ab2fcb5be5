/**
 * The working calendar over HTTP (DOMAIN §3.3, §6): everyone logged in reads it; only the system
 * administrator changes it; every change is audited and takes effect at once for new deadlines.
 * The clock stands on Friday 2026-02-13 16:00, the last working afternoon before the Spring Festival:
 * a blue appeal (one working day to respond) raised now is due at 16:00 on the next working day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'
import { submitAppeal } from '../../../test/appeal-helpers'
import type { CalendarDay } from '#contracts/calendar'
import type { AuditLogEntry } from '#contracts/users'
import { seedReferenceData } from '../../seed/county'
import {
  buildAdmin,
  buildCast,
  buildDepartmentAccount,
  buildPlaceAccount,
  buildStreetAccount,
  FACTORY_COUNTY,
  type BuiltAccount,
} from '../../../test/factories'

type Who = 'resident' | 'worker' | 'community' | 'property' | 'street' | 'county' | 'zjj' | 'systemAdmin' | 'securityAdmin' | 'auditAdmin'
let t: TestApp
/** One of each kind of account, built in each block's database. */
let people: Record<Who, BuiltAccount>
/**
 * Each block works on a calendar of its own (a fresh copy of the database, Friday 2026-02-13 16:00,
 * the eve of the Spring Festival), so that no block depends on what another changed.
 */
function freshCalendarPerBlock(): void {
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-02-13T16:00:00+08:00' })
    const cast = await buildCast(t)
    people = {
      resident: cast.resident.account,
      worker: cast.gridWorker,
      community: cast.community,
      property: cast.property.account,
      street: await buildStreetAccount(t),
      county: await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county'),
      zjj: await buildDepartmentAccount(t, '520423-zjj'),
      systemAdmin: await buildAdmin(t, 'systemAdmin'),
      securityAdmin: await buildAdmin(t, 'securityAdmin'),
      auditAdmin: await buildAdmin(t, 'auditAdmin'),
    }
  })
  afterAll(async () => t?.close())
}

/** A fresh session of one of the people built for this block. */
const login = (who: Who) => people[who].login()

interface CalendarYear {
  year: number
  workStart: string
  workEnd: string
  days: CalendarDay[]
}

async function calendarOf(year: number, who: Who = 'resident'): Promise<CalendarYear> {
  const res = await t.request(await login(who), 'GET', `/api/v1/calendar?year=${year}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<CalendarYear>()
}

/** The response deadline of a blue appeal (邻里噪音) raised by the built resident now. */
async function responseDueNow(): Promise<string> {
  const a = await submitAppeal(t, await login('resident'), { categoryCode: 'noise.neighbour', title: '楼上噪音', description: '晚上很吵' })
  expect(a.color).toBe('blue')
  return a.deadlines.responseDueAt!
}

async function calendarAudit(): Promise<AuditLogEntry[]> {
  const res = await t.request(await login('auditAdmin'), 'GET', '/api/v1/audit-logs?entityType=calendar&limit=100')
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: AuditLogEntry[] }>().items
}

const setDay = async (token: string, day: string, body: unknown) => t.request(token, 'PUT', `/api/v1/calendar/${day}`, body)
const clearDay = async (token: string, day: string) => t.request(token, 'DELETE', `/api/v1/calendar/${day}`)

describe('reading the calendar', () => {
  freshCalendarPerBlock()

  it('lists the 2026 Spring Festival holiday and its make-up Saturdays, with the working hours', async () => {
    const cal = await calendarOf(2026)
    expect(cal.year).toBe(2026)
    expect(cal.workStart).toBe('09:00')
    expect(cal.workEnd).toBe('17:30')
    const byDay = new Map(cal.days.map((d) => [d.day, d]))
    for (let d = 15; d <= 23; d++) {
      expect(byDay.get(`2026-02-${d}`), `2026-02-${d}`).toEqual({ day: `2026-02-${d}`, isWorkday: false, name: '春节', source: 'chinese-days' })
    }
    expect(byDay.get('2026-02-14')).toEqual({ day: '2026-02-14', isWorkday: true, name: '春节调休上班', source: 'chinese-days' })
    expect(byDay.get('2026-02-28')).toEqual({ day: '2026-02-28', isWorkday: true, name: '春节调休上班', source: 'chinese-days' })
    // ordinary days are not exceptions
    expect(byDay.has('2026-02-13')).toBe(false)
    expect(byDay.has('2026-02-24')).toBe(false)
    // only that year, in order
    expect(cal.days.every((d) => d.day.startsWith('2026-'))).toBe(true)
    expect(cal.days.map((d) => d.day)).toEqual([...cal.days.map((d) => d.day)].sort())
    expect(cal.days.filter((d) => d.isWorkday).map((d) => d.day)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ])
  })

  it('any logged-in role may read it; without a session it is 401', async () => {
    for (const u of ['worker', 'property', 'zjj', 'auditAdmin', 'systemAdmin'] as const) {
      expect((await calendarOf(2026, u)).days.length).toBeGreaterThan(20)
    }
    const anon = await t.request(null, 'GET', '/api/v1/calendar?year=2026')
    expect(anon.statusCode).toBe(401)
    expect(anon.json().code).toMatch(/^[A-Z_]+$/)
  })

  it('a year the package does not cover is an empty list, not an error', async () => {
    const cal = await calendarOf(2099)
    expect(cal.days).toEqual([])
  })

  it.each(['', 'year=abc', 'year=1999', 'year=2101', 'year=2026.5', 'year=2026&x=1'])('GET /calendar?%s is 400', async (qs) => {
    const res = await t.request(await login('resident'), 'GET', `/api/v1/calendar?${qs}`)
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json().code).toMatch(/^[A-Z_]+$/)
    expect(res.body).not.toMatch(/at .*\.ts|SELECT|stack/i)
  })
})

describe('the system administrator edits the calendar, and new deadlines follow at once', () => {
  freshCalendarPerBlock()

  it('marking the make-up Saturday off moves the deadline past the holiday; restoring it moves it back', async () => {
    const admin = await login('systemAdmin')
    // Friday 16:00 + 1 working day: 90 minutes on Friday, 420 on the make-up Saturday.
    expect(await responseDueNow()).toBe('2026-02-14T16:00:00.000+08:00')

    const off = await setDay(admin, '2026-02-14', { isWorkday: false, name: '临时停止调休' })
    expect(off.statusCode, off.body).toBe(200)
    expect(off.json()).toEqual({ day: '2026-02-14', isWorkday: false, name: '临时停止调休', source: 'admin' })
    // Now the next working day after Friday is Tuesday 24th, after the nine holiday days.
    expect(await responseDueNow()).toBe('2026-02-24T16:00:00.000+08:00')
    const listed = (await calendarOf(2026)).days.find((d) => d.day === '2026-02-14')
    expect(listed).toEqual({ day: '2026-02-14', isWorkday: false, name: '临时停止调休', source: 'admin' })

    // One more day off (Tuesday 24th) pushes it to Wednesday 25th …
    const tue = await setDay(admin, '2026-02-24', { isWorkday: false })
    expect(tue.statusCode, tue.body).toBe(200)
    expect(tue.json()).toEqual({ day: '2026-02-24', isWorkday: false, name: null, source: 'admin' })
    expect(await responseDueNow()).toBe('2026-02-25T16:00:00.000+08:00')

    // … and clearing it makes Tuesday an ordinary working day again.
    const cleared = await clearDay(admin, '2026-02-24')
    expect(cleared.statusCode, cleared.body).toBe(200)
    expect(cleared.json()).toEqual({ day: '2026-02-24', isWorkday: true })
    expect(await responseDueNow()).toBe('2026-02-24T16:00:00.000+08:00')
    expect((await calendarOf(2026)).days.some((d) => d.day === '2026-02-24')).toBe(false)

    // Restoring the make-up day brings the original deadline back.
    const back = await setDay(admin, '2026-02-14', { isWorkday: true, name: '春节调休上班' })
    expect(back.statusCode, back.body).toBe(200)
    expect(await responseDueNow()).toBe('2026-02-14T16:00:00.000+08:00')
  })

  it('an appeal keeps the deadline it was given; only appeals raised after the change use the new calendar', async () => {
    const admin = await login('systemAdmin')
    const bj = await login('resident')
    const before = await submitAppeal(t, bj, { categoryCode: 'noise.neighbour', title: '楼上噪音', description: '晚上很吵' })
    expect(before.deadlines.responseDueAt).toBe('2026-02-14T16:00:00.000+08:00')
    expect((await setDay(admin, '2026-02-14', { isWorkday: false })).statusCode).toBe(200)
    const after = await submitAppeal(t, bj, { categoryCode: 'noise.neighbour', title: '楼上噪音', description: '晚上很吵' })
    expect(after.deadlines.responseDueAt).toBe('2026-02-24T16:00:00.000+08:00')
    const again = await t.request(bj, 'GET', `/api/v1/appeals/${before.id}`)
    expect(again.json().deadlines.responseDueAt).toBe('2026-02-14T16:00:00.000+08:00')
    expect((await setDay(admin, '2026-02-14', { isWorkday: true, name: '春节调休上班' })).statusCode).toBe(200)
  })

  it('clearing a day removes the exception: a cleared Saturday is a day off again', async () => {
    const admin = await login('systemAdmin')
    // A one-off make-up Sunday inside the holiday? No: make an ordinary Saturday a working day.
    const sat = await setDay(admin, '2026-03-07', { isWorkday: true, name: '加班日' })
    expect(sat.statusCode, sat.body).toBe(200)
    const cleared = await clearDay(admin, '2026-03-07')
    expect(cleared.statusCode, cleared.body).toBe(200)
    expect(cleared.json()).toEqual({ day: '2026-03-07', isWorkday: false })
    // Nothing left to clear: 404.
    const again = await clearDay(admin, '2026-03-07')
    expect(again.statusCode).toBe(404)
    expect(again.json().code).toBe('NOT_FOUND')
    expect((await clearDay(admin, '2026-03-10')).statusCode).toBe(404)
  })

  it('each change leaves an audit row the audit administrator can read, with before and after', async () => {
    const admin = await login('systemAdmin')
    // an ordinary Saturday made a working day, then cleared; a make-up Saturday of the package turned off, then back
    expect((await setDay(admin, '2026-03-21', { isWorkday: true, name: '加班日' })).statusCode).toBe(200)
    expect((await clearDay(admin, '2026-03-21')).statusCode).toBe(200)
    expect((await setDay(admin, '2026-02-28', { isWorkday: false, name: '临时停止调休' })).statusCode).toBe(200)
    expect((await setDay(admin, '2026-02-28', { isWorkday: true, name: '春节调休上班' })).statusCode).toBe(200)

    const rows = await calendarAudit()
    // newest first
    const ofDay = (day: string) => rows.filter((r) => r.entityId === day)
    const sat = ofDay('2026-03-21')
    expect(sat.map((r) => r.action)).toEqual(['calendar.clear', 'calendar.set'])
    expect(sat.every((r) => r.entityType === 'calendar' && r.actor.name === people.systemAdmin.displayName)).toBe(true)
    expect(sat[1]!.before).toBeNull()
    expect(sat[1]!.after).toMatchObject({ day: '2026-03-21', isWorkday: true, name: '加班日', source: 'admin' })
    expect(sat[0]!.before).toMatchObject({ day: '2026-03-21', isWorkday: true, source: 'admin' })

    const feb28 = ofDay('2026-02-28')
    expect(feb28.map((r) => r.action)).toEqual(['calendar.set', 'calendar.set'])
    // the first change records what chinese-days said before the admin touched it
    expect(feb28[1]!.before).toMatchObject({ day: '2026-02-28', isWorkday: true, name: '春节调休上班', source: 'chinese-days' })
    expect(feb28[1]!.after).toMatchObject({ isWorkday: false, name: '临时停止调休', source: 'admin' })
    expect(feb28[0]!.before).toMatchObject({ isWorkday: false, name: '临时停止调休', source: 'admin' })
    expect(feb28[0]!.after).toMatchObject({ isWorkday: true, name: '春节调休上班', source: 'admin' })
    expect(rows.every((r) => r.action === 'calendar.set' || r.action === 'calendar.clear')).toBe(true)
  })
})

describe('an administrator’s decision survives a restart', () => {
  freshCalendarPerBlock()

  /** What every start does: re-insert the package's days, then load the calendar. */
  async function restart(): Promise<void> {
    await seedReferenceData(t.database.db)
    await t.deps.calendar.reload(t.database.db)
  }

  it('a cleared statutory holiday stays a working day after the package is loaded again', async () => {
    const admin = await login('systemAdmin')
    // Monday 23rd, the last day of the Spring Festival holiday, becomes an ordinary Monday …
    const cleared = await clearDay(admin, '2026-02-23')
    expect(cleared.statusCode, cleared.body).toBe(200)
    expect(cleared.json()).toEqual({ day: '2026-02-23', isWorkday: true })
    // … and without the make-up Saturday, Friday's appeal is due on it.
    expect((await setDay(admin, '2026-02-14', { isWorkday: false, name: '临时停止调休' })).statusCode).toBe(200)
    expect(await responseDueNow()).toBe('2026-02-23T16:00:00.000+08:00')

    await restart()
    expect(await responseDueNow()).toBe('2026-02-23T16:00:00.000+08:00')
    const days = new Map((await calendarOf(2026)).days.map((d) => [d.day, d]))
    expect(days.get('2026-02-23')).toMatchObject({ isWorkday: true, source: 'admin' })
    expect(days.get('2026-02-14')).toEqual({ day: '2026-02-14', isWorkday: false, name: '临时停止调休', source: 'admin' })
    expect(days.get('2026-02-22')).toEqual({ day: '2026-02-22', isWorkday: false, name: '春节', source: 'chinese-days' })

    // there is nothing left to clear on that day
    expect((await clearDay(admin, '2026-02-23')).statusCode).toBe(404)
    const audit = (await calendarAudit()).filter((r) => r.entityId === '2026-02-23')
    expect(audit.map((r) => r.action)).toEqual(['calendar.clear'])
    expect(audit[0]!.before).toMatchObject({ isWorkday: false, name: '春节', source: 'chinese-days' })

    // put the festival back as it was
    expect((await setDay(admin, '2026-02-23', { isWorkday: false, name: '春节' })).statusCode).toBe(200)
    expect((await setDay(admin, '2026-02-14', { isWorkday: true, name: '春节调休上班' })).statusCode).toBe(200)
    await restart()
    expect(await responseDueNow()).toBe('2026-02-14T16:00:00.000+08:00')
  })
})

describe('no one but the system administrator may change it', () => {
  freshCalendarPerBlock()

  it.each(['securityAdmin', 'auditAdmin', 'county', 'street', 'community', 'worker', 'resident', 'zjj', 'property'] as const)(
    '%s gets 403 for PUT and DELETE, and nothing changes',
    async (username) => {
      const token = await login(username)
      const calBefore = await calendarOf(2026)
      const auditBefore = (await calendarAudit()).length
      const put = await setDay(token, '2026-02-14', { isWorkday: false, name: '越权' })
      expect(put.statusCode, put.body).toBe(403)
      expect(put.json().code).toMatch(/^[A-Z_]+$/)
      expect(put.json().message).toMatch(/[\u4e00-\u9fa5]/)
      const putNew = await setDay(token, '2026-03-09', { isWorkday: false })
      expect(putNew.statusCode, putNew.body).toBe(403)
      const del = await clearDay(token, '2026-02-16')
      expect(del.statusCode, del.body).toBe(403)
      expect(await calendarOf(2026)).toEqual(calBefore)
      expect((await calendarAudit()).length).toBe(auditBefore)
      expect(await responseDueNow()).toBe('2026-02-14T16:00:00.000+08:00')
    },
  )
})

describe('bad input', () => {
  freshCalendarPerBlock()

  const badDays = ['2026-02-30', '2026-13-01', '2026-2-14', '20260214', 'tomorrow', '2026-02-14T00:00:00', '0000-01-01', '1899-12-31', '2101-01-01', '2026-02-14%20']
  it.each(badDays)('PUT and DELETE /calendar/%s are 400, and nothing is written', async (day) => {
    const admin = await login('systemAdmin')
    const auditBefore = (await calendarAudit()).length
    const put = await setDay(admin, day, { isWorkday: false })
    expect(put.statusCode, put.body).toBe(400)
    expect(put.json().code).toMatch(/^[A-Z_]+$/)
    const del = await clearDay(admin, day)
    expect(del.statusCode, del.body).toBe(400)
    expect((await calendarAudit()).length).toBe(auditBefore)
    expect(await responseDueNow()).toBe('2026-02-14T16:00:00.000+08:00')
  })

  it('the first and last days of the years the calendar covers are accepted', async () => {
    const admin = await login('systemAdmin')
    for (const day of ['2000-01-01', '2100-12-31']) {
      expect((await setDay(admin, day, { isWorkday: true, name: '边界' })).statusCode, day).toBe(200)
      expect((await clearDay(admin, day)).statusCode, day).toBe(200)
    }
  })

  it.each<[string, unknown]>([
    ['no isWorkday', {}],
    ['isWorkday as a string', { isWorkday: 'false' }],
    ['a name too long', { isWorkday: false, name: '假'.repeat(51) }],
    ['a control character in the name', { isWorkday: false, name: 'a\u0000b' }],
    ['an unknown field', { isWorkday: false, source: 'chinese-days' }],
    ['not an object', [true]],
  ])('a body with %s is 400 and changes nothing', async (_label, body) => {
    const admin = await login('systemAdmin')
    const before = await calendarOf(2026)
    const res = await setDay(admin, '2026-03-09', body)
    expect(res.statusCode, res.body).toBe(400)
    expect(await calendarOf(2026)).toEqual(before)
    expect((await calendarAudit()).some((r) => r.entityId === '2026-03-09')).toBe(false)
  })
})

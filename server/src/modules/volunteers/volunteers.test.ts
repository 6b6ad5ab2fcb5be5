/**
 * 志愿服务 through the HTTP API: the community keeps teams (kind, leader, members) and publishes
 * activities; people sign up within the slots (the last slot goes to exactly one of two at once);
 * attendance by the organiser or with the venue's code credits the hours served; refusals write
 * nothing; the figures come out of the recorded attendance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Activity, Signup, VolunteerFigures, VolunteerTeam } from '#contracts/volunteers'
import {
  buildAdmin,
  buildCommunity,
  buildPartyMember,
  buildPlaceAccount,
  buildResident,
  buildStreetAccount,
  buildVolunteerTeam,
  buildGrid,
  type BuiltAccount,
  type BuiltPlace,
} from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
let auditAdmin: BuiltAccount

beforeAll(async () => {
  t = await createTestApp()
  auditAdmin = await buildAdmin(t, 'auditAdmin')
})
afterAll(async () => t?.close())

const HOUR = 3_600_000

/** Every account logs in again whenever the clock has moved (the idle logout is 10 minutes). */
const fresh = (a: BuiltAccount) => a.login()

/** An ISO time `h` hours from the test clock's now. */
const inHours = (h: number) => new Date(t.clock.now().getTime() + h * HOUR).toISOString()

async function publish(token: string, community: BuiltPlace, extra: Record<string, unknown> = {}): Promise<Activity> {
  const res = await t.request(token, 'POST', '/api/v1/volunteers/activities', {
    communityCode: community.code,
    title: '龙城印象小区环境清洁',
    description: '清理楼道杂物、张贴文明宣传画',
    venue: '龙城印象 1 栋楼下',
    startsAt: inHours(24),
    endsAt: inHours(27),
    slots: 2,
    kind: 'afterHours',
    ...extra,
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json<Activity>()
}

const signUp = (token: string, a: Pick<Activity, 'id'>) => t.request(token, 'POST', `/api/v1/volunteers/activities/${a.id}/signups`)
const actOn = (token: string, s: Pick<Signup, 'id' | 'version'>, action: string, fields: Record<string, unknown> = {}) =>
  t.request(token, 'POST', `/api/v1/volunteers/signups/${s.id}/actions`, { action, version: s.version, ...fields })
const byCode = (token: string, code: string, action: 'checkIn' | 'checkOut') => t.request(token, 'POST', '/api/v1/volunteers/attendance', { code, action })
const detail = async (token: string, a: Pick<Activity, 'id'>) => {
  const res = await t.request(token, 'GET', `/api/v1/volunteers/activities/${a.id}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<Activity>()
}

async function auditCount(entityType: string): Promise<number> {
  const admin = await auditAdmin.login()
  const res = await t.request(admin, 'GET', `/api/v1/audit-logs?entityType=${entityType}&limit=100`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: unknown[] }>().items.length
}

async function auditActions(entityType: string, entityId: string): Promise<string[]> {
  const admin = await auditAdmin.login()
  const res = await t.request(admin, 'GET', `/api/v1/audit-logs?entityType=${entityType}&entityId=${entityId}&limit=100`)
  return res.json<{ items: { action: string }[] }>().items.map((e) => e.action).reverse()
}

/** A community with its account and some party members. */
async function cast(members = 3) {
  const place = await buildCommunity(t)
  const community = await buildPlaceAccount(t, place, 'community')
  const people = []
  for (let i = 0; i < members; i++) people.push(await buildPartyMember(t, place))
  return { place, community, people }
}

describe('teams: the community gives a team its kind, a leader and members', () => {
  it('creates a 党员先锋队 with a leader, adds and removes members, each change audited; appeals still see the team', async () => {
    const { place, community, people } = await cast(2)
    const grid = await buildGrid(t, { community: place })
    const resident = await buildResident(t, { grid })
    const res = await t.request(community.token, 'POST', '/api/v1/volunteers/teams', {
      communityCode: place.code,
      name: '测试社区党员先锋队',
      kind: 'vanguard',
      leaderUserId: String(people[0]!.account.id),
    })
    expect(res.statusCode, res.body).toBe(201)
    let team = res.json<VolunteerTeam>()
    expect(team).toMatchObject({ kind: 'vanguard', kindName: '党员先锋队', leader: { name: people[0]!.name }, version: 1, canManage: true })
    expect(team.members.map((m) => m.name)).toEqual([people[0]!.name])

    for (const who of [people[1]!.account, resident.account]) {
      const add = await t.request(community.token, 'POST', `/api/v1/volunteers/teams/${team.id}/members`, { version: team.version, userId: String(who.id) })
      expect(add.statusCode, add.body).toBe(200)
      team = add.json<VolunteerTeam>()
    }
    expect(team.members.map((m) => m.roleName).sort()).toEqual(['党员', '党员', '居民'])
    expect(team.version).toBe(3)

    // already a member: 422, nothing changes
    const again = await t.request(community.token, 'POST', `/api/v1/volunteers/teams/${team.id}/members`, { version: team.version, userId: String(resident.account.id) })
    expect(again.statusCode).toBe(422)
    expect(again.json().code).toBe('ALREADY_TEAM_MEMBER')
    // an account of another community: 400
    const elsewhere = await cast(1)
    const stranger = await t.request(community.token, 'POST', `/api/v1/volunteers/teams/${team.id}/members`, { version: team.version, userId: String(elsewhere.people[0]!.account.id) })
    expect(stranger.statusCode).toBe(400)
    expect(stranger.json().code).toBe('UNKNOWN_ACCOUNT')
    // a stale version: 409
    expect((await t.request(community.token, 'POST', `/api/v1/volunteers/teams/${team.id}/members`, { version: 1, userId: String(elsewhere.people[0]!.account.id) })).statusCode).toBe(409)

    // removing the leader: no leader any more
    const removed = await t.request(community.token, 'DELETE', `/api/v1/volunteers/teams/${team.id}/members/${people[0]!.account.id}?version=${team.version}`)
    expect(removed.statusCode, removed.body).toBe(200)
    team = removed.json<VolunteerTeam>()
    expect(team.leader).toBeNull()
    expect(team.members).toHaveLength(2)

    expect(await auditActions('team', team.id)).toEqual(['team.create', 'team.addMember', 'team.addMember', 'team.removeMember'])
    // the register of teams (appeal dispatch) still lists it with its members
    const registry = await t.request(community.token, 'GET', `/api/v1/registry/teams?place=${place.code}`)
    expect(registry.statusCode, registry.body).toBe(200)
    expect(registry.json<{ items: { id: string; members: unknown[] }[] }>().items.find((x) => x.id === team.id)?.members).toHaveLength(2)
  })

  it('only the community keeps its teams: a member may read them, not change them; another community does not see them', async () => {
    const { place, people } = await cast(1)
    const team = await buildVolunteerTeam(t, place, { kind: 'knock', members: [people[0]!.account] })
    const list = await t.request(people[0]!.account.token, 'GET', '/api/v1/volunteers/teams')
    expect(list.json<{ items: VolunteerTeam[] }>().items.map((x) => [x.id, x.kindName, x.canManage])).toEqual([[String(team.id), '敲门队', false]])
    const change = await t.request(people[0]!.account.token, 'PATCH', `/api/v1/volunteers/teams/${team.id}`, { version: 1, name: '改名' })
    expect(change.statusCode).toBe(403)
    const other = await cast(0)
    expect((await t.request(other.community.token, 'PATCH', `/api/v1/volunteers/teams/${team.id}`, { version: 1, name: '改名' })).statusCode).toBe(404)
  })
})

describe('publishing and signing up within the slots', () => {
  it('the community publishes; people sign up until it is full; the N+1th is 422 ACTIVITY_FULL and nothing is written', async () => {
    const { place, community, people } = await cast(3)
    const a = await publish(community.token, place)
    expect(a).toMatchObject({ status: 'published', statusName: '报名中', kind: 'afterHours', kindName: '错时服务', slots: 2, slotsLeft: 2, durationHours: 3, isOrganiser: true })
    expect(a.checkInCode).toMatch(/^[0-9]{6}$/)
    expect(a.allowedActions).toEqual(['close', 'start', 'finish', 'cancel'])

    // a member sees it upcoming, may sign up, but is not shown the venue code
    const upcoming = await t.request(people[0]!.account.token, 'GET', '/api/v1/volunteers/activities?view=upcoming')
    const seen = upcoming.json<{ items: Activity[] }>().items
    expect(seen.map((x) => [x.id, x.canSignUp, x.checkInCode, x.allowedActions])).toEqual([[a.id, true, null, []]])

    for (const p of people.slice(0, 2)) {
      const res = await signUp(p.account.token, a)
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json<Signup>()).toMatchObject({ status: 'signedUp', statusName: '已报名', role: 'volunteer', allowedActions: ['cancel'] })
    }
    const before = await auditCount('volunteerSignup')
    const full = await signUp(people[2]!.account.token, a)
    expect(full.statusCode).toBe(422)
    expect(full.json()).toMatchObject({ code: 'ACTIVITY_FULL', message: '活动名额已满' })
    expect(await auditCount('volunteerSignup')).toBe(before)
    const after = await detail(community.token, a)
    expect(after.slotsLeft).toBe(0)
    expect(after.signups!.map((s) => s.user.name)).toEqual(people.slice(0, 2).map((p) => p.name))
    // signing up twice is 409
    expect((await signUp(people[0]!.account.token, a)).json().code).toBe('ALREADY_SIGNED_UP')
  })

  it('two people signing up for the last slot at once: exactly one wins', async () => {
    const { place, community, people } = await cast(3)
    const a = await publish(community.token, place, { slots: 2 })
    expect((await signUp(people[0]!.account.token, a)).statusCode).toBe(201)
    const results = await Promise.all([signUp(people[1]!.account.token, a), signUp(people[2]!.account.token, a)])
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422])
    expect(results.find((r) => r.statusCode === 422)!.json().code).toBe('ACTIVITY_FULL')
    const after = await detail(community.token, a)
    expect(after.signups).toHaveLength(2)
    expect(after.slotsLeft).toBe(0)
  })

  it('a sign-up cancelled before the start gives its slot back; after the start it cannot be cancelled', async () => {
    const { place, community, people } = await cast(2)
    const a = await publish(community.token, place, { slots: 1, startsAt: inHours(2), endsAt: inHours(4) })
    const s = (await signUp(people[0]!.account.token, a)).json<Signup>()
    const cancelled = await actOn(people[0]!.account.token, s, 'cancel')
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    expect(cancelled.json<Signup>().status).toBe('cancelled')
    expect((await detail(community.token, a)).slotsLeft).toBe(1)
    const s2 = (await signUp(people[1]!.account.token, a)).json<Signup>()
    t.clock.advance(2 * HOUR + 60_000)
    const late = await actOn(await fresh(people[1]!.account), s2, 'cancel')
    expect(late.statusCode).toBe(422)
    expect(late.json().code).toBe('SIGNUP_CANCEL_TOO_LATE')
  })

  it('a team leader publishes for their team; a member who is not the leader may not; drafts are the organiser’s alone', async () => {
    const { place, people } = await cast(2)
    const team = await buildVolunteerTeam(t, place, { kind: 'wish', leader: people[0]!.account, members: [people[1]!.account] })
    const draft = await publish(people[0]!.account.token, place, { teamId: String(team.id), publish: false })
    expect(draft).toMatchObject({ status: 'draft', team: { name: team.name, kindName: '微心愿服务队' }, allowedActions: ['publish', 'cancel'] })
    expect((await t.request(people[1]!.account.token, 'GET', `/api/v1/volunteers/activities/${draft.id}`)).statusCode).toBe(404)
    const notLeader = await t.request(people[1]!.account.token, 'POST', '/api/v1/volunteers/activities', {
      communityCode: place.code, teamId: String(team.id), title: '入户走访', venue: '社区', startsAt: inHours(1), endsAt: inHours(2), slots: 5, kind: 'fixed',
    })
    expect(notLeader.statusCode).toBe(403)
    const pub = await t.request(people[0]!.account.token, 'POST', `/api/v1/volunteers/activities/${draft.id}/actions`, { action: 'publish', version: draft.version })
    expect(pub.statusCode, pub.body).toBe(200)
    expect(pub.json<Activity>().events!.map((e) => [e.action, e.toStatus])).toEqual([['create', 'draft'], ['publish', 'published']])
    // the team's members are told
    const inbox = await t.request(people[1]!.account.token, 'GET', '/api/v1/notifications?limit=20')
    expect(inbox.json<{ items: { title: string }[] }>().items.map((n) => n.title)).toContain('新活动：龙城印象小区环境清洁')
  })

  it('预约: residents book the service; a party member cannot book it; bad times are 400', async () => {
    const { place, community, people } = await cast(1)
    const grid = await buildGrid(t, { community: place })
    const resident = await buildResident(t, { grid })
    const a = await publish(community.token, place, { kind: 'booking', title: '义诊预约', slots: 10 })
    expect(a.signupRole).toBe('resident')
    const booked = await signUp(resident.account.token, a)
    expect(booked.statusCode, booked.body).toBe(201)
    expect(booked.json<Signup>()).toMatchObject({ role: 'resident', roleName: '预约居民' })
    const member = await signUp(people[0]!.account.token, a)
    expect(member.statusCode).toBe(422)
    expect(member.json().code).toBe('SIGNUP_NOT_ALLOWED')
    const backwards = await t.request(community.token, 'POST', '/api/v1/volunteers/activities', {
      communityCode: place.code, title: '倒着的活动', venue: '社区', startsAt: inHours(5), endsAt: inHours(4), slots: 5, kind: 'fixed',
    })
    expect(backwards.statusCode).toBe(400)
    expect(backwards.json().code).toBe('INVALID_ACTIVITY_TIME')
  })
})

describe('attendance and hours', () => {
  /** An activity starting in an hour, three hours long, with `n` volunteers signed up. */
  async function signedUp(n: number) {
    const c = await cast(n)
    const a = await publish(c.community.token, c.place, { startsAt: inHours(1), endsAt: inHours(4), slots: n })
    const signups: Signup[] = []
    for (const p of c.people) signups.push((await signUp(p.account.token, a)).json<Signup>())
    return { ...c, a, signups }
  }

  it('the organiser checks a listed volunteer in and out: 2 h 10 min served is 2 hours; audited and on the timeline', async () => {
    const { community, a, signups } = await signedUp(1)
    // until check-in opens (an hour before the start) the organiser is offered no 签到, only 取消
    t.clock.advanceMinutes(-30)
    expect((await detail(await fresh(community), a)).signups![0]!.allowedActions).toEqual(['cancel'])
    t.clock.advanceMinutes(90)
    const org = await fresh(community)
    expect((await detail(org, a)).signups![0]!.allowedActions).toEqual(['checkIn'])
    const inRes = await actOn(org, signups[0]!, 'checkIn')
    expect(inRes.statusCode, inRes.body).toBe(200)
    const checkedIn = inRes.json<Signup>()
    expect(checkedIn).toMatchObject({ status: 'checkedIn', statusName: '已签到', hours: null })
    t.clock.advanceMinutes(130)
    const outRes = await actOn(await fresh(community), checkedIn, 'checkOut')
    expect(outRes.statusCode, outRes.body).toBe(200)
    const done = outRes.json<Signup>()
    expect(done).toMatchObject({ status: 'completed', statusName: '已签退', hours: 2 })
    expect(done.events!.map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['signUp', null, 'signedUp'],
      ['checkIn', 'signedUp', 'checkedIn'],
      ['checkOut', 'checkedIn', 'completed'],
    ])
    expect(done.events![2]!.fields).toEqual({ hours: 2, by: 'organiser' })
    expect(await auditActions('volunteerSignup', done.id)).toEqual(['volunteerSignup.signUp', 'volunteerSignup.checkIn', 'volunteerSignup.checkOut'])
    expect((await detail(await fresh(community), a)).signups![0]!.hours).toBe(2)
  })

  it('a volunteer checks in and out with the venue code: the hours are capped at the activity’s length; rounding to half hours', async () => {
    const { community, a, people } = await signedUp(3)
    const code = (await detail(community.token, a)).checkInCode!
    // before check-in opens (an hour before the start is the earliest)
    t.clock.advanceMinutes(-1)
    expect((await byCode(await fresh(people[0]!.account), code, 'checkIn')).json().code).toBe('CHECK_IN_NOT_OPEN')
    t.clock.advanceMinutes(61)
    const tokens = await Promise.all(people.map((p) => fresh(p.account)))
    for (const tk of tokens) expect((await byCode(tk, code, 'checkIn')).statusCode).toBe(200)
    // 1 h 10 min → 1; 1 h 20 min → 1.5; 5 h → capped at 3
    t.clock.advanceMinutes(70)
    const first = await byCode(await fresh(people[0]!.account), code, 'checkOut')
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json<Signup>()).toMatchObject({ status: 'completed', hours: 1 })
    t.clock.advanceMinutes(10)
    expect((await byCode(await fresh(people[1]!.account), code, 'checkOut')).json<Signup>().hours).toBe(1.5)
    t.clock.advanceMinutes(220)
    expect((await byCode(await fresh(people[2]!.account), code, 'checkOut')).json<Signup>().hours).toBe(3)
    // twice: refused
    const twice = await byCode(await fresh(people[2]!.account), code, 'checkOut')
    expect(twice.statusCode).toBe(422)
    expect(twice.json()).toMatchObject({ code: 'ALREADY_CHECKED_OUT', message: '已签退，不能重复签退' })
  })

  it('a wrong code, or checking oneself in without a code, is refused', async () => {
    const { a, people, signups, community } = await signedUp(1)
    t.clock.advance(HOUR)
    const tk = await fresh(people[0]!.account)
    const code = (await detail(await fresh(community), a)).checkInCode!
    const wrong = await byCode(tk, code === '000000' ? '000001' : '000000', 'checkIn')
    expect(wrong.statusCode).toBe(422)
    expect(wrong.json().code).toBe('CHECK_IN_CODE_INVALID')
    const self = await actOn(tk, signups[0]!, 'checkIn')
    expect(self.statusCode).toBe(403)
    expect(self.json().message).toBe('请在活动现场输入签到码签到，或由组织者代为签到')
  })

  it('a check-out before check-in is 422 in Chinese and writes nothing', async () => {
    const { community, people, signups } = await signedUp(1)
    t.clock.advance(HOUR)
    const auditBefore = await auditCount('volunteerSignup')
    for (const res of [await actOn(await fresh(community), signups[0]!, 'checkOut'), await byCode(await fresh(people[0]!.account), (await detail(await fresh(community), { id: signups[0]!.activityId })).checkInCode!, 'checkOut')]) {
      expect(res.statusCode).toBe(422)
      expect(res.json()).toMatchObject({ code: 'NOT_CHECKED_IN', message: '尚未签到，不能签退' })
    }
    expect(await auditCount('volunteerSignup')).toBe(auditBefore)
    const still = (await t.request(await fresh(community), 'GET', `/api/v1/volunteers/signups/${signups[0]!.id}`)).json<Signup>()
    expect(still).toMatchObject({ status: 'signedUp', version: 1, checkedOutAt: null, hours: null })
    expect(still.events).toHaveLength(1)
  })

  it('the organiser corrects hours: negative or absurd hours are 400 and change nothing; a fair correction is recorded', async () => {
    const { community, signups } = await signedUp(1)
    t.clock.advance(HOUR)
    let s = (await actOn(await fresh(community), signups[0]!, 'checkIn')).json<Signup>()
    t.clock.advance(HOUR)
    const org = await fresh(community)
    s = (await actOn(org, s, 'checkOut')).json<Signup>()
    expect(s.hours).toBe(1)
    for (const hours of [-1, 99, 0.3]) {
      const res = await actOn(org, s, 'correctHours', { hours, reason: '补录' })
      expect(res.statusCode, String(hours)).toBe(400)
    }
    const longer = await actOn(org, s, 'correctHours', { hours: 5, reason: '补录' })
    expect(longer.statusCode).toBe(400)
    expect(longer.json().code).toBe('HOURS_OUT_OF_RANGE')
    expect((await t.request(org, 'GET', `/api/v1/volunteers/signups/${s.id}`)).json<Signup>()).toMatchObject({ hours: 1, version: s.version })
    const fixed = await actOn(org, s, 'correctHours', { hours: 2.5, reason: '提前到场布置会场' })
    expect(fixed.statusCode, fixed.body).toBe(200)
    expect(fixed.json<Signup>()).toMatchObject({ hours: 2.5, status: 'completed' })
    expect(fixed.json<Signup>().events!.at(-1)!.fields).toEqual({ hours: 2.5, previousHours: 1, reason: '提前到场布置会场' })
  })
})

describe('figures: 人次 and hours per person, per team, per community', () => {
  it('come out of the attendance; a member sees only their own; places outside the caller are 404', async () => {
    const c = await cast(2)
    const team = await buildVolunteerTeam(t, c.place, { kind: 'vanguard', leader: c.people[0]!.account, members: [c.people[1]!.account] })
    // Shanghai calendar days around the clock's now (the tests move the clock in any order)
    const shanghaiDay = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10)
    const day = shanghaiDay(t.clock.now().getTime())
    const a1 = await publish(c.community.token, c.place, { startsAt: inHours(1), endsAt: inHours(3), teamId: String(team.id) })
    const a2 = await publish(c.community.token, c.place, { startsAt: inHours(1), endsAt: inHours(2) })
    const sign = async (a: Activity) => {
      for (const p of c.people) expect((await signUp(p.account.token, a)).statusCode).toBe(201)
    }
    await sign(a1)
    await sign(a2)
    t.clock.advance(HOUR)
    const org = await fresh(c.community)
    for (const a of [a1, a2]) for (const s of (await detail(org, a)).signups!) expect((await actOn(org, s, 'checkIn')).statusCode).toBe(200)
    t.clock.advance(2 * HOUR)
    const org2 = await fresh(c.community)
    for (const a of [a1, a2]) for (const s of (await detail(org2, a)).signups!) expect((await actOn(org2, s, 'checkOut')).statusCode).toBe(200)
    // a1: 2 h each (2 people) in the team; a2: 1 h each, the community's own
    const to = shanghaiDay(t.clock.now().getTime() + 86_400_000)
    const res = await t.request(org2, 'GET', `/api/v1/volunteers/figures?place=${c.place.code}&from=${day}&to=${to}`)
    expect(res.statusCode, res.body).toBe(200)
    const f = res.json<VolunteerFigures>()
    expect(f).toMatchObject({ place: { code: c.place.code }, activities: 2, personTimes: 4, hours: 6, volunteers: 2, residentsServed: 0 })
    expect(f.perPerson.map((p) => [p.name, p.personTimes, p.hours]).sort()).toEqual(c.people.map((p) => [p.name, 2, 3]).sort())
    expect(f.perTeam.map((x) => [x.name, x.kindName, x.personTimes, x.hours])).toEqual([
      [team.name, '党员先锋队', 2, 4],
      ['社区组织', null, 2, 2],
    ])
    expect(f.perUnit).toEqual([{ workUnit: '县直机关', personTimes: 4, hours: 6 }])
    expect(f.perCommunity).toEqual([{ code: c.place.code, name: c.place.name, activities: 2, personTimes: 4, hours: 6 }])
    // the street above sees the same community among its own
    const street = await buildStreetAccount(t)
    const sf = (await t.request(street.token, 'GET', `/api/v1/volunteers/figures?from=${day}&to=${to}`)).json<VolunteerFigures>()
    expect(sf.perCommunity.find((x) => x.code === c.place.code)).toMatchObject({ personTimes: 4, hours: 6 })
    // a member: their own only
    const mine = (await t.request(await fresh(c.people[1]!.account), 'GET', `/api/v1/volunteers/figures?from=${day}&to=${to}`)).json<VolunteerFigures>()
    expect(mine).toMatchObject({ place: null, activities: 2, personTimes: 2, hours: 3, volunteers: 1 })
    expect(mine.perPerson.map((p) => p.name)).toEqual([c.people[1]!.name])
    // another community's account cannot ask about this one
    const other = await cast(0)
    expect((await t.request(other.community.token, 'GET', `/api/v1/volunteers/figures?place=${c.place.code}`)).statusCode).toBe(404)
  })
})

describe('the demo community', () => {
  it('北街社区 has its four teams, upcoming activities with free slots, and hours served in the past weeks', async () => {
    const dy = await t.login('bj_dy')
    const teams = (await t.request(dy, 'GET', '/api/v1/volunteers/teams')).json<{ items: VolunteerTeam[] }>().items
    expect(teams.map((x) => x.kindName)).toEqual(expect.arrayContaining(['党员先锋队', '微心愿服务队', '纠纷调解队', '敲门队']))
    expect(teams.find((x) => x.kind === 'vanguard')!.leader).not.toBeNull()
    const upcoming = (await t.request(dy, 'GET', '/api/v1/volunteers/activities?view=upcoming')).json<{ items: Activity[] }>().items
    expect(upcoming.filter((a) => a.canSignUp).length).toBeGreaterThanOrEqual(2)
    const sq = await t.login('bj_sq')
    const f = (await t.request(sq, 'GET', '/api/v1/volunteers/figures?from=2026-10-01&to=2026-11-24')).json<VolunteerFigures>()
    expect(f.activities).toBeGreaterThanOrEqual(5)
    expect(f.personTimes).toBeGreaterThanOrEqual(10)
    expect(f.hours).toBeGreaterThan(10)
    expect(f.perTeam.length).toBeGreaterThanOrEqual(4)
    expect(f.perUnit.length).toBeGreaterThanOrEqual(1)
  })
})

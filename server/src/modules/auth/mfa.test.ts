/**
 * 两步验证 (TOTP) as an administrator, a county official and the security administrator live it:
 * enrolment with a QR code, the code step at login, wrong codes counted by the login guard, recovery
 * codes, confinement to enrolment, reset by the security administrator, and roles left alone.
 * Codes are computed here with otplib from the secret the server handed out, at the test's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, type SQL } from 'drizzle-orm'
import { generate } from 'otplib'
import { createTestApp, type TestApp } from '../../../test/setup'
import { rowsOf } from '../../db/client'
import { EnvError, parseEnv } from '../../env'
import { buildAdmin, buildGrid, buildPlaceAccount, buildResident, FACTORY_COUNTY, FACTORY_PASSWORD, type BuiltAccount } from '../../../test/factories'

let t: TestApp
beforeAll(async () => {
  // requests may name their source address (X-Forwarded-For from the test's own "balancer")
  t = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1' } })
})
afterAll(async () => t?.close())

const CHINESE = /[\u4e00-\u9fff]/
let sources = 0
/** A source address of its own for each test, so that one test's failures never throttle another's. */
const newSource = () => ({ 'x-forwarded-for': `10.20.${Math.floor(++sources / 250)}.${sources % 250}` })
const q = async <T = Record<string, unknown>>(s: SQL) => rowsOf<T>(await t.database.db.execute(s))

/** The code an authenticator app shows for `secret` at the test clock (plus `steps` of 30 s). */
const codeAt = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(t.clock.now().getTime() / 1000) + steps * 30 })

type Challenge = { mfaRequired: true; challenge: string; expiresAt: string }
const password = (username: string, headers?: Record<string, string>) =>
  t.request(null, 'POST', '/api/v1/auth/login', { username, password: FACTORY_PASSWORD }, headers)
const second = (challenge: string, code: string, headers?: Record<string, string>) =>
  t.request(null, 'POST', '/api/v1/auth/login/mfa', { challenge, code }, headers)
async function challengeOf(username: string, headers?: Record<string, string>): Promise<string> {
  const res = await password(username, headers)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<Challenge>().challenge
}

/** Enrol an account through the API (its session may be confined to this): the secret and the recovery codes. */
async function enrol(token: string): Promise<{ secret: string; recoveryCodes: string[]; token: string }> {
  const started = await t.request(token, 'POST', '/api/v1/auth/mfa/enrolment')
  expect(started.statusCode, started.body).toBe(200)
  const { secret } = started.json<{ secret: string }>()
  const confirmed = await t.request(token, 'POST', '/api/v1/auth/mfa/enrolment/confirm', { code: await codeAt(secret) })
  expect(confirmed.statusCode, confirmed.body).toBe(200)
  return { secret, ...confirmed.json<{ recoveryCodes: string[]; token: string }>() }
}

async function auditRows(action: string, entityId: number) {
  return q<{ actor_user_id: string | null; detail: Record<string, unknown> | null; before: Record<string, unknown> | null }>(sql`
    SELECT actor_user_id::text AS actor_user_id, detail, before FROM audit_log WHERE action = ${action} AND entity_id = ${String(entityId)} ORDER BY id`)
}

describe('enrolment', () => {
  it('a county account without a factor is confined to enrolling one, enrols with the QR code and a current code, and gets ten recovery codes once', async () => {
    t.clock.set('2026-11-23T09:30:00+08:00')
    const county = await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county', { mfa: false })
    const login = await password(county.username)
    expect(login.statusCode).toBe(200)
    const { token, user } = login.json<{ token: string; user: { mfaRequired: boolean; mfaEnabled: boolean } }>()
    expect(user).toMatchObject({ mfaRequired: true, mfaEnabled: false })

    // until enrolled: /me and enrolment only
    for (const [method, url] of [
      ['GET', '/api/v1/appeals'],
      ['GET', '/api/v1/stats/overview?place=520423'],
      ['POST', '/api/v1/appeals'],
    ] as const) {
      const res = await t.request(token, method, url, method === 'POST' ? {} : undefined)
      expect(res.statusCode, `${method} ${url}`).toBe(403)
      expect(res.json()).toEqual({ code: 'MFA_ENROLMENT_REQUIRED', message: '您的账号须启用两步验证，请先绑定验证器' })
    }
    expect((await t.request(token, 'GET', '/api/v1/me')).statusCode).toBe(200)
    expect((await t.request(token, 'GET', '/api/v1/auth/mfa')).json()).toEqual({ enabled: false, required: true, enabledAt: null, recoveryCodesLeft: 0 })

    // the QR code carries an otpauth URI with the secret; the secret is stored encrypted, not as text
    const started = await t.request(token, 'POST', '/api/v1/auth/mfa/enrolment')
    expect(started.statusCode, started.body).toBe(200)
    const { secret, otpauthUri, qrSvg } = started.json<{ secret: string; otpauthUri: string; qrSvg: string }>()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(otpauthUri).toBe(`otpauth://totp/${encodeURIComponent('一网')}:${county.username}?secret=${secret}&issuer=${encodeURIComponent('一网')}`)
    expect(qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    const [stored] = await q<{ pending: string; enabled: string | null }>(sql`SELECT totp_pending_secret_enc AS pending, totp_secret_enc AS enabled FROM user_account WHERE id = ${county.id}`)
    expect(stored!.enabled).toBeNull()
    expect(stored!.pending).not.toContain(secret)
    expect(t.deps.pii.decrypt(stored!.pending)).toBe(secret)

    // a wrong code does not enable it
    const wrong = await t.request(token, 'POST', '/api/v1/auth/mfa/enrolment/confirm', { code: (await codeAt(secret, 5)) })
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().code).toBe('MFA_CODE_MISMATCH')
    expect(wrong.json().message).toMatch(CHINESE)

    const confirmed = await t.request(token, 'POST', '/api/v1/auth/mfa/enrolment/confirm', { code: await codeAt(secret) })
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    const body = confirmed.json<{ token: string; recoveryCodes: string[]; user: { mfaEnabled: boolean } }>()
    expect(body.user.mfaEnabled).toBe(true)
    expect(body.recoveryCodes).toHaveLength(10)
    expect(new Set(body.recoveryCodes).size).toBe(10)
    for (const c of body.recoveryCodes) expect(c).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/)
    expect(confirmed.cookies.find((c) => c.name === 'yw_session')?.value).toBe(body.token)
    // the confined session is gone; the new one is a full session
    expect((await t.request(token, 'GET', '/api/v1/me')).statusCode).toBe(401)
    expect((await t.request(body.token, 'GET', '/api/v1/appeals')).statusCode).toBe(200)
    // recovery codes are kept as keyed hashes only; shown once: the status says how many are left, never which
    const kept = await q<{ code_hash: string }>(sql`SELECT code_hash FROM mfa_recovery_code WHERE user_id = ${county.id}`)
    expect(kept).toHaveLength(10)
    const plain = body.recoveryCodes.flatMap((c) => [c, c.replace('-', '')])
    for (const k of kept) expect(plain).not.toContain(k.code_hash)
    const status = await t.request(body.token, 'GET', '/api/v1/auth/mfa')
    expect(status.json()).toMatchObject({ enabled: true, required: true, recoveryCodesLeft: 10 })
    expect(status.body).not.toContain(body.recoveryCodes[0])
    // a second enrolment is refused: changing phones goes through the security administrator
    expect((await t.request(body.token, 'POST', '/api/v1/auth/mfa/enrolment')).json().code).toBe('MFA_ALREADY_ENABLED')

    // every step is in the audit log
    expect(await auditRows('auth.mfaEnrolmentStarted', county.id)).toHaveLength(1)
    expect(await auditRows('auth.mfaEnabled', county.id)).toEqual([{ actor_user_id: String(county.id), detail: { method: 'totp', recoveryCodes: 10 }, before: null }])

    // the next login asks for the code; the code that confirmed enrolment is used up
    const challenge = await challengeOf(county.username)
    const replay = await second(challenge, await codeAt(secret))
    expect(replay.statusCode).toBe(401)
    expect(replay.json().code).toBe('MFA_CODE_REUSED')
    t.clock.advance(30_000)
    const ok = await second(challenge, await codeAt(secret))
    expect(ok.statusCode, ok.body).toBe(200)
    expect((await t.request(ok.json<{ token: string }>().token, 'GET', '/api/v1/appeals')).statusCode).toBe(200)
  })

  it('a new account must first set its own password, then enrol; the new session stays confined', async () => {
    t.clock.set('2026-11-23T10:00:00+08:00')
    const sec = await buildAdmin(t, 'securityAdmin')
    const created = await t.request(sec.token, 'POST', '/api/v1/users', { username: 'xian_new_mfa', password: 'Temp@2026x', displayName: '县级新账号', role: 'county', scope: FACTORY_COUNTY })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({ mfaEnabled: false, mfaRequired: true })
    const login = await t.request(null, 'POST', '/api/v1/auth/login', { username: 'xian_new_mfa', password: 'Temp@2026x' })
    const token = login.json<{ token: string }>().token
    expect((await t.request(token, 'POST', '/api/v1/auth/mfa/enrolment')).json().code).toBe('PASSWORD_CHANGE_REQUIRED')
    const changed = await t.request(token, 'POST', '/api/v1/auth/password', { oldPassword: 'Temp@2026x', newPassword: 'Mine&2026county' })
    expect(changed.statusCode, changed.body).toBe(200)
    const fresh = changed.json<{ token: string }>().token
    expect((await t.request(fresh, 'GET', '/api/v1/appeals')).json().code).toBe('MFA_ENROLMENT_REQUIRED')
    await enrol(fresh)
  })

  it('residents sign in with phone codes and cannot enrol', async () => {
    const resident = await buildResident(t)
    const res = await t.request(resident.account.token, 'POST', '/api/v1/auth/mfa/enrolment')
    expect(res.statusCode).toBe(403)
  })
})

describe('login with a second factor', () => {
  it('the password step opens no session: it answers a challenge, which alone is worth nothing', async () => {
    t.clock.set('2026-11-23T11:00:00+08:00')
    const admin = await buildAdmin(t, 'systemAdmin')
    const before = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM session WHERE user_id = ${admin.id}`)
    const res = await password(admin.username)
    expect(res.statusCode).toBe(200)
    const body = res.json<Challenge>()
    expect(Object.keys(body).sort()).toEqual(['challenge', 'expiresAt', 'mfaRequired'])
    expect(body.mfaRequired).toBe(true)
    expect(body.expiresAt).toBe('2026-11-23T11:05:00.000+08:00')
    expect(res.cookies.find((c) => c.name === 'yw_session')).toBeUndefined()
    expect(await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM session WHERE user_id = ${admin.id}`)).toEqual(before)
    expect((await t.request(body.challenge, 'GET', '/api/v1/me')).statusCode).toBe(401)

    // the right code opens the session (cookie included)
    const code = await t.nextCode(admin.username)
    const ok = await second(body.challenge, code)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().user).toMatchObject({ username: admin.username, mfaEnabled: true })
    expect(ok.cookies.find((c) => c.name === 'yw_session')?.value).toBe(ok.json().token)
    expect(await auditRows('auth.login', admin.id)).toContainEqual(expect.objectContaining({ detail: { method: 'totp' } }))
    // a challenge is used once; the same code is not good twice
    expect((await second(body.challenge, await t.nextCode(admin.username))).json().code).toBe('MFA_CHALLENGE_EXPIRED')
    const again = await second(await challengeOf(admin.username), code)
    expect([again.statusCode, again.json().code]).toEqual([401, 'MFA_CODE_REUSED'])
  })

  it('a challenge lives five minutes', async () => {
    t.clock.set('2026-11-23T11:30:00+08:00')
    const admin = await buildAdmin(t, 'auditAdmin')
    const challenge = await challengeOf(admin.username)
    t.clock.advanceMinutes(5)
    const late = await second(challenge, await t.nextCode(admin.username))
    expect(late.statusCode).toBe(401)
    expect(late.json()).toEqual({ code: 'MFA_CHALLENGE_EXPIRED', message: '验证已超时，请重新输入用户名和密码' })
  })

  it('wrong codes count in the login guard: the fifth locks that source out for 5 minutes, one audit row per burst; a right password in between clears nothing', async () => {
    t.clock.set('2026-11-23T13:00:00+08:00')
    const admin = await buildAdmin(t, 'securityAdmin')
    const from = newSource()
    const source = from['x-forwarded-for']
    let challenge = await challengeOf(admin.username, from)
    for (let i = 1; i <= 3; i++) {
      const res = await second(challenge, '000000', from)
      expect(res.statusCode).toBe(401)
      expect(res.json()).toEqual({ code: 'MFA_CODE_INVALID', message: `动态验证码或恢复码不正确，再失败 ${5 - i} 次将锁定 5 分钟` })
    }
    // the password again (right): it neither counts nor forgives the three wrong codes
    challenge = await challengeOf(admin.username, from)
    expect((await second(challenge, '111111', from)).json().message).toContain('再失败 1 次')
    const fifth = await second(challenge, '222222', from)
    expect(fifth.statusCode).toBe(429)
    expect(fifth.json()).toEqual({ code: 'ACCOUNT_LOCKED', message: '连续登录失败次数过多，账号已锁定，请 5 分钟后再试' })
    // locked: the right password from that source is refused too, and the old challenge is gone
    expect((await password(admin.username, from)).statusCode).toBe(429)
    expect((await second(challenge, await t.nextCode(admin.username), from)).json().code).toBe('MFA_CHALLENGE_EXPIRED')
    // one row for the burst's first failure, one for the lock — never a code
    const rows = await q<{ detail: Record<string, unknown> }>(sql`
      SELECT detail FROM audit_log WHERE action = 'auth.loginFailed' AND detail->>'source' = ${source} ORDER BY id`)
    expect(rows.map((r) => r.detail)).toEqual([
      { reason: 'badCode', username: admin.username, source },
      { reason: 'locked', username: admin.username, source, failures: 5 },
    ])
    // five minutes later the owner is back in, with a current code
    t.clock.advanceMinutes(5)
    const after = await second(await challengeOf(admin.username, from), await t.nextCode(admin.username), from)
    expect(after.statusCode, after.body).toBe(200)
  })

  it('a recovery code works once, however it is typed', async () => {
    t.clock.set('2026-11-23T14:00:00+08:00')
    const county = await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county')
    const [first, other] = t.factors.get(county.username)!.recoveryCodes
    const typed = first!.toLowerCase().replace('-', ' ')
    const ok = await second(await challengeOf(county.username), typed)
    expect(ok.statusCode, ok.body).toBe(200)
    expect((await t.request(ok.json<{ token: string }>().token, 'GET', '/api/v1/appeals')).statusCode).toBe(200)
    expect(await auditRows('auth.login', county.id)).toContainEqual(expect.objectContaining({ detail: { method: 'recoveryCode', recoveryCodesLeft: 9 } }))
    const reused = await second(await challengeOf(county.username), first!)
    expect([reused.statusCode, reused.json().code]).toEqual([401, 'MFA_CODE_INVALID'])
    expect((await second(await challengeOf(county.username), other!)).statusCode).toBe(200)
    const status = await t.request(await county.login(), 'GET', '/api/v1/auth/mfa')
    expect(status.json().recoveryCodesLeft).toBe(8)
  })
})

describe('reset by the security administrator', () => {
  let sec: BuiltAccount
  beforeAll(async () => {
    sec = await buildAdmin(t, 'securityAdmin')
  })

  it('removes the factor, ends the sessions, is audited; the account enrols again at its next login', async () => {
    t.clock.set('2026-11-23T15:00:00+08:00')
    const admin = await buildAdmin(t, 'systemAdmin')
    const { secret, recoveryCodes } = t.factors.get(admin.username)!
    const listed = await t.request(await sec.login(), 'GET', `/api/v1/users?q=${admin.username}`)
    expect(listed.json().items[0]).toMatchObject({ username: admin.username, mfaEnabled: true, mfaRequired: true })

    const secToken = await sec.login()
    const res = await t.request(secToken, 'POST', `/api/v1/users/${admin.id}/mfa/reset`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ mfaEnabled: false, mfaRequired: true })
    expect(await auditRows('user.mfaReset', admin.id)).toEqual([
      { actor_user_id: String(sec.id), detail: null, before: { mfaEnabledAt: '2026-11-23T07:00:00.000Z' } },
    ])
    expect((await t.request(admin.token, 'GET', '/api/v1/me')).statusCode).toBe(401)
    expect(await q(sql`SELECT 1 FROM mfa_recovery_code WHERE user_id = ${admin.id}`)).toEqual([])

    // the next login gives a session that may only enrol; the old secret and recovery codes are worthless
    const login = await password(admin.username)
    const body = login.json<{ token?: string; challenge?: string }>()
    expect(body.challenge).toBeUndefined()
    expect((await t.request(body.token!, 'GET', '/api/v1/places/520423')).json().code).toBe('MFA_ENROLMENT_REQUIRED')
    const renewed = await enrol(body.token!)
    expect(renewed.secret).not.toBe(secret)
    t.clock.advanceMinutes(1)
    expect((await second(await challengeOf(admin.username), recoveryCodes[0]!)).json().code).toBe('MFA_CODE_INVALID')
  })

  it('is the security administrator’s alone, never on its own account, and only where there is a factor', async () => {
    t.clock.set('2026-11-23T15:30:00+08:00')
    const sys = await buildAdmin(t, 'systemAdmin')
    const county = await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county')
    const bySys = await t.request(sys.token, 'POST', `/api/v1/users/${county.id}/mfa/reset`)
    expect(bySys.statusCode).toBe(403)
    const own = await t.request(await sec.login(), 'POST', `/api/v1/users/${sec.id}/mfa/reset`)
    expect(own.statusCode).toBe(422)
    expect(own.json().code).toBe('MFA_RESET_OWN')
    const community = await buildPlaceAccount(t, (await buildGrid(t)).community, 'community')
    const none = await t.request(await sec.login(), 'POST', `/api/v1/users/${community.id}/mfa/reset`)
    expect([none.statusCode, none.json().code]).toEqual([422, 'MFA_NOT_ENABLED'])
    expect(await auditRows('user.mfaReset', county.id)).toEqual([])
    // the county account still logs in with its code
    expect((await t.request(await county.login(), 'GET', '/api/v1/appeals')).statusCode).toBe(200)
  })
})

describe('roles the list leaves out', () => {
  it('log in as before: one step, a full session, nothing new to do', async () => {
    const community = await buildPlaceAccount(t, (await buildGrid(t)).community, 'community')
    const res = await password(community.username)
    expect(res.statusCode).toBe(200)
    expect(Object.keys(res.json()).sort()).toEqual(['token', 'user'])
    expect(res.json().user).toMatchObject({ mfaRequired: false, mfaEnabled: false })
    expect((await t.request(res.json().token, 'GET', '/api/v1/appeals')).statusCode).toBe(200)
  })

  it('may enrol of their own accord, and then log in with the code', async () => {
    t.clock.set('2026-11-23T16:00:00+08:00')
    const community = await buildPlaceAccount(t, (await buildGrid(t)).community, 'community')
    const { secret } = await enrol(community.token)
    t.clock.advance(30_000)
    const ok = await second(await challengeOf(community.username), await codeAt(secret))
    expect(ok.statusCode, ok.body).toBe(200)
  })

  it('MFA_REQUIRED_ROLES decides which roles: with only the system administrator listed, a county account without a factor has a full session', async () => {
    const other = await createTestApp({ env: { MFA_REQUIRED_ROLES: 'systemAdmin' } })
    try {
      const county = await buildPlaceAccount(other, { code: FACTORY_COUNTY }, 'county')
      expect(other.factors.has(county.username)).toBe(false)
      expect((await other.request(county.token, 'GET', '/api/v1/appeals')).statusCode).toBe(200)
      const sys = await buildAdmin(other, 'systemAdmin', { mfa: false })
      expect((await other.request(sys.token, 'GET', '/api/v1/places/520423')).json().code).toBe('MFA_ENROLMENT_REQUIRED')
    } finally {
      await other.close()
    }
  })
})

describe('MFA_REQUIRED_ROLES', () => {
  it('defaults to the three administrators and county accounts; takes a comma list or none; refuses unknown roles and residents', () => {
    expect(parseEnv({}).mfaRequiredRoles).toEqual(['systemAdmin', 'securityAdmin', 'auditAdmin', 'county'])
    expect(parseEnv({ MFA_REQUIRED_ROLES: 'securityAdmin, street' }).mfaRequiredRoles).toEqual(['securityAdmin', 'street'])
    expect(parseEnv({ MFA_REQUIRED_ROLES: 'none' }).mfaRequiredRoles).toEqual([])
    expect(() => parseEnv({ MFA_REQUIRED_ROLES: 'systemAdmin,mayor' })).toThrow(EnvError)
    expect(() => parseEnv({ MFA_REQUIRED_ROLES: 'resident' })).toThrow(/resident/)
  })
})

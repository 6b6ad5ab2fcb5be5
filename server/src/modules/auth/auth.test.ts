/**
 * Accounts and sessions as 等保 2.0 level 3 asks, checked the way a user (or an assessor) would:
 * lockout after 5 failures for 5 minutes, 10-minute idle logout, cookie and bearer sessions,
 * the password policy and the 90-day password change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, type SQL } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/setup'
import { rowsOf } from '../../db/client'
import {
  buildAdmin,
  buildGrid,
  buildGridWorker,
  buildPlaceAccount,
  buildResident,
  buildStreetAccount,
  FACTORY_COUNTY,
  FACTORY_PASSWORD,
  type BuiltAccount,
} from '../../../test/factories'
import { hashToken } from './service'

/** Every built account's password. */
const PASSWORD = FACTORY_PASSWORD

let t: TestApp
/** Each block has a database and a clock of its own: a lockout, or the 90-day jump, never reaches another block. */
function freshAppPerBlock(): void {
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(async () => t?.close())
}

/** An account of its own for one test (a grid worker of a new grid: the role does not matter here). */
const anAccount = async () => buildGridWorker(t, await buildGrid(t))

const q = async <T = Record<string, unknown>>(s: SQL) => rowsOf<T>(await t.database.db.execute(s))
const loginRaw = (username: string, password: string, headers?: Record<string, string>) =>
  t.request(null, 'POST', '/api/v1/auth/login', { username, password }, headers)
const me = (token: string) => t.request(token, 'GET', '/api/v1/me')
const CHINESE = /[\u4e00-\u9fff]/

async function auditCount(username: string, action: string, reason?: string): Promise<number> {
  const rows = await q<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM audit_log
    WHERE action = ${action} AND detail->>'username' = ${username}
      AND (${reason ?? null}::text IS NULL OR detail->>'reason' = ${reason ?? null}::text)`)
  return rows[0]!.n
}

describe('login', () => {
  freshAppPerBlock()

  it('returns a token and the account, and sets an HttpOnly session cookie', async () => {
    const resident = (await buildResident(t)).account.username
    const res = await loginRaw(resident, PASSWORD)
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json<{ token: string; user: { username: string; role: string; mustChangePassword: boolean } }>()
    expect(body.token.length).toBeGreaterThanOrEqual(40)
    expect(body.user).toMatchObject({ username: resident, role: 'resident', mustChangePassword: false })
    const cookie = res.cookies.find((c) => c.name === 'yw_session')
    expect(cookie).toMatchObject({ value: body.token, httpOnly: true, sameSite: 'Lax', path: '/' })
    // Only the SHA-256 of the token is kept.
    const stored = await q<{ token_hash: string }>(sql`SELECT token_hash FROM session WHERE token_hash IN (${body.token}, ${hashToken(body.token)})`)
    expect(stored).toEqual([{ token_hash: hashToken(body.token) }])
  })

  it('answers 401 INVALID_CREDENTIALS in Chinese, the same words for an unknown user as for a wrong password', async () => {
    const unknown = await loginRaw('no_such_user', PASSWORD)
    expect(unknown.statusCode).toBe(401)
    expect(unknown.json()).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误，再失败 4 次将锁定 5 分钟' })

    const user = (await anAccount()).username
    const wrong = await loginRaw(user, 'Wrong@2026')
    expect(wrong.statusCode).toBe(401)
    // nothing tells an account that exists from one that does not (issue 10.5)
    expect(wrong.json()).toEqual(unknown.json())
    expect(wrong.json().message).toMatch(CHINESE)
    expect(wrong.body).not.toMatch(/stack|select|argon/i)
    // a success afterwards forgets the failure
    expect((await loginRaw(user, PASSWORD)).statusCode).toBe(200)
  })

  it('requires a session on every API route but login', async () => {
    const none = await t.request(null, 'GET', '/api/v1/me')
    expect(none.statusCode).toBe(401)
    expect(none.json().code).toBe('UNAUTHENTICATED')
    const forged = await t.request('not-a-real-token', 'GET', '/api/v1/appeals')
    expect(forged.statusCode).toBe(401)
  })
})

describe('lockout (5 failures → 5 minutes)', () => {
  freshAppPerBlock()

  it('locks the account on the 5th failure, refuses even the right password, and lets it in after 5 minutes', async () => {
    const user = (await anAccount()).username
    for (let i = 1; i <= 4; i++) {
      const res = await loginRaw(user, `Wrong@${i}xyz`)
      expect(res.statusCode).toBe(401)
      expect(res.json().code).toBe('INVALID_CREDENTIALS')
      expect(res.json().message).toContain(`再失败 ${5 - i} 次将锁定 5 分钟`)
    }
    const fifth = await loginRaw(user, 'Wrong@5xyz')
    expect(fifth.statusCode).toBe(429)
    expect(fifth.json()).toEqual({ code: 'ACCOUNT_LOCKED', message: '连续登录失败次数过多，账号已锁定，请 5 分钟后再试' })

    // the right password does not get through while locked
    let right = await loginRaw(user, PASSWORD)
    expect(right.statusCode).toBe(429)
    expect(right.json().code).toBe('ACCOUNT_LOCKED')

    t.clock.advanceMinutes(4)
    right = await loginRaw(user, PASSWORD)
    expect(right.statusCode).toBe(429)
    expect(right.json().message).toContain('请 1 分钟后再试')

    t.clock.advanceMinutes(1)
    right = await loginRaw(user, PASSWORD)
    expect(right.statusCode, right.body).toBe(200)

    // the count starts again from zero: four more failures do not lock
    for (let i = 1; i <= 4; i++) expect((await loginRaw(user, 'Wrong@again1')).statusCode).toBe(401)
    expect((await loginRaw(user, PASSWORD)).statusCode).toBe(200)
    // each burst was audited once — its first failure, and the failure that locked — never the password
    expect(await auditCount(user, 'auth.loginFailed', 'badPassword')).toBe(2)
    expect(await auditCount(user, 'auth.loginFailed', 'locked')).toBe(1)
    const leaked = await q(sql`SELECT 1 FROM audit_log WHERE detail::text LIKE '%Wrong@%'`)
    expect(leaked).toEqual([])
  })

  it('is per account: another account, and the locked account’s open session, are unaffected', async () => {
    const [locked, other, another] = [await anAccount(), await anAccount(), await anAccount()]
    const session = await locked.login()
    for (let i = 0; i < 5; i++) await loginRaw(locked.username, 'Wrong@2026x')
    expect((await loginRaw(locked.username, PASSWORD)).statusCode).toBe(429)

    expect((await loginRaw(other.username, PASSWORD)).statusCode).toBe(200)
    expect((await loginRaw(another.username, PASSWORD)).statusCode).toBe(200)
    expect((await me(session)).statusCode).toBe(200)
    t.clock.advanceMinutes(5)
  })

  it('gives a burst of parallel guesses no more than 5 password checks', async () => {
    const user = (await anAccount()).username
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => loginRaw(user, `Guess@${i}abc`)))
    const statuses = results.map((r) => r.statusCode).sort()
    expect(statuses.filter((s) => s === 401)).toHaveLength(4)
    expect(statuses.filter((s) => s === 429)).toHaveLength(8)
    // only five passwords were actually tried; the other seven met the lock; the burst is one audit row and its lock another
    expect(await auditCount(user, 'auth.loginFailed', 'badPassword')).toBe(1)
    expect(await auditCount(user, 'auth.loginFailed', 'locked')).toBe(1)
    expect((await loginRaw(user, PASSWORD)).statusCode).toBe(429)
    t.clock.advanceMinutes(5)
    expect((await loginRaw(user, PASSWORD)).statusCode).toBe(200)
  })
})

describe('lockout by source (issue 10.4, 10.5): the attacker waits, the owner does not', () => {
  // behind the balancer, so that each request can say which address it comes from
  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1' } })
  })
  afterAll(async () => t?.close())
  const from = (ip: string) => ({ 'x-forwarded-for': ip })

  it('five failures lock the account for that source only; the owner elsewhere logs in; the security administrator clears it', async () => {
    const owner = await anAccount()
    // however the name is written, it is one count: capitals do not buy more tries
    const capitalised = owner.username[0]!.toUpperCase() + owner.username.slice(1)
    for (const name of [owner.username, owner.username.toUpperCase(), owner.username, capitalised, owner.username]) {
      await loginRaw(name, 'Wrong@1xyz', from('10.0.0.66'))
    }
    const attacker = await loginRaw(owner.username, PASSWORD, from('10.0.0.66'))
    expect(attacker.statusCode).toBe(429)
    expect(attacker.json().code).toBe('ACCOUNT_LOCKED')
    expect((await loginRaw(owner.username, PASSWORD, from('10.0.0.7'))).statusCode).toBe(200)
    // the burst is in the audit log twice: where it started and the failure that locked, each naming the account and the source
    const rows = await q<{ entity_type: string; entity_id: string | null; actor_role: string | null; detail: Record<string, unknown> }>(sql`
      SELECT entity_type, entity_id, actor_role, detail FROM audit_log
      WHERE action = 'auth.loginFailed' AND detail->>'source' = '10.0.0.66' ORDER BY id`)
    expect(rows).toEqual([
      { entity_type: 'user', entity_id: String(owner.id), actor_role: 'gridWorker', detail: { reason: 'badPassword', username: owner.username, source: '10.0.0.66' } },
      { entity_type: 'user', entity_id: String(owner.id), actor_role: 'gridWorker', detail: { reason: 'locked', username: owner.username, source: '10.0.0.66', failures: 5 } },
    ])
    const sec = await buildAdmin(t, 'securityAdmin')
    expect((await t.request(sec.token, 'POST', `/api/v1/users/${owner.id}/unlock`)).statusCode).toBe(200)
    expect((await loginRaw(owner.username, PASSWORD, from('10.0.0.66'))).statusCode).toBe(200)
  })

  it('failures within 15 minutes add up; older ones no longer count', async () => {
    const owner = await anAccount()
    for (let i = 0; i < 3; i++) await loginRaw(owner.username, `Wrong@${i}xyz`, from('10.0.0.67'))
    t.clock.advanceMinutes(10)
    const slow = await loginRaw(owner.username, 'Wrong@8xyz', from('10.0.0.67'))
    expect(slow.json().message).toContain('再失败 1 次将锁定 5 分钟')
    t.clock.advanceMinutes(16)
    const fresh = await loginRaw(owner.username, 'Wrong@9xyz', from('10.0.0.67'))
    expect(fresh.json().message).toContain('再失败 4 次将锁定 5 分钟')
  })

  it('a disabled account is refused with the same words as an unknown one, even with its right password', async () => {
    const gone = await anAccount()
    const sec = await buildAdmin(t, 'securityAdmin')
    expect((await t.request(sec.token, 'POST', `/api/v1/users/${gone.id}/disable`)).statusCode).toBe(200)
    const res = await loginRaw(gone.username, PASSWORD, from('10.0.0.68'))
    const unknown = await loginRaw('no_such_person', PASSWORD, from('10.0.0.69'))
    expect([res.statusCode, res.json()]).toEqual([401, unknown.json()])
    const why = await q<{ reason: string }>(sql`SELECT detail->>'reason' AS reason FROM audit_log WHERE action = 'auth.loginFailed' AND detail->>'source' IN ('10.0.0.68', '10.0.0.69') ORDER BY id`)
    expect(why.map((r) => r.reason)).toEqual(['disabled', 'unknownUser'])
  })

  it('an unknown name is answered exactly like a real one, lock included', async () => {
    const real = await anAccount()
    for (let i = 1; i <= 5; i++) {
      const a = await loginRaw(real.username, `Wrong@${i}xyz`, from('10.0.1.1'))
      const b = await loginRaw(`nobody_${real.username}`, `Wrong@${i}xyz`, from('10.0.1.2'))
      expect([b.statusCode, b.json()]).toEqual([a.statusCode, a.json()])
    }
  })

  it('a source failing on many accounts waits 15 minutes, whatever name it tries; other sources do not', async () => {
    // four tries on each of five accounts: no account is locked, but the source has failed twenty times
    const victims = await Promise.all(Array.from({ length: 5 }, () => anAccount()))
    for (let i = 0; i < 20; i++) {
      const res = await loginRaw(victims[i % 5]!.username, `Spray@${i}abc`, from('10.0.2.2'))
      expect(res.statusCode).toBe(401)
    }
    const next = await loginRaw(victims[0]!.username, PASSWORD, from('10.0.2.2'))
    expect(next.statusCode).toBe(429)
    expect(next.json()).toEqual({ code: 'LOGIN_THROTTLED', message: '登录失败次数过多，请 15 分钟后再试' })
    expect((await loginRaw(victims[0]!.username, PASSWORD, from('10.0.2.3'))).statusCode).toBe(200)
    const spray = await q(sql`SELECT 1 FROM audit_log WHERE action = 'auth.loginFailed' AND detail->>'reason' = 'sourceThrottled' AND detail->>'source' = '10.0.2.2'`)
    expect(spray).toHaveLength(1)
    t.clock.advanceMinutes(15)
    expect((await loginRaw(victims[1]!.username, PASSWORD, from('10.0.2.2'))).statusCode).toBe(200)
  })

  it('thirty failures from many sources lock the account for everyone; the security administrator sees it', async () => {
    const target = await anAccount()
    for (let i = 0; i < 30; i++) await loginRaw(target.username, `Botnet@${i}abc`, from(`10.1.${i}.1`))
    const owner = await loginRaw(target.username, PASSWORD, from('10.0.0.8'))
    expect(owner.statusCode).toBe(429)
    expect(owner.json().message).toContain('请 15 分钟后再试')
    const refused = await q(sql`SELECT 1 FROM audit_log WHERE action = 'auth.loginFailed' AND entity_id = ${String(target.id)} AND detail->>'reason' = 'locked' AND NOT detail ? 'source'`)
    expect(refused).toHaveLength(1)
    const sec = await buildAdmin(t, 'securityAdmin')
    const listed = (await t.request(sec.token, 'GET', `/api/v1/users?q=${target.username}`)).json<{ items: { lockedUntil: string | null }[] }>().items[0]!
    expect(listed.lockedUntil).not.toBeNull()
    expect((await t.request(sec.token, 'POST', `/api/v1/users/${target.id}/unlock`)).statusCode).toBe(200)
    expect((await loginRaw(target.username, PASSWORD, from('10.0.0.8'))).statusCode).toBe(200)
  })
})

describe('sessions', () => {
  freshAppPerBlock()

  it('ends after 10 idle minutes with 401 SESSION_EXPIRED, and the session is gone', async () => {
    const token = await (await anAccount()).login()
    t.clock.advance(10 * 60_000 - 1000)
    expect((await me(token)).statusCode).toBe(200) // 9 min 59 s: still alive, and this counts as activity

    t.clock.advanceMinutes(10)
    const expired = await me(token)
    expect(expired.statusCode).toBe(401)
    expect(expired.json()).toEqual({ code: 'SESSION_EXPIRED', message: '长时间未操作，已自动退出，请重新登录' })
    expect(await q(sql`SELECT 1 FROM session WHERE token_hash = ${hashToken(token)}`)).toEqual([])
    expect((await me(token)).statusCode).toBe(401)
  })

  it('stays alive for an hour of activity every few minutes', async () => {
    const token = await (await anAccount()).login()
    for (let i = 0; i < 12; i++) {
      t.clock.advanceMinutes(5)
      const res = await t.request(token, 'GET', '/api/v1/appeals')
      expect(res.statusCode, `after ${(i + 1) * 5} minutes: ${res.body}`).toBe(200)
    }
  })

  it('ends even an active session after 12 hours', async () => {
    const token = await (await anAccount()).login()
    for (let minutes = 9; minutes < 12 * 60; minutes += 9) {
      t.clock.advanceMinutes(9)
      expect((await me(token)).statusCode, `after ${minutes} minutes`).toBe(200)
    }
    t.clock.advanceMinutes(9) // 12 h 09 min after login, 9 minutes after the last request
    const res = await me(token)
    expect(res.statusCode).toBe(401)
    expect(res.json()).toEqual({ code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' })
  })

  it('writes last_seen_at at most once a minute: 30 requests within a minute → one write', async () => {
    await q(sql`CREATE TABLE IF NOT EXISTS test_session_touch (token_hash text, last_seen_at timestamptz)`)
    await q(sql.raw(`CREATE OR REPLACE FUNCTION test_log_session_touch() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO test_session_touch VALUES (NEW.token_hash, NEW.last_seen_at); RETURN NEW; END; $$`))
    await q(sql`CREATE TRIGGER test_session_touch AFTER UPDATE ON session FOR EACH ROW EXECUTE FUNCTION test_log_session_touch()`)
    try {
      const token = await (await anAccount()).login()
      const hash = hashToken(token)
      const writes = () => q<{ last_seen_at: string }>(sql`SELECT last_seen_at FROM test_session_touch WHERE token_hash = ${hash}`)

      // within the first minute after login: no write at all
      for (let i = 0; i < 10; i++) {
        t.clock.advance(5_000)
        expect((await me(token)).statusCode).toBe(200)
      }
      expect(await writes()).toHaveLength(0)

      // the minute has passed: 30 requests in the next 58 seconds → one write, at the first of them
      t.clock.advance(10_000)
      const firstAt = t.clock.now()
      for (let i = 0; i < 30; i++) {
        expect((await me(token)).statusCode).toBe(200)
        t.clock.advance(2_000)
      }
      const w = await writes()
      expect(w).toHaveLength(1)
      expect(new Date(w[0]!.last_seen_at).getTime()).toBe(firstAt.getTime())
      const row = await q<{ last_seen_at: string }>(sql`SELECT last_seen_at FROM session WHERE token_hash = ${hash}`)
      expect(new Date(row[0]!.last_seen_at).getTime()).toBe(firstAt.getTime())

      // a minute after that write, the next request writes again
      t.clock.advance(2_000)
      expect((await me(token)).statusCode).toBe(200)
      expect(await writes()).toHaveLength(2)
    } finally {
      await q(sql`DROP TRIGGER test_session_touch ON session`)
    }
  })

  it('works with the cookie alone (a browser), and logout ends it for cookie and bearer alike', async () => {
    const user = (await anAccount()).username
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: user, password: PASSWORD },
      headers: { 'user-agent': 'Mozilla/5.0 (test browser)' },
    })
    expect(login.statusCode).toBe(200)
    const cookie = login.cookies.find((c) => c.name === 'yw_session')!
    const token = login.json<{ token: string }>().token
    const csrf = login.cookies.find((c) => c.name === 'yw_csrf')!
    // a browser sends its cookies, and our pages send the CSRF token with every change
    const browser = (method: 'GET' | 'POST', url: string) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: `yw_session=${cookie.value}; yw_csrf=${csrf.value}`, 'x-csrf-token': csrf.value, 'user-agent': 'Mozilla/5.0 (test browser)' },
      })

    const mine = await browser('GET', '/api/v1/me')
    expect(mine.statusCode).toBe(200)
    expect(mine.json().username).toBe(user)
    expect((await me(token)).statusCode).toBe(200)
    const ua = await q<{ user_agent: string }>(sql`SELECT user_agent FROM session WHERE token_hash = ${hashToken(token)}`)
    expect(ua[0]!.user_agent).toBe('Mozilla/5.0 (test browser)')

    const out = await browser('POST', '/api/v1/auth/logout')
    expect(out.statusCode).toBe(204)
    const cleared = out.cookies.find((c) => c.name === 'yw_session')!
    expect(cleared.value).toBe('')
    expect(cleared.expires!.getTime()).toBeLessThan(Date.now())

    expect((await browser('GET', '/api/v1/me')).statusCode).toBe(401)
    expect((await me(token)).statusCode).toBe(401)
    expect(await q(sql`SELECT 1 FROM session WHERE token_hash = ${hashToken(token)}`)).toEqual([])
  })

  it('logout through the bearer token ends only that session', async () => {
    const account = await anAccount()
    const a = await account.login()
    const b = await account.login()
    expect((await t.request(a, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204)
    expect((await me(a)).statusCode).toBe(401)
    expect((await me(b)).statusCode).toBe(200)
  })
})

describe('changing one’s password', () => {
  freshAppPerBlock()

  const change = (token: string, oldPassword: string, newPassword: string) =>
    t.request(token, 'POST', '/api/v1/auth/password', { oldPassword, newPassword })

  it('rejects a password that is too short or has too few character classes, in Chinese', async () => {
    const account = await anAccount()
    const token = await account.login()
    const short = await change(token, PASSWORD, 'Ab1!')
    expect(short.statusCode).toBe(400)
    expect(short.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'newPassword', message: '长度不能少于 8 个字符' }] })

    for (const weak of ['abcdefghij', 'abcdefgh12', 'ABCDEFGH!!', '1234567890!']) {
      const res = await change(token, PASSWORD, weak)
      expect(res.statusCode, weak).toBe(400)
      expect(res.json()).toEqual({
        code: 'VALIDATION_FAILED',
        message: '密码需包含大写字母、小写字母、数字、符号中的至少三类',
        details: [{ field: 'newPassword', message: '密码需包含大写字母、小写字母、数字、符号中的至少三类' }],
      })
    }
    const reused = await change(token, PASSWORD, PASSWORD)
    expect(reused.statusCode).toBe(422)
    expect(reused.json()).toEqual({ code: 'PASSWORD_REUSED', message: '新密码不能与原密码相同' })
    // nothing changed: the old password still logs in
    expect((await loginRaw(account.username, PASSWORD)).statusCode).toBe(200)
  })

  it('ends every session of the account, returns a new token, and the new password is the one that works', async () => {
    const account = await anAccount()
    const first = await account.login()
    const second = await account.login()
    const res = await change(first, PASSWORD, 'Grid#Worker2027')
    expect(res.statusCode, res.body).toBe(200)
    const fresh = res.json<{ token: string }>().token
    expect(res.cookies.find((c) => c.name === 'yw_session')?.value).toBe(fresh)

    expect((await me(first)).statusCode).toBe(401)
    expect((await me(second)).statusCode).toBe(401)
    expect((await me(fresh)).statusCode).toBe(200)
    expect((await loginRaw(account.username, PASSWORD)).statusCode).toBe(401)
    expect((await loginRaw(account.username, 'Grid#Worker2027')).statusCode).toBe(200)
    const audit = await q(sql`SELECT 1 FROM audit_log a JOIN user_account u ON u.id = a.actor_user_id
      WHERE a.action = 'auth.passwordChanged' AND u.username = ${account.username}`)
    expect(audit).toHaveLength(1)
  })

  it('counts wrong old passwords like failed logins, so a stolen session cannot guess the password', async () => {
    const account = await anAccount()
    const token = await account.login()
    for (let i = 1; i <= 4; i++) {
      const res = await change(token, `Guess@${i}abc`, 'New#Password2027')
      expect(res.statusCode).toBe(422)
      expect(res.json().code).toBe('WRONG_PASSWORD')
      expect(res.json().message).toBe(`原密码不正确，再失败 ${5 - i} 次将锁定 5 分钟`)
    }
    // each wrong guess is in the audit log, saying why (never the guess)
    const failed = await q<{ entity_type: string; detail: { reason?: string } }>(sql`
      SELECT a.entity_type, a.detail FROM audit_log a JOIN user_account u ON a.entity_id = u.id::text
      WHERE u.username = ${account.username} AND a.action = 'auth.passwordChangeFailed'`)
    expect(failed).toHaveLength(4)
    expect(failed.every((r) => r.entity_type === 'user' && r.detail?.reason === 'wrongPassword')).toBe(true)
    const fifth = await change(token, 'Guess@5abc', 'New#Password2027')
    expect(fifth.statusCode).toBe(429)
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED')
    // locked: neither the right old password nor a fresh login gets through; the wait left is counted down
    t.clock.advanceMinutes(2)
    const stillLocked = await change(token, PASSWORD, 'New#Password2027')
    expect(stillLocked.statusCode).toBe(429)
    expect(stillLocked.json().message).toContain('请 3 分钟后再试')
    expect((await loginRaw(account.username, PASSWORD)).statusCode).toBe(429)
    t.clock.advanceMinutes(3)
    const token2 = await account.login()
    expect((await change(token2, PASSWORD, 'New#Password2027')).statusCode).toBe(200)
  })
})

// Moves the clock past the 90-day password age of the accounts built here (on this block's own database).
describe('password expiry (90 days)', () => {
  freshAppPerBlock()

  // the passwords of this block's accounts are set at 2026-11-23 08:00 (+08:00)
  const EXPIRES = new Date('2027-02-21T08:00:00+08:00')
  let county: BuiltAccount
  let community: BuiltAccount & { code: string }
  let street: BuiltAccount
  beforeAll(async () => {
    t.clock.set('2026-11-23T08:00:00+08:00')
    const grid = await buildGrid(t)
    county = await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county')
    community = { ...(await buildPlaceAccount(t, grid.community, 'community')), code: grid.community.code }
    street = await buildStreetAccount(t)
  })

  it('a password is good until 90 days, and /me and the route gate agree at the boundary', async () => {
    t.clock.set(new Date(EXPIRES.getTime() - 60_000))
    let token = await county.login()
    let mine = await me(token)
    expect(mine.json()).toMatchObject({ mustChangePassword: false, passwordExpiresAt: '2027-02-21T08:00:00.000+08:00' })
    expect((await t.request(token, 'GET', '/api/v1/appeals')).statusCode).toBe(200)

    t.clock.set(EXPIRES)
    token = await county.login()
    mine = await me(token)
    expect(mine.json().mustChangePassword).toBe(true)
    expect((await t.request(token, 'GET', '/api/v1/appeals')).statusCode).toBe(403)
  })

  it('after 90 days: login works, only /me, password change and logout are open until the password is changed', async () => {
    t.clock.set(new Date(EXPIRES.getTime() + 24 * 3600_000))
    const login = await loginRaw(community.username, PASSWORD)
    expect(login.statusCode).toBe(200)
    expect(login.json().user.mustChangePassword).toBe(true)
    const token = login.json<{ token: string }>().token

    for (const [method, url] of [
      ['GET', '/api/v1/appeals'],
      ['GET', '/api/v1/residents'],
      ['GET', `/api/v1/places/${community.code}`],
      ['POST', '/api/v1/appeals'],
    ] as const) {
      const res = await t.request(token, method, url, method === 'POST' ? {} : undefined)
      expect(res.statusCode, `${method} ${url}`).toBe(403)
      expect(res.json()).toEqual({ code: 'PASSWORD_EXPIRED', message: '密码已超过 90 天未修改，请先修改密码' })
    }
    expect((await me(token)).statusCode).toBe(200)

    const changed = await t.request(token, 'POST', '/api/v1/auth/password', { oldPassword: PASSWORD, newPassword: 'Beijie&2027spring' })
    expect(changed.statusCode, changed.body).toBe(200)
    const fresh = changed.json<{ token: string }>().token
    expect((await me(token)).statusCode).toBe(401)
    const after = await me(fresh)
    expect(after.json()).toMatchObject({ mustChangePassword: false, passwordExpiresAt: '2027-05-23T08:00:00.000+08:00' })
    expect((await t.request(fresh, 'GET', '/api/v1/appeals')).statusCode).toBe(200)
  })

  it('lets an expired account log out', async () => {
    t.clock.set(new Date(EXPIRES.getTime() + 24 * 3600_000))
    const token = await street.login()
    expect((await t.request(token, 'GET', '/api/v1/appeals')).statusCode).toBe(403)
    expect((await t.request(token, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204)
    expect((await me(token)).statusCode).toBe(401)
  })
})

/**
 * 三员分立: the system administrator runs the system (grids), the security administrator runs
 * accounts, the audit administrator reads the audit log — and none can do the others' work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, type SQL } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/setup'
import { act, submitAppeal } from '../../../test/appeal-helpers'
import { rowsOf } from '../../db/client'
import type { User } from '#contracts/users'
import {
  buildAdmin,
  buildCast,
  buildCommunity,
  buildDepartmentAccount,
  buildGrid,
  buildGridWorker,
  buildPartyMemberRecord,
  buildResidentRecord,
  FACTORY_PASSWORD,
  type AppealCast,
  type BuiltAccount,
  type BuiltPlace,
} from '../../../test/factories'

let t: TestApp
let sec: string
let sys: string
let aud: string
/** the county's three administrators, built */
let admins: { systemAdmin: BuiltAccount; securityAdmin: BuiltAccount; auditAdmin: BuiltAccount }
/** a community with a grid in small (resident, worker, head, community, property company) … */
let cast: AppealCast
/** … and a third grid of it, where new accounts are made */
let grid3: BuiltPlace & { community: BuiltPlace }
let BEIJIE: string
let GRID_3: string
beforeAll(async () => {
  t = await createTestApp()
  admins = {
    systemAdmin: await buildAdmin(t, 'systemAdmin'),
    securityAdmin: await buildAdmin(t, 'securityAdmin'),
    auditAdmin: await buildAdmin(t, 'auditAdmin'),
  }
  ;[sec, sys, aud] = [admins.securityAdmin.token, admins.systemAdmin.token, admins.auditAdmin.token]
  cast = await buildCast(t)
  await buildGrid(t, { community: cast.resident.grid.community })
  grid3 = await buildGrid(t, { community: cast.resident.grid.community })
  BEIJIE = cast.resident.grid.community.path
  GRID_3 = grid3.path
})
afterAll(async () => t?.close())

const q = async <T = Record<string, unknown>>(s: SQL) => rowsOf<T>(await t.database.db.execute(s))
const userIdOf = async (username: string) =>
  (await q<{ id: number }>(sql`SELECT id FROM user_account WHERE username = ${username}`))[0]!.id
/** An account of its own for one test (a grid worker of a new grid: the role does not matter here). */
const anAccount = async () => buildGridWorker(t, await buildGrid(t))
const newUser = (over: Record<string, unknown> = {}) => ({
  username: `wgy_${Math.random().toString(36).slice(2, 8)}`,
  password: 'Grid@Worker2026',
  displayName: '新网格员',
  role: 'gridWorker',
  scope: GRID_3,
  ...over,
})
const createAs = (token: string, body: Record<string, unknown>) => t.request(token, 'POST', '/api/v1/users', body)
const auditActions = async (action: string) => {
  const res = await t.request(aud, 'GET', `/api/v1/audit-logs?action=${action}&limit=100`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: { action: string; actor: { name: string | null; role: string | null }; entityId: string | null }[] }>().items
}

/** Another county (西秀区), with a street, a department and a property company: the property company's id. */
async function anotherCounty(): Promise<{ id: number }> {
  await q(sql`INSERT INTO region (code, name, level, kind, parent_code, path, province_code, city_code)
    VALUES ('520402', '西秀区', 'county', '区', NULL, '520402', '52', '5204'),
           ('520402001', '南街街道', 'street', '街道', '520402', '520402.520402001', '52', '5204')
    ON CONFLICT DO NOTHING`)
  await q(sql`INSERT INTO department (code, county_code, name) VALUES ('520402-zjj', '520402', '西秀区住房和城乡建设局') ON CONFLICT DO NOTHING`)
  const [existing] = await q<{ id: number }>(sql`SELECT id FROM property_company WHERE county_code = '520402'`)
  if (existing) return existing
  const [pc] = await q<{ id: number }>(sql`INSERT INTO property_company (name, county_code) VALUES ('西秀物业', '520402') RETURNING id`)
  return pc!
}

describe('the security administrator', () => {
  it('creates a business account that can then log in', async () => {
    const body = newUser({ username: 'bj_wgy3_new', displayName: '王小网' })
    const res = await createAs(sec, body)
    expect(res.statusCode, res.body).toBe(201)
    const u = res.json<User>()
    expect(u).toMatchObject({ username: 'bj_wgy3_new', role: 'gridWorker', scope: GRID_3, disabled: false, lockedUntil: null })
    expect(res.body).not.toContain('Grid@Worker2026')
    expect(res.body).not.toMatch(/hash|argon/i)

    // the administrator chose the password: its owner must choose their own at the first login (等保),
    // asked with its own code and words — not as an expiry
    const token = await t.login('bj_wgy3_new', 'Grid@Worker2026')
    const me = await t.request(token, 'GET', '/api/v1/me')
    expect(me.json()).toMatchObject({ role: 'gridWorker', scopeName: `${grid3.community.name}${grid3.name}`, mustChangePassword: true, passwordChangeReason: 'firstLogin' })
    expect(me.json().passwordExpiresAt).toBe('2027-02-21T09:30:00.000+08:00')
    const blocked = await t.request(token, 'GET', '/api/v1/appeals')
    expect(blocked.statusCode).toBe(403)
    expect(blocked.json()).toEqual({ code: 'PASSWORD_CHANGE_REQUIRED', message: '首次登录或密码被重置后，请先设置您自己的密码' })
    const changed = await t.request(token, 'POST', '/api/v1/auth/password', { oldPassword: 'Grid@Worker2026', newPassword: 'Mine#Own2026' })
    expect(changed.statusCode, changed.body).toBe(200)
    const mine = await t.request(changed.json<{ token: string }>().token, 'GET', '/api/v1/me')
    expect(mine.json()).toMatchObject({ mustChangePassword: false, passwordChangeReason: null })
    // the password is stored as argon2id, never in the clear
    const row = await q<{ password_hash: string }>(sql`SELECT password_hash FROM user_account WHERE username = 'bj_wgy3_new'`)
    expect(row[0]!.password_hash).toMatch(/^\$argon2id\$/)

    const again = await createAs(sec, body)
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual({ code: 'USERNAME_TAKEN', message: '用户名已被使用' })

    expect((await auditActions('user.create')).some((e) => e.entityId === u.id && e.actor.role === 'securityAdmin')).toBe(true)
  })

  it('lists the county’s accounts, by role and by name', async () => {
    // eight grid workers and seven more grid heads of the county
    for (let i = 0; i < 8; i++) await anAccount()
    const heads = [cast.gridHead.username]
    for (let i = 0; i < 7; i++) heads.push((await buildGridWorker(t, await buildGrid(t), 'gridHead')).username)
    const res = await t.request(sec, 'GET', '/api/v1/users?role=gridWorker&limit=100')
    expect(res.statusCode).toBe(200)
    const items = res.json<{ items: User[] }>().items
    expect(items.length).toBeGreaterThanOrEqual(8)
    expect(items.every((u) => u.role === 'gridWorker')).toBe(true)
    const byName = await t.request(sec, 'GET', '/api/v1/users?q=f_gridHead_')
    expect(byName.json<{ items: User[] }>().items.map((u) => u.username).sort()).toEqual([...heads].sort())
    // paging walks every account once
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: User[]; nextCursor: string | null } = (
        await t.request(sec, 'GET', `/api/v1/users?limit=7${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()
      seen.push(...page.items.map((u) => u.username))
      cursor = page.nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen).toContain(admins.auditAdmin.username)
  })

  it('cannot create any of the three administrators', async () => {
    for (const role of ['systemAdmin', 'securityAdmin', 'auditAdmin']) {
      const res = await createAs(sec, newUser({ role, scope: '520423' }))
      expect(res.statusCode, role).toBe(422)
      expect(res.json()).toEqual({ code: 'ADMIN_ROLE_RESERVED', message: '三员账号由系统初始化，不能在此创建' })
    }
    // nor disable one
    for (const name of ['systemAdmin', 'auditAdmin', 'securityAdmin'] as const) {
      const res = await t.request(sec, 'POST', `/api/v1/users/${admins[name].id}/disable`)
      expect(res.statusCode, name).toBe(422)
      expect(res.json().code).toBe('ADMIN_ROLE_RESERVED')
    }
    // nor take over another administrator by resetting the password
    const reset = await t.request(sec, 'POST', `/api/v1/users/${admins.auditAdmin.id}/reset-password`, { password: 'Take@Over2026' })
    expect(reset.statusCode).toBe(422)
  })

  it('refuses a scope that does not fit the role', async () => {
    const elsewhere = await buildGrid(t) // a grid of another community
    const cases: [string, string][] = [
      ['community', GRID_3], // a community account on a grid
      ['gridWorker', BEIJIE], // a grid worker on a community
      ['street', '520423'], // a street account on the county
      ['county', '520423.520423002'],
      ['department', BEIJIE],
      ['property', 'department:520423-zjj'],
      ['resident', 'property:1'],
      ['gridWorker', `${BEIJIE}.${elsewhere.code}`], // a path that does not nest
      ['gridWorker', `grid:${grid3.code}`],
    ]
    for (const [role, scope] of cases) {
      const res = await createAs(sec, newUser({ role, scope }))
      expect(res.statusCode, `${role} ${scope}`).toBe(400)
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'scope' }] })
      expect(res.json().details[0].message).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('refuses a scope outside its county, one that does not exist, or a retired grid', async () => {
    const pc = await anotherCounty()

    // a grid that the system administrator opened and retired
    const grid = await t.request(sys, 'POST', `/api/v1/places/${cast.resident.grid.community.code}/grids`, { name: '临时网格' })
    expect(grid.statusCode, grid.body).toBe(201)
    const gridCode = grid.json<{ code: string }>().code
    expect((await t.request(sys, 'POST', `/api/v1/grids/${gridCode}/retire`, { reason: '测试撤销' })).statusCode).toBe(200)

    const cases: [string, string][] = [
      ['street', '520402.520402001'],
      ['county', '520402'],
      ['department', 'department:520402-zjj'],
      ['property', `property:${pc!.id}`],
      ['gridWorker', `${BEIJIE}.${cast.resident.grid.community.code}099`], // no such grid
      ['community', '520423.520423002.520423002899'], // no such community
      ['department', 'department:520423-nosuch'],
      ['property', 'property:999999'],
      ['gridWorker', `${BEIJIE}.${gridCode}`], // retired
    ]
    for (const [role, scope] of cases) {
      const res = await createAs(sec, newUser({ role, scope }))
      expect(res.statusCode, `${role} ${scope}: ${res.body}`).toBe(400)
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'scope' }] })
    }
    // the county's own department and property company are fine
    expect((await createAs(sec, newUser({ role: 'department', scope: 'department:520423-zjj' }))).statusCode).toBe(201)
    expect((await createAs(sec, newUser({ role: 'property', scope: `property:${cast.property.id}` }))).statusCode).toBe(201)
  })

  it('links a resident account only to a resident of that grid', async () => {
    const inGrid3 = await buildResidentRecord(t, { grid: grid3 })
    const inGrid1 = await buildResidentRecord(t, { grid: cast.resident.grid })
    const ok = await createAs(sec, newUser({ role: 'resident', residentId: String(inGrid3!.id) }))
    expect(ok.statusCode, ok.body).toBe(201)
    const wrongGrid = await createAs(sec, newUser({ role: 'resident', residentId: String(inGrid1!.id) }))
    expect(wrongGrid.statusCode).toBe(400)
    expect(wrongGrid.json().details[0].field).toBe('residentId')
    const missing = await createAs(sec, newUser({ role: 'resident', residentId: '987654321' }))
    expect(missing.statusCode).toBe(400)
    const notAResidentRole = await createAs(sec, newUser({ role: 'gridWorker', residentId: String(inGrid3!.id) }))
    expect(notAResidentRole.statusCode).toBe(400)
    const member = await buildPartyMemberRecord(t, cast.resident.grid.community)
    const pm = await createAs(sec, newUser({ role: 'partyMember', scope: (await buildCommunity(t)).path, partyMemberId: String(member!.id) }))
    expect(pm.statusCode).toBe(400)
    expect(pm.json().details[0].field).toBe('partyMemberId')
    expect((await createAs(sec, newUser({ role: 'partyMember', scope: BEIJIE, partyMemberId: String(member!.id) }))).statusCode).toBe(201)
  })

  it('applies the password policy to new accounts, in Chinese', async () => {
    const weak = await createAs(sec, newUser({ password: 'password123' }))
    expect(weak.statusCode).toBe(400)
    expect(weak.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '密码需包含大写字母、小写字母、数字、符号中的至少三类',
      details: [{ field: 'password' }],
    })
    const short = await createAs(sec, newUser({ password: 'Ab1!' }))
    expect(short.statusCode).toBe(400)
    expect(short.json().details).toEqual([{ field: 'password', message: '长度不能少于 8 个字符' }])
  })

  it('unlocks a locked account', async () => {
    const user = (await anAccount()).username
    for (let i = 0; i < 5; i++) await t.request(null, 'POST', '/api/v1/auth/login', { username: user, password: 'Wrong@2026' })
    const locked = await t.request(null, 'POST', '/api/v1/auth/login', { username: user, password: FACTORY_PASSWORD })
    expect(locked.statusCode).toBe(429)
    const id = await userIdOf(user)
    const listed = (await t.request(sec, 'GET', `/api/v1/users?q=${user}`)).json<{ items: User[] }>().items[0]!
    expect(listed.lockedUntil).toBe('2026-11-23T09:35:00.000+08:00')

    const res = await t.request(sec, 'POST', `/api/v1/users/${id}/unlock`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<User>().lockedUntil).toBeNull()
    expect((await t.request(null, 'POST', '/api/v1/auth/login', { username: user, password: FACTORY_PASSWORD })).statusCode).toBe(200)
    expect((await auditActions('user.unlock')).some((e) => e.entityId === String(id))).toBe(true)
  })

  it('disables an account (its sessions end, it cannot log in) and enables it again', async () => {
    const account = await anAccount()
    const user = account.username
    const session = await account.login()
    const id = account.id
    const res = await t.request(sec, 'POST', `/api/v1/users/${id}/disable`)
    expect(res.statusCode).toBe(200)
    expect(res.json<User>().disabled).toBe(true)
    expect((await t.request(session, 'GET', '/api/v1/me')).statusCode).toBe(401)
    const login = await t.request(null, 'POST', '/api/v1/auth/login', { username: user, password: FACTORY_PASSWORD })
    expect(login.statusCode).toBe(401)
    expect(login.json().code).toBe('INVALID_CREDENTIALS')

    expect((await t.request(sec, 'POST', `/api/v1/users/${id}/enable`)).json<User>().disabled).toBe(false)
    expect((await t.request(null, 'POST', '/api/v1/auth/login', { username: user, password: FACTORY_PASSWORD })).statusCode).toBe(200)
    expect((await t.request(sec, 'POST', '/api/v1/users/999999/disable')).statusCode).toBe(404)
  })

  it('resets a password to a temporary one that must be changed at the next login', async () => {
    const account = await anAccount()
    const old = await account.login()
    const id = account.id
    const weak = await t.request(sec, 'POST', `/api/v1/users/${id}/reset-password`, { password: 'temporary' })
    expect(weak.statusCode).toBe(400)
    const res = await t.request(sec, 'POST', `/api/v1/users/${id}/reset-password`, { password: 'Temp#Pass2026' })
    expect(res.statusCode, res.body).toBe(200)
    expect((await t.request(old, 'GET', '/api/v1/me')).statusCode).toBe(401)

    const login = await t.request(null, 'POST', '/api/v1/auth/login', { username: account.username, password: 'Temp#Pass2026' })
    expect(login.statusCode).toBe(200)
    expect(login.json().user.mustChangePassword).toBe(true)
    const token = login.json<{ token: string }>().token
    expect((await t.request(token, 'GET', '/api/v1/appeals')).json().code).toBe('PASSWORD_CHANGE_REQUIRED')
    const changed = await t.request(token, 'POST', '/api/v1/auth/password', { oldPassword: 'Temp#Pass2026', newPassword: 'Own#Choice2026' })
    expect(changed.statusCode).toBe(200)
    expect((await t.request(changed.json<{ token: string }>().token, 'GET', '/api/v1/appeals')).statusCode).toBe(200)
  })

  it('sees and manages only its own county’s accounts', async () => {
    const department = await buildDepartmentAccount(t, '520423-zjj')
    // accounts of the other county (created directly: this security administrator cannot)
    const pc = await anotherCounty()
    await q(sql`INSERT INTO user_account (username, password_hash, role, scope, display_name) VALUES
      ('xx_jd', 'x', 'street', '520402.520402001', '西秀街道'),
      ('xx_zjj', 'x', 'department', 'department:520402-zjj', '西秀住建'),
      ('xx_wy', 'x', 'property', ${`property:${pc.id}`}, '西秀物业')`)
    const all: User[] = []
    let cursor: string | null = null
    do {
      const page: { items: User[]; nextCursor: string | null } = (
        await t.request(sec, 'GET', `/api/v1/users?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()
      all.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    const names = all.map((u) => u.username)
    expect(names).toContain(department.username)
    expect(names).toContain(cast.property.account.username)
    expect(names).not.toContain('xx_jd')
    expect(names).not.toContain('xx_zjj')
    expect(names).not.toContain('xx_wy')

    for (const name of ['xx_jd', 'xx_zjj', 'xx_wy']) {
      const id = await userIdOf(name)
      for (const op of ['unlock', 'disable', 'enable']) {
        const res = await t.request(sec, 'POST', `/api/v1/users/${id}/${op}`)
        expect(res.statusCode, `${op} ${name}`).toBe(404)
      }
      expect((await t.request(sec, 'POST', `/api/v1/users/${id}/reset-password`, { password: 'Take@Over2026' })).statusCode).toBe(404)
    }
  })

  it('cannot read the audit log or do the system administrator’s work', async () => {
    const audit = await t.request(sec, 'GET', '/api/v1/audit-logs')
    expect(audit.statusCode).toBe(403)
    expect(audit.json()).toEqual({ code: 'FORBIDDEN', message: '只有审计管理员可以查看审计日志' })
    expect((await t.request(sec, 'POST', `/api/v1/places/${cast.resident.grid.community.code}/grids`, { name: '越权网格' })).statusCode).toBe(403)
    expect((await t.request(sec, 'GET', '/api/v1/appeals')).statusCode).toBe(403)
    expect((await t.request(sec, 'GET', '/api/v1/residents')).statusCode).toBe(403)
  })
})

describe('the system administrator', () => {
  it('opens grids, but cannot manage accounts or read the audit log', async () => {
    const grid = await t.request(sys, 'POST', `/api/v1/places/${cast.resident.grid.community.code}/grids`, { name: '新网格' })
    expect(grid.statusCode, grid.body).toBe(201)

    const id = (await anAccount()).id
    const forbidden: [string, string, unknown?][] = [
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/users', newUser()],
      ['POST', `/api/v1/users/${id}/unlock`],
      ['POST', `/api/v1/users/${id}/disable`],
      ['POST', `/api/v1/users/${id}/enable`],
      ['POST', `/api/v1/users/${id}/reset-password`, { password: 'Take@Over2026' }],
      ['GET', '/api/v1/audit-logs'],
      ['GET', '/api/v1/residents'],
    ]
    for (const [method, url, body] of forbidden) {
      const res = await t.request(sys, method as 'GET' | 'POST', url, body)
      expect(res.statusCode, `${method} ${url}`).toBe(403)
      expect(res.json().code).toBe('FORBIDDEN')
    }
  })
})

describe('the audit administrator', () => {
  it('reads the audit log, and its reading is itself audited', async () => {
    const before = (await auditActions('audit.read')).length
    const res = await t.request(aud, 'GET', '/api/v1/audit-logs?limit=5')
    expect(res.statusCode).toBe(200)
    expect(res.json<{ items: unknown[] }>().items).toHaveLength(5)
    const reads = await auditActions('audit.read')
    // at least the read of five rows above has left its own row
    expect(reads.length).toBeGreaterThanOrEqual(before + 1)
    expect(reads.every((e) => e.actor.role === 'auditAdmin')).toBe(true)
  })

  it('gets 403 on every write: accounts, grids, appeals', async () => {
    const id = (await anAccount()).id
    const writes: [string, unknown?][] = [
      ['/api/v1/users', newUser()],
      [`/api/v1/users/${id}/unlock`],
      [`/api/v1/users/${id}/disable`],
      [`/api/v1/users/${id}/reset-password`, { password: 'Take@Over2026' }],
      [`/api/v1/places/${cast.resident.grid.community.code}/grids`, { name: '越权网格' }],
      ['/api/v1/appeals', { categoryCode: 'elevator.fault', title: '审计员登记诉求', description: '审计管理员不应能登记诉求。' }],
    ]
    for (const [url, body] of writes) {
      const res = await t.request(aud, 'POST', url, body)
      expect(res.statusCode, `POST ${url}: ${res.body}`).toBe(403)
    }
  })

  it('cannot act on an appeal (the appeal is untouched)', async () => {
    const appeal = await submitAppeal(t, await cast.resident.account.login())
    const res = await t.request(aud, 'POST', `/api/v1/appeals/${appeal.id}/actions`, { action: 'accept', version: appeal.version })
    expect(res.statusCode).toBeGreaterThanOrEqual(403)
    expect(res.statusCode).toBeLessThanOrEqual(404)
    const after = await act(t, await cast.gridWorker.login(), appeal, 'accept')
    expect(after.status).toBe('accepted')
  })

  // Known bug outside this module (appeals/actions.ts loads the appeal through canSeeAppeal, which
  // is false for the three administrators, so the answer is 404 NOT_FOUND). An administrator who
  // never handles appeals should be told 403, as GET /appeals already does. Flip to `it` when fixed.
  it('gets 403, not 404, on an appeal action', async () => {
    const appeal = await submitAppeal(t, await cast.resident.account.login())
    const res = await t.request(aud, 'POST', `/api/v1/appeals/${appeal.id}/actions`, { action: 'accept', version: appeal.version })
    expect(res.statusCode).toBe(403)
  })
})

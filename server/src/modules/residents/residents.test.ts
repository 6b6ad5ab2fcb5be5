/**
 * Personal data (GB/T 35273): ID numbers and phones are encrypted at rest, always masked in lists,
 * details and appeals, found by exact value through a blind index, and shown in full only to the
 * grid and community staff of that resident — one field at a time, each time audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql, type SQL } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/setup'
import { submitAppeal } from '../../../test/appeal-helpers'
import { testPii } from '../../../test/template'
import { rowsOf } from '../../db/client'
import type { Resident } from '#contracts/residents'
import type { AuditLogEntry } from '#contracts/users'
import {
  buildAdmin,
  buildCast,
  buildDepartmentAccount,
  buildGrid,
  buildGridWorker,
  buildHouseholdLeader,
  buildPartyMember,
  buildPlaceAccount,
  buildResident,
  buildResidentRecord,
  buildStreetAccount,
  FACTORY_COUNTY,
  FACTORY_STREET,
  type AppealCast,
  type BuiltAccount,
} from '../../../test/factories'

type Who =
  | 'resident'
  | 'worker'
  | 'head'
  | 'community'
  | 'worker2'
  | 'otherCommunity'
  | 'otherWorker'
  | 'otherResident'
  | 'street'
  | 'otherStreet'
  | 'county'
  | 'property'
  | 'zjj'
  | 'partyMember'
  | 'leader'
  | 'systemAdmin'
  | 'securityAdmin'
  | 'auditAdmin'

let t: TestApp
/** A grid in small (resident, worker, head, community, the compound's property company) … */
let cast: AppealCast
/** … a second grid of the community, another community, and everyone around them. */
let grid2Code: string
let people: Record<Who, BuiltAccount>
/** The token of one of the people built for this file (the clock never moves here). */
const as = async (who: Who) => people[who].token
const pii = testPii()

interface RawResident {
  id: number
  grid_code: string
  name: string
  birth_date: string | null
  id_number_enc: string | null
  phone_enc: string | null
  id_type: string
}
/** The built resident's own record, and its real values (decrypted here with the test key). */
let me: RawResident & { phone: string; idNumber: string }
/** a resident of the community's second grid */
let other: RawResident

beforeAll(async () => {
  t = await createTestApp()
  cast = await buildCast(t)
  const home = cast.resident.grid.community
  const grid2 = await buildGrid(t, { community: home })
  grid2Code = grid2.code
  const otherRecord = await buildResidentRecord(t, { grid: grid2 })
  const elsewhere = await buildResident(t)
  people = {
    resident: cast.resident.account,
    worker: cast.gridWorker,
    head: cast.gridHead,
    community: cast.community,
    worker2: await buildGridWorker(t, grid2),
    otherCommunity: await buildPlaceAccount(t, elsewhere.grid.community, 'community'),
    otherWorker: await buildGridWorker(t, elsewhere.grid),
    otherResident: elsewhere.account,
    street: await buildStreetAccount(t),
    otherStreet: await buildStreetAccount(t, '520423001'),
    county: await buildPlaceAccount(t, { code: FACTORY_COUNTY }, 'county'),
    property: cast.property.account,
    zjj: await buildDepartmentAccount(t, '520423-zjj'),
    partyMember: (await buildPartyMember(t, home)).account,
    leader: (await buildHouseholdLeader(t, [cast.resident])).account,
    systemAdmin: await buildAdmin(t, 'systemAdmin'),
    securityAdmin: await buildAdmin(t, 'securityAdmin'),
    auditAdmin: await buildAdmin(t, 'auditAdmin'),
  }
  const [row] = await q<RawResident>(sql`SELECT * FROM resident WHERE id = ${cast.resident.id}`)
  me = { ...row!, phone: pii.decrypt(row!.phone_enc!), idNumber: pii.decrypt(row!.id_number_enc!) }
  other = (await q<RawResident>(sql`SELECT * FROM resident WHERE id = ${otherRecord.id}`))[0]!
})
afterAll(async () => t?.close())

const q = async <T = Record<string, unknown>>(s: SQL) => rowsOf<T>(await t.database.db.execute(s))
const get = async (who: Who, url: string) => t.request(await as(who), 'GET', url)
/** POST /residents/:id/reveal {field} (no field: the body is empty) */
const reveal = async (who: Who, id: string | number, field?: string) => t.request(await as(who), 'POST', `/api/v1/residents/${id}/reveal`, field ? { field } : {})
const MASKED_ID = /^\d{6}\*{8}\d{3}[\dX]$/
const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/

/** What the database holds for these residents (encrypted values and the year of birth). */
async function storedOf(ids: (string | number)[]): Promise<Map<string, { id_type: string; id_number_enc: string | null; phone_enc: string | null; birth_year: string | null }>> {
  const rows = await q<{ id: number; id_type: string; id_number_enc: string | null; phone_enc: string | null; birth_year: string | null }>(sql`
    SELECT id, id_type, id_number_enc, phone_enc, to_char(birth_date, 'YYYY') AS birth_year FROM resident
    WHERE id IN (${sql.join(ids.map((i) => sql`${Number(i)}`), sql`, `)})`)
  return new Map(rows.map((r) => [String(r.id), r]))
}

/**
 * Every personal field is in the response, and is exactly the mask of what is stored: null only where
 * nothing is stored. (A response of all nulls, or a field left out, fails.)
 */
async function expectMasked(r: Resident): Promise<void> {
  const stored = (await storedOf([r.id])).get(String(r.id))
  expect(stored, `resident ${r.id} is stored`).toBeDefined()
  for (const field of ['idNumber', 'phone', 'birthDate'] as const) expect(r, `resident ${r.id}`).toHaveProperty(field)
  if (stored!.id_number_enc) {
    const id = pii.decrypt(stored!.id_number_enc)
    if (stored!.id_type === 'idCard') {
      expect(r.idNumber, `resident ${r.id} idNumber`).toMatch(MASKED_ID)
      expect(r.idNumber).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`)
    } else {
      // a passport (境外人员): masked too, never in full
      expect(r.idNumber, `resident ${r.id} passport`).toMatch(/\*{4,}/)
      expect(r.idNumber).not.toBe(id)
    }
  } else expect(r.idNumber, `resident ${r.id} idNumber`).toBeNull()
  if (stored!.phone_enc) {
    const phone = pii.decrypt(stored!.phone_enc)
    expect(r.phone, `resident ${r.id} phone`).toMatch(MASKED_PHONE)
    expect(r.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`)
  } else expect(r.phone, `resident ${r.id} phone`).toBeNull()
  if (stored!.birth_year) expect(r.birthDate, `resident ${r.id} birthDate`).toBe(`${stored!.birth_year}-**-**`)
  else expect(r.birthDate, `resident ${r.id} birthDate`).toBeNull()
}

async function revealAudits(residentId: number | string): Promise<AuditLogEntry[]> {
  const res = await t.request(await as('auditAdmin'), 'GET', `/api/v1/audit-logs?action=resident.reveal&entityId=${residentId}&limit=100`)
  expect(res.statusCode).toBe(200)
  return res.json<{ items: AuditLogEntry[] }>().items
}

describe('at rest', () => {
  it('holds no plaintext phone or ID number in the resident table', async () => {
    const rows = await q<RawResident & { json: string }>(sql`SELECT r.*, row_to_json(r)::text AS json FROM resident r`)
    expect(rows.length).toBeGreaterThan(500)
    let phones = 0
    for (const r of rows) {
      if (r.id_number_enc) {
        expect(r.id_number_enc).toMatch(/^(a1|s1)\./)
        const id = pii.decrypt(r.id_number_enc)
        // 居民身份证 (GB 11643), or a 境外人员's passport number
        expect(id).toMatch(r.id_type === 'idCard' ? /^\d{17}[\dX]$/ : /^[A-Z0-9]{5,20}$/)
        expect(r.json).not.toContain(id)
        if (r.id_type === 'idCard') expect(r.json).not.toContain(id.slice(6)) // not even the part after the area code
      }
      if (r.phone_enc) {
        phones++
        const phone = pii.decrypt(r.phone_enc)
        expect(phone).toMatch(/^1[3-9]\d{9}$/)
        expect(r.json).not.toContain(phone)
      }
    }
    expect(phones).toBeGreaterThan(100)
    // and no 11-digit mobile number or 18-character ID anywhere in a row
    const leaks = await q(sql`SELECT id FROM resident r WHERE row_to_json(r)::text ~ '(^|[^0-9])(1[3-9][0-9]{9}|[0-9]{17}[0-9X])([^0-9]|$)'`)
    expect(leaks).toEqual([])
  })

  it('finds a resident by the full phone or ID number through the blind index', async () => {
    const byPhone = await get('worker', `/api/v1/residents?phone=${me.phone}`)
    expect(byPhone.statusCode).toBe(200)
    const items = byPhone.json<{ items: Resident[] }>().items
    expect(items.map((r) => r.id)).toEqual([String(me.id)])
    expect(items[0]!.phone).toBe(`${me.phone.slice(0, 3)}****${me.phone.slice(-4)}`)

    const byId = await get('community', `/api/v1/residents?idNumber=${me.idNumber.toLowerCase()}`)
    expect(byId.json<{ items: Resident[] }>().items.map((r) => r.id)).toEqual([String(me.id)])

    // a partial number finds nothing (400: only full numbers are looked up)
    expect((await get('worker', `/api/v1/residents?phone=${me.phone.slice(0, 7)}`)).statusCode).toBe(400)
    // the right number outside the caller's place finds nothing
    const elsewhere = await get('otherCommunity', `/api/v1/residents?phone=${me.phone}`)
    expect(elsewhere.statusCode).toBe(200)
    expect(elsewhere.json<{ items: Resident[] }>().items).toEqual([])
  })
})

describe('lists and details are masked', () => {
  it('lists the residents of the caller’s place, masked, for county, street, community and grid staff', async () => {
    for (const [name, prefix] of [
      ['worker', cast.resident.grid.code],
      ['head', cast.resident.grid.code],
      ['community', cast.resident.grid.community.code],
      ['street', FACTORY_STREET],
      ['county', FACTORY_COUNTY],
    ] as const) {
      const res = await get(name, '/api/v1/residents?limit=100&withTotal=true')
      expect(res.statusCode, name).toBe(200)
      const page = res.json<{ items: Resident[]; total: number }>()
      expect(page.items.length, name).toBeGreaterThan(0)
      const stored = await storedOf(page.items.map((r) => r.id))
      // the page holds real personal data, so the masking checks below cannot pass on nulls alone
      expect(page.items.filter((r) => stored.get(r.id)?.phone_enc).length, `${name}: residents with a phone`).toBeGreaterThan(0)
      expect(page.items.filter((r) => stored.get(r.id)?.id_number_enc).length, `${name}: residents with an ID number`).toBeGreaterThan(0)
      for (const r of page.items) {
        expect(r.gridCode.startsWith(prefix), `${name} sees ${r.gridCode}`).toBe(true)
        await expectMasked(r)
      }
      expect(res.body).not.toContain(me.phone)
      expect(res.body).not.toContain(me.idNumber)
    }
  })

  it('masks ID 520423********1234, phone 138****5678, and keeps only the year of birth', async () => {
    const res = await get('worker', `/api/v1/residents/${me.id}`)
    expect(res.statusCode).toBe(200)
    const r = res.json<Resident>()
    expect(r.idNumber).toBe(`${me.idNumber.slice(0, 6)}********${me.idNumber.slice(-4)}`)
    expect(r.phone).toBe(`${me.phone.slice(0, 3)}****${me.phone.slice(-4)}`)
    // the birth date is the masked middle of the ID number: it must not leave in full beside it
    expect(me.idNumber.slice(6, 14)).toBe(me.birth_date!.replaceAll('-', ''))
    expect(r.birthDate).toBe(`${me.birth_date!.slice(0, 4)}-**-**`)
    expect(res.body).not.toContain(me.idNumber.slice(6, 14))
    expect(res.body).not.toContain(me.birth_date!)
  })

  it('shows residents their own record, masked, and nobody else’s', async () => {
    const own = await get('resident', `/api/v1/residents/${me.id}`)
    expect(own.statusCode).toBe(200)
    await expectMasked(own.json<Resident>())
    expect((await get('resident', `/api/v1/residents/${other.id}`)).statusCode).toBe(404)
    expect((await get('resident', '/api/v1/residents')).statusCode).toBe(403)
  })

  it('keeps residents out of reach of other places and of roles without the need', async () => {
    for (const name of ['worker2', 'otherCommunity', 'otherWorker', 'otherStreet', 'property', 'zjj', 'partyMember', 'leader', 'otherResident', 'systemAdmin', 'securityAdmin', 'auditAdmin'] as const) {
      const res = await get(name, `/api/v1/residents/${me.id}`)
      expect(res.statusCode, name).toBe(404)
      expect(res.json()).toEqual({ code: 'NOT_FOUND', message: '居民不存在或不在您的辖区内' })
    }
    for (const name of ['property', 'zjj', 'partyMember', 'leader', 'systemAdmin', 'securityAdmin', 'auditAdmin'] as const) {
      expect((await get(name, '/api/v1/residents')).statusCode, name).toBe(403)
    }
    // a place outside one's own
    expect((await get('worker', `/api/v1/residents?place=${grid2Code}`)).statusCode).toBe(404)
    expect((await get('otherCommunity', `/api/v1/residents?place=${cast.resident.grid.community.code}`)).statusCode).toBe(404)
    expect((await get('otherStreet', `/api/v1/residents?place=${FACTORY_STREET}`)).statusCode).toBe(404)
    expect((await get('worker', '/api/v1/residents/999999999')).statusCode).toBe(404)
  })
})

describe('revealing one field', () => {
  it('shows the full value to the grid worker, grid head and community of that resident, one audit row each', async () => {
    const before = (await revealAudits(me.id)).length
    const cases: [Who, 'phone' | 'idNumber', string][] = [
      ['worker', 'phone', me.phone],
      ['head', 'idNumber', me.idNumber],
      ['community', 'phone', me.phone],
    ]
    for (const [i, [name, field, value]] of cases.entries()) {
      const res = await reveal(name, me.id, field)
      expect(res.statusCode, name).toBe(200)
      expect(res.json()).toEqual({ field, value })
      expect(res.headers['cache-control']).toBe('no-store')

      const audits = await revealAudits(me.id)
      expect(audits, `after ${name}`).toHaveLength(before + i + 1)
      const userId = people[name].id
      expect(audits[0]).toMatchObject({
        action: 'resident.reveal',
        entityType: 'resident',
        entityId: String(me.id),
        actor: { id: String(userId) },
        detail: { field },
      })
      // the audit row says what was looked at, never the value itself
      expect(JSON.stringify(audits[0])).not.toContain(value)
    }
  })

  it('refuses street and county staff (403) and the resident themself (403), without an audit row', async () => {
    const audits = (await revealAudits(me.id)).length
    for (const name of ['street', 'county', 'resident'] as const) {
      const res = await reveal(name, me.id, 'idNumber')
      expect(res.statusCode, name).toBe(403)
      expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '您的角色不能查看完整的个人信息' })
      expect(res.body).not.toContain(me.idNumber)
    }
    expect(await revealAudits(me.id)).toHaveLength(audits)
  })

  it('answers 404 out of scope or to roles that cannot see residents at all, without an audit row', async () => {
    const audits = (await revealAudits(me.id)).length
    const otherAudits = (await revealAudits(other.id)).length
    for (const name of ['worker2', 'otherWorker', 'otherCommunity', 'otherStreet', 'property', 'zjj', 'partyMember', 'leader', 'otherResident', 'systemAdmin', 'securityAdmin', 'auditAdmin'] as const) {
      const res = await reveal(name, me.id, 'phone')
      expect(res.statusCode, name).toBe(404)
      expect(res.body).not.toContain(me.phone)
    }
    expect((await reveal('worker', other.id, 'phone')).statusCode).toBe(404)
    expect(await revealAudits(me.id)).toHaveLength(audits)
    expect(await revealAudits(other.id)).toHaveLength(otherAudits)
    // the grid worker of the second grid may see its own resident
    const own = await reveal('worker2', other.id, 'phone')
    expect(own.json()).toEqual({ field: 'phone', value: pii.decrypt(other.phone_enc!) })
    expect(await revealAudits(other.id)).toHaveLength(otherAudits + 1)
  })

  it('accepts only idNumber or phone', async () => {
    const audits = (await revealAudits(me.id)).length
    for (const field of ['name', 'birthDate', 'phone_enc', '']) {
      const res = await reveal('worker', me.id, field)
      expect(res.statusCode, field).toBe(400)
    }
    expect((await reveal('worker', me.id)).statusCode).toBe(400)
    expect(await revealAudits(me.id)).toHaveLength(audits)
  })
})

describe('appeals', () => {
  it('mask the contact phone in every response and keep it encrypted at rest', async () => {
    const appeal = await submitAppeal(t, await as('resident'))
    const masked = `${me.phone.slice(0, 3)}****${me.phone.slice(-4)}`
    expect(appeal.contact).toEqual({ name: me.name, phone: masked })

    const given = await submitAppeal(t, await as('resident'), { contactPhone: '13912345678', contactName: '何女士' })
    expect(given.contact).toEqual({ name: '何女士', phone: '139****5678' })

    for (const name of ['worker', 'community', 'street', 'county', 'resident'] as const) {
      const one = await get(name, `/api/v1/appeals/${given.id}`)
      expect(one.statusCode, name).toBe(200)
      expect(one.json().contact.phone).toBe('139****5678')
      const list = await get(name, '/api/v1/appeals?limit=100')
      expect(list.body).not.toContain('13912345678')
      expect(list.body).not.toContain(me.phone)
    }
    const raw = await q<{ json: string; contact_phone_enc: string }>(
      sql`SELECT row_to_json(a)::text AS json, a.contact_phone_enc FROM appeal a WHERE a.id IN (${Number(appeal.id)}, ${Number(given.id)})`,
    )
    expect(raw).toHaveLength(2)
    for (const r of raw) {
      expect(r.contact_phone_enc).toMatch(/^(a1|s1)\./)
      expect(r.json).not.toContain('13912345678')
      expect(r.json).not.toContain(me.phone)
    }
  })
})

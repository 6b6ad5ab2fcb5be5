/**
 * Row builders that insert through the real tables: the demo seed uses them, and so do the tests
 * (server/test/factories.ts re-exports them). Demo people are not real: ID numbers use the county
 * area code, plausible birth dates, sequence codes in the 9xx range and valid GB 11643 check digits.
 */
import type { Db } from '../db/client'
import { building, buildingUnit, compound, household, householdGroup, partyMember, propertyCompany, resident, team, teamMember, userAccount } from '../db/schema/index'
import { makeIdNumber } from '../lib/id-number'
import type { Pii } from '../lib/pii'
import type { Prng } from '../lib/prng'
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from './names'

export interface PersonSpec {
  name: string
  gender: 'male' | 'female'
  birthDate: string
  idNumber: string
  phone: string | null
}

const PHONE_PREFIXES = ['135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '182', '187', '188', '189', '199']

/**
 * A plausible demo person born in [minAge, maxAge] years before `asOfYear`. Pass the same `taken`
 * set to every call of one seed so that no two demo people share an ID number.
 */
export function makePerson(
  prng: Prng,
  area: string,
  asOfYear: number,
  o: { surname?: string; gender?: 'male' | 'female'; minAge: number; maxAge: number; withPhone?: boolean; taken?: Set<string> },
): PersonSpec {
  const gender = o.gender ?? (prng.chance(0.5) ? 'male' : 'female')
  const surname = o.surname ?? prng.pick(SURNAMES)
  const given = prng.pick(gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE)
  const year = asOfYear - prng.int(o.minAge, o.maxAge)
  const month = prng.int(1, 12)
  const day = prng.int(1, 28)
  const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`
  // 9xx sequence codes; the last digit of the sequence is odd for men, even for women.
  const pair = prng.int(0, 49)
  let idNumber = ''
  // Same birth date and sequence as someone already made: take the next free sequence of the same
  // parity (50 per birth date and gender). No extra draws, so the rest of the stream is unchanged.
  for (let k = 0; k < 50; k++) {
    idNumber = makeIdNumber(area, birth, 900 + ((pair + k) % 50) * 2 + (gender === 'male' ? 1 : 0))
    if (!o.taken?.has(idNumber)) break
  }
  o.taken?.add(idNumber)
  return {
    name: surname + given,
    gender,
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    idNumber,
    phone: o.withPhone === false ? null : `${prng.pick(PHONE_PREFIXES)}${String(prng.int(0, 99_999_999)).padStart(8, '0')}`,
  }
}

export async function insertPropertyCompany(db: Db, v: typeof propertyCompany.$inferInsert) {
  const [row] = await db.insert(propertyCompany).values(v).returning()
  return row!
}

export async function insertCompound(db: Db, v: typeof compound.$inferInsert) {
  const [row] = await db.insert(compound).values(v).returning()
  return row!
}

export async function insertBuilding(db: Db, v: typeof building.$inferInsert) {
  const [row] = await db.insert(building).values(v).returning()
  return row!
}

export async function insertUnits(db: Db, buildingId: number, names: string[]) {
  return db
    .insert(buildingUnit)
    .values(names.map((name) => ({ buildingId, name })))
    .returning()
}

export async function insertHouseholds(db: Db, rows: (typeof household.$inferInsert)[]) {
  const out: (typeof household.$inferSelect)[] = []
  for (let i = 0; i < rows.length; i += 500) out.push(...(await db.insert(household).values(rows.slice(i, i + 500)).returning()))
  return out
}

export async function insertHouseholdGroup(db: Db, v: typeof householdGroup.$inferInsert) {
  const [row] = await db.insert(householdGroup).values(v).returning()
  return row!
}

export interface ResidentSpec extends PersonSpec {
  gridCode: string
  householdId: number | null
  relation: string
  tags: string[]
  isDemo?: boolean
}

/** Insert residents with ID number and phone encrypted and blind-indexed. */
export async function insertResidents(db: Db, pii: Pii, specs: ResidentSpec[]) {
  const out: (typeof resident.$inferSelect)[] = []
  for (let i = 0; i < specs.length; i += 500) {
    const chunk = specs.slice(i, i + 500).map((p) => ({
      householdId: p.householdId,
      gridCode: p.gridCode,
      name: p.name,
      gender: p.gender,
      birthDate: p.birthDate,
      idNumberEnc: pii.encrypt(p.idNumber),
      idNumberIdx: pii.blindIndex(p.idNumber),
      phoneEnc: p.phone ? pii.encrypt(p.phone) : null,
      phoneIdx: p.phone ? pii.blindIndex(p.phone) : null,
      tags: p.tags,
      relation: p.relation,
      isDemo: p.isDemo ?? true,
    }))
    out.push(...(await db.insert(resident).values(chunk).returning()))
  }
  return out
}

export async function insertPartyMembers(db: Db, rows: (typeof partyMember.$inferInsert)[]) {
  if (!rows.length) return []
  return db.insert(partyMember).values(rows).returning()
}

export async function insertTeam(db: Db, v: typeof team.$inferInsert, memberUserIds: number[]) {
  const [row] = await db.insert(team).values(v).returning()
  if (memberUserIds.length) await db.insert(teamMember).values(memberUserIds.map((userId) => ({ teamId: row!.id, userId })))
  return row!
}

export async function insertAccount(db: Db, v: typeof userAccount.$inferInsert) {
  const [row] = await db.insert(userAccount).values(v).onConflictDoNothing().returning()
  return row
}

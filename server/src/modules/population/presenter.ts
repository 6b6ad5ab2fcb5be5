/** 实有人口 rows → responses: GB codes with their names, ID numbers and phones masked, ages from the birth date. */
import { GB_EDUCATION, GB_ETHNICITY, GB_MARITAL, GB_POLITICAL, GB_RELATION, type CodeSet } from '#contracts/gb-codes'
import { openTags, ID_TYPE_NAMES, OCCUPANCY_NAMES, PERSON_STATUS_NAMES, RENTAL_PURPOSE_NAMES, RESIDENCE_TYPE_NAMES, STAY_END_NAMES, STAY_START_NAMES } from '#contracts/ledger-names'
import type { HouseholdMember, Person, PersonAppeal, PersonHousing, Stay } from '#contracts/population'
import type { Appeal } from '#contracts/appeals'
import { maskIdNumber, maskPhone, type Pii } from '../../lib/pii'
import type { HouseholdWithPlace, PersonRow, PersonWithPlace, StayRow } from './queries'

const GENDER_NAMES: Record<string, string> = { male: '男', female: '女' }
const nameOf = <T extends Record<string, string>>(names: T, k: string | null | undefined): string => (k && k in names ? names[k as keyof T]! : (k ?? ''))

const coded = (set: CodeSet, code: string | null) => {
  if (!code) return null
  return { code, name: set.name(code) ?? code }
}

/** Full years between a birth date and today (YYYY-MM-DD strings). */
export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}

const reveal = (pii: Pii, enc: string | null) => (enc ? pii.decrypt(enc) : null)

export function presentPerson(pii: Pii, r: PersonWithPlace, today: string): Person {
  const p = r.resident
  return {
    id: String(p.id),
    name: p.name,
    gender: p.gender,
    genderName: p.gender ? (GENDER_NAMES[p.gender] ?? null) : null,
    birthDate: p.birthDate,
    age: ageOn(p.birthDate, today),
    idType: p.idType,
    idTypeName: nameOf(ID_TYPE_NAMES, p.idType),
    idNumber: p.idType === 'idCard' ? maskIdNumber(reveal(pii, p.idNumberEnc)) : maskOther(reveal(pii, p.idNumberEnc)),
    phone: maskPhone(reveal(pii, p.phoneEnc)),
    residenceType: p.residenceType,
    residenceTypeName: nameOf(RESIDENCE_TYPE_NAMES, p.residenceType),
    status: p.status,
    statusName: nameOf(PERSON_STATUS_NAMES, p.status),
    nationality: p.nationality,
    ethnicity: coded(GB_ETHNICITY, p.ethnicity),
    politicalStatus: coded(GB_POLITICAL, p.politicalStatus),
    education: coded(GB_EDUCATION, p.education),
    maritalStatus: coded(GB_MARITAL, p.maritalStatus),
    relation: coded(GB_RELATION, p.relationCode),
    hukouAddress: p.hukouAddress,
    sameAsHukou: p.sameAsHukou,
    occupation: p.occupation,
    workplace: p.workplace,
    tags: openTags(p.tags),
    gridCode: p.gridCode,
    householdId: p.householdId === null ? null : String(p.householdId),
    address: r.address,
    buildingId: r.buildingId === null ? null : String(r.buildingId),
    version: p.version,
  }
}

/** A passport or other document number: only its last four characters. */
function maskOther(v: string | null): string | null {
  if (!v) return null
  return v.length <= 4 ? '*'.repeat(v.length) : `${'*'.repeat(v.length - 4)}${v.slice(-4)}`
}

export function presentMember(pii: Pii, p: PersonRow, headId: number | null, today: string): HouseholdMember {
  return {
    id: String(p.id),
    name: p.name,
    relation: coded(GB_RELATION, p.relationCode),
    idNumber: p.idType === 'idCard' ? maskIdNumber(reveal(pii, p.idNumberEnc)) : maskOther(reveal(pii, p.idNumberEnc)),
    age: ageOn(p.birthDate, today),
    isHead: headId === p.id,
  }
}

export function presentStay(s: StayRow): Stay {
  return {
    id: String(s.id),
    householdId: s.householdId === null ? null : String(s.householdId),
    address: s.address,
    relationName: s.relationCode ? (GB_RELATION.name(s.relationCode) ?? null) : null,
    residenceTypeName: nameOf(RESIDENCE_TYPE_NAMES, s.residenceType),
    fromDate: s.fromDate,
    toDate: s.toDate,
    startReason: s.startReason,
    startReasonName: nameOf(STAY_START_NAMES, s.startReason),
    endReason: s.endReason,
    endReasonName: s.endReason ? nameOf(STAY_END_NAMES, s.endReason) : null,
    note: s.note,
  }
}

export function presentHousing(h: HouseholdWithPlace, rental: { rental: { id: number; landlordName: string; purpose: string; startDate: string; endDate: string | null }; tenantCount: number } | undefined): PersonHousing {
  return {
    buildingId: h.household.buildingId === null ? null : String(h.household.buildingId),
    buildingName: h.buildingName,
    unitName: h.unitName,
    room: h.household.room,
    occupancy: h.household.occupancy,
    occupancyName: nameOf(OCCUPANCY_NAMES, h.household.occupancy),
    rental: rental
      ? {
          id: String(rental.rental.id),
          landlordName: rental.rental.landlordName,
          purposeName: nameOf(RENTAL_PURPOSE_NAMES, rental.rental.purpose),
          startDate: rental.rental.startDate,
          endDate: rental.rental.endDate,
          tenantCount: rental.tenantCount,
        }
      : null,
  }
}

export const presentPersonAppeal = (a: Appeal): PersonAppeal => ({
  id: a.id,
  number: a.number,
  title: a.title,
  status: a.status,
  statusName: a.statusName,
  createdAt: a.createdAt,
})

import { openTags } from '#contracts/ledger-names'
import { GENDER_NAMES, nameOf } from '#contracts/labels'
import type { Resident } from '#contracts/residents'
import { maskIdNumber, maskPhone, type Pii } from '../../lib/pii'
import type { ResidentRow } from './queries'

/**
 * The birth date is eight of the ID number's eighteen digits: shown in full next to the masked ID
 * (area code and last four kept) it would give the whole number back. Only the year leaves.
 */
export function maskBirthDate(v: string | null): string | null {
  return v ? `${v.slice(0, 4)}-**-**` : null
}

/** Residents always leave masked; the server does the masking. */
export function presentResident(pii: Pii, r: ResidentRow, address: string | null): Resident {
  return {
    id: String(r.id),
    name: r.name,
    gender: r.gender,
    genderName: nameOf(GENDER_NAMES, r.gender),
    birthDate: maskBirthDate(r.birthDate),
    idNumber: r.idNumberEnc ? maskIdNumber(pii.decrypt(r.idNumberEnc)) : null,
    phone: r.phoneEnc ? maskPhone(pii.decrypt(r.phoneEnc)) : null,
    gridCode: r.gridCode,
    householdId: r.householdId === null ? null : String(r.householdId),
    address,
    tags: openTags(r.tags),
  }
}

import type { Resident } from '../../../../contracts/residents'
import { maskIdNumber, maskPhone, type Pii } from '../../lib/pii'
import type { ResidentRow } from './queries'

/** Residents always leave masked; the server does the masking. */
export function presentResident(pii: Pii, r: ResidentRow, address: string | null): Resident {
  return {
    id: String(r.id),
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    idNumber: r.idNumberEnc ? maskIdNumber(pii.decrypt(r.idNumberEnc)) : null,
    phone: r.phoneEnc ? maskPhone(pii.decrypt(r.phoneEnc)) : null,
    gridCode: r.gridCode,
    householdId: r.householdId === null ? null : String(r.householdId),
    address,
    tags: r.tags,
  }
}

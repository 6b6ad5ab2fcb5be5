/** The demo seed's writes to the housing register (seed/demo-housing.ts), through this module's queries. */
import type { Db } from '../../db/client'
import type { Pii } from '../../lib/pii'
import { findResidentBrief, insertRental, insertTenant, updateRoomOccupancy, type RentalRow } from './queries'
export { listRoomsWithPeople } from './queries'

export async function insertDemoRental(
  db: Db,
  pii: Pii,
  o: {
    householdId: number
    gridCode: string
    landlord: { residentId: number } | { name: string; phone: string; idNumber: string }
    purpose: string
    startDate: string
    securityPledgeSigned: boolean
    createdAt: Date
  },
): Promise<RentalRow> {
  let landlord
  if ('residentId' in o.landlord) {
    const r = (await findResidentBrief(db, o.landlord.residentId))!
    landlord = { landlordResidentId: r.id, landlordName: r.name, landlordPhoneEnc: r.phoneEnc, landlordPhoneIdx: r.phoneIdx, landlordIdNumberEnc: r.idNumberEnc, landlordIdNumberIdx: r.idNumberIdx }
  } else {
    const l = o.landlord
    landlord = { landlordName: l.name, landlordPhoneEnc: pii.encrypt(l.phone), landlordPhoneIdx: pii.blindIndex(l.phone), landlordIdNumberEnc: pii.encrypt(l.idNumber), landlordIdNumberIdx: pii.blindIndex(l.idNumber) }
  }
  const r = await insertRental(db, { householdId: o.householdId, gridCode: o.gridCode, ...landlord, purpose: o.purpose, startDate: o.startDate, securityPledgeSigned: o.securityPledgeSigned, createdAt: o.createdAt, isDemo: true })
  return r!
}

export const insertDemoTenant = (db: Db, o: { rentalId: number; residentId: number; fromDate: string; toDate?: string }) =>
  insertTenant(db, { rentalId: o.rentalId, residentId: o.residentId, fromDate: o.fromDate, toDate: o.toDate ?? null })

/** A demo room's use: changed on `day` (a rental's start), or as first registered when `day` is null. */
export const setRoomOccupancy = (db: Db, householdId: number, occupancy: string, day: string | null = null) => updateRoomOccupancy(db, householdId, null, occupancy, day)

import type { HouseholdClaim, SignupBuilding } from '#contracts/signup'
import type { Pii } from '../../lib/pii'
import { maskPhone } from '../../lib/pii'
import { isoOrNull, isoShanghai } from '../../lib/time'
import type { ClaimView, listBuildingsOfCommunity } from './queries'

export function presentClaim(pii: Pii, v: ClaimView, existingHousehold: boolean): HouseholdClaim {
  const c = v.claim
  return {
    id: String(c.id),
    status: c.status as HouseholdClaim['status'],
    resident: { id: String(c.residentId), name: v.residentName, phone: v.residentPhoneEnc ? maskPhone(pii.decrypt(v.residentPhoneEnc)) : null },
    gridCode: c.gridCode,
    gridName: v.gridName,
    address: `${v.compoundName ?? ''}${v.buildingName}${v.unitName ?? ''}${c.room}`,
    existingHousehold,
    createdAt: isoShanghai(c.createdAt),
    decidedAt: isoOrNull(c.decidedAt),
    reason: c.reason,
  }
}

export function presentBuilding(b: Awaited<ReturnType<typeof listBuildingsOfCommunity>>[number]): SignupBuilding {
  return {
    id: String(b.id),
    name: `${b.compoundName ?? ''}${b.name}`,
    gridCode: b.gridCode,
    units: b.units.map((u) => ({ id: String(u.id), name: u.name })),
  }
}

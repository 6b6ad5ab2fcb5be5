/** Register rows → API responses. Residents leave masked, as everywhere (the residents module's presenter). */
import {
  PARTY_MEMBER_KIND_NAMES,
  PARTY_ORG_KIND_NAMES,
  RELATION_NAMES,
  type Building,
  type Compound,
  type Department,
  type Household,
  type HouseholdGroup,
  type PartyMember,
  type PartyMemberKind,
  type PartyOrg,
  type PartyOrgKind,
  type PropertyCompany,
  type RegisteredResident,
  type ResidentRelation,
  type Team,
  type Unit,
} from '#contracts/registry'
import type { Pii } from '../../lib/pii'
import { presentResident } from '../residents'
import type {
  BuildingWithNames,
  CompoundWithNames,
  DepartmentRow,
  GroupWithNames,
  HouseholdWithNames,
  PartyMemberWithNames,
  PartyOrgWithCounts,
  PropertyCompanyWithCounts,
  ResidentRow,
  TeamRow,
  UnitWithCounts,
} from './queries'

const idOrNull = (v: number | null) => (v === null ? null : String(v))

export const presentDepartment = (d: DepartmentRow): Department => ({ code: d.code, name: d.name, countyCode: d.countyCode, version: d.version })

export function presentPropertyCompany(r: PropertyCompanyWithCounts): PropertyCompany {
  const c = r.company
  return {
    id: String(c.id),
    name: c.name,
    creditCode: c.creditCode,
    contactPhone: c.contactPhone,
    countyCode: c.countyCode,
    compoundCount: r.compoundCount,
    version: c.version,
  }
}

export function presentCompound(r: CompoundWithNames): Compound {
  const c = r.compound
  return {
    id: String(c.id),
    communityCode: c.communityCode,
    communityName: r.communityName,
    name: c.name,
    address: c.address,
    propertyCompany: c.propertyCompanyId !== null && r.companyName !== null ? { id: String(c.propertyCompanyId), name: r.companyName } : null,
    buildingCount: r.buildingCount,
    version: c.version,
  }
}

export function presentBuilding(r: BuildingWithNames): Building {
  const b = r.building
  return {
    id: String(b.id),
    gridCode: b.gridCode,
    gridName: r.gridName,
    compound: b.compoundId !== null && r.compoundName !== null ? { id: String(b.compoundId), name: r.compoundName } : null,
    name: b.name,
    address: b.address,
    floors: b.floors,
    lat: b.lat,
    lng: b.lng,
    unitCount: r.unitCount,
    householdCount: r.householdCount,
    version: b.version,
  }
}

export const presentUnit = (r: UnitWithCounts): Unit => ({
  id: String(r.unit.id),
  buildingId: String(r.unit.buildingId),
  name: r.unit.name,
  householdCount: r.householdCount,
  version: r.unit.version,
})

export function presentHousehold(r: HouseholdWithNames): Household {
  const h = r.household
  return {
    id: String(h.id),
    gridCode: h.gridCode,
    building: h.buildingId !== null && r.buildingName !== null ? { id: String(h.buildingId), name: r.buildingName } : null,
    unit: h.unitId !== null && r.unitName !== null ? { id: String(h.unitId), name: r.unitName } : null,
    room: h.room,
    address: h.address,
    groupId: idOrNull(h.groupId),
    residentCount: r.residentCount,
    version: h.version,
  }
}

export function presentRegisteredResident(pii: Pii, r: ResidentRow, address: string | null): RegisteredResident {
  const relation = r.relation as ResidentRelation | null
  return {
    ...presentResident(pii, r, address),
    relation,
    relationName: relation ? (RELATION_NAMES[relation] ?? null) : null,
    version: r.version,
  }
}

export function presentGroup(r: GroupWithNames, households?: { id: number; address: string }[]): HouseholdGroup {
  const g = r.group
  return {
    id: String(g.id),
    gridCode: g.gridCode,
    name: g.name,
    leader:
      g.leaderResidentId !== null && r.leaderName !== null
        ? { residentId: String(g.leaderResidentId), name: r.leaderName, householdId: idOrNull(r.leaderHouseholdId), accountId: idOrNull(r.leaderAccountId) }
        : null,
    householdCount: r.householdCount,
    ...(households ? { households: households.map((h) => ({ id: String(h.id), address: h.address })) } : {}),
    version: g.version,
  }
}

export const presentTeam = (t: TeamRow, members: { userId: number; name: string; role: string }[]): Team => ({
  id: String(t.id),
  communityCode: t.communityCode,
  name: t.name,
  members: members.map((m) => ({ userId: String(m.userId), name: m.name, role: m.role })),
  version: t.version,
})

export function presentPartyOrg(r: PartyOrgWithCounts): PartyOrg {
  const o = r.org
  const kind = o.kind as PartyOrgKind
  return {
    id: String(o.id),
    parentId: idOrNull(o.parentId),
    kind,
    kindName: PARTY_ORG_KIND_NAMES[kind] ?? o.kind,
    name: o.name,
    placeCode: o.placeCode,
    buildingId: idOrNull(o.buildingId),
    memberCount: r.memberCount,
    version: o.version,
  }
}

export function presentPartyMember(r: PartyMemberWithNames): PartyMember {
  const m = r.member
  const kind = m.kind as PartyMemberKind
  return {
    id: String(m.id),
    name: m.name,
    kind,
    kindName: PARTY_MEMBER_KIND_NAMES[kind] ?? m.kind,
    communityCode: m.communityCode,
    partyOrg: m.partyOrgId !== null && r.orgName !== null ? { id: String(m.partyOrgId), name: r.orgName } : null,
    workUnit: m.workUnit,
    residentId: idOrNull(m.residentId),
    accountId: idOrNull(r.accountId),
    version: m.version,
  }
}

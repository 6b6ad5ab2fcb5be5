/** Units and their registrations → API responses, with the caller's allowed actions and, for the detail, the timeline. */
import {
  UNIT_KIND_NAMES,
  UNIT_REGISTRATION_ACTION_NAMES,
  UNIT_REGISTRATION_STATUS_NAMES,
  type Unit,
  type UnitKind,
  type UnitRegistration,
  type UnitRegistrationStatus,
} from '#contracts/units'
import type { TimelineEvent } from '#contracts/common'
import { presentTimelineEvent, type WorkflowEventRow } from '../../core'
import { isoOrNull, isoShanghai } from '../../lib/time'
import { unitRegistrationWorkflow, type Actor, type UnitFacts, type UnitRegistrationFacts } from '../../permissions'
import type { UnitRegistrationRow, UnitRegistrationWithNames, UnitRow, UnitWithFigures } from './queries'

export const unitFacts = (u: UnitRow): UnitFacts => ({ id: u.id, countyCode: u.countyCode })

export function unitRegistrationFacts(r: UnitRegistrationRow): UnitRegistrationFacts {
  return { status: r.status as UnitRegistrationStatus, unitId: r.unitId, communityCode: r.communityCode }
}

export const presentEvent = (e: WorkflowEventRow): TimelineEvent => presentTimelineEvent(e, UNIT_REGISTRATION_ACTION_NAMES)

export function presentUnit(row: UnitWithFigures): Unit {
  const u = row.unit
  return {
    id: String(u.id),
    name: u.name,
    kind: u.kind as UnitKind,
    kindName: UNIT_KIND_NAMES[u.kind as UnitKind],
    partyOrgName: u.partyOrgName,
    contactName: u.contactName,
    contactPhone: u.contactPhone,
    address: u.address,
    countyCode: u.countyCode,
    pairedCommunities: row.paired,
    memberCount: row.memberCount,
  }
}

export function presentUnitRegistration(actor: Actor, row: UnitRegistrationWithNames, events?: WorkflowEventRow[]): UnitRegistration {
  const r = row.registration
  const kind = row.unit.kind as UnitKind
  return {
    id: String(r.id),
    status: r.status as UnitRegistrationStatus,
    statusName: UNIT_REGISTRATION_STATUS_NAMES[r.status as UnitRegistrationStatus],
    version: r.version,
    unit: { id: String(row.unit.id), name: row.unit.name, kind, kindName: UNIT_KIND_NAMES[kind], partyOrgName: row.unit.partyOrgName },
    community: { code: r.communityCode, name: row.communityName },
    agreement: { termStart: r.termStart, termEnd: r.termEnd, resources: r.resources, yearPlan: r.yearPlan },
    submittedAt: isoShanghai(r.submittedAt),
    decidedAt: isoOrNull(r.decidedAt),
    endedAt: isoOrNull(r.endedAt),
    allowedActions: unitRegistrationWorkflow.allowedActions(actor, unitRegistrationFacts(r)),
    ...(events ? { events: events.map(presentEvent) } : {}),
  }
}

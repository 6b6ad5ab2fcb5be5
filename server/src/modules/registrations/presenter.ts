/** Registrations → API responses, with the caller's allowed actions and, for the detail, the timeline. */
import { POST_NAMES, REGISTRATION_ACTION_NAMES, REGISTRATION_STATUS_NAMES, type Post, type Registration, type RegistrationStatus } from '#contracts/registrations'
import type { UnitMember } from '#contracts/units'
import { maskPhone, type Pii } from '../../lib/pii'
import type { TimelineEvent } from '#contracts/common'
import { presentTimelineEvent, type WorkflowEventRow } from '../../core'
import { isoOrNull, isoShanghai } from '../../lib/time'
import { registrationWorkflow, type Actor, type RegistrationFacts } from '../../permissions'
import type { RegistrationRow, RegistrationWithNames } from './queries'

export function registrationFacts(r: RegistrationRow): RegistrationFacts {
  return { status: r.status as RegistrationStatus, partyMemberId: r.partyMemberId, communityCode: r.communityCode, unitId: r.unitId }
}

export const presentEvent = (e: WorkflowEventRow): TimelineEvent => presentTimelineEvent(e, REGISTRATION_ACTION_NAMES)

/** The contact phone, always masked (138****5678); the cipher never leaves the server. */
const phoneOf = (pii: Pii, r: RegistrationRow) => (r.phoneEnc ? maskPhone(pii.decrypt(r.phoneEnc)) : null)

export function presentRegistration(actor: Actor, pii: Pii, row: RegistrationWithNames, events?: WorkflowEventRow[]): Registration {
  const r = row.registration
  const post = r.post as Post | null
  return {
    id: String(r.id),
    status: r.status as RegistrationStatus,
    statusName: REGISTRATION_STATUS_NAMES[r.status as RegistrationStatus],
    version: r.version,
    member: { id: String(r.partyMemberId), name: row.memberName },
    community: { code: r.communityCode, name: row.communityName },
    workUnit: r.workUnit,
    unit: r.unitId !== null && row.unitName !== null ? { id: String(r.unitId), name: row.unitName } : null,
    partyOrg: r.partyOrgName,
    phone: phoneOf(pii, r),
    post,
    postName: post ? POST_NAMES[post] : null,
    skills: r.skills,
    submittedAt: isoShanghai(r.submittedAt),
    decidedAt: isoOrNull(r.decidedAt),
    transferredToId: r.transferredToId === null ? null : String(r.transferredToId),
    allowedActions: registrationWorkflow.allowedActions(actor, registrationFacts(r)),
    ...(events ? { events: events.map(presentEvent) } : {}),
  }
}

/** What other modules recorded of a member's service (工作在单位、服务在社区). */
export interface MemberService {
  serviceHours: number
  tasksDone: number
  points: number
  households: number
}

/** 工作在单位、服务在社区: one member as their unit sees them, with the service the other modules recorded. */
export function presentUnitMember(row: RegistrationWithNames, service?: MemberService): UnitMember {
  const r = row.registration
  const post = r.post as Post | null
  return {
    registrationId: String(r.id),
    member: { id: String(r.partyMemberId), name: row.memberName },
    community: { code: r.communityCode, name: row.communityName },
    status: r.status,
    statusName: REGISTRATION_STATUS_NAMES[r.status as RegistrationStatus],
    post,
    postName: post ? POST_NAMES[post] : null,
    skills: r.skills,
    submittedAt: isoShanghai(r.submittedAt),
    decidedAt: isoOrNull(r.decidedAt),
    ...(service ?? {}),
  }
}

/** Registrations → API responses, with the caller's allowed actions and, for the detail, the timeline. */
import { POST_NAMES, REGISTRATION_ACTION_NAMES, REGISTRATION_STATUS_NAMES, type Post, type Registration, type RegistrationStatus } from '#contracts/registrations'
import type { TimelineEvent } from '#contracts/common'
import type { WorkflowEventRow } from '../../core'
import { isoOrNull, isoShanghai } from '../../lib/time'
import { registrationWorkflow, type Actor, type RegistrationFacts } from '../../permissions'
import type { RegistrationRow, RegistrationWithNames } from './queries'

export function registrationFacts(r: RegistrationRow): RegistrationFacts {
  return { status: r.status as RegistrationStatus, partyMemberId: r.partyMemberId, communityCode: r.communityCode }
}

export function presentEvent(e: WorkflowEventRow): TimelineEvent {
  return {
    id: String(e.id),
    action: e.action,
    actionName: REGISTRATION_ACTION_NAMES[e.action as keyof typeof REGISTRATION_ACTION_NAMES] ?? e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actor: { id: e.actorUserId === null ? null : String(e.actorUserId), name: e.actorName, role: e.actorRole },
    at: isoShanghai(e.createdAt),
    fields: e.fields,
    comment: e.comment,
  }
}

export function presentRegistration(actor: Actor, row: RegistrationWithNames, events?: WorkflowEventRow[]): Registration {
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

/** How a timeline entry reads in any workflow's response: the action in Chinese, who, when, from which state to which. */
import type { TimelineEvent } from '#contracts/common'
import { EVENT_ROLE_NAMES, labelOf } from '#contracts/labels'
import { isoShanghai } from '../lib/time'

/** A row of appeal_event or workflow_event. */
export interface TimelineRow {
  id: number
  action: string
  fromStatus: string | null
  toStatus: string
  actorUserId: number | null
  actorRole: string
  actorName: string
  fields: Record<string, unknown>
  comment: string | null
  createdAt: Date
}

export function presentTimelineEvent(e: TimelineRow, actionNames: Readonly<Record<string, string>>): TimelineEvent {
  return {
    id: String(e.id),
    action: e.action,
    actionName: actionNames[e.action] ?? e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actor: { id: e.actorUserId === null ? null : String(e.actorUserId), name: e.actorName, role: e.actorRole, roleName: labelOf(EVENT_ROLE_NAMES, e.actorRole) },
    at: isoShanghai(e.createdAt),
    fields: e.fields,
    comment: e.comment,
  }
}

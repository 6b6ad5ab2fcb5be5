/** Inbox rows as the API shows them. */
import { NOTIFICATION_KIND_NAMES, labelOf } from '#contracts/labels'
import type { Notification } from '#contracts/notifications'
import { isoOrNull, isoShanghai } from '../../lib/time'
import type { NotificationRow } from './queries'

export function presentNotification(n: NotificationRow): Notification {
  return {
    id: String(n.id),
    kind: n.kind,
    kindName: labelOf(NOTIFICATION_KIND_NAMES, n.kind),
    title: n.title,
    body: n.body,
    appealId: n.appealId === null ? null : String(n.appealId),
    createdAt: isoShanghai(n.createdAt),
    readAt: isoOrNull(n.readAt),
  }
}

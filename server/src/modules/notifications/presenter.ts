/** Inbox rows as the API shows them. */
import type { Notification } from '#contracts/notifications'
import { isoOrNull, isoShanghai } from '../../lib/time'
import type { NotificationRow } from './queries'

export function presentNotification(n: NotificationRow): Notification {
  return {
    id: String(n.id),
    kind: n.kind,
    title: n.title,
    body: n.body,
    appealId: n.appealId === null ? null : String(n.appealId),
    createdAt: isoShanghai(n.createdAt),
    readAt: isoOrNull(n.readAt),
  }
}

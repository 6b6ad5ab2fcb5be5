/** Things that belong to one account: its inbox and its uploads. */
import { rule } from '../policy'

export const ownRules = {
  'notification.read': rule((actor, n: { userId: number }) => n.userId === actor.userId, 'NOT_FOUND', '通知不存在'),
  /** the uploader, or anyone who can see a record the file is attached to */
  'file.read': rule(
    (actor, f: { ownerUserId: number; seenThroughAttachment: boolean }) => f.ownerUserId === actor.userId || f.seenThroughAttachment,
    'NOT_FOUND',
    '文件不存在或无权查看',
  ),
}

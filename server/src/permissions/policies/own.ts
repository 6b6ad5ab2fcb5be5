/** Things that belong to one account: its inbox, its uploads, its second factor. */
import { rule } from '../policy'

export const ownRules = {
  'notification.read': rule((actor, n: { userId: number }) => n.userId === actor.userId, 'NOT_FOUND', '通知不存在'),
  /** the uploader, or anyone who can see a record the file is attached to */
  'file.read': rule(
    (actor, f: { ownerUserId: number; seenThroughAttachment: boolean }) => f.ownerUserId === actor.userId || f.seenThroughAttachment,
    'NOT_FOUND',
    '文件不存在或无权查看',
  ),
  /** 两步验证 is for staff: residents sign in with a code sent to their phone */
  'mfa.enrol': rule((actor) => actor.role !== 'resident', 'FORBIDDEN', '居民账号使用手机验证码登录，无需绑定验证器'),
}

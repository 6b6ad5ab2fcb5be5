/**
 * 催办: the resident who raised an appeal may chase it once its current step is past its time
 * limit — once a (Beijing) day. Whoever holds the step is notified; the chase is on the audit log. One change
 * through the core: the urge row, its audit row and the notification intent commit together.
 */
import type { Appeal } from '#contracts/appeals'
import type { UrgeResult } from '#contracts/urges'
import type { Ctx } from '../../context'
import { commitChange, type Recipient } from '../../core'
import { AppError } from '../../errors'
import { isoShanghai, shanghaiDayStart } from '../../lib/time'
import { authorize, placePath } from '../../permissions'
import { getAppealDetail } from '../appeals'
import { findRecentUrge, insertUrge } from './queries'

/** The running step's due time and who holds it. */
function heldStep(a: Appeal): { dueAt: string | null; to: Recipient[] } {
  const gridStaff: Recipient = { kind: 'gridStaff', gridCode: a.place.gridCode }
  const community: Recipient = { kind: 'place', role: 'community', code: a.place.communityCode }
  switch (a.status) {
    case 'submitted':
      return { dueAt: a.deadlines.responseDueAt, to: [gridStaff] }
    case 'accepted':
      return { dueAt: a.deadlines.dispatchDueAt, to: [community] }
    case 'street_review':
      return { dueAt: a.deadlines.reviewDueAt, to: [{ kind: 'place', role: 'street', code: a.place.streetCode }] }
    case 'resolved':
      return { dueAt: a.deadlines.verifyDueAt, to: [gridStaff] }
    case 'verified':
      return { dueAt: a.deadlines.replyDueAt, to: [community] }
    case 'assigned':
    case 'in_progress':
    case 'reopened':
    case 'dept_assigned':
      return {
        dueAt: a.deadlines.resolveDueAt,
        to: [
          a.leadDepartmentCode
            ? { kind: 'department', code: a.leadDepartmentCode }
            : { kind: 'assignee', type: a.assignee?.type ?? null, id: a.assignee?.id ?? null, communityPath: placePath(a.place.communityCode) },
          community,
        ],
      }
    default:
      return { dueAt: null, to: [] }
  }
}

export async function urgeAppeal(ctx: Ctx, id: number): Promise<UrgeResult> {
  const a = await getAppealDetail(ctx, id)
  authorize(ctx.actor, 'appeal.urge', { submitterId: a.submitter.id })
  const step = heldStep(a)
  if (!step.dueAt || new Date(step.dueAt) > ctx.now) throw new AppError('NOT_OVERDUE')
  // once a day: a chase already made today (Beijing time) is enough
  if (await findRecentUrge(ctx.db, id, shanghaiDayStart(isoShanghai(ctx.now).slice(0, 10)))) throw new AppError('URGED_TODAY')
  await commitChange(ctx, {
    entityId: id,
    apply: (tx) => insertUrge(tx, { appealId: id, userId: ctx.actor.userId, at: ctx.now }),
    audit: { action: 'appeal.urge', entityType: 'appeal', detail: { status: a.status } },
    notify: [{ to: step.to, kind: 'urged', title: `群众催办：${a.number}`, body: `「${a.title}」已超过时限，群众催办，请尽快办理。`, appealId: id }],
  })
  return { urgedAt: isoShanghai(ctx.now) }
}

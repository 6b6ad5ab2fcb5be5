/**
 * 催办: the resident who raised an appeal may chase it once its current step is past its time
 * limit — once a day. Whoever holds the step is notified; the chase is on the audit log.
 */
import type { Appeal } from '#contracts/appeals'
import type { Ctx } from '../../context'
import { AppError, forbidden, unprocessable } from '../../errors'
import { placePath } from '../../permissions'
import { recordAudit } from '../audit/service'
import { getAppealDetail } from '../appeals/service'
import { notify, type Recipient } from '../notifications/service'
import { findRecentUrge, insertUrge } from './queries'

const DAY_MS = 86_400_000

/** The running step's due time and who holds it. */
function heldStep(a: Appeal): { dueAt: string | null; to: Recipient[] } {
  const gridStaff: Recipient = { kind: 'gridStaff', gridCode: a.place.gridCode }
  const community: Recipient = { kind: 'place', role: 'community', code: a.place.communityCode }
  switch (a.status) {
    case 'submitted':
      return { dueAt: a.deadlines.responseDueAt, to: [gridStaff] }
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
          a.leadDepartmentCode ? { kind: 'department', code: a.leadDepartmentCode } : { kind: 'assignee', type: a.assignee?.type ?? null, id: a.assignee?.id ?? null, communityPath: placePath(a.place.communityCode) },
          community,
        ],
      }
    default:
      return { dueAt: null, to: [] }
  }
}

export async function urgeAppeal(ctx: Ctx, id: number): Promise<{ notified: number }> {
  const a = await getAppealDetail(ctx, id)
  if (ctx.actor.role !== 'resident' || a.submitter.id !== String(ctx.actor.userId)) throw forbidden('只有提出诉求的居民本人可以催办')
  const step = heldStep(a)
  if (!step.dueAt || new Date(step.dueAt) > ctx.now) throw unprocessable('NOT_OVERDUE', '当前环节尚未超过时限，暂不能催办')
  if (await findRecentUrge(ctx.db, id, new Date(ctx.now.getTime() - DAY_MS))) throw new AppError('URGED_TODAY', 429, '今天已经催办过，请明天再试')
  return ctx.db.transaction(async (tx) => {
    await insertUrge(tx, { appealId: id, userId: ctx.actor.userId, at: ctx.now })
    await recordAudit(ctx, tx, { action: 'appeal.urge', entityType: 'appeal', entityId: id, detail: { status: a.status } })
    const notified = await notify(tx, ctx.now, {
      to: step.to,
      kind: 'urged',
      title: `群众催办：${a.number}`,
      body: `「${a.title}」已超过时限，群众催办，请尽快办理。`,
      appealId: id,
      except: [ctx.actor.userId],
    })
    return { notified }
  })
}

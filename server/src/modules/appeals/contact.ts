/**
 * 查看联系电话: the one who holds an appeal now — the handler, the lead department, the grid staff checking
 * the result — needs to call the resident. They may see the contact phone in full once per step (each
 * step of the appeal starts a new chance), and every reveal is audited with the appeal as its reason.
 */
import type { Ctx } from '../../context'
import { auditExists, recordAudit } from '../../core'
import { AppError, notFound } from '../../errors'
import { authorize } from '../../permissions'
import type { RevealedContact } from '#contracts/appeals'
import { STEP_NAMES } from '#contracts/workflow'
import { findOpenStep } from './deadline-queries'
import { factsOf } from './presenter'
import { findAppealById } from './queries'

const ACTION = 'appeal.revealContact'

export async function revealContact(ctx: Ctx, id: number): Promise<RevealedContact> {
  authorize(ctx.actor, 'appeal.handle')
  const a = await findAppealById(ctx.db, id)
  if (!a) throw notFound('诉求不存在或无权查看')
  const facts = factsOf(a, ctx)
  authorize(ctx.actor, 'appeal.read', facts)
  authorize(ctx.actor, 'appeal.revealContact', facts)
  if (!a.contactPhoneEnc) throw new AppError('NO_CONTACT_PHONE')
  // the step the caller holds: the check while resolved, the handling otherwise
  const stepName = a.status === 'resolved' ? 'verify' : 'resolve'
  const step = await findOpenStep(ctx.db, a.id, stepName)
  const stepId = step ? String(step.id) : `${a.status}@${a.version}`
  if (await auditExists(ctx.db, { action: ACTION, entityType: 'appeal', entityId: String(a.id), detail: { stepId } })) {
    throw new AppError('ALREADY_REVEALED')
  }
  await recordAudit(ctx, ctx.db, {
    action: ACTION,
    entityType: 'appeal',
    entityId: a.id,
    detail: { field: 'contactPhone', stepId, step: stepName, reason: `办理诉求 ${a.number}` },
  })
  return { name: a.contactName, phone: ctx.deps.pii.decrypt(a.contactPhoneEnc), step: STEP_NAMES[stepName] }
}

/**
 * 办结督办单. The supervising level closes a supervision once satisfied with the answer; a street or county
 * that finds the appeal cannot be settled may close the appeal with an explanation (结案说明) in the same
 * step, which ends its supervisions of that appeal with it — so nobody has to remember to do that first.
 */
import type { Ctx } from '../../context'
import { invalidInput } from '../../errors'
import type { SupervisionSummary } from '#contracts/appeals'
import type { CloseSupervisionBody } from '#contracts/supervisions'
import { performAction } from './actions'
import { presentSupervision } from './presenter'
import { findAppealById } from './queries'
import { closeSupervision, supervisionToClose } from './supervision-service'
import { findSupervisionById } from './supervision-queries'

export async function closeSupervisionAsked(ctx: Ctx, id: number, body: CloseSupervisionBody): Promise<SupervisionSummary> {
  if (!body.closeAppeal) return closeSupervision(ctx, id, body.note)
  if (!body.explanation) throw invalidInput([{ field: 'explanation', message: '同时结案时请填写结案说明' }])
  const s = await supervisionToClose(ctx, id)
  const a = (await findAppealById(ctx.db, s.appealId))!
  await performAction(ctx, a.id, { action: 'closeWithExplanation', version: a.version, explanation: body.explanation })
  return presentSupervision((await findSupervisionById(ctx.db, id))!)
}

/** A photo attached to an appeal may be seen by anyone who may see the appeal. */
import type { Ctx } from '../../context'
import { can } from '../../permissions'
import { factsOf } from './presenter'
import { findAppealById, listAppealIdsOfFile } from './queries'

export async function canSeeAppealAttachment(ctx: Ctx, fileId: string): Promise<boolean> {
  for (const appealId of await listAppealIdsOfFile(ctx.db, fileId)) {
    const a = await findAppealById(ctx.db, appealId)
    if (a && can(ctx.actor, 'appeal.read', factsOf(a, ctx))) return true
  }
  return false
}

/** A fulfilment photo of a wish may be seen by whoever may see the wish. */
import type { Ctx } from '../../context'
import { can } from '../../permissions'
import { wishFacts } from './presenter'
import { findWish, listWishIdsOfFile } from './queries'

export async function canSeeWishAttachment(ctx: Ctx, fileId: string): Promise<boolean> {
  for (const id of await listWishIdsOfFile(ctx.db, fileId)) {
    const w = await findWish(ctx.db, id)
    if (w && can(ctx.actor, 'wish.read', wishFacts(w.wish))) return true
  }
  return false
}

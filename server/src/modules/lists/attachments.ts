/** A photo attached to a project (progress or completion evidence) may be seen by whoever may see the project. */
import type { Ctx } from '../../context'
import { can } from '../../permissions'
import { projectFacts } from './presenter'
import { findProject, listProjectIdsOfFile } from './queries'

export async function canSeeProjectAttachment(ctx: Ctx, fileId: string): Promise<boolean> {
  for (const id of await listProjectIdsOfFile(ctx.db, fileId)) {
    const p = await findProject(ctx.db, id)
    if (p && can(ctx.actor, 'project.read', projectFacts(p.project))) return true
  }
  return false
}

/** The caller's own account, with a readable name for its scope. */
import type { Ctx } from '../../context'
import { notFound } from '../../errors'
import { parseScope } from '../../permissions'
import type { Me } from '#contracts/auth'
import { findDepartment, findGrid, findPropertyCompany, findRegion } from '../places'
import { unitName } from '../units'
import { findUserById } from './queries'
import { roleRequiresMfa } from './mfa-rules'
import { presentMe } from './presenter'
import type { Db } from '../../db/client'

export async function describeScope(db: Db, scope: string): Promise<string> {
  const s = parseScope(scope)
  if (!s) return scope
  if (s.kind === 'department') return (await findDepartment(db, s.code))?.name ?? s.code
  if (s.kind === 'property') return (await findPropertyCompany(db, s.id))?.name ?? scope
  if (s.kind === 'unit') return (await unitName(db, s.id))?.name ?? scope
  if (s.code.length === 15) {
    const g = await findGrid(db, s.code)
    const c = await findRegion(db, s.code.slice(0, 12))
    return g ? `${c?.name ?? ''}${g.name}` : s.code
  }
  return (await findRegion(db, s.code))?.name ?? s.code
}

export async function getMe(ctx: Ctx): Promise<Me> {
  const u = await findUserById(ctx.db, ctx.actor.userId)
  if (!u) throw notFound()
  return presentMe(u, await describeScope(ctx.db, u.scope), ctx.now, roleRequiresMfa(ctx.deps.env, u.role))
}

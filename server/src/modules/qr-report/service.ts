/**
 * 扫码反映: what a grid's QR poster opens. Anyone may read the grid's public card; a report needs a
 * phone verified with a one-time code, and is filed as 群众点单 by that phone's resident account
 * (created without a household when the person has none), so the appeal follows them if they
 * later sign in, and the follow-up (回访) has a number to call.
 */
import type { QrGrid, QrReportBody, QrReportResult } from '#contracts/qr-report'
import { ROLE_NAMES, type RoleName } from '#contracts/labels'
import type { AppDeps } from '../../context'
import { makeCtx, systemCtx } from '../../context'
import { AppError, notFound } from '../../errors'
import { placePath } from '../../permissions'
import { loadActorByUsername } from '../auth'
import { createAppeal } from '../appeals'
import { getCategoryTree } from '../categories'
import { consumePhoneCode, residentAccountForPhone } from '../signup'
import { findGridWithNames, listGridTeam } from './queries'

/** The category catalogue is public reference data, read as the platform (it does not depend on the caller). */
const catalogue = (deps: AppDeps) => getCategoryTree(systemCtx(deps))

async function liveGrid(deps: AppDeps, code: string) {
  const g = await findGridWithNames(deps.database.db, code)
  if (!g || g.grid.retiredAt) throw notFound('网格不存在或已撤销')
  return g
}

export async function getQrGrid(deps: AppDeps, code: string): Promise<QrGrid> {
  const g = await liveGrid(deps, code)
  const team = await listGridTeam(deps.database.db, placePath(code))
  const categories = await catalogue(deps)
  return {
    code: g.grid.code,
    name: g.grid.name,
    communityName: g.community.name,
    streetName: g.streetName,
    countyName: g.countyName,
    functions: g.grid.functions,
    team: team.map((m) => ({ role: m.role, roleName: ROLE_NAMES[m.role as RoleName] ?? m.role, name: m.name })),
    categories,
  }
}

export async function reportFromQr(deps: AppDeps, gridCode: string, body: QrReportBody, ip: string | null): Promise<QrReportResult> {
  const g = await liveGrid(deps, gridCode)
  const phoneIdx = await consumePhoneCode(deps, body.phone, 'report', body.code)
  const username = await residentAccountForPhone(deps, body.phone, phoneIdx, gridCode, body.contactName)
  const actor = await loadActorByUsername(deps.database.db, username)
  if (actor.role !== 'resident') throw new AppError('NOT_A_RESIDENT')
  const text = body.description.trim()
  const tree = await catalogue(deps)
  const catName = tree.flatMap((c) => [c, ...c.children]).find((c) => c.code === body.categoryCode)?.name ?? '群众反映'
  const { appeal } = await createAppeal(makeCtx(deps, actor, ip), {
    channel: 'h5',
    gridCode,
    categoryCode: body.categoryCode,
    title: `${catName}：${text.replace(/\s+/g, ' ').slice(0, 30)}${text.length > 30 ? '…' : ''}`,
    description: text,
    contactPhone: body.phone,
    ...(body.contactName ? { contactName: body.contactName.trim() } : {}),
    ...(body.address ? { address: body.address } : {}),
    ...(body.isUrgent ? { isUrgent: true } : {}),
  })
  return { number: appeal.number, responseDueAt: appeal.deadlines.responseDueAt, place: `${g.community.name}${g.grid.name}` }
}

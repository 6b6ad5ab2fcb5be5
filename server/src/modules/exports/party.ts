/**
 * 双报到 ledgers as .xlsx: units' registrations (单位报到台账) and in-service members' registrations
 * (在职党员报到台账), every row the caller's list shows for the filter, read page by page through the
 * owning modules (same visibility); names masked for roles without `export.unmasked`, phones masked for
 * everyone; a watermark line naming the exporter; an audit row naming the filter.
 */
import type { ExportRegistrationsQuery, ExportUnitRegistrationsQuery } from '#contracts/exports'
import type { Registration } from '#contracts/registrations'
import type { UnitRegistration } from '#contracts/units'
import type { Ctx } from '../../context'
import { attachmentHeader, writeXlsx, xlsxStream, type Cell, type ExcelColumn } from '../../core/excel/index'
import { recordAudit } from '../../core'
import { can } from '../../permissions'
import { listRegistrationsForActor } from '../registrations'
import { listUnitRegistrationsForActor } from '../units'
import { maskName } from './presenter'
import { metaOf } from './service'

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '')

export const UNIT_REGISTRATION_COLUMNS: ExcelColumn[] = [
  { key: 'unit', header: '单位', width: 28 },
  { key: 'kind', header: '类别', width: 12 },
  { key: 'partyOrg', header: '单位党组织', width: 30 },
  { key: 'community', header: '报到社区', width: 14 },
  { key: 'status', header: '状态', width: 10 },
  { key: 'term', header: '协议期限', width: 24 },
  { key: 'resources', header: '可提供资源', width: 40 },
  { key: 'yearPlan', header: '年度共建计划', width: 50 },
  { key: 'submittedAt', header: '报到日期', width: 12 },
  { key: 'decidedAt', header: '确认日期', width: 12 },
]

export function unitRegistrationRow(r: UnitRegistration): Record<string, Cell> {
  return {
    unit: r.unit.name,
    kind: r.unit.kindName,
    partyOrg: r.unit.partyOrgName,
    community: r.community.name,
    status: r.statusName,
    term: `${r.agreement.termStart} 至 ${r.agreement.termEnd}`,
    resources: r.agreement.resources.join('；'),
    yearPlan: r.agreement.yearPlan ?? '',
    submittedAt: day(r.submittedAt),
    decidedAt: day(r.decidedAt),
  }
}

export const REGISTRATION_COLUMNS: ExcelColumn[] = [
  { key: 'member', header: '党员', width: 10 },
  { key: 'unit', header: '工作单位', width: 28 },
  { key: 'partyOrg', header: '所在党组织', width: 30 },
  { key: 'phone', header: '联系电话', width: 14 },
  { key: 'community', header: '报到社区', width: 14 },
  { key: 'status', header: '状态', width: 10 },
  { key: 'post', header: '志愿岗位', width: 12 },
  { key: 'skills', header: '特长', width: 20 },
  { key: 'submittedAt', header: '报到日期', width: 12 },
  { key: 'decidedAt', header: '确认日期', width: 12 },
]

export function registrationRow(r: Registration, seesNames: boolean): Record<string, Cell> {
  return {
    member: seesNames ? r.member.name : maskName(r.member.name),
    unit: r.unit?.name ?? r.workUnit,
    partyOrg: r.partyOrg ?? '',
    // masked by the registration presenter for everyone (138****5678)
    phone: r.phone ?? '',
    community: r.community.name,
    status: r.statusName,
    post: r.postName ?? '',
    skills: r.skills ?? '',
    submittedAt: day(r.submittedAt),
    decidedAt: day(r.decidedAt),
  }
}

type Download = { filename: string; stream: NodeJS.ReadableStream }

function describe(q: Record<string, unknown>): string | undefined {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
  return parts.length ? `筛选：${parts.join('；')}` : undefined
}

/** 单位报到台账 */
export async function exportUnitRegistrations(ctx: Ctx, q: ExportUnitRegistrationsQuery, onError: (e: unknown) => void): Promise<Download> {
  // the first page runs before the download starts, so a refusal is an ordinary error response
  await listUnitRegistrationsForActor(ctx, { ...q, limit: 1 })
  const meta = await metaOf(ctx, '单位报到台账', describe(q))
  await recordAudit(ctx, ctx.db, { action: 'unitRegistration.export', entityType: 'unitRegistration', detail: { filter: q, format: 'xlsx' } })
  async function* rows() {
    let cursor: string | undefined
    for (;;) {
      const page = await listUnitRegistrationsForActor(ctx, { ...q, limit: 100, ...(cursor ? { cursor } : {}) })
      for (const r of page.items) yield unitRegistrationRow(r)
      if (!page.nextCursor) return
      cursor = page.nextCursor
    }
  }
  return { filename: attachmentHeader(meta.title, ctx.now), stream: xlsxStream((out) => writeXlsx(out, meta, UNIT_REGISTRATION_COLUMNS, rows()), onError) }
}

/** 在职党员报到台账 */
export async function exportRegistrations(ctx: Ctx, q: ExportRegistrationsQuery, onError: (e: unknown) => void): Promise<Download> {
  await listRegistrationsForActor(ctx, { ...q, limit: 1 })
  const meta = await metaOf(ctx, '在职党员报到台账', describe(q))
  const seesNames = can(ctx.actor, 'export.unmasked')
  await recordAudit(ctx, ctx.db, { action: 'registration.export', entityType: 'registration', detail: { filter: q, format: 'xlsx' } })
  async function* rows() {
    let cursor: string | undefined
    for (;;) {
      const page = await listRegistrationsForActor(ctx, { ...q, limit: 100, ...(cursor ? { cursor } : {}) })
      for (const r of page.items) yield registrationRow(r, seesNames)
      if (!page.nextCursor) return
      cursor = page.nextCursor
    }
  }
  return { filename: attachmentHeader(meta.title, ctx.now), stream: xlsxStream((out) => writeXlsx(out, meta, REGISTRATION_COLUMNS, rows()), onError) }
}

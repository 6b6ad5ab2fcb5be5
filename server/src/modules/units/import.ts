/**
 * 批量导入报到单位: a community imports, through the shared Excel pipeline (core/excel), the units that
 * paired with it on paper (共驻共建协议). The import is the community's confirmation: each row becomes (or
 * finds, by name in the county) the unit and a confirmed registration at the community with its
 * agreement — term, resources, yearly plan — and its timeline event; re-importing the sheet changes nothing.
 */
import type { ImportCounts } from '#contracts/imports'
import { UNIT_KIND_NAMES, UNIT_KINDS, type UnitKind } from '#contracts/units'
import type { Ctx } from '../../context'
import { writeTimelineEvents, type TimelineEntry } from '../../core'
import { defineImporter, type ImportValues, type RowProblem } from '../../core/excel/index'
import type { Db } from '../../db/client'
import { authorize, unitRegistrationWorkflow } from '../../permissions'
import { insertUnit, insertUnitRegistration, listCountyUnits, listLiveRegistrationsAt, updateUnit, updateUnitRegistrationVersioned, type UnitRegistrationRow } from './queries'

const ENTITY = unitRegistrationWorkflow.table.entity

export interface StagedUnit {
  name: string
  kind: UnitKind
  partyOrgName: string
  contactName: string | null
  contactPhone: string | null
  termStart: string
  termEnd: string
  resources: string[]
  yearPlan: string | null
}

/** 可提供资源: one per line, or separated by 、，；, */
const splitResources = (v: string | null) =>
  v === null
    ? []
    : v
        .split(/[\n、，,；;]+/)
        .map((x) => x.trim())
        .filter(Boolean)

export const unitRegistrationImporter = defineImporter<null, StagedUnit>({
  register: 'party-units',
  title: '报到单位',
  columns: [
    { key: 'name', header: '单位名称', required: true, type: 'text', maxLength: 100, aliases: ['单位', '单位全称'], width: 26 },
    {
      key: 'kind',
      header: '单位类型',
      required: true,
      type: 'code',
      options: UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_NAMES[k] })),
      aliases: ['类型', '单位性质'],
      note: '从下拉列表中选择：机关、事业单位、企业、新兴领域组织',
      width: 14,
    },
    { key: 'partyOrg', header: '党组织名称', required: true, type: 'text', maxLength: 100, aliases: ['党组织', '单位党组织'], width: 26 },
    { key: 'contactName', header: '联系人', type: 'text', maxLength: 50, width: 12 },
    { key: 'contactPhone', header: '联系电话', type: 'phone', aliases: ['电话', '联系方式'], width: 16 },
    { key: 'termStart', header: '协议开始日期', required: true, type: 'date', aliases: ['开始日期', '共建开始日期'], note: '如 2026-01-01', width: 14 },
    { key: 'termEnd', header: '协议结束日期', required: true, type: 'date', aliases: ['结束日期', '共建结束日期'], note: '须晚于开始日期', width: 14 },
    { key: 'resources', header: '可提供资源', type: 'text', maxLength: 500, aliases: ['资源', '资源清单'], note: '多项用顿号或分号隔开', width: 30 },
    { key: 'yearPlan', header: '年度共建计划', type: 'text', maxLength: 1000, aliases: ['共建计划', '年度计划'], width: 30 },
  ],

  authorize: (actor) => authorize(actor, 'unitRegistration.import'),

  prepare: async () => null,

  check(_ctx, v: ImportValues) {
    const problems: RowProblem[] = []
    const termStart = String(v.termStart)
    const termEnd = String(v.termEnd)
    if (termEnd <= termStart) problems.push({ column: 'termEnd', message: '协议结束日期须晚于开始日期' })
    if (problems.length) return { problems }
    const text = (x: unknown) => (x === null || x === undefined ? null : String(x))
    return {
      problems,
      staged: {
        name: String(v.name),
        kind: v.kind as UnitKind,
        partyOrgName: String(v.partyOrg),
        contactName: text(v.contactName),
        contactPhone: text(v.contactPhone),
        termStart,
        termEnd,
        resources: splitResources(text(v.resources)),
        yearPlan: text(v.yearPlan),
      },
    }
  },

  naturalKey: (r) => r.name,

  present: (r) => ({
    name: r.name,
    kind: UNIT_KIND_NAMES[r.kind],
    partyOrg: r.partyOrgName,
    contactName: r.contactName ?? '',
    contactPhone: r.contactPhone ?? '',
    termStart: r.termStart,
    termEnd: r.termEnd,
    resources: r.resources.join('、'),
    yearPlan: r.yearPlan ?? '',
  }),

  publish: publishUnits,
})

/** What a registration row would hold from this sheet row. */
const agreement = (r: StagedUnit) => ({ termStart: r.termStart, termEnd: r.termEnd, resources: r.resources, yearPlan: r.yearPlan })
const sameAgreement = (g: UnitRegistrationRow, r: StagedUnit) =>
  g.termStart === r.termStart && g.termEnd === r.termEnd && g.yearPlan === r.yearPlan && g.resources.join('\n') === r.resources.join('\n')

/**
 * Publish one chunk inside the import's transaction: the county's units found by name (their details
 * updated from the sheet) or created, and their registrations at the importing community created
 * confirmed, confirmed if still waiting, or updated from the sheet — each with its timeline event.
 */
async function publishUnits(ctx: Ctx, tx: Db, rows: StagedUnit[]): Promise<ImportCounts> {
  const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 }
  const communityCode = ctx.actor.placeCode!
  const countyCode = communityCode.slice(0, 6)
  const known = new Map((await listCountyUnits(tx, countyCode)).map((u) => [u.name, u]))
  const unitOf = new Map<string, number>()
  const changedUnits = new Set<number>()
  for (const r of rows) {
    const u = known.get(r.name)
    const details = { kind: r.kind, partyOrgName: r.partyOrgName, contactName: r.contactName, contactPhone: r.contactPhone }
    if (!u) {
      const created = await insertUnit(tx, { countyCode, name: r.name, ...details, createdAt: ctx.now })
      unitOf.set(r.name, created!.id)
      continue
    }
    unitOf.set(r.name, u.id)
    const changed = u.kind !== r.kind || u.partyOrgName !== r.partyOrgName || u.contactName !== r.contactName || u.contactPhone !== r.contactPhone
    if (changed) {
      await updateUnit(tx, u.id, details)
      changedUnits.add(u.id)
    }
  }
  const live = new Map((await listLiveRegistrationsAt(tx, communityCode, [...unitOf.values()])).map((g) => [g.unitId, g]))
  const events: { entityId: number; entry: TimelineEntry }[] = []
  for (const r of rows) {
    const unitId = unitOf.get(r.name)!
    const g = live.get(unitId)
    if (!g) {
      const created = await insertUnitRegistration(tx, {
        unitId,
        communityCode,
        status: 'confirmed',
        ...agreement(r),
        submittedByUserId: ctx.actor.userId,
        submittedAt: ctx.now,
        decidedAt: ctx.now,
        decidedByUserId: ctx.actor.userId,
        updatedAt: ctx.now,
      })
      events.push({ entityId: created!.id, entry: { action: 'import', fromStatus: null, toStatus: 'confirmed', fields: { via: 'excel', communityCode } } })
      counts.inserted++
      continue
    }
    if (g.status === 'confirmed' && sameAgreement(g, r)) {
      counts[changedUnits.has(unitId) ? 'updated' : 'unchanged']++
      continue
    }
    const confirming = g.status === 'submitted'
    await updateUnitRegistrationVersioned(tx, g.id, g.version, {
      ...agreement(r),
      status: 'confirmed',
      ...(confirming ? { decidedAt: ctx.now, decidedByUserId: ctx.actor.userId } : {}),
      updatedAt: ctx.now,
    })
    events.push({ entityId: g.id, entry: { action: confirming ? 'confirm' : 'import', fromStatus: g.status, toStatus: 'confirmed', fields: { via: 'excel' } } })
    counts.updated++
  }
  await writeTimelineEvents(ctx, tx, ENTITY, events)
  return counts
}

/**
 * 实有人口台账 as .xlsx: every person the register shows for the filter, read page by page through the population
 * module (same scope; ID numbers and phones masked by its presenter), names masked for roles without
 * `export.unmasked`; a watermark line naming the exporter; one audit row naming the filter.
 */
import type { ExportPeopleQuery, Person } from '#contracts/population'
import type { Ctx } from '../../context'
import { attachmentHeader, writeXlsx, xlsxStream, type Cell, type ExcelColumn } from '../../core/excel/index'
import { recordAudit } from '../../core'
import { can } from '../../permissions'
import { listPeople } from '../population'
import { maskName } from './presenter'
import { metaOf } from './service'

export const POPULATION_COLUMNS: ExcelColumn[] = [
  { key: 'name', header: '姓名', width: 10 },
  { key: 'gender', header: '性别', width: 6 },
  { key: 'age', header: '年龄', width: 6 },
  { key: 'idType', header: '证件类型', width: 12 },
  { key: 'idNumber', header: '证件号码', width: 22 },
  { key: 'phone', header: '联系电话', width: 14 },
  { key: 'residenceType', header: '人口类型', width: 10 },
  { key: 'ethnicity', header: '民族', width: 8 },
  { key: 'political', header: '政治面貌', width: 14 },
  { key: 'education', header: '学历', width: 12 },
  { key: 'marital', header: '婚姻状况', width: 8 },
  { key: 'relation', header: '与户主关系', width: 10 },
  { key: 'address', header: '现住址', width: 40 },
  { key: 'hukouAddress', header: '户籍地址', width: 30 },
  { key: 'sameAsHukou', header: '人户一致', width: 8 },
  { key: 'occupation', header: '职业', width: 10 },
  { key: 'tags', header: '标签', width: 20 },
  { key: 'status', header: '状态', width: 8 },
  { key: 'grid', header: '网格', width: 16 },
]

export function populationRow(p: Person, seesNames: boolean): Record<string, Cell> {
  return {
    name: seesNames ? p.name : maskName(p.name),
    gender: p.genderName ?? '',
    age: p.age,
    idType: p.idTypeName,
    idNumber: p.idNumber ?? '',
    phone: p.phone ?? '',
    residenceType: p.residenceTypeName,
    ethnicity: p.ethnicity?.name ?? '',
    political: p.politicalStatus?.name ?? '',
    education: p.education?.name ?? '',
    marital: p.maritalStatus?.name ?? '',
    relation: p.relation?.name ?? '',
    address: p.address ?? '',
    hukouAddress: p.hukouAddress ?? '',
    sameAsHukou: p.sameAsHukou ? '是' : '否',
    occupation: p.occupation ?? '',
    tags: p.tags.join('、'),
    status: p.statusName,
    grid: p.gridCode,
  }
}

function describe(q: Record<string, unknown>): string | undefined {
  const parts = Object.entries(q)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
  return parts.length ? `筛选：${parts.join('；')}` : undefined
}

/** 实有人口台账 */
export async function exportPopulation(ctx: Ctx, q: ExportPeopleQuery, onError: (e: unknown) => void): Promise<{ filename: string; stream: NodeJS.ReadableStream }> {
  // the first page runs before the download starts, so a refusal is an ordinary error response
  await listPeople(ctx, { ...q, limit: 1 })
  const meta = await metaOf(ctx, '实有人口台账', describe(q))
  const seesNames = can(ctx.actor, 'export.unmasked')
  await recordAudit(ctx, ctx.db, { action: 'person.export', entityType: 'resident', detail: { filter: q, format: 'xlsx' } })
  async function* rows() {
    let cursor: string | undefined
    for (;;) {
      const page = await listPeople(ctx, { ...q, limit: 100, ...(cursor ? { cursor } : {}) })
      for (const p of page.items) yield populationRow(p, seesNames)
      if (!page.nextCursor) return
      cursor = page.nextCursor
    }
  }
  return { filename: attachmentHeader(meta.title, ctx.now), stream: xlsxStream((out) => writeXlsx(out, meta, POPULATION_COLUMNS, rows()), onError) }
}

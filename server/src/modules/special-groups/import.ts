/**
 * 特殊人群 imports through the shared Excel pipeline (core/excel): one importer per category, so that each template's
 * 人群类别 dropdown lists only kinds its importers may write — `special-groups` (关爱服务对象: the community and grid
 * staff) and `managed-groups` (服务管理对象: 综治中心, 司法所 for 社区矫正 and 刑满释放). A row names the person by ID
 * number (blind index; not in the register under the caller's place → 居民不在台账中) and the kind; the natural key
 * is person + kind, so re-importing the same sheet changes nothing and a changed row updates the active record.
 */
import type { ImportCounts } from '#contracts/imports'
import { CARE_GROUP_NAMES, MANAGED_GROUP_NAMES, SPECIAL_GROUP_LEVEL_NAMES, SPECIAL_GROUP_NAMES, specialGroupCategory, type SpecialGroupKind } from '#contracts/ledger-names'
import { CORRECTION_TYPES, DISABILITY_GRADES, DISABILITY_TYPES, SPECIAL_GROUP_DETAILS, SPECIAL_GROUP_DETAIL_NAMES } from '#contracts/special-groups'
import type { Ctx } from '../../context'
import { writeTimelineEvents, type TimelineEntry } from '../../core'
import { defineImporter, type ImportColumn, type ImportValues, type RowProblem } from '../../core/excel/index'
import type { Db } from '../../db/client'
import { maskIdNumber } from '../../lib/pii'
import { authorize, mayWriteSpecialGroupKind } from '../../permissions'
import { readDetails, storedDetails } from './presenter'
import { checkDetails, ENTITY } from './service'
import { insertSpecialGroup, listActiveGroupsOf, listResidentsUnder, updateSpecialGroupVersioned } from './queries'

/** A checked row as staged: the person found, details stored as the module stores them (phones encrypted). */
export interface StagedGroup {
  residentId: number
  residentName: string
  gridCode: string
  idMasked: string
  kind: SpecialGroupKind
  level: string
  since: string | null
  note: string | null
  details: Record<string, unknown>
}

interface Ref {
  /** residents under the caller's place, by ID-number blind index */
  byIdIdx: Map<string, { id: number; name: string; gridCode: string; status: string }>
}

const options = (names: Record<string, string>) => Object.entries(names).map(([value, label]) => ({ value, label }))
const list = (xs: readonly string[]) => xs.map((x) => ({ value: x, label: x }))
const detail = (key: string, col: Omit<ImportColumn, 'key' | 'header'>): ImportColumn => ({ key, header: SPECIAL_GROUP_DETAIL_NAMES[key]!, ...col })

const COMMON: ImportColumn[] = [
  { key: 'idNumber', header: '身份证号', required: true, type: 'idNumber', aliases: ['身份证号码', '公民身份号码', '身份证'], width: 22 },
  { key: 'name', header: '姓名', type: 'text', maxLength: 50, note: '仅供核对，以身份证号为准', width: 10 },
]
const TAIL: ImportColumn[] = [
  { key: 'level', header: '等级', type: 'code', options: options(SPECIAL_GROUP_LEVEL_NAMES), note: '一般、关注、重点，空白为一般', width: 10 },
  { key: 'since', header: '起始日期', type: 'date', aliases: ['纳入日期', '登记日期'], width: 12 },
  { key: 'note', header: '备注', type: 'text', maxLength: 500, width: 24 },
]

const CARE_COLUMNS: ImportColumn[] = [
  detail('certificateNo', { type: 'text', maxLength: 40, aliases: ['证号', '残疾证号', '低保证号'], note: '残疾证、低保证、特困证编号', width: 20 }),
  detail('memberCount', { type: 'integer', aliases: ['享受人数'], note: '低保、特困：保障人数' }),
  detail('grade', { type: 'code', options: list(DISABILITY_GRADES), note: '残疾人：一级至四级' }),
  { key: 'disabilityType', header: '残疾类别', type: 'code', options: list(DISABILITY_TYPES), note: '残疾人：视力、听力、言语、肢体、智力、精神、多重' },
  detail('emergencyContactName', { type: 'text', maxLength: 50, note: '独居老人' }),
  detail('emergencyContactPhone', { type: 'phone', note: '独居老人', width: 16 }),
  detail('guardianName', { type: 'text', maxLength: 50, note: '留守儿童' }),
  detail('guardianRelation', { type: 'text', maxLength: 20, note: '留守儿童' }),
]
const MANAGED_COLUMNS: ImportColumn[] = [
  detail('correctionType', { type: 'code', options: list(CORRECTION_TYPES), note: '社区矫正：管制、缓刑、假释、暂予监外执行' }),
  detail('termStart', { type: 'date', note: '社区矫正' }),
  detail('termEnd', { type: 'date', note: '社区矫正' }),
  detail('releasedOn', { type: 'date', note: '刑满释放人员' }),
  detail('crime', { type: 'text', maxLength: 100, note: '社区矫正、刑满释放' }),
  detail('riskLevel', { type: 'integer', note: '严重精神障碍患者：0–5 级' }),
  detail('guardianName', { type: 'text', maxLength: 50, note: '严重精神障碍患者' }),
  detail('guardianPhone', { type: 'phone', note: '严重精神障碍患者', width: 16 }),
]

/** Which sheet column fills which field of the details (the sheet's 残疾类别 is the disabled kind's `type`). */
const fieldOf = (column: string) => (column === 'disabilityType' ? 'type' : column)

function makeImporter(category: 'care' | 'managed') {
  const names = category === 'care' ? CARE_GROUP_NAMES : MANAGED_GROUP_NAMES
  const detailColumns = category === 'care' ? CARE_COLUMNS : MANAGED_COLUMNS
  return defineImporter<Ref, StagedGroup>({
    register: category === 'care' ? 'special-groups' : 'managed-groups',
    title: category === 'care' ? '特殊人群（关爱服务对象）' : '特殊人群（服务管理对象）',
    columns: [
      ...COMMON,
      { key: 'kind', header: '人群类别', required: true, type: 'code', options: options(names), aliases: ['类别', '人员类别'], width: 16 },
      ...TAIL,
      ...detailColumns,
    ],
    authorize: (actor) => authorize(actor, category === 'care' ? 'special-group.importCare' : 'special-group.importManaged'),

    async prepare(ctx) {
      const rows = await listResidentsUnder(ctx.db, ctx.actor.placeCode ?? '-')
      return { byIdIdx: new Map(rows.flatMap((r) => (r.idNumberIdx ? [[r.idNumberIdx, r] as const] : []))) }
    },

    check(ctx, v: ImportValues, ref) {
      const problems: RowProblem[] = []
      const kind = String(v.kind) as SpecialGroupKind
      if (!mayWriteSpecialGroupKind(ctx.actor, kind)) problems.push({ column: 'kind', message: `您的角色不能登记「${SPECIAL_GROUP_NAMES[kind]}」` })
      const idIdx = ctx.deps.pii.blindIndex(String(v.idNumber))
      const person = ref.byIdIdx.get(idIdx)
      if (!person) problems.push({ column: 'idNumber', message: '居民不在台账中' })
      else if (person.status !== 'present') problems.push({ column: 'idNumber', message: '该居民已迁出或死亡' })
      else if (v.name !== null && String(v.name) !== person.name) problems.push({ column: 'name', message: `姓名与台账不符（台账为「${person.name}」）` })
      // the details: the columns that belong to this kind
      const schema = SPECIAL_GROUP_DETAILS[kind] as { properties?: Record<string, unknown> } | undefined
      const allowed = new Set(Object.keys(schema?.properties ?? {}))
      const details: Record<string, unknown> = {}
      for (const c of detailColumns) {
        const value = v[c.key]
        if (value === null || value === undefined) continue
        if (!allowed.has(fieldOf(c.key))) {
          problems.push({ column: c.key, message: `「${c.header}」不适用于${SPECIAL_GROUP_NAMES[kind]}，请留空` })
          continue
        }
        details[fieldOf(c.key)] = value
      }
      if (!problems.length) {
        try {
          checkDetails(kind, details)
        } catch {
          problems.push({ column: '', message: `${SPECIAL_GROUP_NAMES[kind]}的专项信息不正确` })
        }
      }
      if (problems.length) return { problems }
      return {
        problems,
        staged: {
          residentId: person!.id,
          residentName: person!.name,
          gridCode: person!.gridCode,
          idMasked: maskIdNumber(String(v.idNumber))!,
          kind,
          level: v.level === null ? 'normal' : String(v.level),
          since: v.since === null ? null : String(v.since),
          note: v.note === null ? null : String(v.note),
          details: storedDetails(ctx.deps.pii, details),
        },
      }
    },

    naturalKey: (r) => `${r.residentId}|${r.kind}`,

    present: (r) => ({
      idNumber: r.idMasked,
      name: r.residentName,
      kind: SPECIAL_GROUP_NAMES[r.kind],
      level: SPECIAL_GROUP_LEVEL_NAMES[r.level as keyof typeof SPECIAL_GROUP_LEVEL_NAMES] ?? r.level,
      since: r.since ?? '',
      note: r.note ?? '',
    }),

    publish: publishGroups,
  })
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const sorted = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)))

/** Publish one chunk inside the import's transaction: a new active record, an updated one, or nothing changed. */
async function publishGroups(ctx: Ctx, tx: Db, rows: StagedGroup[]): Promise<ImportCounts> {
  const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 }
  const pii = ctx.deps.pii
  const active = new Map((await listActiveGroupsOf(tx, [...new Set(rows.map((r) => r.residentId))])).map((g) => [`${g.residentId}|${g.kind}`, g]))
  const events: { entityId: number; entry: TimelineEntry }[] = []
  for (const r of rows) {
    const g = active.get(`${r.residentId}|${r.kind}`)
    const plain = sorted(readDetails(pii, r.details, true))
    if (!g) {
      const row = await insertSpecialGroup(tx, {
        residentId: r.residentId,
        gridCode: r.gridCode,
        kind: r.kind,
        category: specialGroupCategory(r.kind),
        level: r.level,
        details: r.details,
        since: r.since,
        note: r.note,
        createdByUserId: ctx.actor.userId,
        createdAt: ctx.now,
      })
      if (!row) continue
      events.push({ entityId: row.id, entry: { action: 'import', fromStatus: null, toStatus: 'active', fields: { via: 'excel', kind: r.kind } } })
      counts.inserted++
      continue
    }
    const stored = sorted(readDetails(pii, (g.details ?? {}) as Record<string, unknown>, true))
    const changed = [
      ...(g.level !== r.level ? ['level'] : []),
      ...(r.since !== null && g.since !== r.since ? ['since'] : []),
      ...(r.note !== null && g.note !== r.note ? ['note'] : []),
      ...(!same(stored, { ...stored, ...plain }) ? ['details'] : []),
    ]
    if (!changed.length) {
      counts.unchanged++
      continue
    }
    // the sheet adds to the details and overrides what it names; what it leaves blank is kept
    await updateSpecialGroupVersioned(tx, g.id, g.version, {
      level: r.level,
      ...(r.since !== null ? { since: r.since } : {}),
      ...(r.note !== null ? { note: r.note } : {}),
      details: storedDetails(pii, { ...stored, ...plain }),
    })
    events.push({ entityId: g.id, entry: { action: 'import', fromStatus: 'active', toStatus: 'active', fields: { via: 'excel', changed } } })
    counts.updated++
  }
  await writeTimelineEvents(ctx, tx, ENTITY, events)
  return counts
}

export const careGroupImporter = makeImporter('care')
export const managedGroupImporter = makeImporter('managed')

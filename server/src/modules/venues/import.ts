/**
 * 单位场所 import through the shared Excel pipeline (core/excel). Each row is matched by its 统一社会信用代码, or
 * — without one — by name and address; a match is updated from the sheet, anything else registered. The grid is
 * named by its 15-digit code or its name, under the caller's place. Re-importing the same sheet changes nothing.
 */
import type { ImportCounts } from '#contracts/imports'
import { KEY_TYPES, SMALL_VENUE_TYPES, VENUE_KINDS } from '#contracts/venues'
import { KEY_TYPE_NAMES, SMALL_VENUE_TYPE_NAMES, VENUE_KIND_NAMES } from '#contracts/ledger-names'
import type { Ctx } from '../../context'
import { writeTimelineEvents, type TimelineEntry } from '../../core'
import { defineImporter, type RowProblem } from '../../core/excel/index'
import type { Db } from '../../db/client'
import { creditCodeProblem, normalizeCreditCode } from '../../lib/credit-code'
import { maskPhone } from '../../lib/pii'
import { AppError } from '../../errors'
import { authorize } from '../../permissions'
import { findVenuesByKeys, insertVenue, listGridsUnder, updateVenueVersioned, type VenueRow } from './queries'

interface Grids {
  byCode: Map<string, string>
  byName: Map<string, string[]>
}

export interface StagedVenue {
  name: string
  kind: string
  smallVenueType: string | null
  keyTypes: string[]
  address: string
  gridCode: string
  gridName: string
  creditCode: string | null
  responsibleName: string
  phoneEnc: string | null
  phoneIdx: string | null
  phoneMasked: string | null
}

const keyTypeByLabel = new Map<string, string>(KEY_TYPES.flatMap((k) => [[KEY_TYPE_NAMES[k], k], [KEY_TYPE_NAMES[k].replace('重点', ''), k], [k, k]]))

export const venuesImporter = defineImporter<Grids, StagedVenue>({
  register: 'venues',
  title: '单位场所',
  columns: [
    { key: 'name', header: '名称', required: true, type: 'text', maxLength: 100, aliases: ['单位名称', '场所名称', '店名'], width: 28 },
    { key: 'kind', header: '类别', required: true, type: 'code', options: VENUE_KINDS.map((k) => ({ value: k, label: VENUE_KIND_NAMES[k] })), aliases: ['单位类别', '场所类别'], width: 14 },
    {
      key: 'smallVenueType',
      header: '九小场所类型',
      type: 'code',
      options: SMALL_VENUE_TYPES.map((k) => ({ value: k, label: SMALL_VENUE_TYPE_NAMES[k] })),
      aliases: ['九小类型', '九小场所'],
      note: '类别为九小场所时必填',
      width: 18,
    },
    { key: 'keyTypes', header: '重点类型', type: 'text', maxLength: 40, aliases: ['重点单位类型', '重点单位'], note: '安全生产重点、消防重点、治安重点，可填多个，用顿号分隔', width: 22 },
    { key: 'address', header: '地址', required: true, type: 'text', maxLength: 200, aliases: ['经营地址', '详细地址'], width: 36 },
    { key: 'grid', header: '网格', required: true, type: 'placeCode', aliases: ['所属网格', '网格代码', '网格名称'], note: '15 位网格代码或网格名称', width: 18 },
    { key: 'creditCode', header: '信用代码', type: 'text', maxLength: 30, aliases: ['统一社会信用代码', '社会信用代码'], note: '18 位统一社会信用代码（按 GB 32100 校验）', width: 22 },
    { key: 'responsibleName', header: '负责人', required: true, type: 'text', maxLength: 50, aliases: ['负责人姓名', '法人', '法定代表人', '经营者'], width: 10 },
    { key: 'phone', header: '电话', type: 'phone', aliases: ['联系电话', '负责人电话', '手机号'], width: 14 },
  ],
  authorize: (actor) => authorize(actor, 'venue.keep'),
  async prepare(ctx) {
    const grids = await listGridsUnder(ctx.db, ctx.actor.placeCode ?? '')
    const byName = new Map<string, string[]>()
    for (const g of grids) byName.set(g.name, [...(byName.get(g.name) ?? []), g.code])
    return { byCode: new Map(grids.map((g) => [g.code, g.name])), byName }
  },
  check(ctx, v, ref) {
    const problems: RowProblem[] = []
    const typed = String(v.grid)
    const named = ref.byName.get(typed) ?? []
    const gridCode = ref.byCode.has(typed) ? typed : named.length === 1 ? named[0] : undefined
    if (!gridCode) problems.push({ column: 'grid', message: named.length > 1 ? `辖区内有 ${named.length} 个「${typed}」，请填写 15 位网格代码` : `辖区内没有网格「${typed}」` })
    const kind = String(v.kind)
    const smallVenueType = v.smallVenueType === null ? null : String(v.smallVenueType)
    if (kind === 'smallVenue' && !smallVenueType) problems.push({ column: 'smallVenueType', message: '九小场所须填写类型' })
    if (kind !== 'smallVenue' && smallVenueType) problems.push({ column: 'smallVenueType', message: '只有类别为九小场所时才填写类型' })
    const keyTypes: string[] = []
    for (const part of v.keyTypes === null ? [] : String(v.keyTypes).split(/[、,，;；/\s]+/).filter(Boolean)) {
      const k = keyTypeByLabel.get(part)
      if (!k) problems.push({ column: 'keyTypes', message: `「${part}」不是重点类型（可填：安全生产重点、消防重点、治安重点）` })
      else if (!keyTypes.includes(k)) keyTypes.push(k)
    }
    let creditCode: string | null = null
    if (v.creditCode !== null) {
      creditCode = normalizeCreditCode(String(v.creditCode))
      const p = creditCodeProblem(creditCode)
      if (p) problems.push({ column: 'creditCode', message: p })
    }
    if (problems.length) return { problems }
    const phone = v.phone === null ? null : String(v.phone)
    const pii = ctx.deps.pii
    return {
      problems,
      staged: {
        name: String(v.name),
        kind,
        smallVenueType,
        keyTypes,
        address: String(v.address),
        gridCode: gridCode!,
        gridName: ref.byCode.get(gridCode!)!,
        creditCode,
        responsibleName: String(v.responsibleName),
        phoneEnc: phone && pii.encrypt(phone),
        phoneIdx: phone && pii.blindIndex(phone),
        phoneMasked: maskPhone(phone),
      },
    }
  },
  naturalKey: (r) => (r.creditCode ? `cc:${r.creditCode}` : `na:${r.name}|${r.address}`),
  present: (r) => ({
    name: r.name,
    kind: VENUE_KIND_NAMES[r.kind as keyof typeof VENUE_KIND_NAMES],
    smallVenueType: r.smallVenueType ? SMALL_VENUE_TYPE_NAMES[r.smallVenueType as keyof typeof SMALL_VENUE_TYPE_NAMES] : '',
    keyTypes: r.keyTypes.map((k) => KEY_TYPE_NAMES[k as keyof typeof KEY_TYPE_NAMES]).join('、'),
    address: r.address,
    grid: r.gridName,
    creditCode: r.creditCode ?? '',
    responsibleName: r.responsibleName,
    phone: r.phoneMasked ?? '',
  }),
  publish: publishVenues,
})

const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x))

async function publishVenues(ctx: Ctx, tx: Db, rows: StagedVenue[]): Promise<ImportCounts> {
  const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 }
  const found = await findVenuesByKeys(tx, rows.flatMap((r) => (r.creditCode ? [r.creditCode] : [])), rows.filter((r) => !r.creditCode).map((r) => r.name))
  const events: { entityId: number; entry: TimelineEntry }[] = []
  for (const r of rows) {
    const m: VenueRow | undefined = r.creditCode ? found.find((x) => x.creditCode === r.creditCode) : found.find((x) => x.name === r.name && x.address === r.address)
    if (m && !m.gridCode.startsWith(ctx.actor.placeCode ?? '')) {
      // a credit code registered by another place: the sheet cannot take it over (the commit is refused whole)
      throw new AppError('VENUE_CREDIT_CODE_TAKEN', `信用代码 ${r.creditCode} 已由其他辖区登记`)
    }
    if (!m) {
      const v = await insertVenue(tx, {
        gridCode: r.gridCode,
        name: r.name,
        kind: r.kind,
        smallVenueType: r.smallVenueType,
        keyTypes: r.keyTypes,
        address: r.address,
        creditCode: r.creditCode,
        responsibleName: r.responsibleName,
        responsiblePhoneEnc: r.phoneEnc,
        responsiblePhoneIdx: r.phoneIdx,
        createdAt: ctx.now,
      })
      events.push({ entityId: v!.id, entry: { action: 'import', fromStatus: null, toStatus: 'open', fields: { via: 'excel' } } })
      counts.inserted++
      continue
    }
    const want = { name: r.name, kind: r.kind, smallVenueType: r.smallVenueType, address: r.address, gridCode: r.gridCode, responsibleName: r.responsibleName }
    const changed = (Object.keys(want) as (keyof typeof want)[]).filter((k) => (m[k] ?? null) !== want[k])
    if (!sameList(m.keyTypes, r.keyTypes)) changed.push('keyTypes' as never)
    if (r.phoneIdx && m.responsiblePhoneIdx !== r.phoneIdx) changed.push('responsiblePhone' as never)
    if (!changed.length) {
      counts.unchanged++
      continue
    }
    await updateVenueVersioned(tx, m.id, m.version, {
      ...want,
      keyTypes: r.keyTypes,
      ...(r.phoneIdx ? { responsiblePhoneEnc: r.phoneEnc, responsiblePhoneIdx: r.phoneIdx } : {}),
    })
    events.push({ entityId: m.id, entry: { action: 'import', fromStatus: m.status, toStatus: m.status, fields: { via: 'excel', changed } } })
    counts.updated++
  }
  await writeTimelineEvents(ctx, tx, 'venue', events)
  return counts
}

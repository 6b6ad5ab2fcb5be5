/**
 * 批量导入在职党员报到: a community imports, through the shared Excel pipeline (core/excel), the in-service
 * party members who registered with it on paper. The import is the community's confirmation: each row
 * becomes (or finds) the party member — by ID number, else by name and phone — and a confirmed
 * registration at the community, with its timeline event; re-importing the same sheet changes nothing.
 * A member names their 工作单位, which must be a unit of the county with a confirmed registration (双报到:
 * the unit registers first); the row stores that unit.
 */
import type { ImportCounts } from '#contracts/imports'
import { POST_NAMES, POSTS, type Post } from '#contracts/registrations'
import type { Ctx } from '../../context'
import { writeTimelineEvents, type TimelineEntry } from '../../core'
import { defineImporter, type ImportValues, type RowProblem } from '../../core/excel/index'
import type { Db } from '../../db/client'
import { maskIdNumber, maskPhone } from '../../lib/pii'
import { authorize, placeInScope, registrationWorkflow } from '../../permissions'
import { listCountyUnits } from '../units'
import {
  findPartyMembersByKeys,
  insertImportedMembers,
  insertImportedRegistrations,
  listCountyCommunities,
  listLiveRegistrationsOf,
  updatePartyMember,
  updateRegistrationVersioned,
  type PartyMemberRow,
  type RegistrationRow,
} from './queries'

const ENTITY = registrationWorkflow.table.entity

/** A checked row as staged: personal data encrypted, with the blind indexes publishing matches on. */
export interface StagedRegistration {
  name: string
  idEnc: string | null
  idIdx: string | null
  idMasked: string | null
  phoneEnc: string
  phoneIdx: string
  phoneMasked: string
  workUnit: string
  unitId: number
  partyOrgName: string | null
  communityCode: string
  communityName: string
  post: Post | null
  skills: string | null
}

interface Communities {
  byCode: Map<string, { code: string; name: string }>
  byName: Map<string, { code: string; name: string }[]>
  /** the county's units by name */
  units: Map<string, { id: number; name: string; partyOrgName: string; registered: boolean }>
}

/** The member a row means, whatever community: the ID number when given, else name and phone. */
const personKey = (r: StagedRegistration) => (r.idIdx ? `id:${r.idIdx}` : `np:${r.name}|${r.phoneIdx}`)

export const partyMemberRegistrationImporter = defineImporter<Communities, StagedRegistration>({
  register: 'party-member-registrations',
  title: '在职党员报到',
  columns: [
    { key: 'name', header: '姓名', required: true, type: 'text', maxLength: 50, aliases: ['党员姓名'] },
    { key: 'idNumber', header: '身份证号', type: 'idNumber', aliases: ['身份证号码', '公民身份号码', '身份证'], width: 22 },
    { key: 'phone', header: '手机号', required: true, type: 'phone', aliases: ['手机', '联系电话', '手机号码', '联系方式'], width: 16 },
    {
      key: 'workUnit',
      header: '工作单位',
      required: true,
      type: 'text',
      maxLength: 100,
      aliases: ['单位', '工作单位名称', '报到单位'],
      note: '已在县内社区报到（社区已确认）的单位全称',
      width: 24,
    },
    { key: 'partyOrg', header: '所在党组织', type: 'text', maxLength: 100, aliases: ['党组织', '所在党支部', '党支部'], width: 24 },
    {
      key: 'community',
      header: '报到社区',
      required: true,
      type: 'placeCode',
      aliases: ['社区', '报到社区名称', '社区代码'],
      note: '本社区的名称或 12 位社区代码',
      width: 18,
    },
    {
      key: 'post',
      header: '志愿岗位',
      type: 'code',
      options: POSTS.map((p) => ({ value: p, label: POST_NAMES[p] })),
      aliases: ['岗位', '五大员岗位', '认领岗位'],
      note: '五大员之一，从下拉列表中选择',
      width: 14,
    },
    { key: 'skills', header: '特长', type: 'text', maxLength: 200, aliases: ['个人特长', '专长'], width: 20 },
  ],

  authorize: (actor) => authorize(actor, 'registration.import'),

  async prepare(ctx) {
    const rows = await listCountyCommunities(ctx.db, (ctx.actor.placeCode ?? '').slice(0, 6))
    const byName = new Map<string, { code: string; name: string }[]>()
    for (const c of rows) byName.set(c.name, [...(byName.get(c.name) ?? []), c])
    const units = await listCountyUnits(ctx.db, (ctx.actor.placeCode ?? '').slice(0, 6))
    return { byCode: new Map(rows.map((c) => [c.code, c])), byName, units: new Map(units.map((u) => [u.name, u])) }
  },

  check(ctx, v: ImportValues, ref) {
    const problems: RowProblem[] = []
    const typed = String(v.community)
    const named = ref.byName.get(typed) ?? []
    const community = ref.byCode.get(typed) ?? (named.length === 1 ? named[0] : undefined)
    if (!community) problems.push({ column: 'community', message: named.length > 1 ? `有 ${named.length} 个名为「${typed}」的社区，请填写 12 位社区代码` : `报到社区「${typed}」不存在` })
    else if (!placeInScope(ctx.actor, community.code)) problems.push({ column: 'community', message: `「${community.name}」不是本社区，只能导入到本社区报到的党员` })
    // the member's unit must have registered first (a confirmed registration in the county)
    const unit = ref.units.get(String(v.workUnit))
    if (!unit?.registered) problems.push({ column: 'workUnit', message: `工作单位"${String(v.workUnit)}"尚未在县内报到` })
    if (problems.length) return { problems }
    const id = v.idNumber === null ? null : String(v.idNumber)
    const phone = String(v.phone)
    const pii = ctx.deps.pii
    return {
      problems,
      staged: {
        name: String(v.name),
        idEnc: id && pii.encrypt(id),
        idIdx: id && pii.blindIndex(id),
        idMasked: maskIdNumber(id),
        phoneEnc: pii.encrypt(phone),
        phoneIdx: pii.blindIndex(phone),
        phoneMasked: maskPhone(phone)!,
        workUnit: unit!.name,
        unitId: unit!.id,
        partyOrgName: v.partyOrg === null ? unit!.partyOrgName : String(v.partyOrg),
        communityCode: community!.code,
        communityName: community!.name,
        post: (v.post as Post | null) ?? null,
        skills: v.skills === null ? null : String(v.skills),
      },
    }
  },

  naturalKey: (r) => `${personKey(r)}@${r.communityCode}`,

  present: (r) => ({
    name: r.name,
    idNumber: r.idMasked ?? '',
    phone: r.phoneMasked,
    workUnit: r.workUnit,
    partyOrg: r.partyOrgName ?? '',
    community: r.communityName,
    post: r.post ? POST_NAMES[r.post] : '',
    skills: r.skills ?? '',
  }),

  publish: publishRegistrations,
})

/** The member a staged row means among those found: the ID number first, else the same name and phone. */
function matchMember(r: StagedRegistration, found: PartyMemberRow[]): PartyMemberRow | undefined {
  return (
    (r.idIdx ? found.find((m) => m.idNumberIdx === r.idIdx) : undefined) ??
    found.find((m) => m.phoneIdx === r.phoneIdx && m.name === r.name && (!r.idIdx || !m.idNumberIdx))
  )
}

/** What a registration row would hold from this sheet row. */
const sheetFields = (r: StagedRegistration) => ({ workUnit: r.workUnit, unitId: r.unitId, partyOrgName: r.partyOrgName, post: r.post, skills: r.skills })

/**
 * Publish one chunk inside the import's transaction: members found or created, their registrations at the
 * community created confirmed, confirmed if still waiting, or updated from the sheet — each with its event.
 * Points for the import are not credited here (registration is not service).
 */
async function publishRegistrations(ctx: Ctx, tx: Db, rows: StagedRegistration[]): Promise<ImportCounts> {
  const counts: ImportCounts = { inserted: 0, updated: 0, unchanged: 0 }
  const found = await findPartyMembersByKeys(
    tx,
    rows.flatMap((r) => (r.idIdx ? [r.idIdx] : [])),
    rows.map((r) => r.phoneIdx),
  )
  // members: matched, updated where the sheet says more, or created once per person
  const memberOf = new Map<string, number>()
  const changedMembers = new Set<number>()
  const toCreate = new Map<string, StagedRegistration>()
  for (const r of rows) {
    const m = matchMember(r, found)
    if (!m) {
      if (!toCreate.has(personKey(r))) toCreate.set(personKey(r), r)
      continue
    }
    memberOf.set(personKey(r), m.id)
    const patch = {
      ...(m.phoneIdx !== r.phoneIdx ? { phoneEnc: r.phoneEnc, phoneIdx: r.phoneIdx } : {}),
      ...(r.idIdx && !m.idNumberIdx ? { idNumberEnc: r.idEnc, idNumberIdx: r.idIdx } : {}),
      ...(m.workUnit !== r.workUnit ? { workUnit: r.workUnit } : {}),
    }
    if (Object.keys(patch).length && !changedMembers.has(m.id)) {
      await updatePartyMember(tx, m.id, patch)
      changedMembers.add(m.id)
    }
  }
  const created = await insertImportedMembers(
    tx,
    [...toCreate.values()].map((r) => ({
      name: r.name,
      workUnit: r.workUnit,
      phoneEnc: r.phoneEnc,
      phoneIdx: r.phoneIdx,
      idNumberEnc: r.idEnc,
      idNumberIdx: r.idIdx,
      communityCode: r.communityCode,
    })),
  )
  for (const m of created) memberOf.set(m.idNumberIdx ? `id:${m.idNumberIdx}` : `np:${m.name}|${m.phoneIdx}`, m.id)

  // registrations at the community
  const live = await listLiveRegistrationsOf(tx, [...new Set(memberOf.values())])
  const liveAt = new Map<string, RegistrationRow>(live.map((g) => [`${g.partyMemberId}@${g.communityCode}`, g]))
  const fresh: StagedRegistration[] = []
  const events: { entityId: number; entry: TimelineEntry }[] = []
  for (const r of rows) {
    const memberId = memberOf.get(personKey(r))!
    const g = liveAt.get(`${memberId}@${r.communityCode}`)
    if (!g) {
      fresh.push(r)
      continue
    }
    const want = sheetFields(r)
    const changed = (Object.keys(want) as (keyof typeof want)[]).filter((k) => (g[k] ?? null) !== want[k])
    if (!changed.length && g.status === 'confirmed') {
      counts[changedMembers.has(memberId) ? 'updated' : 'unchanged']++
      continue
    }
    const confirming = g.status === 'submitted'
    await updateRegistrationVersioned(tx, g.id, g.version, {
      ...want,
      status: 'confirmed',
      ...(confirming ? { decidedAt: ctx.now, decidedByUserId: ctx.actor.userId } : {}),
      updatedAt: ctx.now,
    })
    events.push({
      entityId: g.id,
      entry: { action: confirming ? 'confirm' : 'import', fromStatus: g.status, toStatus: 'confirmed', fields: { via: 'excel', ...(changed.length ? { changed } : {}) } },
    })
    counts.updated++
  }
  const inserted = await insertImportedRegistrations(
    tx,
    fresh.map((r) => ({ partyMemberId: memberOf.get(personKey(r))!, communityCode: r.communityCode, ...sheetFields(r) })),
    { userId: ctx.actor.userId, at: ctx.now },
  )
  for (const g of inserted) events.push({ entityId: g.id, entry: { action: 'import', fromStatus: null, toStatus: 'confirmed', fields: { via: 'excel', communityCode: g.communityCode } } })
  counts.inserted += inserted.length
  await writeTimelineEvents(ctx, tx, ENTITY, events)
  return counts
}

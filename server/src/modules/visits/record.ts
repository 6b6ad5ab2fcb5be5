/**
 * 记录走访: the grid worker's one screen. In ONE transaction: the visit row and its audit row; when the visit found
 * a problem, an appeal linked to the person and household (the appeals module's createAppeal, run on the
 * transaction's handle) and/or a need (三张清单, the lists module's raiseNeed); and the register changes the visit
 * found (core/register-updates.ts, each register's own update). A refused visit writes nothing.
 */
import { SPECIAL_GROUP_NAMES, VISIT_SUBJECT_KIND_NAMES, type VisitSubjectKind } from '#contracts/ledger-names'
import type { RecordVisitBody, RegisterUpdateOption, Visit, VisitSubject, VisitSubjectType } from '#contracts/visits'
import type { Ctx } from '../../context'
import { inTransaction, writeChange } from '../../core'
import type { RegisterUpdateRegistry } from '../../core/register-updates'
import { AppError, invalidInput, notFound } from '../../errors'
import { isoOrNull } from '../../lib/time'
import { authorize, mayListVisitKind } from '../../permissions'
import { createAppeal } from '../appeals'
import { raiseNeed } from '../lists'
import { visibleCampaign } from './campaigns'
import { getVisit } from './history'
import { kindName, type KeptChange } from './presenter'
import {
  activeSpecialGroupKinds,
  findGridName,
  findHouseholdSubject,
  findRentalSubject,
  findResidentSubject,
  findVenueSubject,
  insertVisit,
  lastVisitOf,
  listHouseholdMembers,
  type VisitRow,
} from './queries'

const OUT_OF_SCOPE = '走访对象不存在或不在您的辖区内'

/** The subject type each visit kind lists. */
export const SUBJECT_TYPE_OF_KIND = (kind: VisitSubjectKind): VisitSubjectType =>
  kind in SPECIAL_GROUP_NAMES ? 'resident' : kind === 'rental' ? 'rental' : kind === 'keyVenue' ? 'venue' : 'household'

/** An appeal raised on a visit is filed under the category the subject suggests, unless the worker picks one. */
const APPEAL_CATEGORY_OF_KIND: Partial<Record<VisitSubjectKind, string>> = {
  elderlyAlone: 'care.alone',
  advancedAge: 'care.homecare',
  disabled: 'care.disabled',
  minimumLiving: 'policy.assistance',
  extremePoverty: 'policy.assistance',
  keyVenue: 'safety.fire',
  rental: 'safety.house',
}

interface Subject {
  type: VisitSubjectType
  id: number
  name: string
  address: string
  gridCode: string
  /** the person visited (resident subjects) */
  residentId: number | null
  householdId: number | null
  /** the household's head (for an appeal about a household) */
  headResidentId: number | null
  /** the kinds it is listed under (special groups: the person's active records) */
  kinds: VisitSubjectKind[]
}

/** The subject as the register has it, or 404 (missing, or no longer on the register). */
async function loadSubject(ctx: Ctx, type: VisitSubjectType, id: number): Promise<Subject> {
  switch (type) {
    case 'resident': {
      const r = await findResidentSubject(ctx.db, id)
      if (!r || r.status !== 'present') break
      const kinds = (await activeSpecialGroupKinds(ctx.db, id)) as VisitSubjectKind[]
      return { type, id, name: r.name, address: r.address ?? '', gridCode: r.gridCode, residentId: r.id, householdId: r.householdId, headResidentId: null, kinds }
    }
    case 'household': {
      const h = await findHouseholdSubject(ctx.db, id)
      if (!h) break
      return { type, id, name: h.address, address: h.address, gridCode: h.gridCode, residentId: null, householdId: h.id, headResidentId: h.headResidentId, kinds: ['household'] }
    }
    case 'rental': {
      const rt = await findRentalSubject(ctx.db, id)
      if (!rt || rt.status !== 'active') break
      return { type, id, name: rt.address, address: rt.address, gridCode: rt.gridCode, residentId: null, householdId: rt.householdId, headResidentId: rt.landlordResidentId, kinds: ['rental'] }
    }
    case 'venue': {
      const v = await findVenueSubject(ctx.db, id)
      if (!v || v.status !== 'open') break
      return { type, id, name: v.name, address: v.address, gridCode: v.gridCode, residentId: null, householdId: null, headResidentId: null, kinds: v.keyTypes.length ? ['keyVenue'] : [] }
    }
  }
  throw notFound(OUT_OF_SCOPE)
}

/** A subject of the caller's place: 404 otherwise (and for a special-group kind the caller may not see). */
async function visibleSubject(ctx: Ctx, type: VisitSubjectType, id: number, kind: VisitSubjectKind | null): Promise<Subject> {
  const s = await loadSubject(ctx, type, id)
  authorize(ctx.actor, 'visit.subject', { gridCode: s.gridCode, kind })
  return s
}

/** GET /visits/subjects/:type/:id — the visit form's header and the household's members to tick. */
export async function getVisitSubject(ctx: Ctx, type: VisitSubjectType, id: number): Promise<VisitSubject> {
  authorize(ctx.actor, 'visit.read')
  const s = await visibleSubject(ctx, type, id, null)
  const members = s.householdId !== null ? await listHouseholdMembers(ctx.db, s.householdId) : []
  const year = Number(ctx.now.toISOString().slice(0, 4))
  return {
    subjectType: s.type,
    subjectId: String(s.id),
    name: s.name,
    address: s.address,
    gridCode: s.gridCode,
    gridName: (await findGridName(ctx.db, s.gridCode)) ?? '',
    kinds: s.kinds.filter((k) => mayListVisitKind(ctx.actor, k)).map((k) => ({ kind: k, name: kindName(k) })),
    members: members.map((m) => ({ id: String(m.id), name: m.name, age: m.birthDate ? year - Number(m.birthDate.slice(0, 4)) : null, isSubject: m.id === s.residentId })),
    lastVisitedAt: isoOrNull(await lastVisitOf(ctx.db, s.type, s.id)),
  }
}

/** GET /visits/register-updates — what the form may offer to change in the registers. */
export function listRegisterUpdates(registry: RegisterUpdateRegistry, subjectType?: string): RegisterUpdateOption[] {
  return registry
    .all()
    .filter((u) => !subjectType || u.subjectTypes.includes(subjectType))
    .map((u) => ({
      kind: u.kind,
      title: u.title,
      subjectTypes: [...u.subjectTypes],
      fields: u.fields.map((f) => ({ key: f.key, label: f.label, type: f.type, required: f.required ?? false, options: (f.options ?? []).map((o) => ({ ...o })) })),
    }))
}

/** POST /visits */
export async function recordVisit(ctx: Ctx, body: RecordVisitBody, registry: RegisterUpdateRegistry): Promise<Visit> {
  authorize(ctx.actor, 'visit.record')
  const type = body.subjectType
  let kind: VisitSubjectKind | null = body.subjectKind ?? null
  let campaignId: number | null = null
  if (body.campaignId) {
    const c = await visibleCampaign(ctx, Number(body.campaignId))
    if (c.status !== 'active' || (kind !== null && kind !== c.subjectKind)) throw new AppError('CAMPAIGN_CLOSED')
    kind = c.subjectKind as VisitSubjectKind
    campaignId = c.id
  }
  if (kind !== null && SUBJECT_TYPE_OF_KIND(kind) !== type) {
    throw new AppError('VISIT_SUBJECT_KIND_MISMATCH', undefined, [{ field: 'subjectKind', message: `${VISIT_SUBJECT_KIND_NAMES[kind]}的走访对象不是这一类` }])
  }
  const s = await visibleSubject(ctx, type, Number(body.subjectId), kind)
  if (kind !== null && !s.kinds.includes(kind)) throw new AppError('VISIT_SUBJECT_NOT_LISTED')

  // who was seen: the person visited or members of the household
  const members = s.householdId !== null ? await listHouseholdMembers(ctx.db, s.householdId) : []
  const allowed = new Set([...members.map((m) => Number(m.id)), ...(s.residentId !== null ? [s.residentId] : [])])
  const seen = body.seenResidentIds.map(Number)
  const stranger = seen.findIndex((id) => !allowed.has(id))
  if (stranger >= 0) throw new AppError('VISIT_SEEN_NOT_MEMBER', undefined, [{ field: `seenResidentIds.${stranger}`, message: '不是本户成员' }])

  if (body.raise && (body.raise.appeal || body.raise.need) && body.outcome !== 'problem') {
    throw invalidInput([{ field: 'raise', message: '只有“发现问题”的走访才能转为诉求或登记需求' }])
  }
  const updates = (body.registerChanges ?? []).map((c, i) => {
    const u = registry.get(c.kind)
    if (!u || !u.subjectTypes.includes(type)) throw new AppError('REGISTER_UPDATE_UNKNOWN', undefined, [{ field: `registerChanges.${i}.kind`, message: '台账变更类型不存在或不适用于此对象' }])
    return { update: u, payload: c.payload }
  })

  const notes = body.notes?.trim() || null
  // the person an appeal is about: the person visited, else someone seen, else the household's head or first member
  const person = s.residentId ?? seen[0] ?? (s.headResidentId !== null && allowed.has(s.headResidentId) ? s.headResidentId : null) ?? (members[0] ? Number(members[0].id) : null)

  const row = await inTransaction(ctx, async (tx) => {
    const t: Ctx = { ...ctx, db: tx }
    let appealId: number | null = null
    if (body.raise?.appeal) {
      const a = body.raise.appeal
      const description = a.description.trim()
      const created = await createAppeal(t, {
        categoryCode: a.categoryCode ?? (kind && APPEAL_CATEGORY_OF_KIND[kind]) ?? 'other.misc',
        title: `走访发现：${description.slice(0, 40)}`,
        description,
        gridCode: s.gridCode,
        ...(person !== null ? { residentId: String(person) } : {}),
        ...(s.address ? { address: s.address.slice(0, 200) } : {}),
      })
      appealId = Number(created.appeal.id)
    }
    let needId: number | null = null
    if (body.raise?.need) {
      const n = body.raise.need
      const need = await raiseNeed(t, {
        title: n.title ?? `${s.name}：${(notes ?? kindName(kind ?? 'household')).slice(0, 60)}`.slice(0, 100),
        ...(n.description || notes ? { description: (n.description ?? notes)! } : {}),
        category: n.category,
        placeCode: s.gridCode,
        source: 'visit',
        beneficiaries: s.name.slice(0, 200),
      })
      needId = Number(need.id)
    }
    const kept: KeptChange[] = []
    for (const { update, payload } of updates) {
      const { summary } = await update.apply(t, { type, id: s.id }, payload)
      kept.push({ kind: update.kind, title: update.title, summary })
    }
    return writeChange(t, tx, {
      entityId: (v: VisitRow) => v.id,
      apply: (db) =>
        insertVisit(db, {
          subjectType: type,
          subjectId: s.id,
          subjectKind: kind,
          residentId: s.residentId,
          householdId: s.householdId,
          gridCode: s.gridCode,
          visitorUserId: ctx.actor.userId,
          visitedAt: ctx.now,
          method: body.method ?? 'door',
          seenResidentIds: seen,
          outcome: body.outcome,
          notes,
          appealId,
          needId,
          campaignId,
          registerChanges: kept,
          createdAt: ctx.now,
        }),
      audit: (v) => ({
        action: 'visit.record',
        entityType: 'visit',
        after: { subjectType: type, subjectId: s.id, subjectKind: kind, gridCode: s.gridCode, outcome: v.outcome, appealId, needId, campaignId, registerChanges: kept.map((k) => k.kind) },
      }),
    })
  })
  return getVisit(ctx, row.id)
}

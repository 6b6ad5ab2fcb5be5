/**
 * 群众点单 / 网格上报: create an appeal. Place, contact and colour are derived so the caller types
 * as little as possible; deadlines are computed and stored; an Idempotency-Key makes a retried
 * submission return the first answer instead of a second appeal.
 */
import crypto from 'node:crypto'
import type { Ctx } from '../../context'
import { AppError, invalidInput } from '../../errors'
import { shanghaiDate } from '../../lib/time'
import { auditRecord, inTransaction, outboxRecords } from '../../core'
import { appealWorkflow, authorize, channelsOf, can } from '../../permissions'
import { colorOf, type Appeal, type CreateAppealBody, type Importance, type Urgency } from '#contracts/appeals'
import { findCategory } from '../categories'
import { assertOwnFiles } from '../files'
import { findHousehold } from '../places'
import { findResidentById } from '../residents'
import { limitFor } from './deadlines'
import { provisionalNote, stepTimes } from './steps'
import { cached } from '../../lib/ref-cache'
import { presentAppeal } from './presenter'
import {
  claimIdempotencyKey,
  findGridForAppeal,
  findIdempotencyKey,
  insertSubmittedAppeal,
  saveIdempotentResponse,
  type SubmittedAppeal,
} from './queries'

export interface CreateResult {
  appeal: Appeal
  replayed: boolean
}

/** Canonical JSON (sorted keys) so that the same body always hashes the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}

class IdempotentReplay extends Error {}

const NOWHERE = { buildingId: null, householdId: null, address: null }

/** A 联户长's report: a household of their group if they name one, else the group's building. */
async function leaderSpot(ctx: Ctx, gridCode: string, householdId: string | undefined) {
  if (householdId !== undefined) {
    const h = await findHousehold(ctx.db, Number(householdId))
    if (!h || h.buildingId === null || !can(ctx.actor, 'appeal.reportFor', { gridCode: h.gridCode, buildingId: h.buildingId })) {
      throw new AppError('UNKNOWN_HOUSEHOLD', undefined, [{ field: 'householdId', message: '只能选择本组（本辖区）的住户' }])
    }
    return { buildingId: h.buildingId, householdId: h.id, address: h.address }
  }
  const building = ctx.actor.role === 'householdLeader' ? ctx.actor.leaderBuildingIds[0] : undefined
  return building !== undefined && gridCode === ctx.actor.placeCode ? { ...NOWHERE, buildingId: building } : NOWHERE
}

export async function createAppeal(ctx: Ctx, body: CreateAppealBody, idempotencyKey?: string): Promise<CreateResult> {
  const actor = ctx.actor
  authorize(actor, 'appeal.create')
  const channel = body.channel ?? channelsOf(actor)[0]!
  authorize(actor, 'appeal.createVia', channel)

  // Who it is about: a resident raises their own; staff may name a resident in their place.
  if (actor.role === 'resident' && body.residentId && Number(body.residentId) !== actor.residentId) {
    throw new AppError('UNKNOWN_RESIDENT', '只能以本人身份提交诉求', [{ field: 'residentId', message: '只能以本人身份提交' }])
  }
  const residentId = actor.role === 'resident' ? actor.residentId : body.residentId ? Number(body.residentId) : null
  const resident = residentId ? await findResidentById(ctx.db, residentId) : undefined
  if (residentId && (!resident || !can(actor, 'appeal.nameResident', { residentId, gridCode: resident.resident.gridCode }))) {
    throw new AppError('UNKNOWN_RESIDENT', '居民不存在或不在您的辖区内', [{ field: 'residentId', message: '居民不存在或不在您的辖区内' }])
  }

  // Where: the given grid, else the resident's household, else the grid worker's own grid.
  const ownGrid = actor.placeCode?.length === 15 ? actor.placeCode : undefined
  const gridCode = body.gridCode ?? resident?.resident.gridCode ?? ownGrid
  if (!gridCode) throw invalidInput([{ field: 'gridCode', message: '请选择诉求所在网格' }])
  // read through ctx.db: a visit (走访) raises an appeal inside its own transaction, whose handle ctx.db then is
  const place = await cached(ctx.deps.database, `grid:${gridCode}`, () => findGridForAppeal(ctx.db, gridCode))
  if (!place) throw new AppError('UNKNOWN_GRID', '网格不存在', [{ field: 'gridCode', message: '网格不存在' }])
  if (place.retiredAt) throw new AppError('GRID_RETIRED', '该网格已撤销，请选择现有网格')
  authorize(actor, 'appeal.createAt', { gridCode, countyCode: place.countyCode, residentGridCode: resident?.resident.gridCode ?? null })

  const cat = await cached(ctx.deps.database, `category:${body.categoryCode}`, () => findCategory(ctx.db, body.categoryCode))
  if (!cat) throw new AppError('UNKNOWN_CATEGORY', '诉求分类不存在', [{ field: 'categoryCode', message: '诉求分类不存在' }])

  const photoIds = await assertOwnFiles(ctx, body.photoIds)
  const people = await Promise.all(
    (body.people ?? []).map(async (p, i) => {
      if (p.residentId) {
        const r = await findResidentById(ctx.db, Number(p.residentId))
        if (!r || !can(actor, 'appeal.namePerson', { gridCode: r.resident.gridCode })) {
          throw new AppError('UNKNOWN_RESIDENT', '居民不存在或不在您的辖区内', [
            { field: `people.${i}.residentId`, message: '居民不存在或不在您的辖区内' },
          ])
        }
      }
      return {
        name: p.name,
        phoneEnc: ctx.deps.pii.encryptOrNull(p.phone),
        residentId: p.residentId ? Number(p.residentId) : null,
        relation: p.relation ?? null,
      }
    }),
  )

  // Where it happens: the resident's own household; for a 联户长's report, the household of the group
  // they name, else their group's building (so the leader may also resolve it on the spot).
  const sameHousehold = resident && resident.resident.gridCode === gridCode
  const spot = sameHousehold
    ? { buildingId: resident.buildingId, householdId: resident.resident.householdId, address: resident.address }
    : await leaderSpot(ctx, gridCode, body.householdId)

  const importance = cat.importance as Importance
  const urgency: Urgency = body.isUrgent ? 'urgent' : (cat.urgency as Urgency)
  const color = colorOf(importance, urgency)
  const now = ctx.now
  const contactName = body.contactName ?? resident?.resident.name ?? null
  const contactPhoneEnc = body.contactPhone
    ? ctx.deps.pii.encrypt(body.contactPhone)
    : (resident?.resident.phoneEnc ?? null)

  const requestHash = idempotencyKey ? crypto.createHash('sha256').update(canonical(body)).digest('hex') : ''
  const responseLimit = limitFor('response', color, cat.limits)
  const times = stepTimes(ctx.deps.calendar.get(), now, responseLimit)
  const submission: SubmittedAppeal = {
    appeal: {
      numberPrefix: `${place.numberPrefix}${shanghaiDate(now).replace(/-/g, '')}-`,
      status: appealWorkflow.table.initial,
      channel,
      categoryCode: cat.code,
      title: body.title.trim(),
      description: body.description.trim(),
      gridCode,
      communityCode: place.communityCode,
      streetCode: place.streetCode,
      countyCode: place.countyCode,
      buildingId: spot.buildingId,
      householdId: spot.householdId,
      address: body.address ?? spot.address,
      lat: body.lat ?? null,
      lng: body.lng ?? null,
      isUrgent: body.isUrgent ?? false,
      importance,
      urgency,
      color,
      submitterUserId: actor.userId,
      submitterRole: actor.role,
      residentId,
      contactName,
      contactPhoneEnc,
      people,
      photoIds,
      responseDueAt: times.dueAt,
      createdAt: now,
      updatedAt: now,
    },
    event: {
      action: 'submit',
      fromStatus: null,
      toStatus: 'submitted',
      actorUserId: actor.userId,
      actorRole: actor.role,
      actorName: actor.displayName,
      fields: {
        channel,
        categoryCode: cat.code,
        color,
        ...(photoIds.length ? { photoIds } : {}),
        ...provisionalNote(ctx.deps.calendar.get(), now, [responseLimit]),
      },
      comment: null,
      createdAt: now,
    },
    photoIds,
    deadline: { step: 'response', limitAmount: responseLimit.amount, limitUnit: responseLimit.unit, startedAt: now, ...times },
    audit: auditRecord(ctx, { action: 'appeal.create', entityType: 'appeal' }),
    // the grid's staff hear of it (the submitter is left out, as the core always leaves out the actor)
    outbox: outboxRecords(ctx, [
      { to: [{ kind: 'gridStaff', gridCode }], kind: 'newAppeal', title: '新诉求待受理：{number}', body: body.title.trim() },
    ]),
  }
  const present = (r: Awaited<ReturnType<typeof insertSubmittedAppeal>>) =>
    presentAppeal(ctx, { appeal: r.row, gridName: place.name, communityName: place.communityName, categoryName: cat.name }, { events: [r.event] })

  // Without a key the whole submission is one statement; with one, the key is claimed in the same transaction.
  if (!idempotencyKey) {
    const created = present(await insertSubmittedAppeal(ctx.db, submission))
    ctx.deps.outbox.kick()
    return { appeal: created, replayed: false }
  }
  try {
    const created = await inTransaction(ctx, async (tx) => {
      const fresh = await claimIdempotencyKey(tx, { userId: actor.userId, key: idempotencyKey, requestHash, at: now })
      if (!fresh) throw new IdempotentReplay()
      const presented = present(await insertSubmittedAppeal(tx, submission))
      await saveIdempotentResponse(tx, actor.userId, idempotencyKey, 201, presented)
      return presented
    })
    return { appeal: created, replayed: false }
  } catch (e) {
    if (!(e instanceof IdempotentReplay)) throw e
    const existing = await findIdempotencyKey(ctx.db, actor.userId, idempotencyKey!)
    if (!existing) throw new AppError('IDEMPOTENCY_IN_PROGRESS', '相同的请求正在处理中，请稍后重试')
    if (existing.requestHash !== requestHash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', '该幂等键已用于另一份不同的提交')
    }
    if (!existing.response) throw new AppError('IDEMPOTENCY_IN_PROGRESS', '相同的请求正在处理中，请稍后重试')
    return { appeal: existing.response as Appeal, replayed: true }
  }
}

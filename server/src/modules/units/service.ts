/**
 * 双报到 — units: a place records a unit of its county; the unit registers at a community under a
 * pairing agreement (共驻共建协议); the community confirms, declines, or ends it when the term is over;
 * the unit withdraws. Built on the core: the workflow table decides every state (contracts/units.ts),
 * the policy decides who (permissions/policies/unit.ts), and every change commits with its timeline
 * event, audit row and notifications.
 */
import type { Ctx } from '../../context'
import { checkAction, commitChange, commitTransition, listWorkflowEvents, sharedTimeline, type NotificationIntent } from '../../core'
import type { Db } from '../../db/client'
import { AppError, invalidInput, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { shanghaiDate } from '../../lib/time'
import { authorize, can, unitRegistrationWorkflow } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type {
  CreateUnitBody,
  CreateUnitRegistrationBody,
  ListUnitRegistrationsQuery,
  ListUnitsQuery,
  Unit,
  UnitRegistration,
  UnitRegistrationAction,
  UnitRegistrationActionBody,
} from '#contracts/units'
import { presentUnit, presentUnitRegistration, unitFacts, unitRegistrationFacts } from './presenter'
import {
  countUnitRegistrations,
  countUnits,
  findCommunity,
  findUnit,
  findUnitRegistration,
  insertUnit,
  insertUnitRegistration,
  isUnitRegisteredInCounty,
  listExpiredUnitRegistrations,
  listUnitRegistrations,
  listUnits,
  updateUnitRegistrationVersioned,
  type UnitRegistrationRow,
  type UnitRow,
} from './queries'

const ENTITY = unitRegistrationWorkflow.table.entity
const timeline = sharedTimeline(ENTITY)

/** The county a caller works in: a place's, a party member's community's, or a unit account's own unit's. */
async function countyOfCaller(ctx: Ctx): Promise<string> {
  if (ctx.actor.unitId !== null) return (await findUnit(ctx.db, ctx.actor.unitId))?.unit.countyCode ?? ''
  return ctx.actor.placeCode?.slice(0, 6) ?? ''
}

/** 登记单位: recorded once per county; it then registers at the communities it pairs with. */
export async function createUnit(ctx: Ctx, body: CreateUnitBody): Promise<Unit> {
  authorize(ctx.actor, 'unit.create')
  const countyCode = ctx.actor.placeCode!.slice(0, 6)
  const row = await commitChange(ctx, {
    entityId: (u: UnitRow) => u.id,
    apply: (tx) =>
      insertUnit(tx, {
        countyCode,
        name: body.name.trim(),
        kind: body.kind,
        partyOrgName: body.partyOrgName.trim(),
        contactName: body.contactName?.trim() || null,
        contactPhone: body.contactPhone ?? null,
        address: body.address?.trim() || null,
        createdAt: ctx.now,
      }),
    conflict: { code: 'UNIT_NAME_TAKEN' },
    audit: (u) => ({ action: 'partyUnit.create', entityType: 'partyUnit', after: { name: u.name, kind: u.kind, partyOrgName: u.partyOrgName, countyCode } }),
  })
  return getUnit(ctx, row.id)
}

async function visibleUnit(ctx: Ctx, id: number) {
  const u = await findUnit(ctx.db, id)
  if (!u) throw notFound('报到单位不存在或无权查看')
  authorize(ctx.actor, 'unit.read', unitFacts(u.unit))
  return u
}

export async function getUnit(ctx: Ctx, id: number): Promise<Unit> {
  return presentUnit(await visibleUnit(ctx, id))
}

/** The county's units (a unit account: its own), by id. */
export async function listUnitsForActor(ctx: Ctx, q: ListUnitsQuery): Promise<PageOf<Unit>> {
  authorize(ctx.actor, 'unit.list')
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const filter = {
    countyCode: await countyOfCaller(ctx),
    ...(ctx.actor.unitId !== null ? { unitId: ctx.actor.unitId } : {}),
    ...(q.q?.trim() ? { q: q.q.trim() } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.registered ? { registered: true } : {}),
  }
  const rows = await listUnits(ctx.db, { ...filter, limit, ...(cursor ? { afterId: cursor.id } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map(presentUnit),
    nextCursor: rows.length > limit && last ? encodeCursor({ id: last.unit.id }) : null,
    ...(q.withTotal ? { total: await countUnits(ctx.db, filter) } : {}),
  }
}

/** For 工作在单位、服务在社区: the unit whose members the caller asks about (404 when not theirs to see). */
export async function unitForMembers(ctx: Ctx, id: number): Promise<UnitRow> {
  const u = await findUnit(ctx.db, id)
  if (!u) throw notFound('报到单位不存在或无权查看')
  authorize(ctx.actor, 'unit.members', unitFacts(u.unit))
  return u.unit
}

/**
 * The unit a member names when registering: it must exist in the member's county (400) and have a
 * confirmed registration at some community of that county (422 UNIT_NOT_REGISTERED). The unit pairs
 * with its own community while its members register where they live, so any community of the county counts.
 */
export async function requireRegisteredUnit(db: Db, unitId: number, countyCode: string): Promise<UnitRow> {
  const u = await findUnit(db, unitId)
  if (!u || u.unit.countyCode !== countyCode) throw new AppError('UNKNOWN_PARTY_UNIT', undefined, [{ field: 'unitId', message: '报到单位不存在或不在本县' }])
  if (!(await isUnitRegisteredInCounty(db, unitId, countyCode))) throw new AppError('UNIT_NOT_REGISTERED', undefined, [{ field: 'unitId', message: `${u.unit.name}尚未到社区报到` }])
  return u.unit
}

/** The unit's accounts hear of what the community decided. */
const toUnit = (unitId: number, title: string, body: string): NotificationIntent => ({
  to: [{ kind: 'assignee', type: 'unit', id: String(unitId) }],
  kind: 'unitRegistration',
  title,
  body,
})
const toCommunity = (communityCode: string, title: string, body: string): NotificationIntent => ({
  to: [{ kind: 'place', role: 'community', code: communityCode }],
  kind: 'unitRegistration',
  title,
  body,
})

/** 单位到社区报到: by the unit's own account, or recorded by a place account for a community under it. */
export async function submitUnitRegistration(ctx: Ctx, body: CreateUnitRegistrationBody): Promise<UnitRegistration> {
  authorize(ctx.actor, 'unitRegistration.start')
  const unitId = body.unitId !== undefined ? Number(body.unitId) : ctx.actor.unitId
  if (unitId === null) throw invalidInput([{ field: 'unitId', message: '缺少必填字段 unitId' }])
  const u = await findUnit(ctx.db, unitId)
  if (!u || !can(ctx.actor, 'unit.read', unitFacts(u.unit))) {
    throw new AppError('UNKNOWN_PARTY_UNIT', undefined, [{ field: 'unitId', message: '报到单位不存在或不在本县' }])
  }
  const community = await findCommunity(ctx.db, body.communityCode)
  if (!community || !community.code.startsWith(u.unit.countyCode)) {
    throw new AppError('UNKNOWN_COMMUNITY', '社区不存在或不在单位所在县', [{ field: 'communityCode', message: '社区不存在或不在单位所在县' }])
  }
  authorize(ctx.actor, 'unitRegistration.submit', { unitId, communityCode: community.code })
  if (body.termEnd <= body.termStart) throw new AppError('INVALID_TERM', undefined, [{ field: 'termEnd', message: '结束日期须晚于开始日期' }])
  const resources = body.resources.map((s) => s.trim())
  const row = await commitChange(ctx, {
    entityId: (r: UnitRegistrationRow) => r.id,
    apply: (tx) =>
      insertUnitRegistration(tx, {
        unitId,
        communityCode: community.code,
        status: unitRegistrationWorkflow.table.initial,
        termStart: body.termStart,
        termEnd: body.termEnd,
        resources,
        yearPlan: body.yearPlan?.trim() || null,
        submittedByUserId: ctx.actor.userId,
        submittedAt: ctx.now,
        updatedAt: ctx.now,
      }),
    conflict: { code: 'ALREADY_REGISTERED', message: '该单位已在此社区报到或正在等待确认' },
    event: {
      write: timeline,
      entry: { action: 'submit', fromStatus: null, toStatus: unitRegistrationWorkflow.table.initial, fields: { communityCode: community.code, termStart: body.termStart, termEnd: body.termEnd } },
    },
    audit: (r) => ({
      action: `${ENTITY}.submit`,
      entityType: ENTITY,
      after: { status: r.status, unitId, communityCode: r.communityCode, termStart: r.termStart, termEnd: r.termEnd, resources },
    }),
    notify: [toCommunity(community.code, `单位报到待确认：${u.unit.name}`, `${u.unit.partyOrgName}申请到本社区报到，共建期 ${body.termStart} 至 ${body.termEnd}`)],
  })
  return getUnitRegistration(ctx, row.id)
}

async function loadVisible(ctx: Ctx, id: number) {
  const row = await findUnitRegistration(ctx.db, id)
  if (!row) throw notFound('单位报到记录不存在或无权查看')
  authorize(ctx.actor, 'unitRegistration.read', unitRegistrationFacts(row.registration))
  return row
}

export async function getUnitRegistration(ctx: Ctx, id: number): Promise<UnitRegistration> {
  const row = await loadVisible(ctx, id)
  return presentUnitRegistration(ctx.actor, row, await listWorkflowEvents(ctx.db, ENTITY, id))
}

/** A unit's own registrations; or those at the communities under the caller's place. */
export async function listUnitRegistrationsForActor(ctx: Ctx, q: ListUnitRegistrationsQuery): Promise<PageOf<UnitRegistration>> {
  authorize(ctx.actor, 'unitRegistration.list')
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const own = ctx.actor.role === 'unit'
  if (q.place && !own) authorize(ctx.actor, 'unitRegistration.listAt', q.place)
  const filter = {
    ...(own ? { unitId: ctx.actor.unitId ?? -1 } : { placePrefix: q.place ?? ctx.actor.placeCode!, ...(q.unitId ? { unitId: Number(q.unitId) } : {}) }),
    ...(q.status ? { statuses: q.status } : {}),
  }
  const rows = await listUnitRegistrations(ctx.db, { ...filter, limit, ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => presentUnitRegistration(ctx.actor, r)),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ t: last.registration.submittedAt.toISOString(), id: last.registration.id }) : null,
    ...(q.withTotal ? { total: await countUnitRegistrations(ctx.db, filter) } : {}),
  }
}

type Effect = { patch: Partial<UnitRegistrationRow>; fields: Record<string, unknown>; notify: NotificationIntent[] }

function effectOf(ctx: Ctx, action: UnitRegistrationAction, r: UnitRegistrationRow, unitName: string, body: UnitRegistrationActionBody): Effect {
  const note = body.note ? { note: body.note } : {}
  switch (action) {
    case 'confirm':
      return {
        patch: { decidedAt: ctx.now, decidedByUserId: ctx.actor.userId },
        fields: note,
        notify: [toUnit(r.unitId, '社区已确认单位报到', body.note ?? '欢迎参与社区共驻共建')],
      }
    case 'decline':
      return {
        patch: { decidedAt: ctx.now, decidedByUserId: ctx.actor.userId },
        fields: { reason: body.reason },
        notify: [toUnit(r.unitId, '社区未确认单位报到', body.reason!)],
      }
    case 'end':
      return { patch: { endedAt: ctx.now }, fields: note, notify: [toUnit(r.unitId, '共驻共建协议期满', body.note ?? `协议期至 ${r.termEnd}`)] }
    case 'withdraw':
      return {
        patch: { endedAt: ctx.now },
        fields: { reason: body.reason },
        notify: [toCommunity(r.communityCode, `单位退出共建：${unitName}`, body.reason!)],
      }
  }
}

/** POST /unit-registrations/:id/actions — confirm, decline, end or withdraw, in the order every workflow checks. */
export async function actOnUnitRegistration(ctx: Ctx, id: number, body: UnitRegistrationActionBody): Promise<UnitRegistration> {
  const row = await findUnitRegistration(ctx.db, id)
  const r = row?.registration
  const facts = r ? unitRegistrationFacts(r) : undefined
  const transition = checkAction(unitRegistrationWorkflow, ctx.actor, {
    facts,
    visible: facts !== undefined && can(ctx.actor, 'unitRegistration.read', facts),
    version: r?.version ?? 0,
    sentVersion: body.version,
    body,
    notFoundMessage: '单位报到记录不存在或无权查看',
    conflictMessage: '单位报到记录已被他人更新，请刷新后重试',
  })
  const effect = effectOf(ctx, body.action, r!, row!.unit.name, body)
  await commitTransition(ctx, {
    workflow: unitRegistrationWorkflow,
    transition,
    from: facts!.status,
    version: r!.version,
    entityId: id,
    apply: (tx, to) => updateUnitRegistrationVersioned(tx, id, r!.version, { ...effect.patch, status: to, updatedAt: ctx.now }),
    versionOf: (u) => u.version,
    timeline,
    fields: effect.fields,
    notify: effect.notify,
    conflict: { message: '单位报到记录已被他人更新，请刷新后重试' },
  })
  return getUnitRegistration(ctx, id)
}

/** The name of a unit (a unit account's scope, as `me` shows it). */
export async function unitName(db: Db, id: number): Promise<{ name: string; countyCode: string } | undefined> {
  const u = await findUnit(db, id)
  return u ? { name: u.unit.name, countyCode: u.unit.countyCode } : undefined
}

/**
 * 协议期满: the platform ends every confirmed registration whose term ended before today (Asia/Shanghai),
 * as the table's `system` row of `end` — the same commit path (timeline, audit, the unit told). Run by
 * the leader's job each tick; a registration someone changed meanwhile is left to the next tick.
 */
export async function endExpiredUnitRegistrations(ctx: Ctx): Promise<number> {
  const today = shanghaiDate(ctx.now)
  let ended = 0
  for (;;) {
    const rows = await listExpiredUnitRegistrations(ctx.db, today, 50)
    const before = ended
    for (const r of rows) {
      const decision = unitRegistrationWorkflow.decide(ctx.actor, 'end', unitRegistrationFacts(r))
      if (!decision.ok) continue
      await commitTransition(ctx, {
        workflow: unitRegistrationWorkflow,
        transition: decision.transition,
        from: 'confirmed',
        version: r.version,
        entityId: r.id,
        apply: (tx, to) => updateUnitRegistrationVersioned(tx, r.id, r.version, { status: to, endedAt: ctx.now, updatedAt: ctx.now }),
        versionOf: (u) => u.version,
        timeline,
        fields: { termEnd: r.termEnd },
        notify: [toUnit(r.unitId, '共驻共建协议期满', `与社区的共建协议已于 ${r.termEnd} 到期，如需续签请重新报到`)],
        conflict: { message: '单位报到记录已被他人更新' },
      }).then(
        () => ended++,
        (e: unknown) => {
          if (!(e instanceof AppError && e.status === 409)) throw e
        },
      )
    }
    // a full batch that ended nothing would come back the same: leave it to the next tick
    if (rows.length < 50 || ended === before) return ended
  }
}

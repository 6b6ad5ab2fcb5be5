/**
 * 双报到: an in-service party member registers at a community; the community confirms or declines;
 * a confirmed registration is transferred when the member moves. Built on the core: the workflow table
 * decides every state (contracts/registrations.ts), the policy decides who (permissions/policies/
 * registration.ts), and every change commits with its timeline event, audit row and notifications.
 */
import type { Ctx } from '../../context'
import { checkAction, commitChange, commitTransition, listWorkflowEvents, sharedTimeline, writeChange, type Change, type NotificationIntent } from '../../core'
import type { Db } from '../../db/client'
import { AppError, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { authorize, can, registrationWorkflow } from '../../permissions'
import type { PageOf } from '#contracts/common'
import type {
  CreateRegistrationBody,
  ListRegistrationsQuery,
  Registration,
  RegistrationAction,
  RegistrationActionBody,
} from '#contracts/registrations'
import type { ListUnitMembersQuery, UnitMember } from '#contracts/units'
import { requireRegisteredUnit, unitForMembers } from '../units'
import { presentRegistration, presentUnitMember, registrationFacts } from './presenter'
import { activePledgeCounts, endPledgesOnTransfer } from '../pledges'
import { balancesOfPartyMembers } from '../points'
import { hoursOfPartyMembers } from '../volunteers'
import { fulfilledWishCounts } from '../wishes'
import {
  countRegistrations,
  findCommunity,
  findRegistration,
  insertRegistration,
  listRegistrations,
  updateRegistrationVersioned,
  type RegistrationRow,
  type RegistrationWithNames,
} from './queries'

const ENTITY = registrationWorkflow.table.entity
const timeline = sharedTimeline(ENTITY)

async function communityOrFail(ctx: Ctx, code: string, field: string) {
  const c = await findCommunity(ctx.db, code)
  if (!c) throw new AppError('UNKNOWN_COMMUNITY', '社区不存在', [{ field, message: '社区不存在' }])
  return c
}

/** The community hears of a registration waiting for it. */
const toCommunity = (communityCode: string, title: string, body: string): NotificationIntent => ({
  to: [{ kind: 'place', role: 'community', code: communityCode }],
  kind: 'registration',
  title,
  body,
})

/** A new registration, submitted: by the member, or carried over by a transfer. */
function submission(ctx: Ctx, memberName: string, fields: Omit<RegistrationRow, 'id' | 'status' | 'version' | 'submittedAt' | 'updatedAt' | 'decidedAt' | 'decidedByUserId' | 'transferredToId'>, extra: Record<string, unknown> = {}): Change<RegistrationRow> {
  return {
    entityId: (r) => r.id,
    apply: (tx: Db) =>
      insertRegistration(tx, { ...fields, status: registrationWorkflow.table.initial, submittedAt: ctx.now, updatedAt: ctx.now }),
    conflict: { code: 'ALREADY_REGISTERED', message: '该党员已在此社区报到或正在等待确认' },
    event: { write: timeline, entry: { action: 'submit', fromStatus: null, toStatus: registrationWorkflow.table.initial, fields: { communityCode: fields.communityCode, ...extra } } },
    audit: (r) => ({
      action: `${ENTITY}.submit`,
      entityType: ENTITY,
      after: { status: r.status, communityCode: r.communityCode, partyMemberId: r.partyMemberId, unitId: r.unitId, post: r.post, ...extra },
    }),
    notify: [toCommunity(fields.communityCode, `在职党员报到待确认：${memberName}`, `${memberName}（${fields.workUnit}）申请到本社区报到`)],
  }
}

/**
 * 到社区报到: a party member registers at a community, naming their unit. The unit must have a confirmed
 * registration at some community of the same county (DOMAIN: the unit pairs with its own community, the
 * member registers where they live): otherwise 422 UNIT_NOT_REGISTERED and nothing is written.
 */

export async function submitRegistration(ctx: Ctx, body: CreateRegistrationBody): Promise<Registration> {
  authorize(ctx.actor, 'registration.submit')
  await communityOrFail(ctx, body.communityCode, 'communityCode')
  const unit = await requireRegisteredUnit(ctx.db, Number(body.unitId), body.communityCode.slice(0, 6))
  const pii = ctx.deps.pii
  const row = await commitChange(
    ctx,
    submission(ctx, ctx.actor.displayName, {
      partyMemberId: ctx.actor.partyMemberId!,
      communityCode: body.communityCode,
      unitId: unit.id,
      workUnit: body.workUnit?.trim() || unit.name,
      partyOrgName: body.partyOrg?.trim() || unit.partyOrgName,
      phoneEnc: body.phone ? pii.encrypt(body.phone) : null,
      phoneIdx: body.phone ? pii.blindIndex(body.phone) : null,
      post: body.post ?? null,
      skills: body.skills?.trim() || null,
      submittedByUserId: ctx.actor.userId,
    }),
  )
  return getRegistration(ctx, row.id)
}

async function loadVisible(ctx: Ctx, id: number) {
  const row = await findRegistration(ctx.db, id)
  if (!row) throw notFound('报到记录不存在或无权查看')
  authorize(ctx.actor, 'registration.read', registrationFacts(row.registration))
  return row
}

export async function getRegistration(ctx: Ctx, id: number): Promise<Registration> {
  const row = await loadVisible(ctx, id)
  return presentRegistration(ctx.actor, ctx.deps.pii, row, await listWorkflowEvents(ctx.db, ENTITY, id))
}

/** The member's own registrations; or those at the communities under the caller's place. */
export async function listRegistrationsForActor(ctx: Ctx, q: ListRegistrationsQuery): Promise<PageOf<Registration>> {
  authorize(ctx.actor, 'registration.list')
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const own = ctx.actor.role === 'partyMember'
  const unit = ctx.actor.role === 'unit'
  if (q.place && !own && !unit) authorize(ctx.actor, 'registration.listAt', q.place)
  const filter = {
    ...(own
      ? { partyMemberId: ctx.actor.partyMemberId ?? -1 }
      : unit
        ? { unitId: ctx.actor.unitId ?? -1 }
        : { placePrefix: q.place ?? ctx.actor.placeCode!, ...(q.unitId ? { unitId: Number(q.unitId) } : {}) }),
    ...(q.status ? { statuses: q.status } : {}),
  }
  const rows = await listRegistrations(ctx.db, { ...filter, limit, ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => presentRegistration(ctx.actor, ctx.deps.pii, r)),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ t: last.registration.submittedAt.toISOString(), id: last.registration.id }) : null,
    ...(q.withTotal ? { total: await countRegistrations(ctx.db, filter) } : {}),
  }
}

/** What each action changes besides the state, and who hears of it. */
type Effect = { patch: Partial<RegistrationRow>; fields: Record<string, unknown>; notify?: NotificationIntent[]; before?: (tx: Db) => Promise<Partial<RegistrationRow>> }

async function effectOf(ctx: Ctx, action: RegistrationAction, r: RegistrationRow, memberName: string, body: RegistrationActionBody): Promise<Effect> {
  const toMember: NotificationIntent['to'] = [{ kind: 'assignee', type: 'partyMember', id: String(r.partyMemberId) }]
  switch (action) {
    case 'confirm':
      return {
        patch: { decidedAt: ctx.now, decidedByUserId: ctx.actor.userId },
        fields: body.note ? { note: body.note } : {},
        notify: [{ to: toMember, kind: 'registration', title: '社区已确认您的报到', body: body.note ?? '欢迎参与社区服务' }],
      }
    case 'decline':
      return {
        patch: { decidedAt: ctx.now, decidedByUserId: ctx.actor.userId },
        fields: { reason: body.reason },
        notify: [{ to: toMember, kind: 'registration', title: '社区未确认您的报到', body: body.reason! }],
      }
    case 'transfer': {
      const to = body.toCommunityCode!
      if (to === r.communityCode) throw new AppError('TRANSFER_TO_SAME_COMMUNITY')
      await communityOrFail(ctx, to, 'toCommunityCode')
      return {
        patch: {},
        fields: { toCommunityCode: to, ...(body.note ? { note: body.note } : {}) },
        // the registration at the new community is submitted in the same transaction
        before: async (tx) => {
          // 包保: the member's pledges at the community left end with the transfer
          await endPledgesOnTransfer(ctx, tx, { partyMemberId: r.partyMemberId, communityCode: r.communityCode, toCommunityCode: to })
          const next = await writeChange(
            ctx,
            tx,
            submission(
              ctx,
              memberName,
              {
                partyMemberId: r.partyMemberId,
                communityCode: to,
                unitId: r.unitId,
                workUnit: r.workUnit,
                partyOrgName: r.partyOrgName,
                phoneEnc: r.phoneEnc,
                phoneIdx: r.phoneIdx,
                post: r.post,
                skills: r.skills,
                submittedByUserId: ctx.actor.userId,
              },
              { transferredFrom: String(r.id) },
            ),
          )
          return { transferredToId: next.id }
        },
      }
    }
  }
}

/** POST /registrations/:id/actions — confirm, decline or transfer, in the order every workflow checks. */
export async function actOnRegistration(ctx: Ctx, id: number, body: RegistrationActionBody): Promise<Registration> {
  const row = await findRegistration(ctx.db, id)
  const r = row?.registration
  const facts = r ? registrationFacts(r) : undefined
  const transition = checkAction(registrationWorkflow, ctx.actor, {
    facts,
    visible: facts !== undefined && can(ctx.actor, 'registration.read', facts),
    version: r?.version ?? 0,
    sentVersion: body.version,
    body,
    notFoundMessage: '报到记录不存在或无权查看',
    conflictMessage: '报到记录已被他人更新，请刷新后重试',
  })
  const effect = await effectOf(ctx, body.action, r!, row!.memberName, body)
  await commitTransition(ctx, {
    workflow: registrationWorkflow,
    transition,
    from: facts!.status,
    version: r!.version,
    entityId: id,
    apply: async (tx, to) => {
      const more = effect.before ? await effect.before(tx) : {}
      return updateRegistrationVersioned(tx, id, r!.version, { ...effect.patch, ...more, status: to, updatedAt: ctx.now })
    },
    versionOf: (u) => u.version,
    timeline,
    fields: effect.fields,
    ...(effect.notify ? { notify: effect.notify } : {}),
    conflict: { message: '报到记录已被他人更新，请刷新后重试' },
  })
  return getRegistration(ctx, id)
}

/**
 * The service each member's registration row stands for, from the modules that recorded it — one
 * set-based read each over the page's members (hours, wishes fulfilled, households pledged, points).
 */
async function withService(ctx: Ctx, rows: RegistrationWithNames[]): Promise<UnitMember[]> {
  const ids = [...new Set(rows.map((r) => r.registration.partyMemberId))]
  const [hours, wishes, pledges, points] = [
    await hoursOfPartyMembers(ctx.db, ids),
    await fulfilledWishCounts(ctx.db, ids),
    await activePledgeCounts(ctx.db, ids),
    await balancesOfPartyMembers(ctx.db, ids),
  ]
  const by = <T extends { partyMemberId: number }>(xs: T[], v: (x: T) => number) => new Map(xs.map((x) => [Number(x.partyMemberId), v(x)]))
  const [h, w, p, b] = [by(hours, (x) => x.hours), by(wishes, (x) => x.n), by(pledges, (x) => x.n), by(points, (x) => x.balance)]
  return rows.map((r) => {
    const id = r.registration.partyMemberId
    return presentUnitMember(r, { serviceHours: h.get(id) ?? 0, tasksDone: w.get(id) ?? 0, households: p.get(id) ?? 0, points: b.get(id) ?? 0 })
  })
}

/**
 * 工作在单位、服务在社区: the members who registered naming a unit — all of them for the unit's own
 * account, those registered under the caller's place for a county, street or community. Another unit's
 * account gets 404. Service hours, tasks done (wishes fulfilled), households pledged and points come from their modules.
 */
export async function listUnitMembers(ctx: Ctx, unitId: number, q: ListUnitMembersQuery): Promise<PageOf<UnitMember>> {
  await unitForMembers(ctx, unitId)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { t: 'instant', id: 'id' })
  const filter = { unitId, ...(ctx.actor.role === 'unit' ? {} : { placePrefix: ctx.actor.placeCode! }) }
  const rows = await listRegistrations(ctx.db, { ...filter, limit, ...(cursor ? { cursor } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: await withService(ctx, page),
    nextCursor:
      rows.length > limit && last ? encodeCursor({ t: last.registration.submittedAt.toISOString(), id: last.registration.id }) : null,
    ...(q.withTotal ? { total: await countRegistrations(ctx.db, filter) } : {}),
  }
}

/**
 * 包保: an in-service party member with a confirmed registration (双报到) takes 5–8 households of that
 * community (one member per household); the community or the household's grid may assign them; the
 * member, the community or the grid releases; a transfer of the registration ends them. Built on the
 * core: the workflow table decides every state (contracts/pledges.ts), the policy decides who
 * (permissions/policies/pledge.ts), and every change commits with its timeline event, audit row and
 * notifications. Visits are in visit.ts, coverage and the building map in coverage.ts, the notice in notice.ts.
 */
import type { Ctx } from '../../context'
import { checkAction, commitChange, commitTransition, inTransaction, listWorkflowEvents, sharedTimeline, writeChange, type Change, type NotificationIntent } from '../../core'
import type { Db } from '../../db/client'
import { AppError, invalidInput, notFound } from '../../errors'
import { maskPhone } from '../../lib/pii'
import { authorize, can, pledgeWorkflow } from '../../permissions'
import type { PageOf } from '#contracts/common'
import {
  PLEDGE_MAX,
  PLEDGE_MIN,
  type CreatedPledges,
  type CreatePledgesBody,
  type ListPledgesQuery,
  type MyPledges,
  type NoticeContact,
  type NoticeContactBody,
  type Pledge,
  type PledgeActionBody,
} from '#contracts/pledges'
import { pledgeFacts, presentPledge } from './presenter'
import {
  countActivePledgesOfMember,
  countPledges,
  findContact,
  findHouseholds,
  findPartyMember,
  findPledge,
  insertPledge,
  listActivePledgesOfHouseholds,
  listActivePledgesOfMemberAt,
  listConfirmedRegistrations,
  listPledges,
  listPledgesByIds,
  listVisitsOfPledge,
  lockConfirmedRegistration,
  lockPartyMember,
  updatePledgeVersioned,
  upsertContact,
  type PledgeRow,
} from './queries'

export const ENTITY = pledgeWorkflow.table.entity
export const timeline = sharedTimeline(ENTITY)
const NOT_FOUND_MESSAGE = '包保记录不存在或无权查看'

const toMember = (partyMemberId: number, title: string, body: string): NotificationIntent => ({
  to: [{ kind: 'assignee', type: 'partyMember', id: String(partyMemberId) }],
  kind: 'pledge',
  title,
  body,
})

const roomOf = (h: { room: string | null; address: string }) => h.room ?? h.address

/**
 * 认领包保户 / 分配包保户: the member claims households, or the community or grid assigns them to a member.
 * All or nothing: a household outside the member's community (422), one someone already pledges (409),
 * more than 8 in all (422 PLEDGE_LIMIT) or a member without a confirmed registration (422) refuse the whole request.
 */
export async function createPledges(ctx: Ctx, body: CreatePledgesBody): Promise<CreatedPledges> {
  authorize(ctx.actor, 'pledge.create')
  const self = ctx.actor.role === 'partyMember'
  const memberId = self ? ctx.actor.partyMemberId! : body.partyMemberId ? Number(body.partyMemberId) : undefined
  if (self && body.partyMemberId && Number(body.partyMemberId) !== memberId) {
    throw invalidInput([{ field: 'partyMemberId', message: '党员只能为本人认领包保户' }])
  }
  if (memberId === undefined) throw invalidInput([{ field: 'partyMemberId', message: '请选择包保的党员' }])
  const member = await findPartyMember(ctx.db, memberId)
  if (!member) throw new AppError('UNKNOWN_PARTY_MEMBER')

  const ids = body.householdIds.map(Number)
  const households = await findHouseholds(ctx.db, ids)
  const missing = ids.filter((id) => !households.some((h) => h.id === id))
  if (missing.length) throw new AppError('UNKNOWN_HOUSEHOLD', undefined, missing.map((id) => ({ field: 'householdIds', message: `住户 ${id} 不存在` })))

  // the registration the pledges hang from: the staff's own community; for the member, the households' community
  const regs = await listConfirmedRegistrations(ctx.db, memberId)
  const wanted = self ? households[0]!.communityCode : ctx.actor.placeCode!.slice(0, 12)
  const reg = regs.find((r) => r.communityCode === wanted) ?? (self ? regs[0] : undefined)
  if (!reg) {
    throw new AppError('PLEDGE_NOT_REGISTERED', self ? '您尚未在社区报到并经社区确认，不能认领包保户' : `${member.name}尚未在本社区报到并经确认，不能分配包保户`)
  }
  const outside = households.filter((h) => h.communityCode !== reg.communityCode)
  if (outside.length) {
    throw new AppError('PLEDGE_OUTSIDE_COMMUNITY', `只能包保${reg.communityName}的住户：${outside.map(roomOf).join('、')}不在该社区`)
  }
  if (!self) for (const h of households) authorize(ctx.actor, 'pledge.assignAt', h.gridCode)

  const ordered = ids.map((id) => households.find((h) => h.id === id)!)
  const rows = await inTransaction(ctx, async (tx) => {
    // one request at a time per member: the count below and the inserts see every earlier pledge
    await lockPartyMember(tx, memberId)
    if (!(await lockConfirmedRegistration(tx, reg.id))) throw new AppError('PLEDGE_NOT_REGISTERED')
    const taken = await listActivePledgesOfHouseholds(tx, ids)
    if (taken.length) {
      const rooms = taken.map((t) => roomOf(ordered.find((h) => h.id === t.householdId)!)).join('、')
      const mine = taken.every((t) => t.partyMemberId === memberId)
      throw new AppError('HOUSEHOLD_ALREADY_PLEDGED', mine ? `${rooms}已由${member.name}包保，无需重复认领` : `${rooms}已由其他党员包保，一户只由一名党员包保`)
    }
    const have = await countActivePledgesOfMember(tx, memberId)
    if (have + ids.length > PLEDGE_MAX) {
      throw new AppError('PLEDGE_LIMIT', `每名党员最多包保 ${PLEDGE_MAX} 户：${member.name}已包保 ${have} 户，最多还能认领 ${Math.max(0, PLEDGE_MAX - have)} 户`)
    }
    const written: PledgeRow[] = []
    for (const [i, h] of ordered.entries()) {
      const change: Change<PledgeRow> = {
        entityId: (r) => r.id,
        apply: (t) =>
          insertPledge(t, {
            partyMemberId: memberId,
            registrationId: reg.id,
            communityCode: reg.communityCode,
            householdId: h.id,
            gridCode: h.gridCode,
            buildingId: h.buildingId,
            status: pledgeWorkflow.table.initial,
            createdByUserId: ctx.actor.userId,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          }),
        conflict: { code: 'HOUSEHOLD_ALREADY_PLEDGED' },
        event: { write: timeline, entry: { action: 'create', fromStatus: null, toStatus: pledgeWorkflow.table.initial, fields: { householdId: String(h.id), room: roomOf(h), by: self ? 'member' : ctx.actor.role } } },
        audit: (r) => ({ action: 'pledge.create', entityType: ENTITY, after: { status: r.status, partyMemberId: memberId, householdId: h.id, communityCode: r.communityCode } }),
        // one message for the batch, when someone else assigned them
        ...(i === 0 && !self ? { notify: [toMember(memberId, '社区为您分配了包保户', `${ordered.map(roomOf).join('、')}，共 ${ordered.length} 户`)] } : {}),
      }
      written.push(await writeChange(ctx, tx, change))
    }
    return written
  })
  const items = await listPledgesByIds(ctx.db, rows.map((r) => r.id))
  return { items: items.map((r) => presentPledge(ctx.actor, r)) }
}

export async function loadVisiblePledge(ctx: Ctx, id: number) {
  const row = await findPledge(ctx.db, id)
  if (!row) throw notFound(NOT_FOUND_MESSAGE)
  authorize(ctx.actor, 'pledge.read', pledgeFacts(row.pledge))
  return row
}

export async function getPledge(ctx: Ctx, id: number): Promise<Pledge> {
  const row = await loadVisiblePledge(ctx, id)
  const [visits, events] = await Promise.all([listVisitsOfPledge(ctx.db, id), listWorkflowEvents(ctx.db, ENTITY, id)])
  return presentPledge(ctx.actor, row, { visits, events })
}

/** The member's own pledges; or those of the households under the caller's place. */
export async function listPledgesForActor(ctx: Ctx, q: ListPledgesQuery): Promise<PageOf<Pledge>> {
  authorize(ctx.actor, 'pledge.list')
  const limit = q.limit ?? 20
  const beforeId = q.cursor ? Number(Buffer.from(q.cursor, 'base64url').toString()) : undefined
  if (beforeId !== undefined && !(Number.isInteger(beforeId) && beforeId > 0)) throw new AppError('INVALID_CURSOR')
  const own = ctx.actor.role === 'partyMember'
  if (q.place && !own) authorize(ctx.actor, 'pledge.listAt', q.place)
  const filter = {
    ...(own ? { partyMemberId: ctx.actor.partyMemberId ?? -1 } : { placePrefix: q.place ?? ctx.actor.placeCode! }),
    ...(!own && q.partyMemberId ? { partyMemberId: Number(q.partyMemberId) } : {}),
    ...(q.buildingId ? { buildingId: Number(q.buildingId) } : {}),
    ...(q.status ? { status: q.status } : {}),
  }
  const rows = await listPledges(ctx.db, { ...filter, ...(beforeId !== undefined ? { beforeId } : {}), limit })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => presentPledge(ctx.actor, r)),
    nextCursor: rows.length > limit && last ? Buffer.from(String(last.pledge.id)).toString('base64url') : null,
    ...(q.withTotal ? { total: await countPledges(ctx.db, filter) } : {}),
  }
}

/** POST /pledges/:id/actions — release (解除包保), in the order every workflow checks. */
export async function actOnPledge(ctx: Ctx, id: number, body: PledgeActionBody): Promise<Pledge> {
  const row = await findPledge(ctx.db, id)
  const p = row?.pledge
  const facts = p ? pledgeFacts(p) : undefined
  const transition = checkAction(pledgeWorkflow, ctx.actor, {
    facts,
    visible: facts !== undefined && can(ctx.actor, 'pledge.read', facts),
    version: p?.version ?? 0,
    sentVersion: body.version,
    body,
    notFoundMessage: NOT_FOUND_MESSAGE,
    conflictMessage: '包保记录已被他人更新，请刷新后重试',
  })
  const byMember = ctx.actor.role === 'partyMember'
  await commitTransition(ctx, {
    workflow: pledgeWorkflow,
    transition,
    from: facts!.status,
    version: p!.version,
    entityId: id,
    apply: (tx, to) => updatePledgeVersioned(tx, id, p!.version, { status: to, endedAt: ctx.now, endedByUserId: ctx.actor.userId, endReason: 'released', updatedAt: ctx.now }),
    versionOf: (u) => u.version,
    timeline,
    fields: { householdId: String(p!.householdId), ...(body.reason ? { reason: body.reason } : {}) },
    ...(byMember ? {} : { notify: [toMember(p!.partyMemberId, '您的一户包保已解除', `${roomOf(row!)}${body.reason ? `：${body.reason}` : ''}`)] }),
    conflict: { message: '包保记录已被他人更新，请刷新后重试' },
  })
  return getPledge(ctx, id)
}

/**
 * A member's registration at a community was transferred (转出): their pledges there end in the same
 * transaction, each with its timeline event and audit row. Called by 双报到's transfer.
 */
export async function endPledgesOnTransfer(ctx: Ctx, tx: Db, o: { partyMemberId: number; communityCode: string; toCommunityCode: string }): Promise<number> {
  const transition = pledgeWorkflow.table.transitions.find((t) => t.action === 'endOnTransfer')!
  const rows = await listActivePledgesOfMemberAt(tx, o.partyMemberId, o.communityCode)
  for (const p of rows) {
    await commitTransition(
      ctx,
      {
        workflow: pledgeWorkflow,
        transition,
        from: 'active',
        version: p.version,
        entityId: p.id,
        apply: (t, to) => updatePledgeVersioned(t, p.id, p.version, { status: to, endedAt: ctx.now, endedByUserId: ctx.actor.userId, endReason: 'transferred', updatedAt: ctx.now }),
        versionOf: (u) => u.version,
        timeline,
        fields: { householdId: String(p.householdId), toCommunityCode: o.toCommunityCode },
      },
      tx,
    )
  }
  return rows.length
}

async function contactOf(ctx: Ctx, partyMemberId: number): Promise<NoticeContact> {
  const c = await findContact(ctx.db, partyMemberId)
  return { phone: c?.phoneEnc ? maskPhone(ctx.deps.pii.decrypt(c.phoneEnc)) : null, phonePublic: c?.phonePublic ?? false }
}

/** 我的包保户: the member's registration standing, active pledges and notice contact. */
export async function getMyPledges(ctx: Ctx): Promise<MyPledges> {
  authorize(ctx.actor, 'pledge.own')
  const memberId = ctx.actor.partyMemberId!
  const [regs, rows, contact] = await Promise.all([
    listConfirmedRegistrations(ctx.db, memberId),
    listPledges(ctx.db, { partyMemberId: memberId, status: 'active', limit: PLEDGE_MAX * 4 }),
    contactOf(ctx, memberId),
  ])
  const reg = regs[0]
  return {
    registered: reg !== undefined,
    communityCode: reg?.communityCode ?? null,
    communityName: reg?.communityName ?? null,
    min: PLEDGE_MIN,
    max: PLEDGE_MAX,
    contact,
    items: rows.map((r) => presentPledge(ctx.actor, r)).sort((a, b) => (a.household.address < b.household.address ? -1 : 1)),
  }
}

/** The phone the member shows on the 三亮 notice, and whether in full (their consent). */
export async function setMyNoticeContact(ctx: Ctx, body: NoticeContactBody): Promise<NoticeContact> {
  authorize(ctx.actor, 'pledge.own')
  const memberId = ctx.actor.partyMemberId!
  const kept = body.phone === undefined ? (await findContact(ctx.db, memberId))?.phoneEnc ?? null : undefined
  const phoneEnc = kept !== undefined ? kept : body.phone ? ctx.deps.pii.encrypt(body.phone) : null
  const phonePublic = phoneEnc !== null && body.phonePublic
  await commitChange(ctx, {
    entityId: memberId,
    apply: (tx) => upsertContact(tx, { partyMemberId: memberId, phoneEnc, phonePublic, updatedAt: ctx.now }),
    audit: { action: 'pledgeContact.set', entityType: 'pledgeContact', after: { ...(body.phone !== undefined ? { phone: maskPhone(body.phone) } : {}), phonePublic } },
  })
  return contactOf(ctx, memberId)
}

/**
 * 走访包保户: a member records a visit to one of their pledged households. Recording a visit is service
 * residents feel: it is what the points ledger (党建+积分) and the black list count. `recordPledgeVisit`
 * is the one function that records it, in one transaction, with the member's points for it.
 */
import type { Ctx } from '../../context'
import { checkAction, inTransaction, transitionChange, writeChange } from '../../core'
import { AppError, notFound } from '../../errors'
import { shanghaiDate } from '../../lib/time'
import { can, pledgeWorkflow } from '../../permissions'
import { creditService, earnerOfPartyMember } from '../points'
import type { PledgeVisit, RecordVisitBody } from '#contracts/pledges'
import { pledgeFacts, presentVisit } from './presenter'
import { appealInGrid, findPledge, insertVisit, touchPledgeForVisit, type VisitRow } from './queries'
import { timeline } from './service'

/** POST /pledges/:id/visits — the pledging member only (anyone else: 404 out of sight, or 403 for the staff who see it). */
export async function recordPledgeVisit(ctx: Ctx, pledgeId: number, body: RecordVisitBody): Promise<PledgeVisit> {
  const row = await findPledge(ctx.db, pledgeId)
  const p = row?.pledge
  const facts = p ? pledgeFacts(p) : undefined
  const transition = checkAction(pledgeWorkflow, ctx.actor, {
    facts,
    visible: facts !== undefined && can(ctx.actor, 'pledge.read', facts),
    body: { action: 'visit', ...body },
    notFoundMessage: '包保记录不存在或无权查看',
  })
  if (!p) throw notFound()
  const today = shanghaiDate(ctx.now)
  if (body.visitedOn > today || body.visitedOn < shanghaiDate(p.createdAt)) throw new AppError('VISIT_DATE_OUT_OF_RANGE')
  if (body.appealId && !(await appealInGrid(ctx.db, Number(body.appealId), p.gridCode))) throw new AppError('UNKNOWN_LINKED_APPEAL')

  const fields: Record<string, unknown> = {
    visitedOn: body.visitedOn,
    situation: body.situation,
    finding: body.finding.trim(),
    ...(body.note?.trim() ? { note: body.note.trim() } : {}),
    ...(body.appealId ? { appealId: body.appealId } : {}),
  }
  let visit: VisitRow | undefined
  const { change } = transitionChange({
    workflow: pledgeWorkflow,
    transition,
    from: facts!.status,
    version: p.version,
    entityId: pledgeId,
    apply: async (tx) => {
      // the pledge must still be active (a release meanwhile loses the visit with 409)
      const touched = await touchPledgeForVisit(tx, pledgeId, body.visitedOn, ctx.now)
      if (!touched) return undefined
      visit = await insertVisit(tx, {
        pledgeId,
        partyMemberId: p.partyMemberId,
        householdId: p.householdId,
        communityCode: p.communityCode,
        gridCode: p.gridCode,
        visitedOn: body.visitedOn,
        situation: body.situation,
        finding: body.finding.trim(),
        note: body.note?.trim() || null,
        appealId: body.appealId ? Number(body.appealId) : null,
        recordedByUserId: ctx.actor.userId,
        recordedAt: ctx.now,
      })
      // the timeline event and the audit row (written next, from this same object) name the visit
      fields.visitId = String(visit.id)
      return touched
    },
    versionOf: (u) => u.version,
    timeline,
    fields,
    after: async (tx) => {
      // 党建+积分: the visiting member's account earns the visit, in the visit's transaction (no account: nothing)
      const earner = await earnerOfPartyMember(tx, p.partyMemberId)
      if (earner === undefined) return
      await creditService(ctx, tx, {
        earnerUserId: earner,
        communityCode: p.communityCode,
        source: { kind: 'visit', id: visit!.id },
        quantity: 1,
        // the day of the visit (noon, Beijing time) is the month it counts in
        occurredAt: new Date(`${body.visitedOn}T12:00:00+08:00`),
        reason: `走访包保户（${row!.buildingName ?? row!.gridName}）`,
      })
    },
    conflict: { message: '该包保已结束，不能记录走访' },
  })
  await inTransaction(ctx, (tx) => writeChange(ctx, tx, change))
  return presentVisit(visit!)
}

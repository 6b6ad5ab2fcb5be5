/**
 * POST /appeals/:id/actions — one entry point for every workflow action. Checks run in the order
 * DESIGN §3.2 fixes (404 scope → 409 version → 422 state → 403 role → 400 fields); then the state
 * change, its timed steps, its side records, its timeline event, its audit row and its notifications
 * are written in one transaction, guarded by the version the caller decided on.
 */
import type { Ctx } from '../../context'
import type { Db } from '../../db/client'
import { AppError, conflict, forbidden, invalidInput, notFound, type ErrorDetail } from '../../errors'
import { appealVisibility, canSeeAppeal, decideAction, refusalError } from '../../permissions'
import type { AppealActionBody } from '#contracts/appeals'
import { ACTION_FIELDS } from '#contracts/workflow'
import { recordAudit } from '../audit/service'
import { notify } from '../notifications/service'
import { finishOpenSteps, insertDeadline, type DeadlineRow } from './deadline-queries'
import type { Effect, Handler } from './effect'
import { escalationHandlers } from './handlers-escalation'
import { loopHandlers } from './handlers-loop'
import { factsOf } from './presenter'
import { findAppealById, insertAppealEvent, insertAppealFiles, markAppealOverdue, updateAppealVersioned, type AppealRow } from './queries'
import { stepTimes } from './steps'

const handlers: Partial<Record<AppealActionBody['action'], Handler>> = { ...loopHandlers, ...escalationHandlers }

function checkFields(body: AppealActionBody): void {
  const spec = ACTION_FIELDS[body.action]
  const allowed = new Set(['action', 'version', ...spec.required, ...spec.optional])
  const details: ErrorDetail[] = []
  for (const f of spec.required) {
    const v = (body as Record<string, unknown>)[f]
    if (v === undefined || (Array.isArray(v) && v.length === 0)) details.push({ field: f, message: `缺少必填字段 ${f}` })
  }
  for (const f of Object.keys(body)) {
    if (!allowed.has(f)) details.push({ field: f, message: '此操作不需要该字段' })
  }
  if (details.length) throw invalidInput(details)
}

/** Close, cancel and start the appeal's timed steps as the action says. */
async function applySteps(ctx: Ctx, tx: Db, a: AppealRow, steps: NonNullable<Effect['steps']>): Promise<void> {
  const closed: DeadlineRow[] = []
  if (steps.cancel) closed.push(...(await finishOpenSteps(tx, a.id, steps.cancel === 'all' ? [] : steps.cancel, ctx.now, 'cancelled')))
  for (const f of steps.finish ?? []) {
    closed.push(
      ...(typeof f === 'string'
        ? await finishOpenSteps(tx, a.id, [f], ctx.now, 'done')
        : await finishOpenSteps(tx, a.id, [f.step], ctx.now, 'done', f.departmentCode)),
    )
  }
  // A step that ran past its limit counts as overdue even if the sweeper never saw it late —
  // whether it was finished late or made moot (rejected, escalated, returned) after its due time.
  const pastDue = (step: string) => closed.some((d) => d.step === step && d.dueAt < ctx.now)
  const lateResponse = pastDue('response')
  const lateResolve = pastDue('resolve')
  if (lateResponse || lateResolve) {
    await markAppealOverdue(tx, a.id, { ...(lateResponse ? { responseOverdue: true } : {}), ...(lateResolve ? { resolveOverdue: true } : {}) })
  }
  const cal = ctx.deps.calendar.get()
  for (const s of steps.start ?? []) {
    await insertDeadline(tx, {
      appealId: a.id,
      step: s.step,
      departmentCode: s.departmentCode ?? null,
      limitAmount: s.limit.amount,
      limitUnit: s.limit.unit,
      startedAt: ctx.now,
      ...stepTimes(cal, ctx.now, s.limit),
    })
  }
}

export async function performAction(ctx: Ctx, id: number, body: AppealActionBody): Promise<number> {
  try {
    return await perform(ctx, id, body)
  } catch (e) {
    // 抢单失败: whoever lost a claim race hears about it in their inbox too.
    if (body.action === 'claim' && e instanceof AppError && e.code === 'VERSION_CONFLICT') {
      await notify(ctx.db, ctx.now, {
        to: [{ kind: 'user', userId: ctx.actor.userId }],
        kind: 'claimLost',
        title: '领单未成功',
        body: '该诉求已被他人领取或已更新',
        appealId: id,
      })
    }
    throw e
  }
}

async function perform(ctx: Ctx, id: number, body: AppealActionBody): Promise<number> {
  if (!appealVisibility(ctx.actor)) throw forbidden('您的角色不处理诉求')
  const a = await findAppealById(ctx.db, id)
  if (!a || !canSeeAppeal(ctx.actor, factsOf(a, ctx))) throw notFound('诉求不存在或无权查看')
  if (a.version !== body.version) throw conflict('VERSION_CONFLICT', '诉求已被他人更新，请刷新后重试')
  const decision = decideAction(ctx.actor, body.action, factsOf(a, ctx))
  if (!decision.ok) throw refusalError(decision.refusal)
  checkFields(body)
  const effect = await handlers[body.action]!(ctx, a, body, decision.transition)

  await ctx.db.transaction(async (tx) => {
    const updated = await updateAppealVersioned(tx, a.id, a.version, { ...effect.patch, status: effect.to, updatedAt: ctx.now })
    if (!updated) {
      throw conflict('VERSION_CONFLICT', body.action === 'claim' ? '手慢了，该诉求已被他人领取' : '诉求已被他人更新，请刷新后重试')
    }
    if (effect.steps) await applySteps(ctx, tx, a, effect.steps)
    await insertAppealEvent(tx, {
      appealId: a.id,
      action: body.action,
      fromStatus: a.status,
      toStatus: effect.to,
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      actorName: ctx.actor.displayName,
      fields: effect.fields,
      comment: body.comment ?? null,
      createdAt: ctx.now,
    })
    if (effect.after) await effect.after(tx, updated)
    if (effect.photoIds?.length) await insertAppealFiles(tx, a.id, effect.photoIds)
    await recordAudit(ctx, tx, {
      action: `appeal.${body.action}`,
      entityType: 'appeal',
      entityId: a.id,
      before: { status: a.status, version: a.version },
      after: { status: updated.status, version: updated.version, ...effect.fields },
    })
    for (const n of effect.notify ?? []) await notify(tx, ctx.now, { ...n, except: [ctx.actor.userId] })
  })
  return a.id
}

/**
 * POST /appeals/:id/actions — one entry point for every workflow action. The core checks in the order
 * every workflow follows (404 scope → 409 version → 422 state → 403 role → 400 fields); the action's
 * handler says what else changes (deadlines, assignee, side records, notifications); the core commits
 * the next state from the table with its timeline event, audit row and notifications in one
 * transaction, guarded by the version the caller decided on.
 */
import type { Ctx } from '../../context'
import { checkAction, commitTransition, notifyOnly } from '../../core'
import type { Db } from '../../db/client'
import { AppError } from '../../errors'
import { appealWorkflow, authorize, can } from '../../permissions'
import type { AppealActionBody } from '#contracts/appeals'
import { finishOpenSteps, insertDeadline, type DeadlineRow } from './deadline-queries'
import type { Effect, Handler } from './effect'
import { escalationHandlers } from './handlers-escalation'
import { loopHandlers } from './handlers-loop'
import { factsOf } from './presenter'
import { findAppealById, insertAppealFiles, markAppealOverdue, updateAppealVersioned, type AppealRow } from './queries'
import { overdueMarks, provisionalNote, stepTimes, type Step } from './steps'
import { appealTimeline } from './timeline'

const handlers: Partial<Record<AppealActionBody['action'], Handler>> = { ...loopHandlers, ...escalationHandlers }

/** Close, cancel and start the appeal's timed steps as the action says. */
export async function applySteps(ctx: Ctx, tx: Db, a: AppealRow, steps: NonNullable<Effect['steps']>): Promise<void> {
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
  const late = overdueMarks(closed.filter((d) => d.dueAt < ctx.now).map((d) => d.step as Step))
  if (Object.keys(late).length) await markAppealOverdue(tx, a.id, late)
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
      await notifyOnly(ctx, [
        { to: [{ kind: 'user', userId: ctx.actor.userId }], kind: 'claimLost', title: '领单未成功', body: '该诉求已被他人领取或已更新', appealId: id },
      ])
    }
    throw e
  }
}

async function perform(ctx: Ctx, id: number, body: AppealActionBody): Promise<number> {
  authorize(ctx.actor, 'appeal.handle')
  const a = await findAppealById(ctx.db, id)
  const facts = a ? factsOf(a, ctx) : undefined
  const transition = checkAction(appealWorkflow, ctx.actor, {
    facts,
    visible: facts !== undefined && can(ctx.actor, 'appeal.read', facts),
    version: a?.version ?? 0,
    sentVersion: body.version,
    body,
    notFoundMessage: '诉求不存在或无权查看',
    conflictMessage: '诉求已被他人更新，请刷新后重试',
  })
  const appeal = a!
  const effect = await handlers[body.action]!(ctx, appeal, body, transition)
  await commitTransition(ctx, {
    workflow: appealWorkflow,
    transition,
    from: facts!.status,
    version: appeal.version,
    entityId: appeal.id,
    ...(effect.branch ? { branch: effect.branch } : {}),
    apply: (tx, to) => updateAppealVersioned(tx, appeal.id, appeal.version, { ...effect.patch, status: to, updatedAt: ctx.now }),
    versionOf: (r) => r.version,
    timeline: appealTimeline,
    fields: { ...effect.fields, ...provisionalNote(ctx.deps.calendar.get(), ctx.now, (effect.steps?.start ?? []).map((s) => s.limit)) },
    comment: body.comment ?? null,
    ...(effect.notify ? { notify: effect.notify } : {}),
    conflict: { message: body.action === 'claim' ? '手慢了，该诉求已被他人领取' : '诉求已被他人更新，请刷新后重试' },
    after: async (tx, updated) => {
      if (effect.steps) await applySteps(ctx, tx, appeal, effect.steps)
      if (effect.after) await effect.after(tx, updated)
      if (effect.photoIds?.length) await insertAppealFiles(tx, appeal.id, effect.photoIds)
    },
  })
  return appeal.id
}

/**
 * The deadline sweeper (DOMAIN §3.3): fires the 70% warning, the yellow card when a step passes its
 * limit (超期未受理 / 超期未办结 …), the red card and a supervision order at twice the limit, and closes
 * replied appeals nobody rated within 7 days. Every firing is a conditional update ("… WHERE fired IS
 * NULL RETURNING"), committed together with its event, audit row and notifications through the core:
 * running it twice, or on two instances at once, fires each thing exactly once. The cards and the
 * auto-close are the platform's own actions in the workflow table; time comes from the context's clock.
 */
import type { Ctx } from '../../context'
import { commitTransition, inTransaction, writeChange } from '../../core'
import type { Recipient } from '../../core/outbox'
import type { Db } from '../../db/client'
import { formatShanghai } from '../../lib/time'
import { appealWorkflow } from '../../permissions'
import type { AppealStatus, AppealSystemAction } from '#contracts/workflow'
import { fireRedCards, fireWarnings, fireYellowCards, finishOpenSteps, type DeadlineRow } from './deadline-queries'
import { assigneeOf } from './handlers-loop'
import { factsOf } from './presenter'
import { findAppealById, listAppealsToAutoClose, markAppealOverdue, updateAppealVersioned, type AppealRow } from './queries'
import { OVERDUE_NAMES, overdueMarks, STEP_NAMES, type Step } from './steps'
import { openSupervision, supervisorForStep } from './supervision-service'
import { appealTimeline } from './timeline'

export interface SweepResult {
  warnings: number
  yellowCards: number
  redCards: number
  autoClosed: number
}

/** Who holds a step: they get the warning and the cards. */
function holderOf(a: AppealRow, d: DeadlineRow): Recipient[] {
  switch (d.step as Step) {
    case 'response':
    case 'verify':
      return [{ kind: 'gridStaff', gridCode: a.gridCode }]
    case 'reply':
    case 'dispatch':
      return [{ kind: 'place', role: 'community', code: a.communityCode }]
    case 'review':
      return [{ kind: 'place', role: 'street', code: a.streetCode }]
    case 'reportIn':
      return [{ kind: 'department', code: d.departmentCode! }]
    case 'resolve':
      return [assigneeOf(a)]
  }
}

/** Fire a batch of deadlines and, in the same transaction, write what each firing means; until a batch comes back short. */
async function eachFired(
  ctx: Ctx,
  fire: (tx: Db) => Promise<DeadlineRow[]>,
  onEach: (tx: Db, d: DeadlineRow, a: AppealRow) => Promise<void>,
  batch: number,
): Promise<number> {
  let total = 0
  for (;;) {
    const n = await inTransaction(ctx, async (tx) => {
      const fired = await fire(tx)
      for (const d of fired) {
        const a = await findAppealById(tx, d.appealId)
        if (a) await onEach(tx, d, a)
      }
      return fired.length
    })
    total += n
    if (n < batch) return total
  }
}

/** A card is the platform's action on the appeal (table: any open state, unchanged): a mark, not a new version. */
async function card(ctx: Ctx, tx: Db, a: AppealRow, d: DeadlineRow, action: Extract<AppealSystemAction, 'yellowCard' | 'redCard'>) {
  const decision = appealWorkflow.decide(ctx.actor, action, factsOf(a, ctx))
  if (!decision.ok) return false
  const step = d.step as Step
  const red = action === 'redCard'
  const up = supervisorForStep(a, step)
  await commitTransition(
    ctx,
    {
      workflow: appealWorkflow,
      transition: decision.transition,
      from: a.status as AppealStatus,
      version: a.version,
      entityId: a.id,
      apply: (t) =>
        markAppealOverdue(t, a.id, { card: red ? 'red' : 'yellow', ...(red ? {} : overdueMarks([step])) }),
      versionOf: (r) => r.version,
      timeline: appealTimeline,
      fields: {
        step,
        overdue: OVERDUE_NAMES[step],
        ...(red ? { redAt: d.redAt.toISOString() } : { dueAt: d.dueAt.toISOString() }),
        ...(d.departmentCode ? { department: d.departmentCode } : {}),
      },
      notify: red
        ? [
            {
              to: holderOf(a, d),
              kind: 'redCard',
              title: `红牌（${OVERDUE_NAMES[step]}，超过两倍时限）：${a.number}`,
              body: `「${a.title}」${STEP_NAMES[step]}已超过两倍时限，上级将督办`,
              appealId: a.id,
            },
          ]
        : [
            {
              to: [...holderOf(a, d), { kind: 'place', role: up.level, code: up.supervisorCode }],
              kind: 'yellowCard',
              title: `黄牌（${OVERDUE_NAMES[step]}）：${a.number}`,
              body: `「${a.title}」已超过${STEP_NAMES[step]}时限`,
              appealId: a.id,
            },
          ],
    },
    tx,
  )
  return true
}

export async function sweepDeadlines(ctx: Ctx, batch = 200): Promise<SweepResult> {
  const now = ctx.now

  const warnings = await eachFired(
    ctx,
    (tx) => fireWarnings(tx, now, batch),
    async (tx, d, a) => {
      // the warning marks the step (warned once); it changes nothing of the appeal itself
      await writeChange(ctx, tx, {
        entityId: a.id,
        apply: async () => d,
        audit: { action: 'appeal.warning', entityType: 'appeal', detail: { step: d.step, dueAt: d.dueAt.toISOString() } },
        notify: [
          {
            to: holderOf(a, d),
            kind: 'warning',
            title: `即将超期（已用 70% 时限）：${a.number}`,
            body: `「${a.title}」${STEP_NAMES[d.step as Step]}时限将至：${formatShanghai(d.dueAt)}`,
            appealId: a.id,
          },
        ],
      })
    },
    batch,
  )

  const yellowCards = await eachFired(ctx, (tx) => fireYellowCards(tx, now, batch), (tx, d, a) => card(ctx, tx, a, d, 'yellowCard').then(() => undefined), batch)

  const redCards = await eachFired(
    ctx,
    (tx) => fireRedCards(tx, now, batch),
    async (tx, d, a) => {
      if (!(await card(ctx, tx, a, d, 'redCard'))) return
      const step = d.step as Step
      await openSupervision(ctx, tx, a, { ...supervisorForStep(a, step), reason: 'redCard', step, deadlineId: d.id })
    },
    batch,
  )

  // 7 days after the reply with no rating: closed as unrated (自动结案).
  let autoClosed = 0
  for (;;) {
    const due = await listAppealsToAutoClose(ctx.db, now, batch)
    for (const a of due) {
      const decision = appealWorkflow.decide(ctx.actor, 'autoClose', factsOf(a, ctx))
      if (!decision.ok) continue
      const closed = await commitTransition(ctx, {
        workflow: appealWorkflow,
        transition: decision.transition,
        from: 'replied',
        version: a.version,
        entityId: a.id,
        apply: (tx, to) => updateAppealVersioned(tx, a.id, a.version, { status: to, closeReason: 'unrated', closedAt: now, updatedAt: now, autoCloseAt: null }),
        versionOf: (r) => r.version,
        timeline: appealTimeline,
        fields: { closeReason: 'unrated' },
        after: async (tx) => {
          await finishOpenSteps(tx, a.id, [], now, 'cancelled')
        },
      }).then(
        () => true,
        // a rating or another sweeper got there first: nothing to close
        (e: unknown) => {
          if (e instanceof Error && 'code' in e && (e as { code: string }).code === 'VERSION_CONFLICT') return false
          throw e
        },
      )
      if (closed) autoClosed++
    }
    if (due.length < batch) break
  }
  return { warnings, yellowCards, redCards, autoClosed }
}

/**
 * The deadline sweeper (DESIGN §3.3): fires the 70% warning, the yellow card when a step passes its
 * limit (超期未受理 / 超期未办结 …), the red card and a supervision order at twice the limit, and closes
 * replied appeals nobody rated within 7 days. Every firing is a conditional update ("… WHERE fired IS
 * NULL RETURNING"), committed together with its events and notifications: running it twice, or on two
 * instances at once, fires each thing exactly once. Time comes from the injectable clock.
 */
import type { AppDeps } from '../context'
import { formatShanghai } from '../lib/time'
import type { Db } from '../db/client'
import { insertAudit } from '../modules/audit/queries'
import { fireRedCards, fireWarnings, fireYellowCards, finishOpenSteps, type DeadlineRow } from '../modules/appeals/deadline-queries'
import {
  findAppealById,
  insertAppealEvent,
  listAppealsToAutoClose,
  markAppealOverdue,
  updateAppealVersioned,
  type AppealRow,
} from '../modules/appeals/queries'
import { OVERDUE_NAMES, STEP_NAMES, type Step } from '../modules/appeals/steps'
import { assigneeOf } from '../modules/appeals/handlers-loop'
import { notify, type Recipient } from '../modules/notifications/service'
import { openSupervision, supervisorForStep } from '../modules/supervisions/service'

export interface SweepResult {
  warnings: number
  yellowCards: number
  redCards: number
  autoClosed: number
}

const SYSTEM = { actorUserId: null, actorRole: 'system', actorName: '系统' }

/** Who holds a step: they get the warning and the cards. */
function holderOf(a: AppealRow, d: DeadlineRow): Recipient[] {
  switch (d.step as Step) {
    case 'response':
    case 'verify':
      return [{ kind: 'gridStaff', gridCode: a.gridCode }]
    case 'reply':
      return [{ kind: 'place', role: 'community', code: a.communityCode }]
    case 'reportIn':
      return [{ kind: 'department', code: d.departmentCode! }]
    case 'resolve':
      return [assigneeOf(a)]
  }
}

async function eachFired(
  db: Db,
  fire: (tx: Db) => Promise<DeadlineRow[]>,
  onEach: (tx: Db, d: DeadlineRow, a: AppealRow) => Promise<void>,
  batch: number,
): Promise<number> {
  let total = 0
  for (;;) {
    const n = await db.transaction(async (tx) => {
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

export async function sweepDeadlines(deps: AppDeps, batch = 200): Promise<SweepResult> {
  const db = deps.database.db
  const now = deps.clock.now()

  const warnings = await eachFired(
    db,
    (tx) => fireWarnings(tx, now, batch),
    async (tx, d, a) => {
      await notify(tx, now, {
        to: holderOf(a, d),
        kind: 'warning',
        title: `即将超期（已用 70% 时限）：${a.number}`,
        body: `「${a.title}」${STEP_NAMES[d.step as Step]}时限将至：${formatShanghai(d.dueAt)}`,
        appealId: a.id,
      })
    },
    batch,
  )

  const yellowCards = await eachFired(
    db,
    (tx) => fireYellowCards(tx, now, batch),
    async (tx, d, a) => {
      const step = d.step as Step
      await markAppealOverdue(tx, a.id, {
        card: 'yellow',
        ...(step === 'response' ? { responseOverdue: true } : {}),
        ...(step === 'resolve' ? { resolveOverdue: true } : {}),
      })
      await insertAppealEvent(tx, {
        appealId: a.id,
        action: 'yellowCard',
        fromStatus: a.status,
        toStatus: a.status,
        ...SYSTEM,
        fields: { step, overdue: OVERDUE_NAMES[step], dueAt: d.dueAt.toISOString(), ...(d.departmentCode ? { department: d.departmentCode } : {}) },
        comment: null,
        createdAt: now,
      })
      const up = supervisorForStep(a, step)
      await notify(tx, now, {
        to: [...holderOf(a, d), { kind: 'place', role: up.level, code: up.supervisorCode }],
        kind: 'yellowCard',
        title: `黄牌（${OVERDUE_NAMES[step]}）：${a.number}`,
        body: `「${a.title}」已超过${STEP_NAMES[step]}时限`,
        appealId: a.id,
      })
    },
    batch,
  )

  const redCards = await eachFired(
    db,
    (tx) => fireRedCards(tx, now, batch),
    async (tx, d, a) => {
      const step = d.step as Step
      await markAppealOverdue(tx, a.id, { card: 'red' })
      await insertAppealEvent(tx, {
        appealId: a.id,
        action: 'redCard',
        fromStatus: a.status,
        toStatus: a.status,
        ...SYSTEM,
        fields: { step, overdue: OVERDUE_NAMES[step], redAt: d.redAt.toISOString(), ...(d.departmentCode ? { department: d.departmentCode } : {}) },
        comment: null,
        createdAt: now,
      })
      await notify(tx, now, {
        to: holderOf(a, d),
        kind: 'redCard',
        title: `红牌（${OVERDUE_NAMES[step]}，超过两倍时限）：${a.number}`,
        body: `「${a.title}」${STEP_NAMES[step]}已超过两倍时限，上级将督办`,
        appealId: a.id,
      })
      await openSupervision(tx, now, a, { ...supervisorForStep(a, step), reason: 'redCard', step, deadlineId: d.id })
    },
    batch,
  )

  // 7 days after the reply with no rating: closed as unrated.
  let autoClosed = 0
  for (;;) {
    const due = await listAppealsToAutoClose(db, now, batch)
    for (const a of due) {
      const closed = await db.transaction(async (tx) => {
        const u = await updateAppealVersioned(tx, a.id, a.version, { status: 'closed', closeReason: 'unrated', closedAt: now, updatedAt: now, autoCloseAt: null })
        if (!u) return false
        await finishOpenSteps(tx, a.id, [], now, 'cancelled')
        await insertAppealEvent(tx, { appealId: a.id, action: 'autoClose', fromStatus: 'replied', toStatus: 'closed', ...SYSTEM, fields: { closeReason: 'unrated' }, comment: null, createdAt: now })
        await insertAudit(tx, {
          at: now,
          actorUserId: null,
          actorRole: 'system',
          actorName: '系统',
          action: 'appeal.autoClose',
          entityType: 'appeal',
          entityId: String(a.id),
          ip: null,
          before: { status: 'replied', version: a.version },
          after: { status: 'closed', version: u.version, closeReason: 'unrated' },
        })
        return true
      })
      if (closed) autoClosed++
    }
    if (due.length < batch) break
  }
  return { warnings, yellowCards, redCards, autoClosed }
}

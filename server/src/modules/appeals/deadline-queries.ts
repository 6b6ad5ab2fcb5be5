/** SQL for timed steps (appeal_deadline) — started and finished by actions, fired by the sweeper. */
import { and, asc, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appealDeadline } from '../../db/schema/index'

export type DeadlineRow = typeof appealDeadline.$inferSelect

export async function insertDeadline(db: Db, row: typeof appealDeadline.$inferInsert): Promise<DeadlineRow> {
  const [r] = await db.insert(appealDeadline).values(row).returning()
  return r!
}

/** Close the open steps of an appeal; `late` when finished after the due time. Returns what closed. */
export function finishOpenSteps(
  db: Db,
  appealId: number,
  steps: string[],
  at: Date,
  outcome: 'done' | 'cancelled',
  departmentCode?: string,
) {
  return db
    .update(appealDeadline)
    .set({
      finishedAt: at,
      outcome,
      late: outcome === 'done' ? sql`${appealDeadline.dueAt} < ${at.toISOString()}::timestamptz` : false,
    })
    .where(
      and(
        eq(appealDeadline.appealId, appealId),
        steps.length ? inArray(appealDeadline.step, steps) : undefined,
        departmentCode ? eq(appealDeadline.departmentCode, departmentCode) : undefined,
        isNull(appealDeadline.finishedAt),
      ),
    )
    .returning()
}

export async function findOpenStep(db: Db, appealId: number, step: string): Promise<DeadlineRow | undefined> {
  const rows = await db
    .select()
    .from(appealDeadline)
    .where(and(eq(appealDeadline.appealId, appealId), eq(appealDeadline.step, step), isNull(appealDeadline.finishedAt)))
    .orderBy(asc(appealDeadline.id))
    .limit(1)
  return rows[0]
}

export async function updateDeadlineTimes(
  db: Db,
  id: number,
  patch: Pick<DeadlineRow, 'dueAt' | 'warnAt' | 'redAt' | 'extensionDays'>,
): Promise<void> {
  await db.update(appealDeadline).set(patch).where(eq(appealDeadline.id, id))
}

export function listDeadlinesOfAppeal(db: Db, appealId: number) {
  return db.select().from(appealDeadline).where(eq(appealDeadline.appealId, appealId)).orderBy(asc(appealDeadline.id))
}

// ---- the sweeper's conditional updates: each returns only the rows it fired now ------------------

type FireColumn = 'warnedAt' | 'yellowAt' | 'redCardAt'
type TimeColumn = 'warnAt' | 'dueAt' | 'redAt'

/**
 * Mark up to `limit` open steps whose `time` has come and whose `fired` column is still empty.
 * The outer conditions are re-checked on rows another sweeper has just updated, so each row fires once.
 */
function fire(db: Db, now: Date, limit: number, fired: FireColumn, time: TimeColumn, extra: Partial<Record<FireColumn, SQL>> = {}, after?: FireColumn) {
  const open = and(isNull(appealDeadline.finishedAt), isNull(appealDeadline[fired]))
  return db
    .update(appealDeadline)
    .set({ [fired]: now, ...extra })
    .where(
      and(
        inArray(
          appealDeadline.id,
          db
            .select({ id: appealDeadline.id })
            .from(appealDeadline)
            .where(and(open, lte(appealDeadline[time], now), after ? sql`${appealDeadline[after]} IS NOT NULL` : undefined))
            .orderBy(asc(appealDeadline[time]))
            .limit(limit),
        ),
        open,
      ),
    )
    .returning()
}

/** 70% of the limit used. */
export const fireWarnings = (db: Db, now: Date, limit: number) => fire(db, now, limit, 'warnedAt', 'warnAt')

/** Past the limit: a yellow card (and the warning counts as given). */
export const fireYellowCards = (db: Db, now: Date, limit: number) =>
  fire(db, now, limit, 'yellowAt', 'dueAt', { warnedAt: sql`coalesce(${appealDeadline.warnedAt}, ${now.toISOString()}::timestamptz)` })

/** Twice the limit, after a yellow card: a red card. */
export const fireRedCards = (db: Db, now: Date, limit: number) => fire(db, now, limit, 'redCardAt', 'redAt', {}, 'yellowAt')

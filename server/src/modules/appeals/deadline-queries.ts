/** SQL for timed steps (appeal_deadline) — started and finished by actions, fired by the sweeper. */
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm'
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

export function fireWarnings(db: Db, now: Date, limit: number) {
  return db
    .update(appealDeadline)
    .set({ warnedAt: now })
    .where(
      and(
        inArray(
          appealDeadline.id,
          db
            .select({ id: appealDeadline.id })
            .from(appealDeadline)
            .where(and(isNull(appealDeadline.finishedAt), isNull(appealDeadline.warnedAt), lte(appealDeadline.warnAt, now)))
            .orderBy(asc(appealDeadline.warnAt))
            .limit(limit),
        ),
        isNull(appealDeadline.warnedAt),
        isNull(appealDeadline.finishedAt),
      ),
    )
    .returning()
}

export function fireYellowCards(db: Db, now: Date, limit: number) {
  return db
    .update(appealDeadline)
    .set({ yellowAt: now, warnedAt: sql`coalesce(${appealDeadline.warnedAt}, ${now.toISOString()}::timestamptz)` })
    .where(
      and(
        inArray(
          appealDeadline.id,
          db
            .select({ id: appealDeadline.id })
            .from(appealDeadline)
            .where(and(isNull(appealDeadline.finishedAt), isNull(appealDeadline.yellowAt), lte(appealDeadline.dueAt, now)))
            .orderBy(asc(appealDeadline.dueAt))
            .limit(limit),
        ),
        isNull(appealDeadline.yellowAt),
        isNull(appealDeadline.finishedAt),
      ),
    )
    .returning()
}

export function fireRedCards(db: Db, now: Date, limit: number) {
  return db
    .update(appealDeadline)
    .set({ redCardAt: now })
    .where(
      and(
        inArray(
          appealDeadline.id,
          db
            .select({ id: appealDeadline.id })
            .from(appealDeadline)
            .where(
              and(
                isNull(appealDeadline.finishedAt),
                isNull(appealDeadline.redCardAt),
                sql`${appealDeadline.yellowAt} IS NOT NULL`,
                lte(appealDeadline.redAt, now),
              ),
            )
            .orderBy(asc(appealDeadline.redAt))
            .limit(limit),
        ),
        isNull(appealDeadline.redCardAt),
        isNull(appealDeadline.finishedAt),
      ),
    )
    .returning()
}

/** SQL for the 吹哨报到 records (appeal_department) and extension requests (appeal_extension). */
import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appealDepartment, appealExtension } from '../../db/schema/index'

export async function insertWhistleRecords(db: Db, rows: (typeof appealDepartment.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(appealDepartment).values(rows)
}

/** Record a department's report-in (报到); returns the record, with `late` set, or nothing if already reported. */
export async function markReportedIn(db: Db, appealId: number, departmentCode: string, userId: number, at: Date, note: string | null) {
  const rows = await db
    .update(appealDepartment)
    .set({
      reportedAt: at,
      reportedByUserId: userId,
      late: sql`${appealDepartment.reportBy} < ${at.toISOString()}::timestamptz`,
      note,
    })
    .where(
      and(
        eq(appealDepartment.appealId, appealId),
        eq(appealDepartment.departmentCode, departmentCode),
        eq(appealDepartment.active, true),
        isNull(appealDepartment.reportedAt),
      ),
    )
    .returning()
  return rows[0]
}

export async function findActiveWhistleRecord(db: Db, appealId: number, departmentCode: string) {
  const rows = await db
    .select()
    .from(appealDepartment)
    .where(and(eq(appealDepartment.appealId, appealId), eq(appealDepartment.departmentCode, departmentCode), eq(appealDepartment.active, true)))
    .limit(1)
  return rows[0]
}

export async function deactivateWhistle(db: Db, appealId: number): Promise<void> {
  await db
    .update(appealDepartment)
    .set({ active: false })
    .where(and(eq(appealDepartment.appealId, appealId), eq(appealDepartment.active, true)))
}

export async function insertExtension(db: Db, row: typeof appealExtension.$inferInsert) {
  const [r] = await db.insert(appealExtension).values(row).returning()
  return r!
}

export async function findPendingExtension(db: Db, appealId: number) {
  const rows = await db
    .select()
    .from(appealExtension)
    .where(and(eq(appealExtension.appealId, appealId), eq(appealExtension.status, 'pending')))
    .limit(1)
  return rows[0]
}

export async function decideExtension(db: Db, id: number, patch: Partial<typeof appealExtension.$inferInsert>) {
  await db.update(appealExtension).set(patch).where(and(eq(appealExtension.id, id), eq(appealExtension.status, 'pending')))
}


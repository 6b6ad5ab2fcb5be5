/** SQL for supervision orders (督办单). */
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { newestFirst, olderThan } from '../../db/keyset'
import { appeal, supervision } from '../../db/schema/index'
import type { AppealVisibility } from '../../permissions'
import { visibilityCondition } from './queries'

export type SupervisionRow = typeof supervision.$inferSelect

/** Open a supervision; a red card's supervision exists once per deadline (unique index). */
export async function insertSupervision(db: Db, row: typeof supervision.$inferInsert): Promise<SupervisionRow | undefined> {
  const rows = await db.insert(supervision).values(row).onConflictDoNothing().returning()
  return rows[0]
}

export async function findSupervisionById(db: Db, id: number): Promise<SupervisionRow | undefined> {
  const rows = await db.select().from(supervision).where(eq(supervision.id, id)).limit(1)
  return rows[0]
}

export async function updateSupervision(db: Db, id: number, fromStatus: string[], patch: Partial<typeof supervision.$inferInsert>) {
  const rows = await db
    .update(supervision)
    .set(patch)
    .where(and(eq(supervision.id, id), inArray(supervision.status, fromStatus)))
    .returning()
  return rows[0]
}

/** End every supervision a place holds on an appeal in one of `fromStatus` (结案说明). */
export function concludeSupervisionsOfAppeal(
  db: Db,
  appealId: number,
  supervisorCode: string,
  fromStatus: string[],
  patch: Partial<typeof supervision.$inferInsert>,
) {
  return db
    .update(supervision)
    .set(patch)
    .where(and(eq(supervision.appealId, appealId), eq(supervision.supervisorCode, supervisorCode), inArray(supervision.status, fromStatus)))
    .returning()
}

/** Keep the appeal's list of supervising places in step with its open supervisions. */
export async function refreshOpenSupervisorCodes(db: Db, appealId: number): Promise<void> {
  await db.execute(sql`
    UPDATE appeal SET open_supervisor_codes = ARRAY(
      SELECT DISTINCT s.supervisor_code FROM supervision s
      WHERE s.appeal_id = ${appealId} AND s.status IN ('open', 'answered') ORDER BY 1)
    WHERE id = ${appealId}`)
}

export interface SupervisionFilter {
  /** place prefix conditions OR-ed: supervisions of appeals under these places */
  placeCode?: string
  /** supervisions of the appeals this caller can see */
  visibility: AppealVisibility
  status?: string[]
}

const PLACE_COLUMN = { 6: supervision.countyCode, 9: supervision.streetCode, 12: supervision.communityCode, 15: supervision.gridCode } as const

function supervisionsWhere(f: SupervisionFilter) {
  const place = f.placeCode
  return and(
    place ? eq(PLACE_COLUMN[place.length as keyof typeof PLACE_COLUMN] ?? supervision.gridCode, place) : undefined,
    visibilityCondition(f.visibility),
    f.status?.length ? inArray(supervision.status, f.status) : undefined,
  )
}

export function listSupervisions(db: Db, f: SupervisionFilter & { cursor?: { t: string; id: number }; limit: number }) {
  return db
    .select({ supervision, appeal })
    .from(supervision)
    .innerJoin(appeal, eq(appeal.id, supervision.appealId))
    .where(and(supervisionsWhere(f), olderThan(supervision.openedAt, supervision.id, f.cursor)))
    .orderBy(...newestFirst(supervision.openedAt, supervision.id))
    .limit(f.limit + 1)
}

export async function countSupervisions(db: Db, f: SupervisionFilter): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(supervision)
    .innerJoin(appeal, eq(appeal.id, supervision.appealId))
    .where(supervisionsWhere(f))
  return r?.n ?? 0
}

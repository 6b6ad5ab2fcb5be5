/**
 * The statistics of DESIGN §3.5 as SQL over the appeals received in [from, to). Correct first:
 * a GROUP BY over the raw tables (the scale work adds rollups that must give the same answers).
 */
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { rowsOf } from '../../db/client'

export interface FigureRow {
  key: string | null
  received: number
  responded_on_time: number
  resolved: number
  closed: number
  rejected: number
  merged: number
  rated: number
  satisfied: number
  basic: number
  unsatisfied: number
  overdue_response: number
  overdue_resolve: number
  resolved_late: number
  yellow: number
  red: number
  lvl_building: number
  lvl_grid: number
  lvl_community: number
  lvl_street: number
  lvl_department: number
}

/**
 * One definition everywhere. The overdue kinds come from the appeal's flags (set by the sweeper, or by
 * the action that finished a step late): 超期未受理 = the response ran past its limit (accepted late or
 * not yet); 超期未办结 = a resolve step ran past its limit and the appeal has not been resolved late
 * since; 超期办结 = resolved after the limit. The last two never count the same appeal (DESIGN §3.3:
 * 超期未办结 becomes 超期办结 once it finishes late). A card counts once per appeal: yellow = carded at
 * all (a red card always follows a yellow one), red = red-carded.
 */
const FIGURES = sql`
  count(*)::int AS received,
  count(*) FILTER (WHERE a.accepted_at IS NOT NULL AND a.accepted_at <= a.response_due_at)::int AS responded_on_time,
  count(*) FILTER (WHERE a.resolved_at IS NOT NULL AND a.close_reason IS DISTINCT FROM 'rejected' AND a.close_reason IS DISTINCT FROM 'merged')::int AS resolved,
  count(*) FILTER (WHERE a.status = 'closed')::int AS closed,
  count(*) FILTER (WHERE a.close_reason = 'rejected')::int AS rejected,
  count(*) FILTER (WHERE a.close_reason = 'merged')::int AS merged,
  count(*) FILTER (WHERE a.rating IS NOT NULL)::int AS rated,
  count(*) FILTER (WHERE a.rating = 'satisfied')::int AS satisfied,
  count(*) FILTER (WHERE a.rating = 'basic')::int AS basic,
  count(*) FILTER (WHERE a.rating = 'unsatisfied')::int AS unsatisfied,
  count(*) FILTER (WHERE a.response_overdue)::int AS overdue_response,
  count(*) FILTER (WHERE a.resolve_overdue AND NOT a.resolved_late)::int AS overdue_resolve,
  count(*) FILTER (WHERE a.resolved_late)::int AS resolved_late,
  count(*) FILTER (WHERE a.card IS NOT NULL)::int AS yellow,
  count(*) FILTER (WHERE a.card = 'red')::int AS red,
  count(*) FILTER (WHERE a.resolution_level = 'building' AND a.resolved_at IS NOT NULL AND a.close_reason IS DISTINCT FROM 'rejected' AND a.close_reason IS DISTINCT FROM 'merged')::int AS lvl_building,
  count(*) FILTER (WHERE a.resolution_level = 'grid' AND a.resolved_at IS NOT NULL AND a.close_reason IS DISTINCT FROM 'rejected' AND a.close_reason IS DISTINCT FROM 'merged')::int AS lvl_grid,
  count(*) FILTER (WHERE a.resolution_level = 'community' AND a.resolved_at IS NOT NULL AND a.close_reason IS DISTINCT FROM 'rejected' AND a.close_reason IS DISTINCT FROM 'merged')::int AS lvl_community,
  count(*) FILTER (WHERE a.resolution_level = 'street' AND a.resolved_at IS NOT NULL AND a.close_reason IS DISTINCT FROM 'rejected' AND a.close_reason IS DISTINCT FROM 'merged')::int AS lvl_street,
  count(*) FILTER (WHERE a.resolution_level = 'department' AND a.resolved_at IS NOT NULL AND a.close_reason IS DISTINCT FROM 'rejected' AND a.close_reason IS DISTINCT FROM 'merged')::int AS lvl_department`

const PLACE_COLUMN: Record<number, string> = { 6: 'county_code', 9: 'street_code', 12: 'community_code', 15: 'grid_code' }

export function placeColumn(code: string): SQL {
  return sql.raw(`a.${PLACE_COLUMN[code.length]!}`)
}

/** Figures of one place; with `groupByChild`, one row per child place instead. */
export async function placeFigures(db: Db, place: string, from: Date, to: Date, groupByChild: boolean): Promise<FigureRow[]> {
  const child = groupByChild ? sql.raw(`a.${PLACE_COLUMN[place.length + 3]!}`) : sql`NULL::text`
  const res = await db.execute(sql`
    SELECT ${child} AS key, ${FIGURES}
    FROM appeal a
    WHERE ${placeColumn(place)} = ${place}
      AND a.created_at >= ${from.toISOString()}::timestamptz AND a.created_at < ${to.toISOString()}::timestamptz
    GROUP BY 1`)
  return rowsOf<FigureRow>(res)
}

/**
 * Figures of the appeals a department led (主办), received in the period. A whistle the department
 * returned (退回, the record made inactive) is not one it led: it goes back to the street.
 */
export async function departmentFigures(db: Db, code: string, from: Date, to: Date): Promise<FigureRow | undefined> {
  const res = await db.execute(sql`
    SELECT NULL::text AS key, ${FIGURES}
    FROM appeal a
    WHERE a.id IN (SELECT d.appeal_id FROM appeal_department d WHERE d.department_code = ${code} AND d.role = 'lead' AND d.active)
      AND a.created_at >= ${from.toISOString()}::timestamptz AND a.created_at < ${to.toISOString()}::timestamptz`)
  return rowsOf<FigureRow>(res)[0]
}

/**
 * The department's 吹哨报到 record over whistles made in the period. A whistle returned before the
 * department reported in is `returned`, not a missed report-in: the whistle was withdrawn.
 */
export async function departmentReportIn(db: Db, code: string, from: Date, to: Date) {
  const res = await db.execute(sql`
    SELECT count(*)::int AS whistled,
           count(*) FILTER (WHERE role = 'lead')::int AS as_lead,
           count(*) FILTER (WHERE reported_at IS NOT NULL)::int AS reported_in,
           count(*) FILTER (WHERE late)::int AS reported_late,
           count(*) FILTER (WHERE reported_at IS NULL AND active)::int AS not_reported,
           count(*) FILTER (WHERE reported_at IS NULL AND NOT active)::int AS returned
    FROM appeal_department
    WHERE department_code = ${code}
      AND whistled_at >= ${from.toISOString()}::timestamptz AND whistled_at < ${to.toISOString()}::timestamptz`)
  return rowsOf<{ whistled: number; as_lead: number; reported_in: number; reported_late: number; not_reported: number; returned: number }>(res)[0]!
}

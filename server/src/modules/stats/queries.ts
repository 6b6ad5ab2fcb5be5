/**
 * The statistics of DOMAIN §3.5 as SQL over the appeals received in [from, to). Correct first:
 * a GROUP BY over the raw tables (the scale work adds rollups that must give the same answers).
 */
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { rowsOf } from '../../db/client'
import type { Counts } from '#contracts/stats'
import { figuresSelectSql } from './counter-queries'

/** One row of counts (by column), keyed by the child place when grouped. */
export type FigureRow = { key: string | null } & Counts

const FIGURES = sql.raw(figuresSelectSql())

const PLACE_COLUMN: Record<number, string> = { 6: 'county_code', 9: 'street_code', 12: 'community_code', 15: 'grid_code' }

/** `a.<column> = code`, or for a province or city a range of county codes. */
export function placeWhere(code: string): SQL {
  if (code.length < 6) {
    return sql`a.county_code >= ${code} AND a.county_code < ${String(Number(code) + 1).padStart(code.length, '0')}`
  }
  return sql`${sql.raw(`a.${PLACE_COLUMN[code.length]!}`)} = ${code}`
}

/** Figures of one place straight from the appeals (communities, grids, and the rollup check). */
export async function rawPlaceFigures(db: Db, place: string, from: Date, to: Date, groupByChild: boolean): Promise<FigureRow[]> {
  const child = !groupByChild
    ? sql`NULL::text`
    : place.length === 2
      ? sql`substr(a.county_code, 1, 4)`
      : sql.raw(`a.${PLACE_COLUMN[place.length === 4 ? 6 : place.length + 3]!}`)
  const res = await db.execute(sql`
    SELECT ${child} AS key, ${FIGURES}
    FROM appeal a
    WHERE ${placeWhere(place)}
      AND a.created_at >= ${from.toISOString()}::timestamptz AND a.created_at < ${to.toISOString()}::timestamptz
    GROUP BY 1`)
  return rowsOf<FigureRow>(res)
}

/** Figures of one place straight from the appeals, grouped by 大类 (the category's first segment) or by channel. */
export async function placeFiguresGroupedBy(db: Db, by: 'category' | 'channel', place: string, from: Date, to: Date): Promise<FigureRow[]> {
  const key = by === 'category' ? sql`split_part(a.category_code, '.', 1)` : sql`a.channel`
  const res = await db.execute(sql`
    SELECT ${key} AS key, ${FIGURES}
    FROM appeal a
    WHERE ${placeWhere(place)}
      AND a.created_at >= ${from.toISOString()}::timestamptz AND a.created_at < ${to.toISOString()}::timestamptz
    GROUP BY 1
    ORDER BY 2 DESC`)
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
export interface ReportInRow {
  whistled: number
  as_lead: number
  reported_in: number
  reported_late: number
  not_reported: number
  returned: number
}

export async function departmentReportIn(db: Db, code: string, from: Date, to: Date): Promise<ReportInRow> {
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
  return rowsOf<ReportInRow>(res)[0]!
}

/** The only SQL of the breakdowns: the stats counters (stats/counters.ts) grouped by 大类 or channel. */
import { sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { rowsOf } from '../../db/client'
import { figuresSelectSql } from '../stats/counters'
import type { FigureRow } from '../stats/queries'

const FIGURES = sql.raw(figuresSelectSql())
const COLUMN: Record<number, string> = { 6: 'county_code', 9: 'street_code', 12: 'community_code', 15: 'grid_code' }

function placeCondition(code: string) {
  if (code.length < 6) return sql`a.county_code >= ${code} AND a.county_code < ${String(Number(code) + 1).padStart(code.length, '0')}`
  return sql`${sql.raw(`a.${COLUMN[code.length]!}`)} = ${code}`
}

export async function figuresGroupedBy(db: Db, by: 'category' | 'channel', place: string, from: Date, to: Date): Promise<FigureRow[]> {
  const key = by === 'category' ? sql`split_part(a.category_code, '.', 1)` : sql`a.channel`
  const res = await db.execute(sql`
    SELECT ${key} AS key, ${FIGURES}
    FROM appeal a
    WHERE ${placeCondition(place)}
      AND a.created_at >= ${from.toISOString()}::timestamptz AND a.created_at < ${to.toISOString()}::timestamptz
    GROUP BY 1
    ORDER BY 2 DESC`)
  return rowsOf<FigureRow>(res)
}

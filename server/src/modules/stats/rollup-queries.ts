/**
 * The dashboard rollups: fold the deltas the appeal trigger appends into street×day and street×month,
 * rebuild them from the raw table (after a bulk load), and read figures for a province, city, county
 * or street over any [from, to) as full months + partial days + the deltas not folded yet.
 */
import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { rowsOf } from '../../db/client'
import { COUNTER_NAMES, figuresSelectSql, sumSelectSql } from './counter-queries'
import type { FigureRow } from './queries'

const cols = COUNTER_NAMES.join(', ')
const excludedSet = COUNTER_NAMES.map((n) => `${n} = t.${n} + excluded.${n}`).join(', ')

/**
 * Move up to `limit` deltas into the rollups in one statement (so one transaction): the rows it deletes
 * are exactly the rows it adds, and two folds running at once never fold the same delta twice.
 */
export async function foldStatsDeltas(db: Db, limit = 50_000): Promise<number> {
  const res = await db.execute(
    sql.raw(`
    WITH moved AS (
      DELETE FROM appeal_stats_delta WHERE id IN (SELECT id FROM appeal_stats_delta ORDER BY id LIMIT ${Math.floor(limit)} FOR UPDATE SKIP LOCKED)
      RETURNING *
    ), agg AS (
      SELECT street_code, county_code, day, ${sumSelectSql()} FROM moved GROUP BY 1, 2, 3
    ), days AS (
      INSERT INTO appeal_stats_day AS t (street_code, county_code, day, ${cols})
      SELECT street_code, county_code, day, ${cols} FROM agg
      ON CONFLICT (street_code, day) DO UPDATE SET ${excludedSet}
      RETURNING 1
    ), months AS (
      INSERT INTO appeal_stats_month AS t (street_code, county_code, month, ${cols})
      SELECT street_code, county_code, date_trunc('month', day)::date, ${sumSelectSql()} FROM agg GROUP BY 1, 2, 3
      ON CONFLICT (street_code, month) DO UPDATE SET ${excludedSet}
      RETURNING 1
    ), county_days AS (
      INSERT INTO appeal_stats_county_day AS t (county_code, day, ${cols})
      SELECT county_code, day, ${sumSelectSql()} FROM agg GROUP BY 1, 2
      ON CONFLICT (county_code, day) DO UPDATE SET ${excludedSet}
      RETURNING 1
    ), county_months AS (
      INSERT INTO appeal_stats_county_month AS t (county_code, month, ${cols})
      SELECT county_code, date_trunc('month', day)::date, ${sumSelectSql()} FROM agg GROUP BY 1, 2
      ON CONFLICT (county_code, month) DO UPDATE SET ${excludedSet}
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM moved)::int AS moved, (SELECT count(*) FROM days)::int AS d, (SELECT count(*) FROM months)::int AS m,
      (SELECT count(*) FROM county_days)::int AS cd, (SELECT count(*) FROM county_months)::int AS cm`),
  )
  return rowsOf<{ moved: number }>(res)[0]?.moved ?? 0
}

/** Recompute every rollup from the raw appeals (after a bulk load with the trigger off). */
export async function rebuildStatsRollups(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`TRUNCATE appeal_stats_day, appeal_stats_month, appeal_stats_county_day, appeal_stats_county_month, appeal_stats_delta`)
    await tx.execute(
      sql.raw(`
      INSERT INTO appeal_stats_day (street_code, county_code, day, ${cols})
      SELECT a.street_code, a.county_code, (a.created_at AT TIME ZONE 'Asia/Shanghai')::date, ${figuresSelectSql()}
      FROM appeal a GROUP BY 1, 2, 3`),
    )
    await tx.execute(
      sql.raw(`
      INSERT INTO appeal_stats_month (street_code, county_code, month, ${cols})
      SELECT street_code, county_code, date_trunc('month', day)::date, ${sumSelectSql()}
      FROM appeal_stats_day GROUP BY 1, 2, 3`),
    )
    await tx.execute(
      sql.raw(`INSERT INTO appeal_stats_county_day (county_code, day, ${cols}) SELECT county_code, day, ${sumSelectSql()} FROM appeal_stats_day GROUP BY 1, 2`),
    )
    await tx.execute(
      sql.raw(`INSERT INTO appeal_stats_county_month (county_code, month, ${cols}) SELECT county_code, month, ${sumSelectSql()} FROM appeal_stats_month GROUP BY 1, 2`),
    )
  })
}

/** The next code of the same length: the exclusive upper bound of a code prefix (52 → 53). */
function nextCode(code: string): string {
  return String(Number(code) + 1).padStart(code.length, '0')
}

function placeCond(place: string): SQL {
  if (place.length === 9) return sql`street_code = ${place}`
  if (place.length === 6) return sql`county_code = ${place}`
  return sql`county_code >= ${place} AND county_code < ${nextCode(place)}`
}

export type RollupGroup = 'none' | 'street' | 'county' | 'city'

const GROUP_KEY: Record<RollupGroup, string> = {
  none: 'NULL::text',
  street: 'street_code',
  county: 'county_code',
  city: 'substr(county_code, 1, 4)',
}

function firstOfNextMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number]
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
}

/**
 * Figures for a province (2 digits), city (4), county (6) or street (9) over Shanghai days [from, to):
 * whole months from the month table, the edges from the day table, plus the unfolded deltas.
 */
export async function rollupFigures(db: Db, place: string, from: string, to: string, group: RollupGroup): Promise<FigureRow[]> {
  const m1 = from.endsWith('-01') ? from : firstOfNextMonth(from)
  const m2 = `${to.slice(0, 8)}01`
  const cond = placeCond(place)
  // Provinces, cities and counties (unless split by street) read the county-grain tables.
  const byCounty = place.length <= 6 && group !== 'street'
  const dayTable = sql.raw(byCounty ? 'appeal_stats_county_day' : 'appeal_stats_day')
  const monthTable = sql.raw(byCounty ? 'appeal_stats_county_month' : 'appeal_stats_month')
  const key = sql.raw(GROUP_KEY[group])
  const c = sql.raw(cols)
  const parts: SQL[] = []
  if (m1 < m2) {
    parts.push(sql`SELECT ${key} AS key, ${c} FROM ${dayTable} WHERE ${cond} AND day >= ${from}::date AND day < ${m1}::date`)
    parts.push(sql`SELECT ${key} AS key, ${c} FROM ${monthTable} WHERE ${cond} AND month >= ${m1}::date AND month < ${m2}::date`)
    parts.push(sql`SELECT ${key} AS key, ${c} FROM ${dayTable} WHERE ${cond} AND day >= ${m2}::date AND day < ${to}::date`)
  } else {
    parts.push(sql`SELECT ${key} AS key, ${c} FROM ${dayTable} WHERE ${cond} AND day >= ${from}::date AND day < ${to}::date`)
  }
  parts.push(sql`SELECT ${key} AS key, ${c} FROM appeal_stats_delta WHERE ${cond} AND day >= ${from}::date AND day < ${to}::date`)
  const res = await db.execute(sql`SELECT key, ${sql.raw(sumSelectSql())} FROM (${sql.join(parts, sql` UNION ALL `)}) x GROUP BY key`)
  return rowsOf<FigureRow>(res)
}


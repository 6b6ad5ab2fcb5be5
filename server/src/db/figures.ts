/**
 * Where and when the party figures (党建引领: 双报到, 包保, 三张清单, 微心愿, 志愿服务, 积分) are counted,
 * and the two conditions every domain's count uses. Each domain module counts its own figures in one
 * set-based query over a `FigureScope` and returns one row per group; stats/party.ts puts them together.
 */
import { and, gte, like, lt, sql, type Column, type SQL, type SQLWrapper } from 'drizzle-orm'

export interface FigureScope {
  /** the place's code: rows whose community, grid or place code starts with it */
  placePrefix: string
  /** [from, to): from null counts since the beginning (累计) */
  from: Date | null
  to: Date
  /** today (Asia/Shanghai, YYYY-MM-DD): what is in force, or late, now */
  today: string
  /** group by the first N digits of the row's place (12 a community, 15 a grid, 6 a county …), or not at all */
  groupBy: number | null
}

/** The group a row falls in: its place code cut to `groupBy` digits ('' when not grouped); always the first column. */
export function figureKey(code: SQLWrapper, s: FigureScope): SQL<string> {
  return s.groupBy ? sql<string>`left(${code}, ${sql.raw(String(Math.trunc(s.groupBy)))})` : sql<string>`''`
}

/** Rows of the place: their code under the prefix. */
export const underPlace = (code: Column, s: FigureScope): SQL => like(code, `${s.placePrefix}%`)

/** A moment in [from, to) (from null: anything before `to`); a null moment never counts. */
export function inPeriod(at: Column, s: FigureScope): SQL {
  return and(s.from ? gte(at, s.from) : sql`${at} IS NOT NULL`, lt(at, s.to))!
}

/** GROUP BY the key (the first column). */
export const byKey = sql`1`

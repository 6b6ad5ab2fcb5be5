/**
 * 台账统计: the registers counted as of a day, one set-based query per table, grouped by the first
 * `keyLength` digits of the row's grid code (a grid 15, a community 12). A place is a code range
 * [lo, hi) over `grid_code` (digit codes: every code under 520423002013 lies in ['520423002013', '520423002014')),
 * which the grid_code indexes serve whatever the collation.
 */
import { sql, type SQL } from 'drizzle-orm'
import { rowsOf, type Db } from '../../db/client'

export interface LedgerScope {
  /** the place's code: rows whose grid code starts with it */
  placePrefix: string
  /** group by the first N digits of the grid code (15 grid, 12 community) */
  keyLength: number
  /** the first day of the month (YYYY-MM-DD, Asia/Shanghai) */
  monthStart: string
  /** the day the stock figures are taken on: the month's last day, or today for the running month */
  asOf: string
  /** the instant the day after `asOf` begins (Asia/Shanghai): rows created before it exist on `asOf` */
  asOfEnd: Date
  /** `asOf` is today: a resident without a stay counts while present, whenever registered */
  running: boolean
}

/** `col` inside the place: a range on the code, so the btree index on it is used. */
function inPlace(col: SQL, prefix: string): SQL {
  const hi = (BigInt(prefix) + 1n).toString().padStart(prefix.length, '0')
  return sql`${col} >= ${prefix} AND ${col} < ${hi}`
}

const keyOf = (col: SQL, s: LedgerScope) => sql`left(${col}, ${sql.raw(String(Math.trunc(s.keyLength)))})`
const int = (v: unknown) => Number(v ?? 0)

export interface PeopleCountRow {
  key: string
  total: number
  registered: number
  floating: number
  overseas: number
  households: number
  sameAsHukou: number
  separated: number
  over60: number
  movedIn: number
  born: number
  movedOut: number
  died: number
}

/**
 * 人口: the stays (residence_history) open at the end of `asOf` — a stay that ended on or before it does not
 * count — and the moves of the month (stays begun / ended between the month's first day and `asOf`). A
 * resident with no stay at all (registered before the history was kept) counts from the resident row while
 * present (for a past month: if registered by its end). Age and 人户一致 are the person's.
 */
export async function countPeople(db: Db, s: LedgerScope): Promise<PeopleCountRow[]> {
  const over60Born = `${Number(s.asOf.slice(0, 4)) - 60}${s.asOf.slice(4)}`
  const res = await db.execute(sql`
    WITH stays AS (
      SELECT h.grid_code, h.household_id, h.residence_type, h.from_date, h.to_date, h.start_reason, h.end_reason,
             r.birth_date, r.same_as_hukou
      FROM residence_history h JOIN resident r ON r.id = h.resident_id
      WHERE ${inPlace(sql`h.grid_code`, s.placePrefix)}
        AND h.from_date <= ${s.asOf}::date AND (h.to_date IS NULL OR h.to_date >= ${s.monthStart}::date)
      UNION ALL
      SELECT r.grid_code, r.household_id, r.residence_type, (r.created_at AT TIME ZONE 'Asia/Shanghai')::date, NULL, 'initial', NULL,
             r.birth_date, r.same_as_hukou
      FROM resident r
      WHERE ${inPlace(sql`r.grid_code`, s.placePrefix)}
        AND r.status = 'present' AND (${s.running} OR r.created_at < ${s.asOfEnd.toISOString()}::timestamptz)
        AND NOT EXISTS (SELECT 1 FROM residence_history x WHERE x.resident_id = r.id)
    ), marked AS (
      SELECT *, (to_date IS NULL OR to_date > ${s.asOf}::date) AS present FROM stays
    )
    SELECT ${keyOf(sql`grid_code`, s)} AS key,
      count(*) FILTER (WHERE present) AS total,
      count(*) FILTER (WHERE present AND residence_type = 'registered') AS registered,
      count(*) FILTER (WHERE present AND residence_type = 'floating') AS floating,
      count(*) FILTER (WHERE present AND residence_type = 'overseas') AS overseas,
      count(DISTINCT household_id) FILTER (WHERE present) AS households,
      count(*) FILTER (WHERE present AND same_as_hukou) AS same_as_hukou,
      count(*) FILTER (WHERE present AND NOT same_as_hukou) AS separated,
      count(*) FILTER (WHERE present AND birth_date <= ${over60Born}::date) AS over60,
      count(*) FILTER (WHERE from_date >= ${s.monthStart}::date AND start_reason = 'moveIn') AS moved_in,
      count(*) FILTER (WHERE from_date >= ${s.monthStart}::date AND start_reason = 'birth') AS born,
      count(*) FILTER (WHERE to_date <= ${s.asOf}::date AND end_reason = 'moveOut') AS moved_out,
      count(*) FILTER (WHERE to_date <= ${s.asOf}::date AND end_reason = 'death') AS died
    FROM marked
    GROUP BY 1`)
  return rowsOf<Record<string, unknown>>(res).map((r) => ({
    key: String(r.key),
    total: int(r.total),
    registered: int(r.registered),
    floating: int(r.floating),
    overseas: int(r.overseas),
    households: int(r.households),
    sameAsHukou: int(r.same_as_hukou),
    separated: int(r.separated),
    over60: int(r.over60),
    movedIn: int(r.moved_in),
    born: int(r.born),
    movedOut: int(r.moved_out),
    died: int(r.died),
  }))
}

export interface RoomCountRow {
  key: string
  rooms: number
  owner: number
  rented: number
  vacant: number
  other: number
}

/**
 * 实有房屋: every registered room (household) by its use (自住 · 出租 · 空置 · 其他) on `asOf` — today's use unless it
 * changed after that day, when it is the use the first later change (room_use_change) started from.
 */
export async function countRooms(db: Db, s: LedgerScope): Promise<RoomCountRow[]> {
  const res = await db.execute(sql`
    SELECT ${keyOf(sql`grid_code`, s)} AS key,
      count(*) AS rooms,
      count(*) FILTER (WHERE use = 'owner') AS owner,
      count(*) FILTER (WHERE use = 'rented') AS rented,
      count(*) FILTER (WHERE use = 'vacant') AS vacant,
      count(*) FILTER (WHERE use NOT IN ('owner', 'rented', 'vacant')) AS other
    FROM (
      SELECT h.grid_code,
        coalesce(
          (SELECT c.from_use FROM room_use_change c WHERE c.household_id = h.id AND c.day > ${s.asOf}::date ORDER BY c.day, c.id LIMIT 1),
          h.occupancy
        ) AS use
      FROM household h
      WHERE ${inPlace(sql`h.grid_code`, s.placePrefix)}
    ) rooms
    GROUP BY 1`)
  return rowsOf<Record<string, unknown>>(res).map((r) => ({
    key: String(r.key),
    rooms: int(r.rooms),
    owner: int(r.owner),
    rented: int(r.rented),
    vacant: int(r.vacant),
    other: int(r.other),
  }))
}

/** A period row in force on `asOf`: begun by then, not ended by then (an `ended` row without an end date is over). */
const inForce = (start: SQL, end: SQL, status: SQL, endedStatus: string, asOf: string) =>
  sql`${start} <= ${asOf}::date AND (${end} IS NULL OR ${end} > ${asOf}::date) AND NOT (${status} = ${endedStatus} AND ${end} IS NULL)`

/** 出租房屋: rentals in force on `asOf` and their tenants then. */
export async function countRentals(db: Db, s: LedgerScope): Promise<{ key: string; activeRentals: number; tenants: number }[]> {
  const res = await db.execute(sql`
    SELECT ${keyOf(sql`r.grid_code`, s)} AS key,
      count(DISTINCT r.id) AS rentals,
      count(t.id) AS tenants
    FROM rental r
    LEFT JOIN rental_tenant t ON t.rental_id = r.id
      AND t.from_date <= ${s.asOf}::date AND (t.to_date IS NULL OR t.to_date > ${s.asOf}::date)
    WHERE ${inPlace(sql`r.grid_code`, s.placePrefix)}
      AND ${inForce(sql`r.start_date`, sql`r.end_date`, sql`r.status`, 'ended', s.asOf)}
    GROUP BY 1`)
  return rowsOf<Record<string, unknown>>(res).map((r) => ({ key: String(r.key), activeRentals: int(r.rentals), tenants: int(r.tenants) }))
}

export interface VenueCountRow {
  key: string
  open: number
  shop: number
  restaurant: number
  smallVenue: number
  enterprise: number
  institution: number
  other: number
  keyUnits: number
}

/** 单位场所: venues registered by `asOf` and not closed by then, by kind; key units have any key flag. */
export async function countVenues(db: Db, s: LedgerScope): Promise<VenueCountRow[]> {
  const res = await db.execute(sql`
    SELECT ${keyOf(sql`grid_code`, s)} AS key,
      count(*) AS open,
      count(*) FILTER (WHERE kind = 'shop') AS shop,
      count(*) FILTER (WHERE kind = 'restaurant') AS restaurant,
      count(*) FILTER (WHERE kind = 'smallVenue') AS small_venue,
      count(*) FILTER (WHERE kind = 'enterprise') AS enterprise,
      count(*) FILTER (WHERE kind = 'institution') AS institution,
      count(*) FILTER (WHERE kind NOT IN ('shop', 'restaurant', 'smallVenue', 'enterprise', 'institution')) AS other,
      count(*) FILTER (WHERE cardinality(key_types) > 0) AS key_units
    FROM venue
    WHERE ${inPlace(sql`grid_code`, s.placePrefix)}
      AND created_at < ${s.asOfEnd.toISOString()}::timestamptz
      AND (closed_at IS NULL OR closed_at > ${s.asOf}::date)
      AND NOT (status = 'closed' AND closed_at IS NULL)
    GROUP BY 1`)
  return rowsOf<Record<string, unknown>>(res).map((r) => ({
    key: String(r.key),
    open: int(r.open),
    shop: int(r.shop),
    restaurant: int(r.restaurant),
    smallVenue: int(r.small_venue),
    enterprise: int(r.enterprise),
    institution: int(r.institution),
    other: int(r.other),
    keyUnits: int(r.key_units),
  }))
}

/**
 * 特殊人群: records in force on `asOf` (recorded by then, begun by then, not ended by then), per kind — only the
 * kinds given (those the caller may read): a kind left out is never counted, not even in a total.
 */
export async function countSpecialGroups(db: Db, s: LedgerScope, kinds: readonly string[]): Promise<{ key: string; kind: string; n: number }[]> {
  if (kinds.length === 0) return []
  const res = await db.execute(sql`
    SELECT ${keyOf(sql`grid_code`, s)} AS key, kind, count(*) AS n
    FROM special_group
    WHERE ${inPlace(sql`grid_code`, s.placePrefix)}
      AND kind IN (${sql.join(
        kinds.map((k) => sql`${k}`),
        sql`, `,
      )})
      AND created_at < ${s.asOfEnd.toISOString()}::timestamptz
      AND ${inForce(sql`coalesce(since, (created_at AT TIME ZONE 'Asia/Shanghai')::date)`, sql`until`, sql`status`, 'ended', s.asOf)}
    GROUP BY 1, 2`)
  return rowsOf<Record<string, unknown>>(res).map((r) => ({ key: String(r.key), kind: String(r.kind), n: int(r.n) }))
}

/**
 * 矛盾纠纷台账: appeals of the dispute category (the 大类 and its children) received in [from, to) — resolved
 * (reached 已办结 or later, neither rejected nor merged: DOMAIN §3.5) and still in progress (open, not resolved).
 */
export async function countDisputes(db: Db, placePrefix: string, category: string, from: Date, to: Date) {
  const res = await db.execute(sql`
    SELECT count(*) AS received,
      count(*) FILTER (WHERE resolved_at IS NOT NULL AND close_reason IS DISTINCT FROM 'rejected' AND close_reason IS DISTINCT FROM 'merged') AS resolved,
      count(*) FILTER (WHERE resolved_at IS NULL AND status <> 'closed') AS in_progress
    FROM appeal
    WHERE ${inPlace(sql`grid_code`, placePrefix)}
      AND (category_code = ${category} OR category_code LIKE ${`${category}.%`})
      AND created_at >= ${from.toISOString()}::timestamptz AND created_at < ${to.toISOString()}::timestamptz`)
  const r = rowsOf<Record<string, unknown>>(res)[0] ?? {}
  return { received: int(r.received), resolved: int(r.resolved), inProgress: int(r.in_progress) }
}

/** 走访台账: visits made in [from, to), the households and people reached, and those that found a problem. */
export async function countVisits(db: Db, placePrefix: string, from: Date, to: Date) {
  const res = await db.execute(sql`
    SELECT count(*) AS visits,
      count(*) FILTER (WHERE outcome = 'problem') AS problems,
      count(DISTINCT household_id) AS households
    FROM visit
    WHERE ${inPlace(sql`grid_code`, placePrefix)}
      AND visited_at >= ${from.toISOString()}::timestamptz AND visited_at < ${to.toISOString()}::timestamptz`)
  const r = rowsOf<Record<string, unknown>>(res)[0] ?? {}
  return { visits: int(r.visits), problems: int(r.problems), households: int(r.households) }
}

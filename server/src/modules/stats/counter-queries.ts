/**
 * The SQL of the counters behind every figure of DOMAIN §3.5: one condition on one appeal row each.
 * The raw GROUP BY (`count(*) FILTER (WHERE …)`) and the rollup trigger (`CASE WHEN … THEN 1`) are both
 * generated from this list, so the rollups cannot drift from the definition (a test compares them).
 *
 * Overdue kinds come from the appeal's flags (set by the sweeper, or by the action that closed a step
 * after its limit): 超期未受理 = the response ran past its limit; 超期未办结 = a resolve step ran past its
 * limit and the appeal has not since been resolved late; 超期办结 = resolved after the limit (the last two
 * never count the same appeal). A card counts once per appeal: yellow = carded at all, red = red-carded.
 * The counters themselves — names, columns, meanings, order — are contracts/stats.ts's.
 */
import { COUNTER_NAMES, type CounterName } from '#contracts/stats'

const RESOLVED = `{a}.resolved_at IS NOT NULL AND {a}.close_reason IS DISTINCT FROM 'rejected' AND {a}.close_reason IS DISTINCT FROM 'merged'`

/** Each counter's condition on one appeal row `{a}` — one per counter of the contract, none missing. */
const CONDITIONS: Record<CounterName, string> = {
  received: 'true',
  responded_on_time: '{a}.accepted_at IS NOT NULL AND {a}.accepted_at <= {a}.response_due_at',
  resolved: RESOLVED,
  closed: `{a}.status = 'closed'`,
  rejected: `{a}.close_reason = 'rejected'`,
  merged: `{a}.close_reason = 'merged'`,
  rated: '{a}.rating IS NOT NULL',
  satisfied: `{a}.rating = 'satisfied'`,
  basic: `{a}.rating = 'basic'`,
  unsatisfied: `{a}.rating = 'unsatisfied'`,
  overdue_response: '{a}.response_overdue',
  overdue_resolve: '{a}.resolve_overdue AND NOT {a}.resolved_late',
  resolved_late: '{a}.resolved_late',
  overdue_dispatch: '{a}.dispatch_overdue',
  overdue_review: '{a}.review_overdue',
  yellow: '{a}.card IS NOT NULL',
  red: `{a}.card = 'red'`,
  lvl_building: `{a}.resolution_level = 'building' AND ${RESOLVED}`,
  lvl_grid: `{a}.resolution_level = 'grid' AND ${RESOLVED}`,
  lvl_community: `{a}.resolution_level = 'community' AND ${RESOLVED}`,
  lvl_street: `{a}.resolution_level = 'street' AND ${RESOLVED}`,
  lvl_department: `{a}.resolution_level = 'department' AND ${RESOLVED}`,
}

/** [column, condition] in the contract's order. */
export const COUNTERS = COUNTER_NAMES.map((n) => [n, CONDITIONS[n]] as const)
export { COUNTER_NAMES, type CounterName }

const on = (cond: string, alias: string) => cond.replaceAll('{a}', alias)

/** `count(*) FILTER (WHERE …)::int AS name, …` over rows aliased `a`. */
export function figuresSelectSql(): string {
  return COUNTERS.map(([n, c]) => `count(*) FILTER (WHERE ${on(c, 'a')})::int AS ${n}`).join(',\n  ')
}

/** `sum(name)::int AS name, …` over rollup or delta rows. */
export function sumSelectSql(alias = ''): string {
  return COUNTER_NAMES.map((n) => `coalesce(sum(${alias}${n}), 0)::int AS ${n}`).join(', ')
}

/** The appeal columns the counters read: an update touching none of them cannot change a figure. */
export const COUNTED_COLUMNS = [
  'status',
  'accepted_at',
  'response_due_at',
  'resolved_at',
  'close_reason',
  'rating',
  'response_overdue',
  'resolve_overdue',
  'resolved_late',
  'dispatch_overdue',
  'review_overdue',
  'card',
  'resolution_level',
] as const

/**
 * The triggers that append one delta row per change of an appeal's counters (insert-only: writers
 * never wait for each other on a counter row). A new appeal adds its counters as they are; an update
 * adds the difference, and only when there is one. Generated text; committed as a migration.
 */
export function statsInsertTriggerSql(): string {
  return `CREATE OR REPLACE FUNCTION appeal_stats_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO appeal_stats_delta (street_code, county_code, day, ${COUNTER_NAMES.join(', ')})
  VALUES (NEW.street_code, NEW.county_code, (NEW.created_at AT TIME ZONE 'Asia/Shanghai')::date,
    ${COUNTERS.map(([, c]) => `CASE WHEN ${on(c, 'NEW')} THEN 1 ELSE 0 END`).join(',\n    ')});
  RETURN NEW;
END;
$$;`
}

export function statsTriggerSql(): string {
  const delta = (c: string) => `(CASE WHEN ${on(c, 'NEW')} THEN 1 ELSE 0 END) - (CASE WHEN TG_OP = 'UPDATE' AND (${on(c, 'OLD')}) THEN 1 ELSE 0 END)`
  const cols = COUNTER_NAMES.join(', ')
  return `CREATE OR REPLACE FUNCTION appeal_stats_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO appeal_stats_delta (street_code, county_code, day, ${cols})
  SELECT * FROM (SELECT NEW.street_code, NEW.county_code, (NEW.created_at AT TIME ZONE 'Asia/Shanghai')::date,
    ${COUNTERS.map(([, c]) => delta(c)).join(',\n    ')}) d (street_code, county_code, day, ${cols})
  WHERE ${COUNTER_NAMES.map((n) => `${n} <> 0`).join(' OR ')};
  RETURN NEW;
END;
$$;`
}

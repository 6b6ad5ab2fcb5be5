/**
 * npm run bench [-- --full | --appeals N] [--duration S] [--connections C] [--no-pglite] [--reads-only] [--no-backlog] [--no-import]
 *                 [--import-rows N] [--import-only] [--out F]
 *
 * Benchmarks on PostgreSQL (DATABASE_URL names the server; a database per size is generated once with
 * bench:data and reused): read latencies measured server-side (the Server-Timing header of sequential
 * requests), intake throughput under autocannon in a separate process on loopback against the full
 * appeal path and, side by side in the same run, a bare Fastify route inserting one row into the same
 * database. The same intake figures on PGlite. Prints each figure with its target, baseline, ratio and
 * whether it is met, and writes bench/results/latest.json. It never fails on timing. The people import (bench/import.ts):
 * a 100,000-row sheet imported by the county account — dry run, commit, total — with the grid worker's to-do
 * sampled while it runs, next to idle.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { BENCH_PASSWORD } from './data'
import { importBenchmark } from './import'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const PII_KEY = Buffer.alloc(32, 9).toString('base64')
const AS_OF = '2026-11-23'

export interface BenchResult {
  name: string
  value: number
  unit: string
  target: string
  baseline?: number
  ratio?: number
  met: boolean
}

const { values: args } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    appeals: { type: 'string' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '50' },
    'no-pglite': { type: 'boolean', default: false },
    'reads-only': { type: 'boolean', default: false },
    'no-backlog': { type: 'boolean', default: false },
    'no-import': { type: 'boolean', default: false },
    'import-only': { type: 'boolean', default: false },
    'import-rows': { type: 'string', default: '100000' },
    samples: { type: 'string', default: '300' },
    out: { type: 'string', default: 'bench/results/latest.json' },
  },
})
const appeals = Number(args.appeals ?? (args.full ? 1_000_000 : 100_000))
const duration = Number(args.duration)
const connections = Number(args.connections)
const samples = Number(args.samples)

const log = (m: string) => console.log(`[bench] ${m}`)

function withDb(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port
      s.close(() => resolve(p))
    })
  })
}

async function waitFor(url: string, seconds = 180): Promise<void> {
  for (let i = 0; i < seconds * 5; i++) {
    try {
      if ((await fetch(url)).status < 500) return
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${url} did not come up`)
}

function startProcess(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

async function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null) return
  await new Promise<void>((resolve) => {
    p.once('exit', () => resolve())
    p.kill('SIGTERM')
    setTimeout(() => p.kill('SIGKILL'), 5000).unref()
  })
}

/** The application on a generated PostgreSQL database, as production runs it, without jobs or demo. */
async function startApp(url: string): Promise<{ app: ChildProcess; base: string }> {
  const port = await freePort()
  const app = startProcess('server/src/main.ts', {
    DATABASE_URL: url,
    PORT: String(port),
    HOST: '127.0.0.1',
    PII_KEY,
    SEED_DEMO: 'false',
    JOBS: 'false',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    DATA_DIR: path.join(os.tmpdir(), 'yiwang-bench-app'),
    // the generated county and province accounts have no second factor: the reads measure the data, not the login
    MFA_REQUIRED_ROLES: 'none',
  })
  return { app, base: `http://127.0.0.1:${port}` }
}

/** The URL of a database on the server `adminUrl` names, created if it is not there. */
async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount
    if (!exists) await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  return withDb(adminUrl, name)
}

async function ensureData(adminUrl: string): Promise<string> {
  const name = `yiwang_bench_${appeals}`
  const url = await ensureDatabase(adminUrl, name)
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  const have = await c
    .query(`SELECT count(*)::int AS n FROM appeal`)
    .then((r) => r.rows[0].n as number)
    .catch(() => 0)
  await c.end()
  if (have < appeals) {
    log(`generating ${appeals - have} appeals into ${name} (bench:data)`)
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/data.ts', '--appeals', String(appeals - have), '--residents', String(Math.min(100_000, appeals / 10))], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, PII_KEY, DATA_DIR: path.join(os.tmpdir(), 'yiwang-bench-data') },
      stdio: 'inherit',
    })
    if (r.status !== 0) throw new Error('bench:data failed')
  } else log(`reusing ${name} (${have} appeals)`)
  return url
}

async function login(base: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!
}

/** Sequential requests; the server's own time from Server-Timing (no client or network time). */
async function serverTimes(base: string, token: string, paths: () => string, n: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < n + 20; i++) {
    const res = await fetch(`${base}${paths()}`, { headers: { authorization: `Bearer ${token}` } })
    if (res.status !== 200) throw new Error(`${paths()}: ${res.status} ${(await res.text()).slice(0, 200)}`)
    await res.arrayBuffer()
    const dur = Number(/dur=([0-9.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1])
    if (i >= 20) times.push(dur) // the first 20 warm caches and JIT
  }
  return times
}

interface Cannon {
  requests: { average: number }
  latency: { p99: number; p50: number }
  non2xx: number
  errors: number
}

/** autocannon in its own process, bounded in time. */
function cannon(url: string, o: { method: string; body?: string; headers: Record<string, string> }): Cannon {
  const argv = [path.join(ROOT, 'node_modules/autocannon/autocannon.js'), '-c', String(connections), '-d', String(duration), '-m', o.method, '-j']
  for (const [k, v] of Object.entries(o.headers)) argv.push('-H', `${k}=${v}`)
  if (o.body) argv.push('-b', o.body)
  argv.push(url)
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: (duration + 60) * 1000 })
  if (r.status !== 0) throw new Error(`autocannon failed: ${r.stderr}`)
  return JSON.parse(r.stdout) as Cannon
}

/** The grid whose worker submits during the intake benchmark: kept apart from the grids the reads measure. */
const INTAKE_GRID = `SELECT max(code) AS code FROM grid`

const APPEAL_BODY = JSON.stringify({ categoryCode: 'property.facility', title: '楼道灯不亮', description: '单元楼道灯坏了一周，晚上看不清台阶。' })

async function readBenchmarks(base: string, db: pg.Client, results: BenchResult[]): Promise<void> {
  // The busiest grid of the generated data (the intake benchmark writes into another one, INTAKE_GRID).
  const busiest = (await db.query(`SELECT grid_code FROM appeal WHERE grid_code <> (${INTAKE_GRID}) GROUP BY grid_code ORDER BY count(*) DESC LIMIT 1`)).rows[0]
    .grid_code as string
  const county = busiest.slice(0, 6)
  const ids = (await db.query(`SELECT id FROM appeal WHERE county_code = $1 ORDER BY random() LIMIT 2000`, [county])).rows.map((r) => String(r.id))
  const gw = await login(base, `bg${busiest}`, BENCH_PASSWORD)
  const ct = await login(base, `bx${county}`, BENCH_PASSWORD)
  const pv = await login(base, 'bp52', BENCH_PASSWORD)
  const yearAgo = `${Number(AS_OF.slice(0, 4)) - 1}${AS_OF.slice(4)}`
  let k = 0
  const add = (name: string, xs: number[], q: number, target: number) => {
    const value = Math.round(quantile(xs, q) * 100) / 100
    results.push({ name, value, unit: 'ms', target: `${q === 0.5 ? 'p50' : 'p99'} ≤ ${target} ms`, met: value <= target })
    log(`${name}: ${value} ms (p50 ${quantile(xs, 0.5).toFixed(2)}, p99 ${quantile(xs, 0.99).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`)
  }
  const todo = await serverTimes(base, gw, () => '/api/v1/appeals?view=todo', samples)
  add('workbench: grid worker to-do, first page (p99)', todo, 0.99, 10)
  const detail = await serverTimes(base, ct, () => `/api/v1/appeals/${ids[k++ % ids.length]}`, samples)
  add('appeal detail with timeline (p99)', detail, 0.99, 10)
  const list = await serverTimes(
    base,
    ct,
    () => `/api/v1/appeals?status=in_progress&status=assigned&color=yellow&color=blue&place=${county}&from=${yearAgo}&to=${AS_OF}`,
    samples,
  )
  add('filtered list: status+colour+place+dates, first page (p99)', list, 0.99, 50)
  const countyStats = await serverTimes(base, ct, () => `/api/v1/stats/overview?place=${county}&from=${yearAgo}&to=${AS_OF}`, Math.ceil(samples / 3))
  add('stats overview: a county for a year (p50)', countyStats, 0.5, 30)
  const provinceStats = await serverTimes(base, pv, () => `/api/v1/stats/overview?place=52&from=${yearAgo}&to=${AS_OF}`, Math.ceil(samples / 3))
  add('stats overview: the province for a year (p50)', provinceStats, 0.5, 30)
  const ranking = await serverTimes(base, pv, () => `/api/v1/stats/children?place=52&from=${yearAgo}&to=${AS_OF}`, Math.ceil(samples / 3))
  add('stats ranking: the cities of the province for a year (p50)', ranking, 0.5, 30)
  const provinceList = await serverTimes(base, pv, () => `/api/v1/appeals?status=submitted&from=${yearAgo}&to=${AS_OF}`, Math.ceil(samples / 3))
  add('filtered list: province-wide, first page (p99)', provinceList, 0.99, 50)
}

async function intake(
  kind: 'PostgreSQL' | 'PGlite',
  appBase: string,
  token: string,
  baselineBase: string,
  results: BenchResult[],
  /** after the baselines, before the full path (take the baseline's notification intents away: the app would drain them) */
  between: () => Promise<unknown> = async () => undefined,
): Promise<void> {
  log(`${kind}: baseline route inserting one row, ${connections} connections, ${duration} s`)
  const base = cannon(`${baselineBase}/insert`, { method: 'POST', body: APPEAL_BODY, headers: { 'content-type': 'application/json' } })
  log(`${kind}: baseline route writing the rows of one submission in one transaction`)
  const same = cannon(`${baselineBase}/same-rows`, { method: 'POST', body: APPEAL_BODY, headers: { 'content-type': 'application/json' } })
  if (same.non2xx > 0 || same.errors > 0) log(`${kind}: ${same.non2xx} non-2xx, ${same.errors} errors on the same-rows baseline`)
  await between()
  log(`${kind}: the full appeal path`)
  const full = cannon(`${appBase}/api/v1/appeals`, {
    method: 'POST',
    body: APPEAL_BODY,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  })
  if (full.non2xx > 0 || full.errors > 0) log(`${kind}: ${full.non2xx} non-2xx, ${full.errors} errors during intake`)
  const ratio = Math.round((full.requests.average / base.requests.average) * 100) / 100
  const sameRatio = Math.round((full.requests.average / same.requests.average) * 100) / 100
  results.push({
    name: `intake on ${kind}: appeals/s through the full HTTP path`,
    value: Math.round(full.requests.average),
    unit: 'req/s',
    target: '≥ 0.5 × baseline',
    baseline: Math.round(base.requests.average),
    ratio,
    met: ratio >= 0.5 && full.non2xx === 0,
  })
  results.push({
    name: `intake on ${kind}: against a bare route writing the same rows in one transaction`,
    value: Math.round(full.requests.average),
    unit: 'req/s',
    target: 'the honest limit (ratio → 1)',
    baseline: Math.round(same.requests.average),
    ratio: sameRatio,
    met: full.non2xx === 0 && same.non2xx === 0,
  })
  results.push({
    name: `intake on ${kind}: p99 latency at ${connections} connections`,
    value: full.latency.p99,
    unit: 'ms',
    target: '≤ 50 ms',
    baseline: base.latency.p99,
    met: full.latency.p99 <= 50,
  })
  log(
    `${kind}: ${Math.round(full.requests.average)} req/s, p99 ${full.latency.p99} ms; one-row baseline ${Math.round(base.requests.average)} (ratio ${ratio}); ` +
      `same-rows baseline ${Math.round(same.requests.average)} (ratio ${sameRatio})`,
  )
}

/** The grid worker's to-do must not slow with the backlog of their grid: grids with this many open appeals. */
const BACKLOGS = [100, 10_000, 100_000]

/**
 * A database of its own (the province's places and accounts, few appeals) where three grids carry 100,
 * 10,000 and 100,000 open appeals, written by the same appeal_submit function the intake uses (no outbox:
 * nobody is to be told). Generated once, reused.
 */
async function ensureBacklogData(adminUrl: string): Promise<{ url: string; grids: { code: string; open: number }[] }> {
  const name = 'yiwang_bench_backlog'
  const url = await ensureDatabase(adminUrl, name)
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    const ready = await c.query(`SELECT count(*)::int AS n FROM grid`).then((r) => r.rows[0].n as number).catch(() => 0)
    if (!ready) {
      log(`generating the places and accounts of ${name} (bench:data)`)
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/data.ts', '--appeals', '1000', '--residents', '100'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: url, PII_KEY, DATA_DIR: path.join(os.tmpdir(), 'yiwang-bench-data') },
        stdio: 'inherit',
      })
      if (r.status !== 0) throw new Error('bench:data failed')
    }
    const codes = (await c.query(`SELECT code FROM grid ORDER BY code LIMIT ${BACKLOGS.length}`)).rows.map((r) => r.code as string)
    const grids: { code: string; open: number }[] = []
    for (const [i, code] of codes.entries()) {
      const want = BACKLOGS[i]!
      let have = (await c.query(`SELECT count(*)::int AS n FROM appeal WHERE grid_code = $1 AND status = 'submitted'`, [code])).rows[0].n as number
      if (have < want) log(`backlog: writing ${want - have} open appeals into grid ${code}`)
      while (have < want) {
        const n = Math.min(10_000, want - have)
        await c.query(BACKLOG_SQL, [code, n])
        have += n
      }
      grids.push({ code, open: want })
    }
    await c.query('ANALYZE')
    return { url, grids }
  } finally {
    await c.end()
  }
}

const BACKLOG_SQL = `
  SELECT count(appeal_submit(jsonb_build_object(
    'appeal', jsonb_build_object('numberPrefix', 'K' || g.code || '-', 'status', 'submitted', 'channel', 'gridWorker',
      'categoryCode', 'property.facility', 'title', '积压诉求' || i, 'description', '用于待办积压测试的诉求', 'gridCode', g.code,
      'communityCode', g.community_code, 'streetCode', left(g.community_code, 9), 'countyCode', left(g.community_code, 6), 'isUrgent', false,
      'importance', 'normal', 'urgency', 'normal', 'color', 'blue', 'submitterUserId', u.id, 'submitterRole', u.role,
      'people', '[]'::jsonb, 'photoIds', '[]'::jsonb, 'responseDueAt', now() + interval '1 day',
      'createdAt', now() - make_interval(secs => i)),
    'event', jsonb_build_object('actorUserId', u.id, 'actorRole', u.role, 'actorName', u.display_name, 'fields', '{}'::jsonb),
    'deadline', jsonb_build_object('limitAmount', 1, 'limitUnit', 'workday', 'dueAt', now() + interval '1 day',
      'warnAt', now() + interval '20 hours', 'redAt', now() + interval '2 days'),
    'audit', jsonb_build_object('at', now(), 'actorUserId', u.id, 'actorRole', u.role, 'actorName', u.display_name,
      'action', 'appeal.create', 'entityType', 'appeal', 'ip', '127.0.0.1'),
    'outbox', '[]'::jsonb)))
  FROM generate_series(1, $2::int) i, grid g, user_account u WHERE g.code = $1 AND u.username = 'bg' || g.code`

async function backlogBenchmarks(adminUrl: string, results: BenchResult[]): Promise<void> {
  const { url, grids } = await ensureBacklogData(adminUrl)
  const { app, base } = await startApp(url)
  try {
    await waitFor(`${base}/healthz`)
    const p99s: number[] = []
    for (const g of grids) {
      const token = await login(base, `bg${g.code}`, BENCH_PASSWORD)
      const xs = await serverTimes(base, token, () => '/api/v1/appeals?view=todo', samples)
      const value = Math.round(quantile(xs, 0.99) * 100) / 100
      p99s.push(value)
      results.push({
        name: `workbench: grid worker to-do, first page, ${g.open.toLocaleString('en')} open appeals in the grid (p99)`,
        value,
        unit: 'ms',
        target: 'p99 ≤ 10 ms whatever the backlog',
        ...(p99s.length > 1 ? { baseline: p99s[0], ratio: Math.round((value / p99s[0]!) * 100) / 100 } : {}),
        met: value <= 10,
      })
      log(`to-do with ${g.open} open appeals: p50 ${quantile(xs, 0.5).toFixed(2)} ms, p99 ${value} ms`)
    }
  } finally {
    await stop(app)
  }
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
  const results: BenchResult[] = []
  const started = Date.now()
  const url = await ensureData(adminUrl)
  const db = new pg.Client({ connectionString: url })
  await db.connect()
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM appeal`)).rows
  log(`${n} appeals, ${(await db.query(`SELECT count(*)::int AS n FROM grid`)).rows[0].n} grids`)

  const { app, base: appBase } = await startApp(url)
  try {
    await waitFor(`${appBase}/healthz`)
    if (!args['import-only']) await readBenchmarks(appBase, db, results)
    if (!args['no-import']) {
      const busiest = (await db.query(`SELECT grid_code FROM appeal WHERE grid_code <> (${INTAKE_GRID}) GROUP BY grid_code ORDER BY count(*) DESC LIMIT 1`)).rows[0].grid_code as string
      const county = busiest.slice(0, 6)
      await importBenchmark(
        appBase,
        db,
        { county, countyToken: await login(appBase, `bx${county}`, BENCH_PASSWORD), workerToken: await login(appBase, `bg${busiest}`, BENCH_PASSWORD), rows: Number(args['import-rows']) },
        results,
      )
    }
    if (!args['reads-only'] && !args['import-only']) {
      const basePort = await freePort()
      const grid = (await db.query(INTAKE_GRID)).rows[0].code as string
      const baseline = startProcess('bench/baseline-server.ts', { BASELINE_DB: url, PORT: String(basePort), SUBMITTER: `bg${grid}` })
      try {
        await waitFor(`http://127.0.0.1:${basePort}/insert`)
        await intake('PostgreSQL', appBase, await login(appBase, `bg${grid}`, BENCH_PASSWORD), `http://127.0.0.1:${basePort}`, results, () =>
          db.query(`DELETE FROM notification_outbox WHERE appeal_id IN (SELECT id FROM appeal WHERE grid_code = $1 AND number LIKE 'B%')`, [grid]),
        )
      } finally {
        await stop(baseline)
      }
    }
  } finally {
    await stop(app)
    await db.end()
  }

  if (!args['no-backlog'] && !args['import-only']) await backlogBenchmarks(adminUrl, results)
  if (!args['no-pglite'] && !args['reads-only'] && !args['import-only']) await pgliteIntake(results)

  fs.mkdirSync(path.dirname(path.join(ROOT, args.out!)), { recursive: true })
  fs.writeFileSync(path.join(ROOT, args.out!), `${JSON.stringify(results, null, 2)}\n`)
  // The latest run of each size, for the cost-growth table (bench/table.ts).
  const bySize = path.join(ROOT, 'bench/results', `appeals-${appeals}.json`)
  const kept = fs.existsSync(bySize) ? (JSON.parse(fs.readFileSync(bySize, 'utf8')) as BenchResult[]) : []
  const merged = [...results, ...kept.filter((k) => !results.some((r) => r.name === k.name))]
  fs.writeFileSync(bySize, `${JSON.stringify(merged, null, 2)}\n`)
  printTable(results, n)
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; results in ${args.out}`)
}

async function pgliteIntake(results: BenchResult[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-bench-pglite-'))
  const appDir = path.join(dir, 'app')
  const appPort = await freePort()
  const basePort = await freePort()
  const appEnv = { DATABASE_URL: '', HOST: '127.0.0.1', PII_KEY, JOBS: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'production', DATA_DIR: appDir }
  log('PGlite: first start with the demo county, then a copy of its database for the same-rows baseline')
  const first = startProcess('server/src/main.ts', { ...appEnv, PORT: String(appPort) })
  await waitFor(`http://127.0.0.1:${appPort}/healthz`, 300)
  await stop(first)
  // the copy carries the stopped server's folder lock, which names a dead process: the baseline ignores it
  fs.cpSync(path.join(appDir, 'pglite'), path.join(dir, 'baseline'), { recursive: true })
  const app = startProcess('server/src/main.ts', { ...appEnv, PORT: String(appPort) })
  const baseline = startProcess('bench/baseline-server.ts', {
    BASELINE_DB: `pglite:${path.join(dir, 'baseline')}`,
    PORT: String(basePort),
    DATABASE_URL: '',
    SUBMITTER: 'bj_wgy1',
  })
  try {
    await waitFor(`http://127.0.0.1:${appPort}/healthz`, 300)
    await waitFor(`http://127.0.0.1:${basePort}/insert`)
    const token = await login(`http://127.0.0.1:${appPort}`, 'bj_wgy1', 'Yiwang@2026')
    await intake('PGlite', `http://127.0.0.1:${appPort}`, token, `http://127.0.0.1:${basePort}`, results)
  } finally {
    await stop(app)
    await stop(baseline)
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function printTable(results: BenchResult[], n: number): void {
  console.log(`\n| figure (${n.toLocaleString('en')} appeals) | value | target | baseline | ratio | met |`)
  console.log('|---|---|---|---|---|---|')
  for (const r of results) {
    console.log(`| ${r.name} | ${r.value} ${r.unit} | ${r.target} | ${r.baseline ?? ''} | ${r.ratio ?? ''} | ${r.met ? 'yes' : 'no'} |`)
  }
  console.log('')
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})

/**
 * The same-run baselines the intake benchmark compares the full appeal path against, on the same database:
 *   POST /insert      a bare route inserting one row: no auth, no validation, no rules;
 *   POST /same-rows   a bare route writing the rows one submission writes — the appeal, its submit event, its
 *                     running step, its audit row and its notification intent — in one transaction (the same
 *                     appeal_submit call the app makes), with no session, no lookups and no rules: the honest
 *                     limit for the full path. Needs a Yiwang database and SUBMITTER (an account's username).
 *   BASELINE_DB=postgres://… (pool of DB_POOL_SIZE, default 10) or BASELINE_DB=pglite:<dir>
 */
import Fastify from 'fastify'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'

const target = process.env.BASELINE_DB!
const port = Number(process.env.PORT ?? 3100)

type Exec = (text: string, params: unknown[]) => Promise<{ rows: { id: number }[] }>

async function connect(): Promise<Exec> {
  if (target.startsWith('pglite:')) {
    // the app's tables carry trigram indexes: a copy of its database needs the extension loaded
    const db = await PGlite.create({ dataDir: target.slice('pglite:'.length), extensions: { pg_trgm } })
    return (text, params) => db.query(text, params) as Promise<{ rows: { id: number }[] }>
  }
  const pool = new pg.Pool({ connectionString: target, max: Number(process.env.DB_POOL_SIZE ?? 10) })
  return (text, params) => pool.query(text, params)
}

const exec = await connect()

/** What one submission by SUBMITTER writes, as appeals/create.ts hands it to appeal_submit. */
async function submissionTemplate(): Promise<((title: string, description: string) => string) | undefined> {
  const username = process.env.SUBMITTER
  if (!username) return undefined
  const q = exec as unknown as (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>
  const u = (await q(`SELECT id, role, display_name, scope FROM user_account WHERE username = $1`, [username])).rows[0]
  if (!u) throw new Error(`no account ${username}`)
  const gridCode = String(u.scope).split('.').pop()!
  const g = (await q(`SELECT code, community_code, left(community_code, 9) AS street_code, left(community_code, 6) AS county_code FROM grid WHERE code = $1`, [gridCode])).rows[0]
  if (!g) throw new Error(`no grid ${gridCode}`)
  const c = (await q(`SELECT code FROM category WHERE code = 'property.facility'`, [])).rows[0]
  return (title, description) => {
    const now = new Date()
    const due = new Date(now.getTime() + 24 * 3600_000)
    return JSON.stringify({
      appeal: {
        numberPrefix: `B${now.toISOString().slice(0, 10).replace(/-/g, '')}-`, status: 'submitted', channel: 'gridWorker',
        categoryCode: c?.code ?? 'property.facility', title, description, gridCode: g.code, communityCode: g.community_code,
        streetCode: g.street_code, countyCode: g.county_code, buildingId: null, householdId: null, address: null, lat: null, lng: null,
        isUrgent: false, importance: 'normal', urgency: 'normal', color: 'blue', submitterUserId: u.id, submitterRole: u.role,
        residentId: null, contactName: null, contactPhoneEnc: null, people: [], photoIds: [], responseDueAt: due, createdAt: now, updatedAt: now,
      },
      event: { actorUserId: u.id, actorRole: u.role, actorName: u.display_name, fields: { channel: 'gridWorker', categoryCode: 'property.facility', color: 'blue' } },
      deadline: { limitAmount: 1, limitUnit: 'workday', dueAt: due, warnAt: due, redAt: due },
      audit: { at: now, actorUserId: u.id, actorRole: u.role, actorName: u.display_name, action: 'appeal.create', entityType: 'appeal', ip: '127.0.0.1' },
      outbox: [{ kind: 'newAppeal', title: '新诉求待受理：{number}', body: title, recipients: [{ kind: 'gridStaff', gridCode: g.code }], exceptUserIds: [u.id], createdAt: now }],
    })
  }
}
const submission = await submissionTemplate()
await exec('CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())', [])
const app = Fastify({ logger: false })
app.post('/insert', async (request, reply) => {
  const r = await exec('INSERT INTO bench_baseline (body) VALUES ($1) RETURNING id', [JSON.stringify(request.body)])
  return reply.status(201).send({ id: String(r.rows[0]!.id) })
})
if (submission) {
  app.post('/same-rows', async (request, reply) => {
    const body = request.body as { title: string; description: string }
    const r = await exec('SELECT appeal_submit($1::jsonb) AS r', [submission(body.title, body.description)])
    return reply.status(201).send({ ok: r.rows.length === 1 })
  })
}
await app.listen({ port, host: '127.0.0.1' })
console.log(`baseline listening on ${port}`)

/**
 * The same-run baseline: a bare Fastify route that inserts one row into the same database, no auth,
 * no validation, no rules. The intake benchmark compares the full appeal path against this.
 *   BASELINE_DB=postgres://… (pool of DB_POOL_SIZE, default 10) or BASELINE_DB=pglite:<dir>
 */
import Fastify from 'fastify'
import pg from 'pg'
import { PGlite } from '@electric-sql/pglite'

const target = process.env.BASELINE_DB!
const port = Number(process.env.PORT ?? 3100)

type Exec = (text: string, params: unknown[]) => Promise<{ rows: { id: number }[] }>

async function connect(): Promise<Exec> {
  if (target.startsWith('pglite:')) {
    const db = await PGlite.create({ dataDir: target.slice('pglite:'.length) })
    return (text, params) => db.query(text, params) as Promise<{ rows: { id: number }[] }>
  }
  const pool = new pg.Pool({ connectionString: target, max: Number(process.env.DB_POOL_SIZE ?? 10) })
  return (text, params) => pool.query(text, params)
}

const exec = await connect()
await exec('CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())', [])
const app = Fastify({ logger: false })
app.post('/insert', async (request, reply) => {
  const r = await exec('INSERT INTO bench_baseline (body) VALUES ($1) RETURNING id', [JSON.stringify(request.body)])
  return reply.status(201).send({ id: String(r.rows[0]!.id) })
})
await app.listen({ port, host: '127.0.0.1' })
console.log(`baseline listening on ${port}`)

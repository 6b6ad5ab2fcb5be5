// Run the whole test suite against a real PostgreSQL server.
// DATABASE_URL names a database the tests may use to create and drop their own databases
// (default: the local cluster that .ci/run starts).
import { spawnSync } from 'node:child_process'

const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
console.log(`test:pg → ${url.replace(/:[^:@/]*@/, ':***@')}`)
const r = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: url },
})
process.exit(r.status ?? 1)

/**
 * A throwaway PostgreSQL cluster of a test's own (initdb into a temporary folder, on a free port of
 * 127.0.0.1): for tests that stop, crash or restart the database server, which must never be done to
 * the shared one DATABASE_URL names. As root (CI), initdb and pg_ctl run as the `postgres` user, since
 * PostgreSQL refuses to run as root; otherwise as the current user.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The newest installed PostgreSQL server binaries (Debian's layout), or PG_BIN; undefined when there are none. */
export function findPgBin(): string | undefined {
  const candidates = process.env.PG_BIN
    ? [process.env.PG_BIN]
    : (fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql') : [])
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')))
}

const isRoot = () => process.getuid?.() === 0

/** Whether this process can start a cluster: binaries installed, and as root a `postgres` user to run them. */
export function canRunThrowawayCluster(): boolean {
  if (!findPgBin()) return false
  if (!isRoot()) return true
  try {
    return fs.readFileSync('/etc/passwd', 'utf8').split('\n').some((l) => l.startsWith('postgres:'))
  } catch {
    return false
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

/** Runs a PostgreSQL binary as the cluster's owner, without blocking the test's event loop. */
async function pgExec(bin: string, args: string[]): Promise<void> {
  if (isRoot()) {
    await run('su', ['postgres', '-s', '/bin/sh', '-c', [bin, ...args].map(quote).join(' ')])
  } else {
    await run(bin, args)
  }
}

export interface ThrowawayCluster {
  port: number
  /** a connection string to a database of the cluster */
  url(database?: string): string
  /** `pg_ctl stop` (immediate: every backend killed on the spot, crash recovery at the next start) */
  stop(mode?: 'immediate' | 'fast'): Promise<void>
  /** `pg_ctl start`, returning once the server accepts connections */
  start(): Promise<void>
  /** stop the server and delete its folder */
  destroy(): Promise<void>
}

/**
 * initdb and start a cluster. Settings: trust authentication on 127.0.0.1 only; fsync off (a killed
 * server process loses nothing the operating system already holds — only a machine crash would), but
 * synchronous_commit left on: a commit is acknowledged only once its WAL is written, which is what lets
 * an immediate stop lose nothing acknowledged.
 */
export async function createThrowawayCluster(): Promise<ThrowawayCluster> {
  const bin = findPgBin()
  if (!bin) throw new Error('PostgreSQL server binaries not found (set PG_BIN)')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-pgc-'))
  const data = path.join(dir, 'data')
  const log = path.join(dir, 'server.log')
  if (isRoot()) await run('chown', ['postgres:postgres', dir])
  await pgExec(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'])
  const port = await freePort()
  const options = [
    `-c listen_addresses=127.0.0.1`,
    `-p ${port}`,
    `-c unix_socket_directories=${dir}`,
    `-c fsync=off`,
    `-c full_page_writes=off`,
    `-c max_connections=60`,
    `-c shared_buffers=32MB`,
  ].join(' ')
  const pgCtl = path.join(bin, 'pg_ctl')
  const start = () => pgExec(pgCtl, ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start'])
  let running = false
  await start()
  running = true
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stop(mode = 'immediate') {
      await pgExec(pgCtl, ['-D', data, '-m', mode, '-w', 'stop'])
      running = false
    },
    async start() {
      await start()
      running = true
    },
    async destroy() {
      if (running) await pgExec(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined)
      running = false
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

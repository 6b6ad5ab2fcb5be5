/**
 * pg_dump, pg_restore and psql: found on PATH or in Debian's /usr/lib/postgresql/<version>/bin, the newest
 * major version first (a newer pg_dump reads an older server; an older one refuses a newer server).
 * The password never goes on the command line (where `ps` shows it): it is handed over in PGPASSWORD.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { BackupError } from './archive'

const DEBIAN_DIR = '/usr/lib/postgresql'

function majorOf(bin: string): number | null {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' })
  if (r.status !== 0) return null
  const m = /(\d+)(?:\.\d+)?/.exec(r.stdout)
  return m ? Number(m[1]) : null
}

/** The newest `name` there is, or a clear refusal saying how to install it. */
export function findPgTool(name: 'pg_dump' | 'pg_restore' | 'psql'): string {
  const candidates: string[] = [name]
  if (fs.existsSync(DEBIAN_DIR)) {
    for (const v of fs.readdirSync(DEBIAN_DIR)) candidates.push(path.join(DEBIAN_DIR, v, 'bin', name))
  }
  let best: { bin: string; major: number } | null = null
  for (const bin of candidates) {
    const major = majorOf(bin)
    if (major !== null && (!best || major > best.major)) best = { bin, major }
  }
  if (!best) {
    throw new BackupError(
      `找不到 ${name}：请安装 PostgreSQL 客户端（Debian/Ubuntu：apt-get install postgresql-client），版本不低于数据库服务器；` +
        `或把它所在的目录加入 PATH / ${name} not found: install the PostgreSQL client tools (no older than the server) or add them to PATH`,
    )
  }
  return best.bin
}

/** The URL without its password, and the password (for PGPASSWORD). */
function splitUrl(databaseUrl: string): { url: string; password: string | null } {
  const u = new URL(databaseUrl)
  const password = u.password ? decodeURIComponent(u.password) : null
  u.password = ''
  return { url: u.toString(), password }
}

/** Run a PostgreSQL tool against the database; its error output becomes the refusal's message. */
export function runPgTool(bin: string, args: string[], databaseUrl: string): Promise<void> {
  const { url, password } = splitUrl(databaseUrl)
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...args, '--dbname', url], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', (e) => reject(new BackupError(`无法运行 ${bin}：${e.message}`)))
    child.on('exit', (code) => {
      if (code === 0) resolve()
      else reject(new BackupError(`${path.basename(bin)} 失败（退出码 ${code}）/ failed:\n${err.trim().slice(0, 2000)}`))
    })
  })
}

/**
 * Restore a `pg_dump -Fc` file as ONE transaction: `pg_restore --clean --if-exists --no-owner --file=-` writes
 * the script, psql runs it with `--single-transaction` and ON_ERROR_STOP after `prelude` — so a replacement
 * either happens whole or leaves the database as it was. (pg_restore cannot take our own statements into
 * its transaction, and its `--clean` alone cannot drop a partitioned table's inherited constraints.)
 */
export function restoreDump(tools: { pgRestore: string; psql: string }, dump: string, databaseUrl: string, prelude: string): Promise<void> {
  const { url, password } = splitUrl(databaseUrl)
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }
  return new Promise((resolve, reject) => {
    const script = spawn(tools.pgRestore, ['--clean', '--if-exists', '--no-owner', '--file=-', dump], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    const psql = spawn(tools.psql, ['--no-psqlrc', '--quiet', '--single-transaction', '--set', 'ON_ERROR_STOP=1', '--file=-', '--dbname', url], {
      env,
      stdio: ['pipe', 'ignore', 'pipe'],
    })
    let err = ''
    script.stderr.on('data', (d: Buffer) => (err += d.toString()))
    psql.stderr.on('data', (d: Buffer) => (err += d.toString()))
    psql.stdin.on('error', () => undefined) // psql stopped at an error: its exit code says so
    let pending = 2
    let failed: string | null = null
    const done = (who: string, code: number | null) => {
      if (code !== 0 && !failed) failed = `${who}（退出码 ${code}）`
      if (--pending > 0) return
      if (failed) reject(new BackupError(`恢复失败，数据库保持原样 / restore failed, the database is unchanged: ${failed}\n${err.trim().slice(0, 2000)}`))
      else resolve()
    }
    script.on('error', (e) => reject(new BackupError(`无法运行 ${tools.pgRestore}：${e.message}`)))
    psql.on('error', (e) => reject(new BackupError(`无法运行 ${tools.psql}：${e.message}`)))
    script.on('exit', (code) => done('pg_restore', code))
    psql.on('exit', (code) => done('psql', code))
    psql.stdin.write(prelude)
    script.stdout.pipe(psql.stdin)
  })
}

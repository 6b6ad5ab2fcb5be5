/**
 * One process per PGlite data folder. PGlite is a single-process database: two servers (or a server
 * and the CLI) on one folder both come up healthy and then overwrite each other's writes. The folder
 * is taken with a lock file (created exclusively) naming the owner's pid, host and start time; a
 * second process refuses to open the folder with a clear message. A lock left by a process that is
 * gone (same host, pid not running) is stale and taken over.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const LOCK_FILE = 'yiwang.lock'

export interface LockOwner {
  pid: number
  host: string
  startedAt: string
  command: string
}

/** The folder is held by another live process. */
export class FolderLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `数据目录 ${dir} 正由另一个进程使用（pid ${owner.pid}，主机 ${owner.host}，启动于 ${owner.startedAt}，${owner.command}）。` +
        `同一数据目录只能由一个进程打开：请先停止它，或为本进程设置另一个 DATA_DIR。` +
        ` / The data folder is in use by another process; stop it or use another DATA_DIR.`,
    )
    this.name = 'FolderLockedError'
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists but belongs to someone else
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const o = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>
    return typeof o.pid === 'number' && typeof o.host === 'string' ? (o as LockOwner) : null
  } catch {
    return null
  }
}

/**
 * Take the folder for this process; returns the release. A live owner on this host refuses; a lock
 * from another host is trusted as live (a shared folder: we cannot see its processes).
 */
export function lockDataFolder(dir: string, command = process.argv.slice(1).join(' ')): () => void {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, LOCK_FILE)
  const me: LockOwner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), command: command.slice(0, 200) }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx' })
      let released = false
      const release = () => {
        if (released) return
        released = true
        // only our own lock is removed
        if (readOwner(file)?.pid === me.pid) fs.rmSync(file, { force: true })
      }
      process.once('exit', release)
      return release
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const owner = readOwner(file)
      if (owner && owner.pid !== process.pid && (owner.host !== me.host || alive(owner.pid))) throw new FolderLockedError(dir, owner)
      // stale (its process is gone) or unreadable (a crash mid-write): take it over
      fs.rmSync(file, { force: true })
    }
  }
  throw new Error(`could not take the lock ${file}`)
}

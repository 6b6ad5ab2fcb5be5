/**
 * Files on local disk under one folder (DATA_DIR/files by default — the folder `yiwang backup` copies).
 * A write goes to `.tmp/` inside the same folder, is flushed, then renamed into place: a reader never
 * sees half a file, and a crash leaves only a temp file, removed at the next start once it is an hour old.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { hashingStream, type FileStore, type ListedObject, type StoredObject } from './file-store'

const TEMP = '.tmp'
const STALE_TEMP_MS = 3600_000

export class LocalFileStore implements FileStore {
  readonly kind = 'local'
  readonly location: string
  private readonly root: string

  constructor(root: string) {
    this.root = path.resolve(root)
    this.location = this.root
    fs.mkdirSync(path.join(this.root, TEMP), { recursive: true })
    this.removeStaleTemp()
  }

  private pathOf(key: string): string {
    const p = path.resolve(this.root, key)
    if (!p.startsWith(this.root + path.sep) || key.startsWith(TEMP)) throw new Error(`bad key: ${key}`)
    return p
  }

  /** Temp files an hour old belong to writes that died (another process's fresh ones are left alone). */
  private removeStaleTemp(): void {
    const dir = path.join(this.root, TEMP)
    for (const name of fs.readdirSync(dir)) {
      const p = path.join(dir, name)
      try {
        if (Date.now() - fs.statSync(p).mtimeMs > STALE_TEMP_MS) fs.rmSync(p, { force: true })
      } catch {
        // gone already
      }
    }
  }

  async put(key: string, body: Readable, _contentType?: string): Promise<StoredObject> {
    const target = this.pathOf(key)
    const temp = path.join(this.root, TEMP, `${crypto.randomUUID()}.part`)
    const hasher = hashingStream()
    try {
      // flush: the bytes are on disk (fsync) before the file is renamed into place
      await pipeline(body, hasher, fs.createWriteStream(temp, { flags: 'wx', mode: 0o640, flush: true }))
      await fsp.mkdir(path.dirname(target), { recursive: true })
      await fsp.rename(temp, target)
    } catch (e) {
      await fsp.rm(temp, { force: true })
      throw e
    }
    return hasher.result()
  }

  async get(key: string): Promise<Readable | null> {
    try {
      // opened first, so that a missing file is known before anything is sent
      const handle = await fsp.open(this.pathOf(key), 'r')
      return handle.createReadStream()
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw e
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fsp.stat(this.pathOf(key))).isFile()
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false
      throw e
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true })
  }

  async *list(): AsyncIterable<ListedObject> {
    const walk = async function* (dir: string, rel: string): AsyncIterable<ListedObject> {
      let entries: fs.Dirent[]
      try {
        entries = await fsp.readdir(dir, { withFileTypes: true })
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return
        throw e
      }
      for (const entry of entries) {
        if (rel === '' && entry.name === TEMP) continue
        const key = rel ? `${rel}/${entry.name}` : entry.name
        const p = path.join(dir, entry.name)
        if (entry.isDirectory()) yield* walk(p, key)
        else if (entry.isFile()) {
          const stat = await fsp.stat(p).catch(() => null)
          if (stat) yield { key, modifiedAt: stat.mtime }
        }
      }
    }
    yield* walk(this.root, '')
  }

  async close(): Promise<void> {}
}

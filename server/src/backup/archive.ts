/**
 * The backup archive: one plain tar file (tar-stream), so `tar -tvf` can look inside it.
 *
 *   manifest.json            always the first entry: what the archive is and the sha256 of every other entry
 *   database/yiwang.pgdump   PostgreSQL: `pg_dump -Fc` (compressed by pg_dump itself)
 *   database/pglite/…        PGlite: the data folder, file by file, copied while its lock was held
 *   files/…                  the file store (DATA_DIR/files), when there is one
 *
 * The manifest comes first so restore can refuse (format, migration level, database kind) before it
 * writes anything; every entry is hashed as it is read and compared with the manifest.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { PassThrough, Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import tar from 'tar-stream'

export const BACKUP_FORMAT = 'yiwang-backup'
export const BACKUP_FORMAT_VERSION = 1
export const MANIFEST_NAME = 'manifest.json'
/** a manifest of a few hundred thousand files fits well within this */
const MANIFEST_MAX_BYTES = 256 * 1024 * 1024

export interface ManifestPart {
  /** the entry's name in the archive, e.g. `files/2026/11/ab12….jpg` */
  path: string
  size: number
  sha256: string
}

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  formatVersion: number
  /** the application's version (package.json) */
  appVersion: string
  createdAt: string
  database: {
    kind: 'pglite' | 'postgres'
    /** `SHOW server_version` of the database backed up */
    serverVersion: string
  }
  /** how far the database's migrations had come: the count, the last one's tag and its journal time */
  migrations: { count: number; lastTag: string | null; lastCreatedAt: number | null }
  /** rows per table (schema.table), counted in the same snapshot the backup copied */
  counts: Record<string, number>
  files: { count: number; bytes: number }
  parts: ManifestPart[]
  /** every folder (archive names), empty ones included: PostgreSQL's data folder needs its empty folders */
  directories: string[]
}

/** A source file and the name it gets in the archive. */
export interface PartSource {
  path: string
  file: string
}

/** The archive cannot be written or restored; the message is for the operator (Chinese, then English). */
export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

/** A pass-through that hashes and counts what flows through it. */
function hasher(): Transform & { digest(): { sha256: string; size: number } } {
  const h = crypto.createHash('sha256')
  let size = 0
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      h.update(chunk)
      size += chunk.length
      cb(null, chunk)
    },
  }) as Transform & { digest(): { sha256: string; size: number } }
  let done: { sha256: string; size: number } | undefined
  t.digest = () => (done ??= { sha256: h.digest('hex'), size })
  return t
}

export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const h = hasher()
  await pipeline(fs.createReadStream(file), h, new PassThrough().resume())
  return h.digest()
}

/** Every folder and regular file under `dir`, named `${prefix}/<relative path>` (sorted; `skip` by relative path). */
export function listTree(dir: string, prefix: string, skip: (relative: string) => boolean = () => false): { files: PartSource[]; directories: string[] } {
  const files: PartSource[] = []
  const directories: string[] = []
  const walk = (abs: string, rel: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const r = rel ? `${rel}/${e.name}` : e.name
      if (skip(r)) continue
      if (e.isDirectory()) {
        directories.push(`${prefix}/${r}`)
        walk(path.join(abs, e.name), r)
      } else if (e.isFile()) files.push({ path: `${prefix}/${r}`, file: path.join(abs, e.name) })
    }
  }
  if (fs.existsSync(dir)) {
    directories.push(prefix)
    walk(dir, '')
  }
  return { files, directories }
}

/** Hash every source (the manifest's parts). */
export async function describeParts(sources: PartSource[]): Promise<ManifestPart[]> {
  const parts: ManifestPart[] = []
  for (const s of sources) parts.push({ path: s.path, ...(await hashFile(s.file)) })
  return parts
}

/**
 * Write the archive: the manifest, then each source, hashed again as it is copied — a file that changed
 * since the manifest was made fails the backup rather than leaving an archive that restore would refuse.
 */
export async function writeArchive(out: string, manifest: BackupManifest, sources: PartSource[]): Promise<void> {
  const pack = tar.pack()
  const written = pipeline(pack, fs.createWriteStream(out, { flags: 'wx', mode: 0o600 }))
  try {
    const add = (header: tar.Headers, body: string) => new Promise<void>((resolve, reject) => pack.entry(header, body, (e) => (e ? reject(e) : resolve())))
    await add({ name: MANIFEST_NAME, mode: 0o600 }, `${JSON.stringify(manifest, null, 1)}\n`)
    for (const d of manifest.directories) await add({ name: d, type: 'directory', mode: 0o700 }, '')
    const bySource = new Map(manifest.parts.map((p) => [p.path, p]))
    for (const s of sources) {
      const part = bySource.get(s.path)!
      const h = hasher()
      const entry = pack.entry({ name: s.path, size: part.size, mode: 0o600 })
      await pipeline(fs.createReadStream(s.file, { start: 0, end: Math.max(0, part.size - 1) }), h, entry)
      const got = h.digest()
      if (got.sha256 !== part.sha256 || got.size !== part.size) {
        throw new BackupError(`备份期间文件发生了变化：${s.file}，请重试 / ${s.file} changed during the backup; run it again`)
      }
    }
    pack.finalize()
    await written
  } catch (e) {
    pack.destroy()
    await written.catch(() => undefined)
    throw e
  }
  const fd = fs.openSync(out, 'r')
  fs.fsyncSync(fd)
  fs.closeSync(fd)
}

async function readAll(stream: Readable, max: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let n = 0
  for await (const c of stream) {
    n += (c as Buffer).length
    if (n > max) throw new BackupError('备份清单过大 / the manifest is too large')
    chunks.push(c as Buffer)
  }
  return Buffer.concat(chunks)
}

function parseManifest(raw: Buffer): BackupManifest {
  let m: Partial<BackupManifest>
  try {
    m = JSON.parse(raw.toString('utf8')) as Partial<BackupManifest>
  } catch {
    throw new BackupError('备份清单无法解析 / the manifest is not valid JSON')
  }
  if (m.format !== BACKUP_FORMAT || typeof m.formatVersion !== 'number' || !Array.isArray(m.parts) || !Array.isArray(m.directories) || !m.database || !m.migrations) {
    throw new BackupError('这不是一网的备份文件 / not a Yiwang backup')
  }
  if (m.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError(`备份格式 ${m.formatVersion} 比本程序支持的 ${BACKUP_FORMAT_VERSION} 新，请用更新的版本恢复 / the archive format is newer than this program`)
  }
  return m as BackupManifest
}

/**
 * Read an archive: the manifest first (`onManifest` may refuse by throwing, before anything is written),
 * then each part, given to `onPart` as a stream that is hashed on the way. Any entry the manifest does not
 * list, a part missing, a size or a sha256 that differs fails the read.
 */
export async function readArchive(
  file: string,
  handlers: {
    onManifest: (m: BackupManifest) => Promise<void> | void
    /** consume the part's bytes (write them somewhere, or drain them); omitted: stop after the manifest */
    onPart?: (part: ManifestPart, stream: Readable) => Promise<void>
    /** a folder the archive holds (listed in the manifest) */
    onDirectory?: (name: string) => void
  },
): Promise<BackupManifest> {
  if (!fs.existsSync(file)) throw new BackupError(`找不到备份文件：${file} / no such file`)
  const extract = tar.extract()
  let manifest: BackupManifest | undefined
  const seen = new Set<string>()
  let stopEarly = false

  const handle = async (name: string, stream: Readable): Promise<void> => {
    if (!manifest) {
      if (name !== MANIFEST_NAME) throw new BackupError('备份文件的第一项不是清单 / the first entry is not the manifest')
      manifest = parseManifest(await readAll(stream, MANIFEST_MAX_BYTES))
      await handlers.onManifest(manifest)
      if (!handlers.onPart) stopEarly = true
      return
    }
    const part = manifest.parts.find((p) => p.path === name)
    if (!part || seen.has(name)) throw new BackupError(`备份文件含有清单以外的内容：${name} / an entry the manifest does not list`)
    seen.add(name)
    const h = hasher()
    await handlers.onPart!(part, stream.pipe(h))
    const got = h.digest()
    if (got.sha256 !== part.sha256 || got.size !== part.size) {
      throw new BackupError(`校验失败：${name} 与清单中的 sha256 不符，备份文件已损坏 / checksum mismatch: the archive is damaged`)
    }
  }

  await new Promise<void>((resolve, reject) => {
    let failed = false
    const fail = (e: unknown) => {
      if (failed) return
      failed = true
      extract.destroy()
      source.destroy()
      reject(e)
    }
    extract.on('entry', (header, stream, next) => {
      if (stopEarly) {
        // the manifest was all the caller wanted
        failed = true
        extract.destroy()
        source.destroy()
        resolve()
        return
      }
      if (header.type === 'directory' && manifest) {
        const name = header.name.replace(/\/+$/, '')
        if (!manifest.directories.includes(name)) {
          fail(new BackupError(`备份文件含有清单以外的目录：${name} / a folder the manifest does not list`))
          return
        }
        handlers.onDirectory?.(name)
        stream.resume()
        next()
        return
      }
      if (header.type && header.type !== 'file') {
        fail(new BackupError(`备份文件含有非普通文件：${header.name} / unexpected entry type`))
        return
      }
      handle(header.name, stream).then(
        () => next(),
        (e: unknown) => fail(e),
      )
    })
    extract.on('finish', () => {
      if (!failed) resolve()
    })
    extract.on('error', fail)
    const source = fs.createReadStream(file)
    source.on('error', fail)
    source.pipe(extract)
  })

  if (!manifest) throw new BackupError('备份文件是空的或已损坏 / the archive is empty or damaged')
  if (handlers.onPart) {
    const missing = manifest.parts.filter((p) => !seen.has(p.path))
    if (missing.length) throw new BackupError(`备份文件不完整：缺少 ${missing.length} 项（如 ${missing[0]!.path}） / the archive is incomplete`)
  }
  return manifest
}

/** Where an archive entry goes under `root`; refuses names that would leave it. */
export function targetOf(root: string, name: string): string {
  const to = path.resolve(root, name)
  if (!to.startsWith(path.resolve(root) + path.sep)) throw new BackupError(`备份文件中的路径不安全：${name} / unsafe path`)
  return to
}

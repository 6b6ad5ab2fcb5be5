/**
 * Where the bytes of uploaded files live. The database holds each file's metadata and SHA-256; the
 * bytes go to a `FileStore`: a folder on local disk (DATA_DIR/files, the default) or an S3-compatible
 * bucket shared by several machines. Keys are derived from the file's id (`fileKey`), so a key is
 * written once and never shared: deleting a file's row and then its object cannot race with another
 * upload of the same content.
 */
import crypto from 'node:crypto'
import { Transform, type Readable } from 'node:stream'

export interface StoredObject {
  size: number
  /** hex SHA-256 of the bytes as stored */
  sha256: string
}

export interface ListedObject {
  key: string
  /** when the object was written (the orphan sweep leaves young objects alone: their row may be on its way) */
  modifiedAt: Date
}

export interface FileStore {
  readonly kind: 'local' | 's3'
  /** a short description for logs and the start-up banner (a folder, or endpoint/bucket) */
  readonly location: string
  /**
   * Stream `body` into the object `key`, hashing as it goes. The object appears whole or not at all
   * (local: temp file + rename; S3: one PUT or a multipart upload completed at the end). When `body`
   * fails, nothing is left behind and the error is rethrown.
   */
  put(key: string, body: Readable, contentType: string): Promise<StoredObject>
  /** The object's bytes as a stream, or null when there is no such object. */
  get(key: string): Promise<Readable | null>
  exists(key: string): Promise<boolean>
  /** Remove the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>
  /** Every object under the store's files (for the orphan sweep). */
  list(): AsyncIterable<ListedObject>
  close(): Promise<void>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** `ab/cd/abcd…-uuid`: two levels of 256 folders, so no folder (or listing prefix) grows too large. */
export function fileKey(fileId: string): string {
  if (!UUID.test(fileId)) throw new Error(`not a file id: ${fileId}`)
  return `${fileId.slice(0, 2)}/${fileId.slice(2, 4)}/${fileId}`
}

/** The file id a key was made from, or null for anything else found in the store (never touched). */
export function fileIdOfKey(key: string): string | null {
  const m = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f-]{36})$/.exec(key)
  if (!m || !UUID.test(m[3]!) || !m[3]!.startsWith(`${m[1]}${m[2]}`)) return null
  return m[3]!
}

/** A pass-through that counts and hashes what flows through it. */
export function hashingStream(): Transform & { result(): StoredObject } {
  const hash = crypto.createHash('sha256')
  let size = 0
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk)
      size += chunk.length
      done(null, chunk)
    },
  })
  let digest: string | undefined
  return Object.assign(t, {
    result(): StoredObject {
      digest ??= hash.digest('hex')
      return { size, sha256: digest }
    },
  })
}

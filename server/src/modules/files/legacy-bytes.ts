/**
 * Installs from before the file store kept every upload's bytes in `file.data` (bytea). At start-up,
 * before the migrations run, each row's bytes are copied to the file store under the row's key and
 * checked against the row's SHA-256; then migration 0016 drops the column. A start that dies half-way
 * copies again next time (a key is written whole or not at all), and nothing is dropped before every
 * file was copied.
 */
import { Readable } from 'node:stream'
import type { Db } from '../../db/client'
import { fileKey, type FileStore } from '../../storage'
import { compactFileTable, hasLegacyFileData, listLegacyFileIds, readLegacyFileBytes } from './queries'

/** Copy the bytes of every file still held by the database into the store; returns how many were copied. */
export async function moveLegacyFileBytes(db: Db, store: FileStore, log: (line: string) => void = () => undefined): Promise<number> {
  if (!(await hasLegacyFileData(db))) return 0
  const ids = await listLegacyFileIds(db)
  if (ids.length) log(`正在把 ${ids.length} 个文件从数据库移到文件存储（${store.location}）…`)
  let moved = 0
  for (const id of ids) {
    const row = await readLegacyFileBytes(db, id)
    if (!row) continue
    const stored = await store.put(fileKey(id), Readable.from([row.data]), row.mime)
    if (stored.sha256 !== row.sha256) throw new Error(`file ${id}: the bytes copied out do not match the SHA-256 recorded at upload`)
    moved++
  }
  return moved
}

/** After the migration dropped the column: give the space back to the disk (the embedded database file shrinks). */
export async function compactAfterLegacyMove(db: Db, moved: number): Promise<void> {
  if (moved > 0) await compactFileTable(db)
}

/** The file store the configuration asks for (env.ts: DATA_DIR/files, or S3_* for a bucket). */
import type { FileStoreConfig } from '../env'
import type { FileStore } from './file-store'
import { LocalFileStore } from './local-store'
import { S3FileStore } from './s3-store'

export { fileIdOfKey, fileKey, hashingStream, type FileStore, type ListedObject, type StoredObject } from './file-store'
export { LocalFileStore } from './local-store'
export { S3FileStore } from './s3-store'

export function openFileStore(config: FileStoreConfig): FileStore {
  return config.kind === 's3' ? new S3FileStore(config) : new LocalFileStore(config.dir)
}

/** Photo uploads: metadata in the database, bytes in the file store; attached to records by the modules that own them. */
export { fileRoutes, MAX_UPLOAD_BYTES } from './routes'
export { assertOwnFiles, storeUpload, type AttachmentAccess } from './service'
export { removeUnattachedUploads, sweepOrphanFileBytes, UNATTACHED_KEEP_MS } from './housekeeping'
export { compactAfterLegacyMove, moveLegacyFileBytes } from './legacy-bytes'

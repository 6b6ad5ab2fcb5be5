/** Photo uploads, stored by content; attached to records by the modules that own them. */
export { fileRoutes, MAX_UPLOAD_BYTES } from './routes'
export { assertOwnFiles, storeUpload, type AttachmentAccess } from './service'

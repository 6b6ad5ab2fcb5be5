/**
 * Photos taken on a phone are shrunk before they leave it: at most 2048 px on the long side,
 * JPEG at about 0.6 quality (a 4 MB camera photo becomes ~300 KB), then uploaded. The compressor is
 * loaded only when the first photo is chosen, so it costs the report page nothing up front.
 * It runs on the main thread: its web-worker mode would fetch a script from a CDN, which the CSP
 * (and the county's network) forbid.
 */
import { uploadFile, type UploadedFile } from './api'

export const MAX_PHOTO_PX = 2048
export const PHOTO_QUALITY = 0.6

/** The category a photo is for: the server keeps where it was taken only when the category needs it. */
export interface PhotoCategory {
  code: string
  keepPhotoLocation: boolean
}

/**
 * `keepLocation`: carry the photo's EXIF (with its GPS position) over into the shrunk copy. Otherwise
 * the copy has none — and the server strips it anyway unless the category needs the place.
 */
export async function shrinkPhoto(file: File, keepLocation = false): Promise<File> {
  const { default: compress } = await import('browser-image-compression')
  try {
    return await compress(file, {
      maxWidthOrHeight: MAX_PHOTO_PX,
      initialQuality: PHOTO_QUALITY,
      fileType: 'image/jpeg',
      useWebWorker: false,
      maxSizeMB: 2,
      preserveExif: keepLocation,
    })
  } catch {
    return file // an image the browser cannot decode is sent as it is; the server checks its type
  }
}

/** Shrink and upload one photo, naming its category when known; `path` lets the anonymous report use its own endpoint. */
export async function shrinkAndUpload(file: File, path = '/files', category?: PhotoCategory): Promise<UploadedFile> {
  const small = await shrinkPhoto(file, category?.keepPhotoLocation ?? false)
  const name = file.name.replace(/\.[^.]+$/, '') + '.jpg'
  return uploadFile(small, name, category ? `${path}?categoryCode=${encodeURIComponent(category.code)}` : path)
}

/**
 * What the server does to every photo before it is stored (sharp, i.e. libvips, off the event loop):
 * turned upright by its EXIF orientation, shrunk to at most 2048 px on the long side (never enlarged),
 * and re-encoded in its own format without any metadata — EXIF (with the GPS position a phone writes),
 * XMP, IPTC, comments — unless its category needs where it was taken, when the EXIF stays.
 */
import sharp, { type Sharp } from 'sharp'

export const MAX_PHOTO_EDGE = 2048
/** A decompression bomb (a tiny file declaring a gigantic image) is refused before it is decoded. */
export const MAX_INPUT_PIXELS = 100_000_000

// one photo is never processed twice: the cache would only hold memory
sharp.cache(false)

export type PhotoMime = 'image/jpeg' | 'image/png' | 'image/webp'

/** A duplex stream: the photo in, the photo as stored out. */
export function photoTransformer(mime: PhotoMime, keepLocation: boolean): Sharp {
  let t = sharp({ limitInputPixels: MAX_INPUT_PIXELS, sequentialRead: true, failOn: 'error' })
    .rotate()
    .resize({ width: MAX_PHOTO_EDGE, height: MAX_PHOTO_EDGE, fit: 'inside', withoutEnlargement: true })
  if (keepLocation) t = t.keepExif()
  switch (mime) {
    case 'image/jpeg':
      return t.jpeg({ quality: 82 })
    case 'image/png':
      return t.png()
    case 'image/webp':
      return t.webp({ quality: 82 })
  }
}

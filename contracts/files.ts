/** Photo uploads. */
import { Obj, Type, Uuid, type Static } from './common'

export const FileInfo = Type.Object({
  id: Type.String({ description: '文件 ID（UUID）' }),
  mime: Type.String({ description: 'image/jpeg · image/png · image/webp（按内容判断）' }),
  size: Type.Integer({ description: '字节数' }),
  sha256: Type.String(),
})
export type FileInfo = Static<typeof FileInfo>
export const FileParams = Obj({ id: Uuid })

/** The upload as the API document shows it (the route reads the multipart stream itself). */
export const UploadBodyDoc = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: '照片：JPEG、PNG 或 WebP，按内容判断，≤ 10 MB' } },
}

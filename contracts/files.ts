/** Photo uploads. */
import { Obj, Str, Type, Uuid, type Static } from './common'

export const FileInfo = Type.Object({
  id: Type.String({ description: '文件 ID（UUID）' }),
  mime: Type.String({ description: 'image/jpeg · image/png · image/webp（按内容判断）' }),
  size: Type.Integer({ description: '保存的字节数（缩小并去除元数据之后）' }),
  sha256: Type.String({ description: '保存内容的 SHA-256（十六进制）' }),
})
export type FileInfo = Static<typeof FileInfo>
export const FileParams = Obj({ id: Uuid })

export const UploadQuery = Obj({
  categoryCode: Type.Optional(
    Str(50, { min: 1, description: '照片所属诉求的分类：该分类需要拍摄位置时（如违章搭建），照片保留 EXIF 位置信息；否则一律去除' }),
  ),
})
export type UploadQuery = Static<typeof UploadQuery>

/** The upload as the API document shows it (the route reads the multipart stream itself). */
export const UploadBodyDoc = {
  type: 'object',
  required: ['file'],
  properties: { file: { type: 'string', format: 'binary', description: '照片：JPEG、PNG 或 WebP，按内容判断，≤ 10 MB；服务器缩小到长边 ≤ 2048 像素并去除元数据（含 GPS 位置）' } },
}

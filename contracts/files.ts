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

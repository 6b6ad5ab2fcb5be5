import { Image, Space } from 'antd'

/** Photos of an appeal or a step, with preview; served by the API with the session cookie. */
export function Photos({ ids, size = 96 }: { ids: readonly string[]; size?: number }) {
  if (!ids.length) return null
  return (
    <Image.PreviewGroup>
      <Space wrap size={8}>
        {ids.map((id, i) => (
          <Image key={id} src={`/api/v1/files/${id}`} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 4 }} alt={`照片 ${i + 1}`} />
        ))}
      </Space>
    </Image.PreviewGroup>
  )
}

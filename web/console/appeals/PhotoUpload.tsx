/** Photos for an action or a report: uploaded as they are chosen, the form keeps their ids. */
import { useState } from 'react'
import { Upload, type UploadFile } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { errorText, uploadFile } from '../../shared/api'

export function PhotoUpload({ value, onChange, max = 9, id }: { value?: string[]; onChange?: (ids: string[]) => void; max?: number; id?: string }) {
  const [files, setFiles] = useState<UploadFile[]>([])
  const sync = (list: UploadFile[]) => {
    setFiles(list)
    onChange?.(list.filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response.id as string))
  }
  return (
    <Upload
      id={id}
      listType="picture-card"
      accept="image/jpeg,image/png,image/webp"
      fileList={files}
      multiple
      maxCount={max}
      customRequest={async ({ file, onSuccess, onError }) => {
        try {
          const saved = await uploadFile(file as File, (file as File).name)
          onSuccess?.(saved)
        } catch (e) {
          onError?.(new Error(errorText(e)))
        }
      }}
      onChange={({ fileList }) => sync(fileList.map((f) => (f.status === 'error' ? { ...f, response: errorText(f.error) } : f)))}
    >
      {files.length >= max ? null : (
        <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }} aria-label={`上传照片${value?.length ? `，已上传 ${value.length} 张` : ''}`}>
          <PlusOutlined />
          <div style={{ marginTop: 8 }}>上传照片</div>
        </button>
      )}
    </Upload>
  )
}

/**
 * Up to 9 photos, each shrunk on the phone and uploaded in the background as soon as it is
 * chosen, while the person goes on with the form. The form holds the uploaded ids and how many
 * uploads are still running (submitting waits for them).
 */
import { ImageUploader, type ImageUploadItem } from 'antd-mobile'
import { toast } from './toast'
import { useEffect, useRef, useState } from 'react'
import { errorText } from '../../shared/api'
import { shrinkAndUpload, type PhotoCategory } from '../../shared/photos'

export interface PhotoState {
  ids: string[]
  pending: number
}

/** `category`: what the photos are for, so the server keeps their location only when that category needs it. */
export function PhotoPicker({
  onChange,
  max = 9,
  uploadPath,
  category,
}: {
  onChange: (s: PhotoState) => void
  max?: number
  uploadPath?: string
  category?: PhotoCategory | undefined
}) {
  const [items, setItems] = useState<ImageUploadItem[]>([])
  const latest = useRef<{ items: ImageUploadItem[]; pending: number }>({ items: [], pending: 0 })
  const box = useRef<HTMLDivElement>(null)
  // antd-mobile's previews have no alt text and a bare delete icon: name them for screen readers
  useEffect(() => {
    const el = box.current
    if (!el) return
    const label = () => {
      el.querySelectorAll('img:not([alt])').forEach((img, i) => img.setAttribute('alt', `已选照片 ${i + 1}`))
      el.querySelectorAll('.adm-image-uploader-cell-delete:not([role])').forEach((d) => {
        d.setAttribute('role', 'button')
        d.setAttribute('aria-label', '删除这张照片')
      })
    }
    label()
    const mo = new MutationObserver(label)
    mo.observe(el, { childList: true, subtree: true })
    return () => mo.disconnect()
  }, [])
  const publish = () => onChange({ ids: latest.current.items.map((x) => (x.extra as { id: string }).id), pending: latest.current.pending })
  return (
    <div ref={box}>
    <ImageUploader
      value={items}
      maxCount={max}
      multiple
      accept="image/*"
      onChange={(list) => {
        latest.current.items = list
        setItems(list)
        publish()
      }}
      upload={async (file) => {
        latest.current.pending += 1
        publish()
        try {
          const saved = await shrinkAndUpload(file, uploadPath, category)
          return { url: URL.createObjectURL(file), extra: { id: saved.id } }
        } catch (e) {
          toast(errorText(e), 'fail')
          throw e
        } finally {
          latest.current.pending -= 1
          publish()
        }
      }}
    />
    </div>
  )
}

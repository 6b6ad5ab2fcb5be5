/** 巡查上报 on one screen: what kind, photos, one sentence. The place is the worker's own grid. */
import { useRef, useState } from 'react'
import { toast } from '../ui/toast'
import { Button } from 'antd-mobile'
import { TextAreaField } from '../ui/Field'
import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { Appeal } from '#contracts/appeals'
import { errorText, newIdempotencyKey, post } from '../../shared/api'
import { useMe } from '../../shared/session'
import { PhotoPicker, type PhotoState } from '../ui/PhotoPicker'
import { CategoryTiles, PATROL_FIRST, categoryName, findCategory, useCategories } from '../report/ReportWizard'
import { Page } from '../shell/Page'

export default function PatrolPage() {
  const me = useMe().data!
  const cats = useCategories()
  const navigate = useNavigate()
  const client = useQueryClient()
  const [category, setCategory] = useState<string>()
  const [photos, setPhotos] = useState<PhotoState>({ ids: [], pending: 0 })
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const key = useRef(newIdempotencyKey())
  const submit = async () => {
    const p = !category ? '请选择问题类别' : text.trim().length < 4 ? '请用一句话说明情况' : photos.pending ? '照片还在上传，请稍候' : null
    if (p) return void toast(p, 'fail')
    setBusy(true)
    try {
      const t = text.trim()
      const a = await post<Appeal>(
        '/appeals',
        { channel: 'patrol', categoryCode: category, title: `${categoryName(cats.data ?? [], category)}：${t.slice(0, 30)}`.slice(0, 100), description: t, ...(photos.ids.length ? { photoIds: photos.ids } : {}) },
        { idempotencyKey: key.current },
      )
      void client.invalidateQueries({ queryKey: ['appeals'] })
      toast(`已上报 ${a.number}`, 'success')
      navigate(`/appeals/${a.id}`, { replace: true })
    } catch (e) {
      toast(errorText(e), 'fail')
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page title="巡查上报">
      <p className="yw-muted" style={{ margin: '12px 16px 0' }}>
        地点：{me.scopeName}
      </p>
      <section className="yw-section" aria-labelledby="p1">
        <h2 id="p1" className="yw-title">
          发现了什么问题
        </h2>
        {cats.data ? <CategoryTiles tree={cats.data} value={category} onChange={setCategory} first={PATROL_FIRST} /> : <p>正在加载类别…</p>}
      </section>
      <section className="yw-section" aria-labelledby="p2">
        <h2 id="p2" className="yw-title">
          现场照片
        </h2>
        <PhotoPicker onChange={setPhotos} category={findCategory(cats.data ?? [], category)} />
      </section>
      <section className="yw-section" aria-labelledby="p3">
        <h2 id="p3" className="yw-title">
          一句话说明
        </h2>
        <TextAreaField label="情况说明" hideLabel value={text} onChange={setText} rows={3} maxLength={2000} placeholder="例如：5 栋楼道堆放杂物，堵塞消防通道" style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: '10px 12px' }} />
      </section>
      <div className="yw-sticky">
        <Button color="primary" size="large" className="yw-primary" loading={busy} onClick={submit}>
          上报
        </Button>
      </div>
    </Page>
  )
}

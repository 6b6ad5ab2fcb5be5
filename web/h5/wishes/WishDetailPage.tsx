/** A wish on the phone, with what the caller may do now: claim it, give it up, fulfil it with photos, or thank and rate. */
import { useState } from 'react'
import { Button, Dialog, List, Rate } from 'antd-mobile'
import { useParams } from 'react-router'
import { formatTime } from '../../shared/format'
import { LoadError, Loading, Page } from '../shell/Page'
import { TextAreaField } from '../ui/Field'
import { PhotoPicker, type PhotoState } from '../ui/PhotoPicker'
import { toast } from '../ui/toast'
import { useWish, useWishAct } from './useWish'

export default function WishDetailPage() {
  const { id } = useParams()
  const q = useWish(id)
  const act = useWishAct()
  const [photos, setPhotos] = useState<PhotoState>({ ids: [], pending: 0 })
  const [note, setNote] = useState('')
  const [rating, setRating] = useState(5)
  const [message, setMessage] = useState('')
  if (q.isPending) return <Page title="心愿">{<Loading />}</Page>
  if (q.isError) return <Page title="心愿">{<LoadError error={q.error} onRetry={() => void q.refetch()} />}</Page>
  const w = q.data
  const can = (a: string) => (w.allowedActions as string[]).includes(a)
  const fulfil = () => {
    if (photos.pending) return toast('照片还在上传，请稍候')
    if (!photos.ids.length) return toast('请至少拍一张照片', 'fail')
    act.mutate({ wish: w, action: 'fulfil', body: { photoIds: photos.ids, ...(note.trim() ? { note: note.trim() } : {}) } })
  }
  return (
    <Page title="心愿详情">
      <List header={w.statusName}>
        <List.Item description={w.description ?? undefined}>{w.title}</List.Item>
        <List.Item extra={`${w.beneficiary.name}（${w.groupName}）`}>心愿人</List.Item>
        <List.Item extra={w.grid?.name ?? w.community.name}>网格</List.Item>
        <List.Item extra={w.categoryName}>类别</List.Item>
        {w.claimant ? <List.Item extra={`${w.claimant.name} · ${formatTime(w.claimedAt)}`}>{w.claimant.kind === 'unit' ? '认领单位' : '认领党员'}</List.Item> : null}
        {w.fulfilNote ? <List.Item description={w.fulfilNote}>完成说明</List.Item> : null}
        {w.rating ? <List.Item extra={'★'.repeat(w.rating)} description={w.thanks ?? undefined}>答谢评价</List.Item> : null}
      </List>
      {/* nothing left to do (fulfilled and thanked, closed, cancelled): no empty card */}
      {(['claim', 'fulfil', 'release', 'thank'] as const).some(can) ? (
        <section className="yw-section" style={{ display: 'grid', gap: 12 }}>
          {can('claim') ? (
            <Button color="primary" size="large" className="yw-primary" loading={act.isPending} onClick={() => act.mutate({ wish: w, action: 'claim' })}>
              认领这个心愿
            </Button>
          ) : null}
          {can('fulfil') ? (
            <>
              <h2 style={{ fontSize: '1rem', margin: 0 }}>完成心愿：拍照留念（至少一张）</h2>
              <PhotoPicker onChange={setPhotos} />
              <TextAreaField label="完成说明" hideLabel placeholder="说明（可不填），如：已送到老人家中" value={note} onChange={setNote} maxLength={500} rows={2} />
              <Button color="primary" size="large" className="yw-primary" loading={act.isPending} onClick={fulfil}>
                确认完成心愿
              </Button>
            </>
          ) : null}
          {can('release') ? (
            <Button
              size="large"
              loading={act.isPending}
              onClick={async () => {
                if (await Dialog.confirm({ content: '放弃后心愿将重新等待其他党员认领，确定放弃吗？' })) act.mutate({ wish: w, action: 'release' })
              }}
            >
              放弃认领
            </Button>
          ) : null}
          {can('thank') ? (
            <>
              <h2 style={{ fontSize: '1rem', margin: 0 }}>心愿实现了，给党员一个评价吧</h2>
              <Rate value={rating} onChange={setRating} aria-label="评价星级" />
              <TextAreaField label="答谢留言" hideLabel placeholder="想说的话（可不填）" value={message} onChange={setMessage} maxLength={200} rows={2} />
              <Button color="primary" size="large" className="yw-primary" loading={act.isPending} onClick={() => act.mutate({ wish: w, action: 'thank', body: { rating, ...(message.trim() ? { message: message.trim() } : {}) } })}>
                提交答谢
              </Button>
            </>
          ) : null}
        </section>
      ) : null}
    </Page>
  )
}

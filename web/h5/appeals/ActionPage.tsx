/**
 * The short forms of the phone: resolve with photos, resolve on the spot, a failed check, a
 * follow-up rating, the resident's own rating (解决了吗 first), a reason for return/reject/escalate.
 */
import { useState } from 'react'
import { toast } from '../ui/toast'
import { Button, Selector, Stepper } from 'antd-mobile'
import { TextAreaField } from '../ui/Field'
import { useNavigate, useParams } from 'react-router'
import type { Appeal } from '#contracts/appeals'
import type { AppealAction } from '#contracts/workflow'
import { ACTION_NAMES, RATING_NAMES, SOLVED_NAMES, VIA_NAMES, type SolvedAnswer } from '#contracts/labels'
import { errorText } from '../../shared/api'
import { PhotoPicker, type PhotoState } from '../ui/PhotoPicker'
import { LoadError, Loading, Page } from '../shell/Page'
import { useAppeal } from './DetailPage'
import { useAct } from './useAct'

export default function ActionPage() {
  const { id, action } = useParams()
  const q = useAppeal(id)
  const title = action === 'rate' ? '评价' : ACTION_NAMES[action as AppealAction] ?? '办理'
  return (
    <Page title={title}>
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : <ActionForm a={q.data} action={action as AppealAction} />}
    </Page>
  )
}

const field = { border: '1px solid #d9d9d9', borderRadius: 8, padding: '10px 12px', background: '#fff', '--font-size': 'var(--adm-font-size-main)' } as React.CSSProperties

function ActionForm({ a, action }: { a: Appeal; action: AppealAction }) {
  const navigate = useNavigate()
  const act = useAct()
  const [text, setText] = useState('')
  const [photos, setPhotos] = useState<PhotoState>({ ids: [], pending: 0 })
  const [solved, setSolved] = useState<SolvedAnswer | undefined>()
  const [rating, setRating] = useState<string | undefined>()
  const [via, setVia] = useState('phone')
  const [days, setDays] = useState(3)
  if (!a.allowedActions.includes(action)) {
    return <LoadError error={{ status: 422, message: '该诉求当前不能执行此操作（可能已被他人处理），请返回刷新' }} />
  }

  const check = (): string | null => {
    if (photos.pending > 0) return '照片还在上传，请稍候'
    switch (action) {
      case 'resolveOnSpot':
        if (!text.trim()) return '请填写处理结果'
        if (!photos.ids.length) return '就地解决请至少拍一张现场照片'
        return null
      case 'resolve':
        return text.trim() ? null : '请填写办理结果'
      case 'rate':
        if (!solved) return '请先选择问题是否解决'
        return rating ? null : '请选择您的满意程度'
      case 'rateOnBehalf':
        if (!rating) return '请选择群众的评价'
        return text.trim() ? null : '请记录群众的意见'
      case 'requestExtension':
        return text.trim() ? null : '请填写延期理由'
      default:
        return text.trim() ? null : '请填写内容'
    }
  }

  const body = (): Record<string, unknown> => {
    const photoIds = photos.ids.length ? { photoIds: photos.ids } : {}
    switch (action) {
      case 'resolveOnSpot':
      case 'resolve':
        return { result: text.trim(), ...photoIds }
      case 'verifyFail':
        return { reason: text.trim(), ...photoIds }
      case 'assistNote':
        return { note: text.trim(), ...photoIds }
      case 'rate': {
        // 未解决 always rates unsatisfied (it reopens the appeal); the answer leads the comment
        const r = solved === 'no' ? 'unsatisfied' : rating
        const c = [`问题${SOLVED_NAMES[solved!]}`, text.trim()].filter(Boolean).join('。')
        return { rating: r, comment: c.slice(0, 1000) }
      }
      case 'rateOnBehalf':
        return { rating, via, comment: text.trim() }
      case 'reply':
        return { message: text.trim() }
      case 'requestExtension':
        return { days, reason: text.trim() }
      default:
        return { reason: text.trim() }
    }
  }

  const submit = () => {
    const p = check()
    if (p) return void toast(p, 'fail')
    act.mutate(
      { appeal: a, action, body: body() },
      {
        onSuccess: () => navigate(`/appeals/${a.id}`, { replace: true }),
        onError: (e) => {
          if ((e as { status?: number }).status === 409) navigate(`/appeals/${a.id}`, { replace: true })
          else toast(errorText(e), 'fail')
        },
      },
    )
  }

  const textLabel: Partial<Record<AppealAction, [string, string]>> = {
    resolveOnSpot: ['怎么解决的？', '例如：已联系物业更换楼道灯泡，现场已亮'],
    resolve: ['办理结果', '做了什么，现在怎样'],
    verifyFail: ['核查未通过的原因', '例如：电梯仍有异响，需要继续维修'],
    assistNote: ['协办情况', ''],
    reply: ['答复群众', '办理结果与后续安排'],
    requestExtension: ['延期理由', ''],
    return: ['退回原因', '例如：不属于本单位职责'],
    reject: ['不予受理的理由', ''],
    escalate: ['上报街道的原因', ''],
    rate: ['还想说点什么？（可不填）', ''],
    rateOnBehalf: ['群众的意见', '记录群众的原话'],
  }
  const [label, placeholder] = textLabel[action] ?? ['说明', '']
  return (
    <>
      <section className="yw-section">
        <div className="yw-muted">{a.number}</div>
        <div style={{ fontWeight: 600, marginTop: 4 }}>{a.title}</div>
      </section>
      <section className="yw-section">
        {action === 'rate' ? (
          <>
            <h2 className="yw-question">您反映的问题解决了吗？</h2>
            <Selector
              columns={3}
              value={solved ? [solved] : []}
              onChange={(v) => {
                const s = v[0] as SolvedAnswer | undefined
                setSolved(s)
                if (s === 'no') setRating('unsatisfied')
              }}
              options={(Object.keys(SOLVED_NAMES) as SolvedAnswer[]).map((k) => ({ value: k, label: SOLVED_NAMES[k] }))}
            />
            {solved ? (
              <>
                <h2 className="yw-question" style={{ marginTop: 24 }}>
                  您对办理满意吗？
                </h2>
                {solved === 'no' ? (
                  <p className="yw-muted">问题未解决，我们会重新办理（记为不满意）。</p>
                ) : (
                  <Selector columns={3} value={rating ? [rating] : []} onChange={(v) => setRating(v[0])} options={Object.entries(RATING_NAMES).map(([value, label]) => ({ value, label }))} />
                )}
              </>
            ) : null}
          </>
        ) : null}
        {action === 'rateOnBehalf' ? (
          <>
            <h2 className="yw-question">回访方式</h2>
            <Selector columns={2} value={[via]} onChange={(v) => v[0] && setVia(v[0])} options={Object.entries(VIA_NAMES).map(([value, label]) => ({ value, label }))} />
            <h2 className="yw-question" style={{ marginTop: 20 }}>
              群众的评价
            </h2>
            <Selector columns={3} value={rating ? [rating] : []} onChange={(v) => setRating(v[0])} options={Object.entries(RATING_NAMES).map(([value, label]) => ({ value, label }))} />
          </>
        ) : null}
        {action === 'requestExtension' ? (
          <>
            <h2 className="yw-question">延长几个工作日？</h2>
            <Stepper min={1} max={10} value={days} onChange={setDays} style={{ '--height': '44px', '--input-width': '64px' } as React.CSSProperties} aria-label="延长工作日" />
          </>
        ) : null}
        {action !== 'rate' || solved ? (
          <>
            <h2 className="yw-question" style={{ marginTop: action === 'rate' || action === 'rateOnBehalf' || action === 'requestExtension' ? 24 : 8 }}>
              {label}
            </h2>
            <TextAreaField label={label} hideLabel value={text} onChange={setText} placeholder={placeholder} rows={4} maxLength={1000} showCount style={field} />
          </>
        ) : null}
        {action === 'resolveOnSpot' || action === 'resolve' || action === 'verifyFail' || action === 'assistNote' ? (
          <>
            <h2 className="yw-question" style={{ marginTop: 20 }}>
              现场照片{action === 'resolveOnSpot' ? '（至少一张）' : '（可不拍）'}
            </h2>
            <PhotoPicker onChange={setPhotos} />
          </>
        ) : null}
      </section>
      <div className="yw-sticky">
        <Button color="primary" size="large" className="yw-primary" loading={act.isPending} onClick={submit}>
          {action === 'rate' ? '提交评价' : `确认${ACTION_NAMES[action]}`}
        </Button>
      </div>
    </>
  )
}

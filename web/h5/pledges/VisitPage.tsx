/** 记录走访 on one screen: the day (today unless changed), what was found (one tap), one sentence, an optional note. */
import { useId, useState } from 'react'
import { Button } from 'antd-mobile'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate, useParams } from 'react-router'
import type { Pledge, PledgeVisit } from '#contracts/pledges'
import { VISIT_SITUATIONS, VISIT_SITUATION_NAMES, type VisitSituation } from '#contracts/pledge-names'
import { errorText, get, post } from '../../shared/api'
import { LoadError, Loading, Page } from '../shell/Page'
import { TextAreaField } from '../ui/Field'
import { toast } from '../ui/toast'

/** Today in Shanghai, YYYY-MM-DD. */
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)

export default function VisitPage() {
  const { id } = useParams()
  const navigate = useNavigate()
  const client = useQueryClient()
  const q = useQuery({ queryKey: ['pledges', id], queryFn: ({ signal }) => get<Pledge>(`/pledges/${id}`, undefined, signal) })
  const [day, setDay] = useState(today())
  const [situation, setSituation] = useState<VisitSituation>('normal')
  const [finding, setFinding] = useState('')
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const dateId = useId()
  const submit = async () => {
    const text = finding.trim() || (situation === 'normal' ? VISIT_SITUATION_NAMES.normal : '')
    if (!text) return void toast('请用一句话写下了解到的情况', 'fail')
    setBusy(true)
    try {
      await post<PledgeVisit>(`/pledges/${id}/visits`, { visitedOn: day, situation, finding: text, ...(note.trim() ? { note: note.trim() } : {}) })
      void client.invalidateQueries({ queryKey: ['pledges'] })
      toast('走访已记录', 'success')
      navigate('/pledges', { replace: true })
    } catch (e) {
      toast(errorText(e), 'fail')
    } finally {
      setBusy(false)
    }
  }
  const h = q.data?.household
  return (
    <Page title="记录走访">
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <section className="yw-section">
          <h2 style={{ fontSize: 'var(--adm-font-size-9)', margin: '0 0 4px' }}>{h?.buildingName ? `${h.buildingName} ${h.room ?? ''}` : h?.address}</h2>
          <p className="yw-muted" style={{ margin: '0 0 12px' }}>上次走访：{q.data.lastVisitedOn ?? '—'}</p>
          <label htmlFor={dateId} className="yw-label">
            走访日期
          </label>
          <input
            id={dateId}
            type="date"
            value={day}
            max={today()}
            onChange={(e) => setDay(e.target.value)}
            style={{ width: '100%', minHeight: 'var(--yw-target)', font: 'inherit', border: '1px solid #d9d9d9', borderRadius: 8, padding: '8px 12px', boxSizing: 'border-box', background: '#fff' }}
          />
          <div className="yw-label" id="situation-label" style={{ marginTop: 12 }}>
            走访情况
          </div>
          <div role="radiogroup" aria-labelledby="situation-label" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
            {VISIT_SITUATIONS.map((s) => (
              <button
                key={s}
                type="button"
                role="radio"
                aria-checked={situation === s}
                onClick={() => setSituation(s)}
                style={{
                  minHeight: 'var(--yw-target)',
                  borderRadius: 8,
                  font: 'inherit',
                  border: situation === s ? '2px solid var(--adm-color-primary)' : '1px solid #d9d9d9',
                  background: situation === s ? '#e6f4ff' : '#fff',
                  color: 'var(--adm-color-text)',
                }}
              >
                {VISIT_SITUATION_NAMES[s]}
              </button>
            ))}
          </div>
          <div style={{ marginTop: 12 }}>
            <TextAreaField label="了解到的情况" placeholder={situation === 'normal' ? '可不填，默认"一切正常"' : '例如：独居老人希望有人帮忙代购药品'} value={finding} onChange={setFinding} maxLength={500} rows={3} />
          </div>
          <div style={{ marginTop: 12 }}>
            <TextAreaField label="备注（可不填）" value={note} onChange={setNote} maxLength={500} rows={2} />
          </div>
          <Button block color="primary" size="large" className="yw-primary" style={{ marginTop: 16 }} loading={busy} onClick={() => void submit()}>
            提交走访记录
          </Button>
        </section>
      )}
    </Page>
  )
}

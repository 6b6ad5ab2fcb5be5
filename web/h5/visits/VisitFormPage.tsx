/**
 * 记录走访 on one screen, for a tired worker: who it is, who was seen (the household's members), what it was like
 * (three big buttons), a note; when a problem was found, one tap turns it into an appeal (转为诉求, prefilled from
 * the note) or a need (登记需求); optional register changes; one big 提交. The result shows the appeal's number.
 */
import { useId, useState } from 'react'
import { Button, Result, Switch } from 'antd-mobile'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useSearchParams } from 'react-router'
import type { RegisterUpdateOption, Visit, VisitSubject } from '#contracts/visits'
import { VISIT_METHOD_NAMES, VISIT_OUTCOME_NAMES } from '#contracts/ledger-names'
import { NEED_CATEGORIES, NEED_CATEGORY_NAMES, type NeedCategory } from '#contracts/lists-workflow'
import { errorText, get, post } from '../../shared/api'
import { LoadError, Loading, Page } from '../shell/Page'
import { TextAreaField, TextField } from '../ui/Field'
import { toast } from '../ui/toast'

type Outcome = keyof typeof VISIT_OUTCOME_NAMES
type Method = keyof typeof VISIT_METHOD_NAMES
const OUTCOMES: { key: Outcome; color: string }[] = [
  { key: 'normal', color: 'var(--adm-color-success)' },
  { key: 'problem', color: 'var(--adm-color-danger)' },
  { key: 'absent', color: 'var(--adm-color-text-secondary)' },
]

const chip = (on: boolean, big = false) => ({
  minHeight: big ? '3.5rem' : 'var(--yw-target)',
  borderRadius: 10,
  font: 'inherit',
  fontWeight: big ? 600 : 400,
  padding: '6px 12px',
  border: on ? '2px solid var(--adm-color-primary)' : '1px solid #d9d9d9',
  background: on ? '#fff1f0' : '#fff',
  color: 'var(--adm-color-text)',
})

export default function VisitFormPage() {
  const [params] = useSearchParams()
  const subjectType = params.get('subjectType') ?? 'resident'
  const subjectId = params.get('subjectId') ?? ''
  const kind = params.get('kind') ?? undefined
  const campaignId = params.get('campaignId') ?? undefined
  const navigate = useNavigate()
  const client = useQueryClient()
  const subject = useQuery({
    queryKey: ['visits', 'subject', subjectType, subjectId],
    queryFn: ({ signal }) => get<VisitSubject>(`/visits/subjects/${subjectType}/${subjectId}`, undefined, signal),
  })
  const updates = useQuery({ queryKey: ['visits', 'register-updates', subjectType], queryFn: ({ signal }) => get<RegisterUpdateOption[]>('/visits/register-updates', { subjectType }, signal) })
  const [seen, setSeen] = useState<Set<string> | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [method, setMethod] = useState<Method>('door')
  const [notes, setNotes] = useState('')
  const [toAppeal, setToAppeal] = useState(false)
  const [appealText, setAppealText] = useState('')
  const [toNeed, setToNeed] = useState(false)
  const [needCategory, setNeedCategory] = useState<NeedCategory>('eldercare')
  const [changes, setChanges] = useState<Record<string, Record<string, string>>>({})
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<Visit | null>(null)
  const outcomeLabel = useId()

  const s = subject.data
  // the person visited is ticked as seen until the worker says otherwise
  const seenNow = seen ?? new Set(s?.members.filter((m) => m.isSubject).map((m) => m.id) ?? [])
  const toggleSeen = (id: string) => {
    const next = new Set(seenNow)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    setSeen(next)
  }

  const submit = async () => {
    if (!outcome) return void toast('请选择走访结果', 'fail')
    if (toAppeal && !appealText.trim()) return void toast('请写下要反映的问题', 'fail')
    setBusy(true)
    try {
      const problem = outcome === 'problem'
      const v = await post<Visit>('/visits', {
        subjectType,
        subjectId,
        ...(kind && !campaignId ? { subjectKind: kind } : {}),
        ...(campaignId ? { campaignId } : {}),
        method,
        seenResidentIds: outcome === 'absent' ? [] : [...seenNow],
        outcome,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        ...(problem && (toAppeal || toNeed)
          ? { raise: { ...(toAppeal ? { appeal: { description: appealText.trim() } } : {}), ...(toNeed ? { need: { category: needCategory } } : {}) } }
          : {}),
        ...(Object.keys(changes).length ? { registerChanges: Object.entries(changes).map(([k, payload]) => ({ kind: k, payload })) } : {}),
      })
      void client.invalidateQueries({ queryKey: ['visits'] })
      setDone(v)
    } catch (e) {
      toast(errorText(e), 'fail')
    } finally {
      setBusy(false)
    }
  }

  if (done) {
    return (
      <Page title="走访已记录">
        <Result
          status="success"
          title="走访已记录"
          description={done.appeal ? `已转为诉求，编号 ${done.appeal.number}` : done.needId ? '已登记需求' : `${done.subjectName} · ${done.outcomeName}`}
        />
        <section className="yw-section" style={{ display: 'grid', gap: 12 }}>
          {done.appeal ? (
            <Button size="large" onClick={() => navigate(`/appeals/${done.appeal!.id}`)}>
              查看诉求 {done.appeal.number}
            </Button>
          ) : null}
          <Button color="primary" size="large" className="yw-primary" onClick={() => navigate(campaignId ? `/visits?tab=c${campaignId}` : '/visits', { replace: true })}>
            返回走访清单
          </Button>
        </section>
      </Page>
    )
  }

  return (
    <Page title="记录走访">
      {subject.isPending ? (
        <Loading />
      ) : subject.isError ? (
        <LoadError error={subject.error} onRetry={() => void subject.refetch()} />
      ) : (
        <>
          <section className="yw-section">
            <h2 style={{ fontSize: 'var(--adm-font-size-10)', margin: '0 0 4px' }}>{s!.name}</h2>
            {/* a household's name is its address: not twice */}
            {s!.address && s!.address !== s!.name ? (
              <p className="yw-muted" style={{ margin: 0 }}>
                {s!.address}
              </p>
            ) : null}
            <p className="yw-muted" style={{ margin: '4px 0 0' }}>
              {s!.kinds.map((k) => k.name).join('、') || '走访'} · 上次走访：{s!.lastVisitedAt ? s!.lastVisitedAt.slice(0, 10) : '未走访'}
            </p>
          </section>

          <section className="yw-section">
            <div className="yw-label" id={outcomeLabel}>
              走访结果
            </div>
            <div role="radiogroup" aria-labelledby={outcomeLabel} style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 8 }}>
              {OUTCOMES.map((o) => (
                <button key={o.key} type="button" role="radio" aria-checked={outcome === o.key} onClick={() => setOutcome(o.key)} style={{ ...chip(outcome === o.key, true), color: o.color }}>
                  {VISIT_OUTCOME_NAMES[o.key]}
                </button>
              ))}
            </div>
            {s!.members.length && outcome !== 'absent' ? (
              <>
                <div className="yw-label" style={{ marginTop: 16 }}>
                  见到的人
                </div>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
                  {s!.members.map((m) => (
                    <button key={m.id} type="button" aria-pressed={seenNow.has(m.id)} onClick={() => toggleSeen(m.id)} style={chip(seenNow.has(m.id))}>
                      {seenNow.has(m.id) ? '✓ ' : ''}
                      {m.name}
                      {m.age !== null ? `（${m.age}岁）` : ''}
                    </button>
                  ))}
                </div>
              </>
            ) : null}
            <div className="yw-label" style={{ marginTop: 16 }}>
              走访方式
            </div>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
              {(Object.keys(VISIT_METHOD_NAMES) as Method[]).map((m) => (
                <button key={m} type="button" aria-pressed={method === m} onClick={() => setMethod(m)} style={chip(method === m)}>
                  {VISIT_METHOD_NAMES[m]}
                </button>
              ))}
            </div>
            <div style={{ marginTop: 16 }}>
              <TextAreaField label="走访情况（可不填）" placeholder="例如：老人身体尚可，家中燃气灶老化" value={notes} onChange={setNotes} maxLength={2000} rows={3} />
            </div>
          </section>

          {outcome === 'problem' ? (
            <section className="yw-section" aria-label="发现问题的处理">
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', minHeight: 'var(--yw-target)' }}>
                <span style={{ fontWeight: 600 }} id="to-appeal">
                  转为诉求
                </span>
                <Switch
                  aria-labelledby="to-appeal"
                  checked={toAppeal}
                  onChange={(on) => {
                    setToAppeal(on)
                    if (on && !appealText) setAppealText(notes)
                  }}
                />
              </div>
              {toAppeal ? <TextAreaField label="诉求描述" value={appealText} onChange={setAppealText} maxLength={2000} rows={3} /> : null}
              <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', minHeight: 'var(--yw-target)', marginTop: 8 }}>
                <span style={{ fontWeight: 600 }} id="to-need">
                  登记需求
                </span>
                <Switch aria-labelledby="to-need" checked={toNeed} onChange={setToNeed} />
              </div>
              {toNeed ? (
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} role="radiogroup" aria-label="需求类别">
                  {NEED_CATEGORIES.map((c) => (
                    <button key={c} type="button" role="radio" aria-checked={needCategory === c} onClick={() => setNeedCategory(c)} style={chip(needCategory === c)}>
                      {NEED_CATEGORY_NAMES[c]}
                    </button>
                  ))}
                </div>
              ) : null}
            </section>
          ) : null}

          {updates.data?.length ? (
            <section className="yw-section" aria-label="台账变更">
              <div className="yw-label">台账变更（可不填）</div>
              {updates.data.map((u) => {
                const on = changes[u.kind] !== undefined
                return (
                  <div key={u.kind} style={{ marginTop: 8 }}>
                    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', minHeight: 'var(--yw-target)' }}>
                      <span id={`change-${u.kind}`}>{u.title}</span>
                      <Switch
                        aria-labelledby={`change-${u.kind}`}
                        checked={on}
                        onChange={(v) =>
                          setChanges((prev) => {
                            const next = { ...prev }
                            if (v) next[u.kind] = {}
                            else delete next[u.kind]
                            return next
                          })
                        }
                      />
                    </div>
                    {on
                      ? u.fields.map((f) => (
                          <TextField
                            key={f.key}
                            label={`${f.label}${f.required ? '' : '（可不填）'}`}
                            type={f.type === 'date' ? 'date' : 'text'}
                            value={changes[u.kind]?.[f.key] ?? ''}
                            onChange={(v) => setChanges((prev) => ({ ...prev, [u.kind]: { ...prev[u.kind], [f.key]: v } }))}
                          />
                        ))
                      : null}
                  </div>
                )
              })}
            </section>
          ) : null}

          <div style={{ margin: '16px 12px 24px' }}>
            <Button block color="primary" size="large" className="yw-primary" loading={busy} onClick={() => void submit()}>
              提交
            </Button>
            <p className="yw-muted" style={{ textAlign: 'center' }}>
              <Link to="/visits">返回走访清单</Link>
            </p>
          </div>
        </>
      )}
    </Page>
  )
}

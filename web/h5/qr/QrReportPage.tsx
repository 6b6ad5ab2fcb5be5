/**
 * 扫码反映: opened from a grid's QR poster, no account needed. The grid is filled in from the code;
 * the person picks what kind of problem, says what happened, and verifies a phone for the follow-up.
 */
import { useState } from 'react'
import { toast } from '../ui/toast'
import { Button, Checkbox, ProgressBar, Result } from 'antd-mobile'
import { TextField, TextAreaField } from '../ui/Field'
import { useQuery } from '@tanstack/react-query'
import { Link, useParams } from 'react-router'
import type { QrGrid, QrReportResult } from '#contracts/qr-report'
import { errorText, get, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { PHONE_PATTERN } from '../../shared/password'
import { CategoryTiles } from '../report/ReportWizard'
import { CodeField } from '../ui/CodeField'
import { LoadError, Loading, Page } from '../shell/Page'

const STEPS = ['what', 'describe', 'phone'] as const

export default function QrReportPage() {
  const { grid } = useParams()
  const q = useQuery({ queryKey: ['qr', grid], queryFn: ({ signal }) => get<QrGrid>(`/qr/grids/${grid}`, undefined, signal) })
  const [step, setStep] = useState(0)
  const [category, setCategory] = useState<string>()
  const [description, setDescription] = useState('')
  const [address, setAddress] = useState('')
  const [name, setName] = useState('')
  const [urgent, setUrgent] = useState(false)
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<QrReportResult | null>(null)
  if (q.isPending) return <Page title="扫码反映" back={false}><Loading /></Page>
  if (q.isError) return <Page title="扫码反映" back={false}><LoadError error={q.error} onRetry={() => void q.refetch()} /></Page>
  const g = q.data
  if (done) {
    return (
      <Page title="提交成功" back={false}>
        <Result status="success" title="已收到您的反映" description={`编号 ${done.number}`} />
        <div className="yw-section">
          <p style={{ marginTop: 0 }}>
            <strong>{done.place}</strong>的网格员将在 <strong>{formatTime(done.responseDueAt)}</strong> 前受理，办结后会电话或上门回访您。
          </p>
          <p className="yw-muted">想随时看进度？用这个手机号验证码登录“一网”即可看到这件诉求。</p>
          <Link to="/login">用手机号登录查看进度</Link>
        </div>
      </Page>
    )
  }
  const current = STEPS[step]!
  const next = async () => {
    if (current === 'what' && !category) return void toast('请选择问题类别', 'fail')
    if (current === 'describe' && description.trim().length < 5) return void toast('请用一两句话描述问题（至少 5 个字）', 'fail')
    if (current !== 'phone') return setStep(step + 1)
    if (!PHONE_PATTERN.test(phone)) return void toast('请输入 11 位手机号', 'fail')
    if (!/^[0-9]{6}$/.test(code)) return void toast('请输入 6 位验证码', 'fail')
    setBusy(true)
    try {
      setDone(
        await post<QrReportResult>(`/qr/grids/${g.code}/appeals`, {
          phone,
          code,
          categoryCode: category,
          description: description.trim(),
          ...(name.trim() ? { contactName: name.trim() } : {}),
          ...(address.trim() ? { address: address.trim() } : {}),
          ...(urgent ? { isUrgent: true } : {}),
        }),
      )
    } catch (e) {
      toast(errorText(e), 'fail', 3000)
    } finally {
      setBusy(false)
    }
  }
  const field = { border: '1px solid #d9d9d9', borderRadius: 8, padding: '10px 12px', background: '#fff' }
  return (
    <Page title="扫码反映" back={step > 0} onBack={() => setStep(step - 1)}>
      <div className="yw-hero" style={{ padding: '14px 16px 18px' }}>
        <h2 style={{ margin: 0, fontSize: '1.25rem' }}>
          {g.communityName}
          {g.name}
        </h2>
        <p>
          网格编码 {g.code}
          {g.team.length ? ` · ${g.team.filter((m) => m.role !== 'householdLeader').map((m) => `${m.roleName}${m.name}`).join('、')}` : ''}
        </p>
      </div>
      <ProgressBar percent={((step + 1) / STEPS.length) * 100} style={{ '--track-width': '4px' }} />
      <div className="yw-section" style={{ minHeight: '45vh' }}>
        {current === 'what' ? (
          <>
            <h2 className="yw-question">遇到了什么问题？</h2>
            <CategoryTiles tree={g.categories} value={category} onChange={setCategory} />
          </>
        ) : null}
        {current === 'describe' ? (
          <>
            <h2 className="yw-question">请简单说说情况</h2>
            <TextAreaField label="问题描述" hideLabel value={description} onChange={setDescription} rows={5} maxLength={2000} showCount placeholder="例如：5 栋门口路灯坏了好几天" style={field} />
            <TextField label="具体位置" hideLabel value={address} onChange={setAddress} maxLength={200} placeholder="具体位置（可不填）" style={{ ...field, marginTop: 12 }} />
            <div style={{ marginTop: 12 }}>
              <Checkbox checked={urgent} onChange={setUrgent}>
                情况紧急（有人被困、危及安全等）
              </Checkbox>
            </div>
          </>
        ) : null}
        {current === 'phone' ? (
          <>
            <h2 className="yw-question">留个电话，办结后回访您</h2>
            <TextField label="称呼" hideLabel value={name} onChange={setName} maxLength={50} placeholder="怎么称呼您（可不填）" style={{ ...field, marginBottom: 14 }} />
            <CodeField phone={phone} onPhone={setPhone} code={code} onCode={setCode} purpose="report" />
            <p className="yw-muted">手机号加密保存，只用于回访联系，不会公开。</p>
          </>
        ) : null}
      </div>
      <div className="yw-sticky">
        <Button color="primary" size="large" className="yw-primary" loading={busy} onClick={() => void next()}>
          {current === 'phone' ? '提交' : '下一步'}
        </Button>
      </div>
    </Page>
  )
}

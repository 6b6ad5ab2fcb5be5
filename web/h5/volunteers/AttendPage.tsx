/** 现场签到 / 签退: the person types (or opens, by scanning the QR code at the venue) the activity's 6-digit code. */
import { useState, type CSSProperties } from 'react'
import { Button, Input, Result } from 'antd-mobile'
import { useMutation } from '@tanstack/react-query'
import { useNavigate, useSearchParams } from 'react-router'
import type { Signup } from '#contracts/volunteers'
import { errorText, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { Page } from '../shell/Page'

export default function AttendPage() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const [code, setCode] = useState(params.get('code')?.replace(/\D/g, '').slice(0, 6) ?? '')
  const attend = useMutation({
    mutationFn: (action: 'checkIn' | 'checkOut') => post<Signup>('/volunteers/attendance', { code, action }),
    meta: { silent: true },
  })
  const done = attend.data
  return (
    <Page title="现场签到">
      {done ? (
        <Result
          status="success"
          title={done.status === 'completed' ? '签退成功' : '签到成功'}
          description={
            done.status === 'completed'
              ? `签退时间 ${formatTime(done.checkedOutAt)}，本次服务计 ${done.hours ?? 0} 小时`
              : `签到时间 ${formatTime(done.checkedInAt)}，活动结束时请再次输入签到码签退`
          }
        />
      ) : (
        <section className="yw-section">
          <label htmlFor="attend-code" className="yw-title" style={{ display: 'block' }}>
            输入活动现场的 6 位签到码
          </label>
          <Input
            id="attend-code"
            value={code}
            onChange={(v) => setCode(v.replace(/\D/g, '').slice(0, 6))}
            inputMode="numeric"
            autoComplete="one-time-code"
            placeholder="例如 123456"
            style={{ '--font-size': '2rem', letterSpacing: 8, textAlign: 'center' } as CSSProperties}
          />
          <p className="yw-muted">用手机相机扫描现场的二维码，也会打开本页并填好签到码。</p>
          {attend.error ? (
            <p role="alert" style={{ color: 'var(--adm-color-danger)' }}>
              {errorText(attend.error)}
            </p>
          ) : null}
          <div style={{ display: 'grid', gap: 12, marginTop: 12 }}>
            <Button block color="primary" size="large" className="yw-primary" disabled={code.length !== 6} loading={attend.isPending && attend.variables === 'checkIn'} onClick={() => attend.mutate('checkIn')}>
              签到
            </Button>
            <Button block size="large" disabled={code.length !== 6} loading={attend.isPending && attend.variables === 'checkOut'} onClick={() => attend.mutate('checkOut')}>
              签退
            </Button>
          </div>
        </section>
      )}
      <div style={{ margin: 12 }}>
        <Button block size="large" onClick={() => navigate('/volunteers?tab=mine')}>
          我的活动
        </Button>
      </div>
    </Page>
  )
}

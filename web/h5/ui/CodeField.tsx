/** Phone number + "获取验证码" with a countdown; in demo mode the code the server returned is shown. */
import { Button, Input } from 'antd-mobile'
import { toast } from './toast'
import { useEffect, useState } from 'react'
import type { CodePurpose, SendCodeResponse } from '#contracts/signup'
import { errorText, post } from '../../shared/api'
import { PHONE_PATTERN } from '../../shared/password'

export function CodeField({ phone, onPhone, code, onCode, purpose }: { phone: string; onPhone: (v: string) => void; code: string; onCode: (v: string) => void; purpose: CodePurpose }) {
  const [wait, setWait] = useState(0)
  const [sending, setSending] = useState(false)
  const [demo, setDemo] = useState<string | null>(null)
  const [sentTo, setSentTo] = useState<string | null>(null)
  useEffect(() => {
    if (wait <= 0) return
    const t = setTimeout(() => setWait(wait - 1), 1000)
    return () => clearTimeout(t)
  }, [wait])
  const send = async () => {
    if (!PHONE_PATTERN.test(phone)) return void toast('请输入 11 位手机号', 'fail')
    setSending(true)
    try {
      const r = await post<SendCodeResponse>('/signup/code', { phone, purpose })
      setWait(r.resendAfterSeconds)
      setDemo(r.demoCode ?? null)
      setSentTo(r.sentTo)
    } catch (e) {
      toast(errorText(e), 'fail')
    } finally {
      setSending(false)
    }
  }
  return (
    <div>
      <label htmlFor="yw-phone" style={{ display: 'block', fontWeight: 600, marginBottom: 6 }}>
        手机号
      </label>
      <Input id="yw-phone" type="tel" inputMode="numeric" maxLength={11} placeholder="11 位手机号" value={phone} onChange={onPhone} clearable style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: '10px 12px' }} />
      <label htmlFor="yw-code" style={{ display: 'block', fontWeight: 600, margin: '14px 0 6px' }}>
        验证码
      </label>
      <div style={{ display: 'flex', gap: 8 }}>
        <Input id="yw-code" inputMode="numeric" maxLength={6} placeholder="6 位验证码" value={code} onChange={onCode} autoComplete="one-time-code" style={{ flex: 1, border: '1px solid #d9d9d9', borderRadius: 8, padding: '10px 12px' }} />
        <Button color="primary" fill="outline" onClick={send} loading={sending} disabled={wait > 0} style={{ minWidth: 128 }}>
          {wait > 0 ? `${wait} 秒后重发` : '获取验证码'}
        </Button>
      </div>
      {sentTo ? (
        <p className="yw-muted" style={{ margin: '8px 0 0' }} role="status">
          验证码已发送至 {sentTo}，5 分钟内有效。
        </p>
      ) : null}
      {demo ? (
        <p style={{ margin: '8px 0 0', background: '#fffbe6', padding: '8px 12px', borderRadius: 8 }} role="status">
          演示环境不发短信，验证码：<span className="yw-code" data-testid="demo-code">{demo}</span>
        </p>
      ) : null}
    </div>
  )
}

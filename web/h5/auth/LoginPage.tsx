/**
 * 登录: residents with a code to their phone; staff (网格员、物业、党员…) with their account, and the
 * authenticator's code when the account has 两步验证 (enrolling one is a console page).
 */
import { useState } from 'react'
import { toast } from '../ui/toast'
import { Button, Input, NoticeBar, Tabs } from 'antd-mobile'
import { useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useSearchParams } from 'react-router'
import type { Me } from '#contracts/auth'
import { PHONE_PATTERN } from '../../shared/password'
import { ApiError, errorText, post } from '../../shared/api'
import { ME_KEY, login, loginWithCode, mustEnrolMfa, safeNext, takeLoginMessage } from '../../shared/session'
import { CodeField } from '../ui/CodeField'
import { usePageTitle } from '../shell/Page'

export default function LoginPage() {
  usePageTitle('登录')
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const client = useQueryClient()
  const [notice] = useState(() => takeLoginMessage())
  const [tab, setTab] = useState(params.get('staff') ? 'staff' : 'resident')
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [challenge, setChallenge] = useState<string | null>(null)
  const [otp, setOtp] = useState('')
  const done = (me: Me) => {
    if (me.mustChangePassword) return void (location.href = '/password?expired=1')
    if (mustEnrolMfa(me)) return void (location.href = '/mfa?required=1')
    navigate(safeNext(params.get('next'), '/'), { replace: true })
  }
  const residentLogin = async () => {
    if (!PHONE_PATTERN.test(phone)) return void toast('请输入 11 位手机号', 'fail')
    if (!/^[0-9]{6}$/.test(code)) return void toast('请输入 6 位验证码', 'fail')
    setBusy(true)
    try {
      const r = await post<{ user: Me }>('/signup/login', { phone, code })
      client.clear()
      client.setQueryData(ME_KEY, r.user)
      done(r.user)
    } catch (e) {
      toast(errorText(e), 'fail', 3000)
    } finally {
      setBusy(false)
    }
  }
  const staffLogin = async () => {
    if (!username.trim() || !password) return void toast('请输入用户名和密码', 'fail')
    setBusy(true)
    try {
      const step = await login(client, username, password)
      if ('challenge' in step) setChallenge(step.challenge)
      else done(step.me)
    } catch (e) {
      toast(errorText(e), 'fail', 3000)
    } finally {
      setBusy(false)
    }
  }
  const codeLogin = async () => {
    if (!otp.trim()) return void toast('请输入动态验证码或恢复码', 'fail')
    setBusy(true)
    try {
      done(await loginWithCode(client, challenge!, otp))
    } catch (e) {
      toast(errorText(e), 'fail', 3000)
      if (e instanceof ApiError && (e.code === 'MFA_CHALLENGE_EXPIRED' || e.code === 'ACCOUNT_LOCKED')) setChallenge(null)
    } finally {
      setBusy(false)
    }
  }
  return (
    <main>
      <div className="yw-hero">
        <h1>一网 · 随手反映</h1>
        <p>身边的难事，一键告诉网格员</p>
      </div>
      {notice ? <NoticeBar content={notice} color="alert" wrap /> : null}
      <div className="yw-section">
        <Tabs activeKey={tab} onChange={setTab}>
          <Tabs.Tab title="居民登录" key="resident">
            <div style={{ paddingTop: 8 }}>
              <CodeField phone={phone} onPhone={setPhone} code={code} onCode={setCode} purpose="login" />
              <Button block color="primary" size="large" className="yw-primary" style={{ marginTop: 20 }} loading={busy} onClick={residentLogin}>
                登录
              </Button>
              <p style={{ textAlign: 'center', marginTop: 16 }}>
                还没有账号？<Link to="/signup">用手机号注册</Link>
              </p>
            </div>
          </Tabs.Tab>
          <Tabs.Tab title="工作人员" key="staff">
            {challenge ? (
              <div style={{ paddingTop: 8 }}>
                <p style={{ marginTop: 0 }}>您的账号已启用两步验证，请输入手机验证器上的 6 位动态验证码（也可输入一个恢复码）。</p>
                <label htmlFor="yw-otp" style={{ display: 'block', fontWeight: 600, marginBottom: 6 }}>
                  动态验证码
                </label>
                <Input id="yw-otp" value={otp} onChange={setOtp} autoComplete="one-time-code" placeholder="6 位数字或恢复码" style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: '10px 12px' }} onEnterPress={codeLogin} />
                <Button block color="primary" size="large" className="yw-primary" style={{ marginTop: 20 }} loading={busy} onClick={codeLogin}>
                  验证并登录
                </Button>
                <Button block fill="none" style={{ marginTop: 8 }} onClick={() => setChallenge(null)}>
                  返回重新登录
                </Button>
              </div>
            ) : (
            <div style={{ paddingTop: 8 }}>
              <label htmlFor="yw-username" style={{ display: 'block', fontWeight: 600, marginBottom: 6 }}>
                用户名
              </label>
              <Input id="yw-username" value={username} onChange={setUsername} autoComplete="username" placeholder="网格员、物业、党员等的账号" style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: '10px 12px' }} />
              <label htmlFor="yw-password" style={{ display: 'block', fontWeight: 600, margin: '14px 0 6px' }}>
                密码
              </label>
              <Input id="yw-password" type="password" value={password} onChange={setPassword} autoComplete="current-password" style={{ border: '1px solid #d9d9d9', borderRadius: 8, padding: '10px 12px' }} onEnterPress={staffLogin} />
              <Button block color="primary" size="large" className="yw-primary" style={{ marginTop: 20 }} loading={busy} onClick={staffLogin}>
                登录
              </Button>
              <p className="yw-muted" style={{ fontSize: 'var(--adm-font-size-6)' }}>
                连续 5 次密码错误将锁定 5 分钟；10 分钟无操作自动退出。
              </p>
            </div>
            )}
          </Tabs.Tab>
        </Tabs>
      </div>
    </main>
  )
}

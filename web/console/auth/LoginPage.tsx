/**
 * 登录: username and password; for an account with 两步验证 a second step asks for the authenticator's
 * code (or a recovery code). The server's lockout and idle-logout messages are shown as written.
 */
import { useState } from 'react'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { ApiError, errorText } from '../../shared/api'
import type { Me } from '#contracts/auth'
import { login, loginWithCode, mustEnrolMfa, safeNext, takeLoginMessage } from '../../shared/session'
import { usePageTitle } from '../shell/usePageTitle'

export default function LoginPage() {
  usePageTitle('登录')
  const client = useQueryClient()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [notice] = useState(() => takeLoginMessage())
  const [challenge, setChallenge] = useState<string | null>(null)
  const [useRecovery, setUseRecovery] = useState(false)
  const signedIn = (me: Me) => {
    if (me.role === 'resident') return void (location.href = '/h5/')
    if (me.mustChangePassword) return navigate('/password?expired=1', { replace: true })
    if (mustEnrolMfa(me)) return navigate('/mfa?required=1', { replace: true })
    navigate(safeNext(params.get('next'), '/'), { replace: true })
  }
  const m = useMutation({
    mutationFn: (v: { username: string; password: string }) => login(client, v.username.trim(), v.password),
    meta: { silent: true },
    onSuccess: (step) => ('challenge' in step ? setChallenge(step.challenge) : signedIn(step.me)),
  })
  const code = useMutation({
    mutationFn: (v: { code: string }) => loginWithCode(client, challenge!, v.code),
    meta: { silent: true },
    onSuccess: signedIn,
    onError: (e) => {
      // the challenge is over (timed out, or the account got locked): start again from the password
      if (e instanceof ApiError && (e.code === 'MFA_CHALLENGE_EXPIRED' || e.code === 'ACCOUNT_LOCKED')) setChallenge(null)
    },
  })
  const error = challenge ? code.error : (m.error ?? code.error)
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: 'linear-gradient(160deg,#8c0f14 0%,#b7141b 45%,#f5f5f5 45%)' }}>
      <div style={{ width: 400, maxWidth: 'calc(100vw - 32px)' }}>
        <div style={{ color: '#fff', textAlign: 'center', marginBottom: 24 }}>
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <h1 style={{ color: '#fff', fontSize: 26, margin: '8px 0 4px' }}>一网 · 基层治理工作台</h1>
          <div style={{ opacity: 0.9 }}>党建引领 · 网格统筹 · 接诉即办</div>
        </div>
        <Card>
          {notice && !error ? <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} /> : null}
          {error ? <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} role="alert" /> : null}
          {challenge ? (
            <Form key={useRecovery ? 'recovery' : 'totp'} layout="vertical" onFinish={(v) => code.mutate(v)} requiredMark={false} autoComplete="off">
              <Typography.Paragraph style={{ marginBottom: 16 }}>
                <SafetyOutlined style={{ color: '#b7141b', marginRight: 8 }} />
                {useRecovery ? '请输入一个未用过的恢复码（每个只能用一次）。' : '您的账号已启用两步验证，请输入手机验证器上显示的 6 位动态验证码。'}
              </Typography.Paragraph>
              {useRecovery ? (
                <Form.Item label="恢复码" name="code" rules={[{ required: true, message: '请输入恢复码' }]}>
                  <Input size="large" placeholder="XXXXX-XXXXX" autoFocus autoComplete="off" spellCheck={false} />
                </Form.Item>
              ) : (
                <Form.Item label="动态验证码" name="code" rules={[{ required: true, message: '请输入 6 位动态验证码' }, { pattern: /^\s*[0-9]{6}\s*$/, message: '动态验证码是 6 位数字' }]}>
                  <Input size="large" inputMode="numeric" maxLength={8} placeholder="6 位数字" autoFocus autoComplete="one-time-code" style={{ letterSpacing: 4 }} />
                </Form.Item>
              )}
              <Button type="primary" htmlType="submit" size="large" block loading={code.isPending}>
                验证并登录
              </Button>
              <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 12 }}>
                <Button type="link" style={{ padding: 0 }} onClick={() => setUseRecovery(!useRecovery)}>
                  {useRecovery ? '使用动态验证码' : '手机不在身边？使用恢复码'}
                </Button>
                <Button
                  type="link"
                  style={{ padding: 0 }}
                  onClick={() => {
                    setChallenge(null)
                    setUseRecovery(false)
                    code.reset()
                  }}
                >
                  返回重新登录
                </Button>
              </div>
            </Form>
          ) : (
          <Form layout="vertical" onFinish={(v) => m.mutate(v)} requiredMark={false} autoComplete="on">
            <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
              <Input prefix={<UserOutlined />} size="large" autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} size="large" autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={m.isPending}>
              登录
            </Button>
          </Form>
          )}
          <Typography.Paragraph className="yw-muted" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
            连续 5 次密码或验证码错误将锁定 5 分钟；10 分钟无操作自动退出。居民请使用<a href="/h5/">手机版</a>。
            <br />
            <Link to="/public">查看公开晒单</Link>
          </Typography.Paragraph>
        </Card>
      </div>
    </main>
  )
}

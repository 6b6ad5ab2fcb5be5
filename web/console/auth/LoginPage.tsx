/** 登录: username and password; the server's lockout and idle-logout messages shown as written. */
import { useState } from 'react'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { errorText } from '../../shared/api'
import { login, safeNext, takeLoginMessage } from '../../shared/session'
import { usePageTitle } from '../shell/usePageTitle'

export default function LoginPage() {
  usePageTitle('登录')
  const client = useQueryClient()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [notice] = useState(() => takeLoginMessage())
  const m = useMutation({
    mutationFn: (v: { username: string; password: string }) => login(client, v.username.trim(), v.password),
    meta: { silent: true },
    onSuccess: (me) => {
      if (me.role === 'resident') return void (location.href = '/h5/')
      if (me.mustChangePassword) return navigate('/password?expired=1', { replace: true })
      navigate(safeNext(params.get('next'), '/'), { replace: true })
    },
  })
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: 'linear-gradient(160deg,#8c0f14 0%,#b7141b 45%,#f5f5f5 45%)' }}>
      <div style={{ width: 400, maxWidth: 'calc(100vw - 32px)' }}>
        <div style={{ color: '#fff', textAlign: 'center', marginBottom: 24 }}>
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <h1 style={{ color: '#fff', fontSize: 26, margin: '8px 0 4px' }}>一网 · 基层治理工作台</h1>
          <div style={{ opacity: 0.9 }}>党建引领 · 网格统筹 · 接诉即办</div>
        </div>
        <Card>
          {notice && !m.error ? <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} /> : null}
          {m.error ? <Alert type="error" showIcon title={errorText(m.error)} style={{ marginBottom: 16 }} role="alert" /> : null}
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
          <Typography.Paragraph className="yw-muted" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
            连续 5 次密码错误将锁定 5 分钟；10 分钟无操作自动退出。居民请使用<a href="/h5/">手机版</a>。
            <br />
            <Link to="/public">查看公开晒单</Link>
          </Typography.Paragraph>
        </Card>
      </div>
    </main>
  )
}

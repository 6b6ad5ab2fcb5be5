/**
 * 两步验证: bind an authenticator app to one's own account — scan the QR code (or type the key), enter
 * the code it shows, then keep the ten recovery codes, which are shown this once (copy or download).
 * Accounts whose role requires it come here straight after logging in and can do nothing else first.
 */
import { useState } from 'react'
import { Alert, Button, Card, Form, Input, Result, Space, Steps, Typography } from 'antd'
import { CopyOutlined, DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate, useSearchParams } from 'react-router'
import type { MfaEnabled, MfaEnrolment, MfaStatus } from '#contracts/auth'
import { errorText, get, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { ME_KEY, useLogout, useMe } from '../../shared/session'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'

/** The key in groups of four, as people type it into an app. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim()

function downloadCodes(username: string, codes: string[]): void {
  const text = [`一网 · 两步验证恢复码（${username}）`, '每个恢复码只能使用一次。请妥善保管，不要与他人分享。', '', ...codes, ''].join('\r\n')
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = `一网恢复码-${username}.txt`
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export default function MfaPage() {
  usePageTitle('两步验证')
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const client = useQueryClient()
  const logout = useLogout()
  const me = useMe()
  const status = useQuery({ queryKey: ['auth', 'mfa'], queryFn: ({ signal }) => get<MfaStatus>('/auth/mfa', undefined, signal) })
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null)
  const [codes, setCodes] = useState<string[] | null>(null)
  const [copied, setCopied] = useState(false)
  const start = useMutation({ mutationFn: () => post<MfaEnrolment>('/auth/mfa/enrolment'), meta: { silent: true }, onSuccess: setEnrolment })
  const confirm = useMutation({
    mutationFn: (v: { code: string }) => post<MfaEnabled>('/auth/mfa/enrolment/confirm', { code: v.code.trim() }),
    meta: { silent: true },
    onSuccess: (r) => {
      setCodes(r.recoveryCodes)
      client.setQueryData(ME_KEY, r.user)
      void client.invalidateQueries({ queryKey: ['auth', 'mfa'] })
    },
  })
  const required = params.get('required') === '1'
  const username = me.data?.username ?? ''
  const leave = async () => {
    await logout()
    navigate('/login', { replace: true })
  }

  let body
  if (status.isPending) body = <PageLoading />
  else if (status.isError) body = <PageError error={status.error} onRetry={() => void status.refetch()} />
  else if (codes) {
    body = (
      <>
        <Steps current={2} size="small" style={{ marginBottom: 24 }} items={[{ title: '扫码绑定' }, { title: '输入验证码' }, { title: '保存恢复码' }]} />
        <Alert
          type="success"
          showIcon
          title="两步验证已启用。以后登录时，输入密码后还需输入验证器上的动态验证码。"
          style={{ marginBottom: 16 }}
        />
        <Typography.Paragraph>
          手机丢失或更换时，可用下面的<strong>恢复码</strong>登录，每个只能用一次。恢复码<strong>只显示这一次</strong>，请下载或抄写后妥善保管。
        </Typography.Paragraph>
        <ol className="yw-recovery-codes" aria-label="恢复码">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <Space wrap style={{ marginBottom: 16 }}>
          <Button icon={<DownloadOutlined />} onClick={() => downloadCodes(username, codes)}>
            下载恢复码
          </Button>
          <Button
            icon={<CopyOutlined />}
            onClick={() => void navigator.clipboard?.writeText(codes.join('\n')).then(() => setCopied(true))}
          >
            {copied ? '已复制' : '复制'}
          </Button>
        </Space>
        <Button type="primary" block onClick={() => navigate('/', { replace: true })}>
          我已保存恢复码，进入工作台
        </Button>
      </>
    )
  } else if (status.data.enabled) {
    body = (
      <Result
        status="success"
        icon={<SafetyCertificateOutlined />}
        title="两步验证已启用"
        subTitle={`启用于 ${formatTime(status.data.enabledAt)}；剩余恢复码 ${status.data.recoveryCodesLeft} 个。更换手机或恢复码用完时，请联系安全管理员重置后重新绑定。`}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            返回工作台
          </Button>
        }
      />
    )
  } else {
    body = (
      <>
        <Steps current={enrolment ? 1 : 0} size="small" style={{ marginBottom: 24 }} items={[{ title: '扫码绑定' }, { title: '输入验证码' }, { title: '保存恢复码' }]} />
        {required || status.data.required ? (
          <Alert type="warning" showIcon title="您的账号须启用两步验证，完成绑定后才能使用其他功能。" style={{ marginBottom: 16 }} />
        ) : null}
        {start.error || confirm.error ? <Alert type="error" showIcon role="alert" title={errorText(confirm.error ?? start.error)} style={{ marginBottom: 16 }} /> : null}
        <Typography.Paragraph>
          请在手机上安装验证器 App（如腾讯身份验证器、Microsoft Authenticator、Google Authenticator），用它扫描二维码；以后每次登录，除密码外还需输入 App 上显示的 6 位动态验证码。
        </Typography.Paragraph>
        {enrolment ? (
          <>
            <div style={{ display: 'flex', gap: 20, alignItems: 'center', marginBottom: 12 }}>
              <img
                src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
                alt="两步验证二维码：用验证器 App 扫描"
                width={184}
                height={184}
                style={{ border: '1px solid #f0f0f0', borderRadius: 8, flex: 'none' }}
              />
              <ol style={{ margin: 0, paddingLeft: 20, lineHeight: 1.9 }}>
                <li>打开验证器 App，选择“添加账号”或“扫描二维码”</li>
                <li>扫描左侧二维码，App 中会出现“一网：{username}”</li>
                <li>在下方输入 App 上当前显示的 6 位数字</li>
              </ol>
            </div>
            <div style={{ marginBottom: 16 }}>
              <span className="yw-muted">无法扫码时，在 App 中手动输入密钥：</span>
              <Typography.Text code copyable={{ text: enrolment.secret, tooltips: ['复制密钥', '已复制'] }} data-testid="mfa-secret" style={{ fontSize: 15, whiteSpace: 'nowrap' }}>
                {grouped(enrolment.secret)}
              </Typography.Text>
            </div>
            <Form layout="vertical" onFinish={(v) => confirm.mutate(v)} requiredMark={false} autoComplete="off">
              <Form.Item label="验证器上显示的 6 位数字" name="code" rules={[{ required: true, message: '请输入 6 位动态验证码' }, { pattern: /^\s*[0-9]{6}\s*$/, message: '动态验证码是 6 位数字' }]}>
                <Input size="large" inputMode="numeric" maxLength={8} autoComplete="one-time-code" placeholder="6 位数字" style={{ letterSpacing: 4 }} autoFocus />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={confirm.isPending}>
                验证并启用
              </Button>
            </Form>
          </>
        ) : (
          <Button type="primary" block size="large" loading={start.isPending} onClick={() => start.mutate()}>
            生成绑定二维码
          </Button>
        )}
      </>
    )
  }

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16 }}>
      <Card
        title={
          <h1 style={{ fontSize: 18, margin: 0 }}>
            <SafetyCertificateOutlined style={{ color: '#b7141b', marginRight: 8 }} />
            两步验证
          </h1>
        }
        extra={
          status.data && !status.data.enabled && !codes && (required || status.data.required) ? (
            <Button type="link" onClick={() => void leave()}>
              退出登录
            </Button>
          ) : !codes ? (
            <Button type="link" onClick={() => navigate(-1)}>
              返回
            </Button>
          ) : null
        }
        style={{ width: 560, maxWidth: '100%' }}
      >
        {body}
      </Card>
    </main>
  )
}

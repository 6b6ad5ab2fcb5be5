/** 修改密码 — forced when the server says the password is older than 90 days or was reset. */
import { Alert, Button, Card, Form, Input } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate, useSearchParams } from 'react-router'
import { errorText, post } from '../../shared/api'
import { ME_KEY, useMe } from '../../shared/session'
import { usePageTitle } from '../shell/usePageTitle'
import { passwordProblem } from '../../shared/password'

export default function ChangePasswordPage() {
  usePageTitle('修改密码')
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const client = useQueryClient()
  const forced = params.get('expired') === '1'
  const reason = useMe().data?.passwordChangeReason
  const m = useMutation({
    mutationFn: (v: { oldPassword: string; newPassword: string }) => post('/auth/password', v),
    meta: { silent: true },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ME_KEY })
      navigate('/', { replace: true })
    },
  })
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>修改密码</h1>} style={{ width: 440 }}>
        {forced ? (
          <Alert
            type="warning"
            showIcon
            title={reason === 'firstLogin' ? '首次登录或密码被重置后，请先设置您自己的密码。' : '密码已超过 90 天未修改，请先设置新密码。'}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {m.error ? <Alert type="error" showIcon role="alert" title={errorText(m.error)} style={{ marginBottom: 16 }} /> : null}
        <Form layout="vertical" onFinish={(v) => m.mutate({ oldPassword: v.oldPassword, newPassword: v.newPassword })}>
          <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="新密码"
            name="newPassword"
            extra="至少 8 位，包含大写字母、小写字母、数字、符号中的三类"
            rules={[{ required: true, message: '请输入新密码' }, { validator: async (_r, v: string) => { const p = v ? passwordProblem(v) : null; if (p) throw new Error(p) } }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="再次输入新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({ validator: async (_r, v) => { if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致') } }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={m.isPending}>
            确认修改
          </Button>
          {!forced ? (
            <Button type="link" block onClick={() => navigate(-1)} style={{ marginTop: 8 }}>
              返回
            </Button>
          ) : null}
        </Form>
      </Card>
    </main>
  )
}

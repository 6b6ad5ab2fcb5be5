/** 账号管理 (安全管理员): accounts in the county — create, disable/enable, unlock, reset password, reset 两步验证. */
import { useState } from 'react'
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { User } from '#contracts/users'
import { ROLE_NAMES, labelOf } from '#contracts/labels'
import { errorText, get, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { passwordProblem } from '../../shared/password'
import { useMe } from '../../shared/session'
import { PlacePicker } from '../appeals/pickers'
import { notifier } from '../shell/notifier'
import { PageError } from '../shell/states'
import { Pill } from '../shell/Pill'
import { usePageTitle } from '../shell/usePageTitle'

/** The scope path of a place code: 520423002013 → 520423.520423002.520423002013. */
export function placePathOf(code: string): string {
  const cuts = [6, 9, 12, 15].filter((n) => n <= code.length)
  return cuts.map((n) => code.slice(0, n)).join('.')
}

const PLACE_DEPTH: Partial<Record<keyof typeof ROLE_NAMES, number>> = { county: 6, street: 9, publicSafety: 9, judicialOffice: 9, community: 12, partyMember: 12, gridHead: 15, gridWorker: 15, householdLeader: 15, resident: 15 }
const CREATABLE = Object.keys(ROLE_NAMES).filter((r) => !['systemAdmin', 'securityAdmin', 'auditAdmin'].includes(r)) as (keyof typeof ROLE_NAMES)[]

export default function UsersPage() {
  usePageTitle('账号管理')
  const [q, setQ] = useState('')
  const [role, setRole] = useState<string | undefined>()
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const [creating, setCreating] = useState(false)
  const [resetting, setResetting] = useState<User | null>(null)
  const client = useQueryClient()
  const myId = useMe().data?.id
  const cursor = cursors[cursors.length - 1]
  const list = useQuery({
    queryKey: ['users', q, role, cursor],
    queryFn: ({ signal }) => get<PageOf<User>>('/users', { q: q || undefined, role, cursor, limit: 20 }, signal),
    placeholderData: (p) => p,
  })
  const refresh = () => void client.invalidateQueries({ queryKey: ['users'] })
  const act = useMutation({
    mutationFn: ({ id, verb }: { id: string; verb: 'unlock' | 'disable' | 'enable' | 'mfa/reset' }) => post<User>(`/users/${id}/${verb}`),
    onSuccess: (_u, v) => {
      notifier.show(
        v.verb === 'unlock' ? '已解除锁定' : v.verb === 'disable' ? '已停用' : v.verb === 'enable' ? '已启用' : '两步验证已重置，该账号下次登录时重新绑定验证器',
        'success',
      )
      refresh()
    },
  })
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>账号管理</h1>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建账号
        </Button>
      </div>
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Input.Search
            placeholder="用户名或姓名"
            allowClear
            onSearch={(v) => {
              setQ(v.trim())
              setCursors([undefined])
            }}
            style={{ width: 240 }}
            aria-label="搜索账号"
          />
          <Select
            allowClear
            placeholder="全部角色"
            style={{ width: 160 }}
            value={role}
            onChange={(v) => {
              setRole(v)
              setCursors([undefined])
            }}
            options={Object.entries(ROLE_NAMES).map(([value, label]) => ({ value, label }))}
            aria-label="按角色筛选"
          />
        </Space>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<User>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={false}
            columns={[
              { title: '用户名', dataIndex: 'username' },
              { title: '姓名', dataIndex: 'displayName' },
              { title: '角色', render: (_, u) => labelOf(ROLE_NAMES, u.role) },
              { title: '管辖范围', dataIndex: 'scope', ellipsis: true },
              {
                title: '状态',
                render: (_, u) =>
                  u.disabled ? <Pill tone="gray">已停用</Pill> : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? <Pill tone="red">已锁定</Pill> : <Pill tone="green">正常</Pill>,
              },
              {
                title: '两步验证',
                render: (_, u) => (u.mfaEnabled ? <Pill tone="green">已启用</Pill> : u.mfaRequired ? <Pill tone="orange">待绑定</Pill> : <Pill tone="gray">未启用</Pill>),
              },
              { title: '最近登录', render: (_, u) => formatTime(u.lastLoginAt) },
              {
                title: '操作',
                render: (_, u) => (
                  <Space size={0} wrap>
                    {u.lockedUntil ? (
                      <Button type="link" size="small" onClick={() => act.mutate({ id: u.id, verb: 'unlock' })}>
                        解锁
                      </Button>
                    ) : null}
                    <Popconfirm title={u.disabled ? '启用该账号？' : '停用后该账号立即退出且不能登录，确认停用？'} onConfirm={() => act.mutate({ id: u.id, verb: u.disabled ? 'enable' : 'disable' })}>
                      <Button type="link" size="small" danger={!u.disabled}>
                        {u.disabled ? '启用' : '停用'}
                      </Button>
                    </Popconfirm>
                    <Button type="link" size="small" onClick={() => setResetting(u)}>
                      重置密码
                    </Button>
                    {u.mfaEnabled && u.id !== myId ? (
                      <Popconfirm
                        title={`重置 ${u.displayName} 的两步验证？`}
                        description="原验证器和恢复码立即作废，该账号退出登录，下次登录时重新绑定。"
                        okText="重置"
                        onConfirm={() => act.mutate({ id: u.id, verb: 'mfa/reset' })}
                      >
                        <Button type="link" size="small">
                          重置两步验证
                        </Button>
                      </Popconfirm>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        )}
        <Space style={{ marginTop: 16 }}>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            上一页
          </Button>
          <Button disabled={!list.data?.nextCursor} onClick={() => setCursors([...cursors, list.data!.nextCursor!])}>
            下一页
          </Button>
        </Space>
      </Card>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} onDone={refresh} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </div>
  )
}

const passwordRule = { validator: async (_r: unknown, v: string) => { const p = v ? passwordProblem(v) : null; if (p) throw new Error(p) } }

function CreateUserModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm()
  const role = Form.useWatch('role', form) as keyof typeof ROLE_NAMES | undefined
  const m = useMutation({
    mutationFn: (v: Record<string, string>) => {
      const depth = role ? PLACE_DEPTH[role] : undefined
      const scope = depth ? placePathOf(v.place ?? '') : v.scope
      return post<User>('/users', { username: v.username, displayName: v.displayName, role: v.role, scope, password: v.password })
    },
    meta: { silent: true },
    onSuccess: () => {
      notifier.show('账号已创建，首次登录需修改密码', 'success')
      form.resetFields()
      onDone()
      onClose()
    },
  })
  const depth = role ? PLACE_DEPTH[role] : undefined
  return (
    <Modal open={open} title="新建账号" onOk={() => form.submit()} onCancel={onClose} confirmLoading={m.isPending} destroyOnHidden>
      {m.error ? <Alert type="error" showIcon title={errorText(m.error)} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} preserve={false}>
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }, { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: '3–64 位字母、数字或 _ . @ -' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={CREATABLE.map((r) => ({ value: r, label: ROLE_NAMES[r] }))} />
        </Form.Item>
        {depth ? (
          <Form.Item
            label="管辖地点"
            name="place"
            rules={[{ required: true, message: '请选择管辖地点' }, { validator: async (_r, v: string) => { if (v && v.length !== depth) throw new Error(`该角色的管辖范围应选到${depth === 15 ? '网格' : depth === 12 ? '社区' : depth === 9 ? '街道' : '县'}`) } }]}
          >
            <PlacePicker />
          </Form.Item>
        ) : role ? (
          <Form.Item label="管辖范围" name="scope" rules={[{ required: true, message: '请填写管辖范围' }]} extra={role === 'department' ? '格式：department:部门代码' : role === 'unit' ? '格式：unit:报到单位 ID' : '格式：property:物业公司 ID'}>
            <Input />
          </Form.Item>
        ) : null}
        <Form.Item label="初始密码" name="password" rules={[{ required: true, message: '请设置初始密码' }, passwordRule]} extra="至少 8 位，含大写字母、小写字母、数字、符号中的三类">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [form] = Form.useForm()
  const m = useMutation({
    mutationFn: (v: { password: string }) => post<User>(`/users/${user!.id}/reset-password`, v),
    meta: { silent: true },
    onSuccess: () => {
      notifier.show('密码已重置，该用户下次登录须修改密码', 'success')
      onClose()
    },
  })
  return (
    <Modal open={user !== null} title={`重置密码 · ${user?.displayName ?? ''}`} onOk={() => form.submit()} onCancel={onClose} confirmLoading={m.isPending} destroyOnHidden>
      {m.error ? <Alert type="error" showIcon title={errorText(m.error)} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)} preserve={false}>
        <Form.Item label="新密码" name="password" rules={[{ required: true, message: '请输入新密码' }, passwordRule]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

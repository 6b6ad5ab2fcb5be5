/** 队伍: the community's teams with their kind, leader and members; the community adds and removes members and names the leader. */
import { useState } from 'react'
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd'
import { CrownOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { MemberCandidate, VolunteerTeam } from '#contracts/volunteers'
import { TEAM_KIND_NAMES, TEAM_KINDS } from '#contracts/volunteer-names'
import { api, errorText, get, post } from '../../shared/api'
import { scopePlaceCode } from '../../shared/places'
import { useMe } from '../../shared/session'
import { PageError } from '../shell/states'
import { notifier } from '../shell/notifier'
import { Empty } from './bits'

export function TeamsTab() {
  const me = useMe().data!
  const client = useQueryClient()
  const [adding, setAdding] = useState<VolunteerTeam | null>(null)
  const [creating, setCreating] = useState(false)
  const q = useQuery({ queryKey: ['volunteers', 'teams'], queryFn: ({ signal }) => get<{ items: VolunteerTeam[] }>('/volunteers/teams', undefined, signal) })
  const done = (text: string) => {
    notifier.show(text, 'success')
    void client.invalidateQueries({ queryKey: ['volunteers', 'teams'] })
  }
  const remove = useMutation({
    mutationFn: (v: { team: VolunteerTeam; userId: string }) => api('DELETE', `/volunteers/teams/${v.team.id}/members/${v.userId}`, { query: { version: v.team.version } }),
    onSuccess: () => done('已移出队伍'),
  })
  const lead = useMutation({
    mutationFn: (v: { team: VolunteerTeam; userId: string }) => api('PATCH', `/volunteers/teams/${v.team.id}`, { body: { version: v.team.version, leaderUserId: v.userId } }),
    onSuccess: () => done('已设为队长'),
  })
  const canCreate = me.role === 'community'
  return (
    <Card
      extra={
        canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            组建队伍
          </Button>
        ) : null
      }
      title="服务队伍"
    >
      {q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<VolunteerTeam>
          rowKey="id"
          size="middle"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty text={'暂无队伍'} /> }}
          columns={[
            { title: '队伍', width: 220, render: (_, t) => t.name },
            { title: '类型', width: 120, render: (_, t) => t.kindName },
            { title: '社区', width: 120, render: (_, t) => t.communityName },
            { title: '队长', width: 100, render: (_, t) => t.leader?.name ?? '—' },
            {
              title: '队员',
              render: (_, t) => (
                <Space size={[4, 4]} wrap>
                  {t.members.map((m) => (
                    <Tag key={m.userId} style={{ marginInlineEnd: 0 }}>
                      {m.name}
                      <span style={{ color: '#595959' }}>（{m.roleName}）</span>
                      {t.canManage && t.leader?.userId !== m.userId ? (
                        <Popconfirm title={`设 ${m.name} 为队长？`} onConfirm={() => lead.mutate({ team: t, userId: m.userId })}>
                          <Button type="link" size="small" aria-label={`设 ${m.name} 为队长`} icon={<CrownOutlined />} style={{ paddingInline: 2 }} />
                        </Popconfirm>
                      ) : null}
                      {t.canManage ? (
                        <Popconfirm title={`将 ${m.name} 移出 ${t.name}？`} onConfirm={() => remove.mutate({ team: t, userId: m.userId })}>
                          <Button type="link" size="small" danger aria-label={`移出 ${m.name}`} style={{ paddingInline: 2 }}>
                            移出
                          </Button>
                        </Popconfirm>
                      ) : null}
                    </Tag>
                  ))}
                  {t.members.length === 0 ? <span style={{ color: '#595959' }}>暂无队员</span> : null}
                </Space>
              ),
            },
            {
              title: '操作',
              width: 110,
              render: (_, t) =>
                t.canManage ? (
                  <Button size="small" icon={<UserAddOutlined />} onClick={() => setAdding(t)}>
                    加入队员
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      {adding ? <AddMember team={adding} onClose={() => setAdding(null)} onDone={() => done('已加入队伍')} /> : null}
      {creating ? <CreateTeam communityCode={scopePlaceCode(me.scope) ?? ''} onClose={() => setCreating(false)} onDone={() => done('队伍已组建')} /> : null}
    </Card>
  )
}

function AddMember({ team, onClose, onDone }: { team: VolunteerTeam; onClose: () => void; onDone: () => void }) {
  const [search, setSearch] = useState('')
  const [userId, setUserId] = useState<string>()
  const candidates = useQuery({
    queryKey: ['volunteers', 'candidates', team.communityCode, search],
    queryFn: ({ signal }) => get<{ items: MemberCandidate[] }>('/volunteers/member-candidates', { community: team.communityCode, q: search || undefined }, signal),
  })
  const add = useMutation({
    mutationFn: () => post(`/volunteers/teams/${team.id}/members`, { version: team.version, userId }),
    meta: { silent: true },
    onSuccess: () => {
      onDone()
      onClose()
    },
  })
  const present = new Set(team.members.map((m) => m.userId))
  return (
    <Modal open title={`加入队员 · ${team.name}`} onOk={() => add.mutate()} okButtonProps={{ disabled: !userId }} confirmLoading={add.isPending} onCancel={onClose} destroyOnHidden>
      {add.error ? <Alert type="error" showIcon title={errorText(add.error)} style={{ marginBottom: 16 }} /> : null}
      <p style={{ color: '#595959' }}>可加入本社区党员、居民的账号。</p>
      <Select
        showSearch={{ filterOption: false, onSearch: setSearch }}
        style={{ width: '100%' }}
        aria-label="选择队员"
        placeholder="输入姓名查找"
        value={userId}
        onChange={setUserId}
        loading={candidates.isPending}
        options={(candidates.data?.items ?? []).filter((c) => !present.has(c.userId)).map((c) => ({ value: c.userId, label: `${c.name}（${c.roleName}）` }))}
      />
    </Modal>
  )
}

function CreateTeam({ communityCode, onClose, onDone }: { communityCode: string; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ name: string; kind: string }>()
  const create = useMutation({
    mutationFn: (v: { name: string; kind: string }) => post('/volunteers/teams', { communityCode, ...v }),
    meta: { silent: true },
    onSuccess: () => {
      onDone()
      onClose()
    },
  })
  return (
    <Modal open title="组建队伍" onOk={() => form.submit()} confirmLoading={create.isPending} onCancel={onClose} destroyOnHidden>
      {create.error ? <Alert type="error" showIcon title={errorText(create.error)} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ kind: 'volunteer' }}>
        <Form.Item label="队伍名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写队伍名称' }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="类型" name="kind">
          <Select options={TEAM_KINDS.map((k) => ({ value: k, label: TEAM_KIND_NAMES[k] }))} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

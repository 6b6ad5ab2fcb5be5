/** The activities of the caller's place: the coming ones soonest first, or all newest first; the community publishes. */
import { useState } from 'react'
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Segmented, Select, Space, Table } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from 'react-router'
import type { Dayjs } from 'dayjs'
import type { PageOf } from '#contracts/common'
import type { Activity, VolunteerTeam } from '#contracts/volunteers'
import { ACTIVITY_KIND_NAMES, ACTIVITY_KINDS } from '#contracts/volunteer-names'
import { errorText, get, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { scopePlaceCode } from '../../shared/places'
import { useMe } from '../../shared/session'
import { PageError } from '../shell/states'
import { useTableExport } from '../shell/useTableExport'
import { ActivityStatus } from './bits'
import { Empty } from './bits'

export function ActivitiesTab() {
  const me = useMe().data!
  const [view, setView] = useState<'upcoming' | 'all'>('upcoming')
  const [creating, setCreating] = useState(false)
  const q = useQuery({
    queryKey: ['volunteers', 'activities', view],
    queryFn: ({ signal }) => get<PageOf<Activity>>('/volunteers/activities', { view, limit: 100 }, signal),
  })
  // the community publishes; so does a team's leader, for their own teams
  const teams = useQuery({ queryKey: ['volunteers', 'teams'], queryFn: ({ signal }) => get<{ items: VolunteerTeam[] }>('/volunteers/teams', undefined, signal) })
  const ledTeams = (teams.data?.items ?? []).filter((t) => me.role === 'community' || t.leader?.userId === me.id)
  const canPublish = me.role === 'community' || ledTeams.length > 0
  const exporting = useTableExport<Activity>()
  const exportActivities = () =>
    exporting.mutate({
      title: '志愿活动',
      note: `${me.scopeName}；${view === 'upcoming' ? '近期活动，时间最近的在前' : '全部活动，最新的在前'}`,
      columns: [
        { header: '时间', value: (a) => `${formatTime(a.startsAt)}–${a.endsAt.slice(11, 16)}` },
        { header: '活动', value: (a) => a.title },
        { header: '类型', value: (a) => a.kindName },
        { header: '组织', value: (a) => a.team?.name ?? a.community.name },
        { header: '地点', value: (a) => a.venue },
        { header: '已报名', value: (a) => a.slots - a.slotsLeft },
        { header: '名额', value: (a) => a.slots },
        { header: '状态', value: (a) => a.statusName },
      ],
      rows: { path: '/volunteers/activities', query: { view } },
    })
  return (
    <Card
      title={
        <Segmented
          value={view}
          onChange={(v) => setView(v as typeof view)}
          options={[
            { value: 'upcoming', label: '近期活动' },
            { value: 'all', label: '全部活动' },
          ]}
        />
      }
      extra={
        <Space>
          <Button size="small" loading={exporting.isPending} disabled={!q.data?.items.length} onClick={exportActivities}>
            导出
          </Button>
          {canPublish ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              发布活动
            </Button>
          ) : null}
        </Space>
      }
    >
      {q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Activity>
          rowKey="id"
          size="middle"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <Empty text={view === 'upcoming' ? '近期没有活动' : '暂无活动'} /> }}
          columns={[
            { title: '时间', width: 190, render: (_, a) => `${formatTime(a.startsAt)}–${a.endsAt.slice(11, 16)}` },
            { title: '活动', render: (_, a) => <Link to={`/volunteers/activities/${a.id}`}>{a.title}</Link> },
            { title: '类型', width: 90, render: (_, a) => a.kindName },
            { title: '组织', width: 170, render: (_, a) => a.team?.name ?? `${a.community.name}` },
            { title: '地点', ellipsis: true, render: (_, a) => a.venue },
            { title: '名额', width: 90, align: 'right', render: (_, a) => `${a.slots - a.slotsLeft} / ${a.slots}` },
            { title: '状态', width: 90, render: (_, a) => <ActivityStatus status={a.status} name={a.statusName} /> },
          ]}
        />
      )}
      {creating ? <CreateActivity communityCode={me.role === 'community' ? (scopePlaceCode(me.scope) ?? '') : (ledTeams[0]?.communityCode ?? '')} teams={ledTeams} teamRequired={me.role !== 'community'} onClose={() => setCreating(false)} /> : null}
    </Card>
  )
}

interface FormValues {
  title: string
  kind: (typeof ACTIVITY_KINDS)[number]
  teamId?: string
  venue: string
  time: [Dayjs, Dayjs]
  slots: number
  description?: string
}

function CreateActivity({ communityCode, teams, teamRequired, onClose }: { communityCode: string; teams: VolunteerTeam[]; teamRequired: boolean; onClose: () => void }) {
  const [form] = Form.useForm<FormValues>()
  const client = useQueryClient()
  const navigate = useNavigate()
  const create = useMutation({
    mutationFn: (v: FormValues) =>
      post<Activity>('/volunteers/activities', {
        communityCode,
        title: v.title,
        kind: v.kind,
        ...(v.teamId ? { teamId: v.teamId } : {}),
        venue: v.venue,
        startsAt: v.time[0].format(),
        endsAt: v.time[1].format(),
        slots: v.slots,
        ...(v.description ? { description: v.description } : {}),
      }),
    meta: { silent: true },
    onSuccess: (a) => {
      void client.invalidateQueries({ queryKey: ['volunteers'] })
      onClose()
      navigate(`/volunteers/activities/${a.id}`)
    },
  })
  return (
    <Modal open title="发布志愿活动" onOk={() => form.submit()} okText="发布" confirmLoading={create.isPending} onCancel={onClose} destroyOnHidden width={560}>
      {create.error ? <Alert type="error" showIcon title={errorText(create.error)} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ kind: 'afterHours', slots: 10 }}>
        <Form.Item label="活动名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写活动名称' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item label="类型" name="kind" style={{ width: '50%' }} extra="定时：退休党员；错时：在职党员下班后；预约：居民预约服务">
            <Select options={ACTIVITY_KINDS.map((k) => ({ value: k, label: ACTIVITY_KIND_NAMES[k] }))} />
          </Form.Item>
          <Form.Item label={teamRequired ? '组织队伍' : '组织队伍（可不选）'} name="teamId" style={{ width: '50%' }} rules={teamRequired ? [{ required: true, message: '请选择您带领的队伍' }] : []}>
            <Select allowClear options={teams.map((t) => ({ value: t.id, label: `${t.name}（${t.kindName}）` }))} />
          </Form.Item>
        </Space.Compact>
        <Form.Item label="地点" name="venue" rules={[{ required: true, whitespace: true, message: '请填写活动地点' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="时间" name="time" rules={[{ required: true, message: '请选择开始和结束时间' }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="名额" name="slots" rules={[{ required: true, message: '请填写名额' }]}>
          <InputNumber min={1} max={500} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="活动内容" name="description">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 敲门行动: launch one (county or street: a kind of subject and a deadline) and follow every campaign's progress. */
import { useState } from 'react'
import { Button, Card, DatePicker, Form, Input, Modal, Progress, Select, Space, Table } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useNavigate } from 'react-router'
import type { Dayjs } from 'dayjs'
import type { Campaign, CampaignList, CreateCampaignBody } from '#contracts/visits'
import { MANAGED_GROUP_NAMES, VISIT_SUBJECT_KIND_NAMES, type VisitSubjectKind } from '#contracts/ledger-names'
import { get, post } from '../../shared/api'
import { useMe } from '../../shared/session'
import { notifier } from '../shell/notifier'
import { Pill } from '../shell/Pill'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'

export const percent = (c: Campaign['progress']) => (c.subjects ? Math.round((c.visited / c.subjects) * 100) : 0)

function CreateCampaign({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string; subjectKind: VisitSubjectKind; range: [Dayjs, Dayjs]; note?: string }>()
  const client = useQueryClient()
  const navigate = useNavigate()
  const create = useMutation({
    mutationFn: (body: CreateCampaignBody) => post<Campaign>('/visits/campaigns', body),
    onSuccess: (c) => {
      notifier.show(`已发起：${c.name}`, 'success')
      void client.invalidateQueries({ queryKey: ['visits'] })
      onClose()
      navigate(`/visits/campaigns/${c.id}`)
    },
  })
  // the county and streets knock on care groups, households, rentals and key venues (managed groups are 综治's)
  const kinds = (Object.keys(VISIT_SUBJECT_KIND_NAMES) as VisitSubjectKind[]).filter((k) => !(k in MANAGED_GROUP_NAMES))
  return (
    <Modal
      title="发起敲门行动"
      open={open}
      onCancel={onClose}
      okText="发起"
      confirmLoading={create.isPending}
      onOk={() =>
        void form.validateFields().then((v) =>
          create.mutate({
            name: v.name,
            subjectKind: v.subjectKind,
            startDate: v.range[0].format('YYYY-MM-DD'),
            deadline: v.range[1].format('YYYY-MM-DD'),
            ...(v.note ? { note: v.note } : {}),
          }),
        )
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="name" label="行动名称" rules={[{ required: true, message: '请填写行动名称' }]}>
          <Input maxLength={60} placeholder="如：冬季独居老人敲门行动" />
        </Form.Item>
        <Form.Item name="subjectKind" label="走访对象" rules={[{ required: true, message: '请选择走访对象' }]}>
          <Select options={kinds.map((k) => ({ value: k, label: VISIT_SUBJECT_KIND_NAMES[k] }))} />
        </Form.Item>
        <Form.Item name="range" label="开始与截止日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea maxLength={500} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

export default function CampaignsPage() {
  usePageTitle('敲门行动')
  const me = useMe().data!
  const [open, setOpen] = useState(false)
  const q = useQuery({ queryKey: ['visits', 'campaigns'], queryFn: ({ signal }) => get<CampaignList>('/visits/campaigns', undefined, signal) })
  const mayLaunch = me.role === 'county' || me.role === 'street'
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>敲门行动</h1>
        {mayLaunch ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            发起敲门行动
          </Button>
        ) : null}
      </div>
      <Card size="small">
        {q.isPending ? (
          <PageLoading />
        ) : q.isError ? (
          <PageError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<Campaign>
            size="small"
            rowKey="id"
            dataSource={q.data.items}
            pagination={false}
            locale={{ emptyText: '暂无敲门行动' }}
            columns={[
              { title: '行动', render: (_, c) => <Link to={`/visits/campaigns/${c.id}`}>{c.name}</Link> },
              { title: '发起', dataIndex: 'placeName', width: 140 },
              { title: '对象', dataIndex: 'subjectKindName', width: 140 },
              { title: '期间', width: 200, render: (_, c) => `${c.startDate} 至 ${c.deadline}` },
              { title: '进度（本辖区）', width: 260, render: (_, c) => <Space><Progress aria-label={`${c.name}完成比例`} percent={percent(c.progress)} size="small" style={{ width: 120 }} /><span>{c.progress.visited}/{c.progress.subjects}</span></Space> },
              { title: '逾期未访', width: 90, render: (_, c) => c.progress.overdue },
              { title: '状态', width: 90, render: (_, c) => <Pill tone={c.status === 'active' ? 'blue' : 'gray'}>{c.statusName}</Pill> },
            ]}
          />
        )}
      </Card>
      {mayLaunch ? <CreateCampaign open={open} onClose={() => setOpen(false)} /> : null}
    </div>
  )
}

/** 微心愿: the community publishes residents' small wishes and follows them to the resident's thanks; the drawer shows the timeline. */
import { useState } from 'react'
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, Modal, Rate, Segmented, Select, Space, Table } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { Wish } from '#contracts/wishes'
import { WISH_CATEGORIES, WISH_CATEGORY_NAMES, WISH_GROUP_NAMES, WISH_GROUPS, WISH_WORKFLOW } from '#contracts/wishes-workflow'
import { errorText, get, post } from '../../shared/api'
import { formatDate, formatTime } from '../../shared/format'
import { useMe } from '../../shared/session'
import { Photos } from '../appeals/Photos'
import { WorkflowActions } from '../lists/actions'
import { TimelineList } from '../lists/TimelineList'
import { PageError } from '../shell/states'
import { Pill, type Tone } from '../shell/Pill'
import { usePageTitle } from '../shell/usePageTitle'
import { notifier } from '../shell/notifier'
import { useTableExport } from '../shell/useTableExport'

const TONE: Record<string, Tone> = { published: 'orange', claimed: 'blue', fulfilled: 'purple', closed: 'green', cancelled: 'gray' }

export default function WishesPage() {
  usePageTitle('微心愿')
  const me = useMe().data!
  const [status, setStatus] = useState<string>('all')
  const [open, setOpen] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const q = useQuery({
    queryKey: ['wishes', status],
    queryFn: ({ signal }) => get<PageOf<Wish>>('/wishes', { status: status === 'all' ? undefined : [status], limit: 100, withTotal: true }, signal),
  })
  // the masked name the API returns (王**) is all the export carries about the resident
  const exporting = useTableExport<Wish>()
  const exportWishes = () =>
    exporting.mutate({
      title: '微心愿',
      note: `${me.scopeName}；状态：${status === 'all' ? '全部' : ((WISH_WORKFLOW.stateNames as Record<string, string>)[status] ?? status)}`,
      columns: [
        { header: '心愿', value: (w) => w.title },
        { header: '心愿人', value: (w) => w.beneficiary.name },
        { header: '人群', value: (w) => w.groupName },
        { header: '类别', value: (w) => w.categoryName },
        { header: '网格', value: (w) => w.grid?.name ?? w.community.name },
        { header: '认领人', value: (w) => w.claimant?.name ?? '—' },
        { header: '评价（星）', value: (w) => w.rating ?? null },
        { header: '发布时间', value: (w) => formatDate(w.createdAt) },
        { header: '状态', value: (w) => w.statusName },
      ],
      rows: { path: '/wishes', query: { status: status === 'all' ? undefined : [status] } },
    })
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>微心愿</h1>
        <Space>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as string)}
            options={[{ value: 'all', label: '全部' }, ...Object.entries(WISH_WORKFLOW.stateNames).map(([value, label]) => ({ value, label }))]}
          />
          <Button size="small" loading={exporting.isPending} disabled={!q.data?.items.length} onClick={exportWishes}>
            导出
          </Button>
          {me.role === 'community' ? (
            <Button type="primary" onClick={() => setCreating(true)}>
              发布心愿
            </Button>
          ) : null}
        </Space>
      </div>
      <Card>
        {q.isError ? (
          <PageError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<Wish>
            rowKey="id"
            size="small"
            loading={q.isPending}
            dataSource={q.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: '暂无心愿' }}
            onRow={(w) => ({ onClick: () => setOpen(w.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: '心愿', dataIndex: 'title', ellipsis: true },
              { title: '心愿人', render: (_, w) => w.beneficiary.name, width: 100 },
              { title: '人群', dataIndex: 'groupName', width: 90 },
              { title: '类别', dataIndex: 'categoryName', width: 90 },
              { title: '网格', render: (_, w) => w.grid?.name ?? w.community.name, width: 120 },
              { title: '认领人', render: (_, w) => w.claimant?.name ?? '—', width: 140, ellipsis: true },
              { title: '评价', render: (_, w) => (w.rating ? <Rate disabled value={w.rating} style={{ fontSize: 12 }} /> : '—'), width: 120 },
              { title: '发布时间', render: (_, w) => formatDate(w.createdAt), width: 110 },
              { title: '状态', render: (_, w) => <Pill tone={TONE[w.status] ?? 'gray'}>{w.statusName}</Pill>, width: 80 },
            ]}
          />
        )}
      </Card>
      <WishDrawer id={open} onClose={() => setOpen(null)} />
      <PublishModal open={creating} onClose={() => setCreating(false)} />
    </div>
  )
}

function WishDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const q = useQuery({ queryKey: ['wishes', 'one', id], enabled: id !== null, queryFn: ({ signal }) => get<Wish>(`/wishes/${id}`, undefined, signal) })
  const w = q.data
  return (
    <Drawer open={id !== null} onClose={onClose} size={560} title={w?.title ?? '心愿'}>
      {q.isError ? <PageError error={q.error} /> : null}
      {w ? (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="状态">
              <Pill tone={TONE[w.status] ?? 'gray'}>{w.statusName}</Pill>
            </Descriptions.Item>
            <Descriptions.Item label="心愿人">
              {w.beneficiary.name}（{w.groupName}）
            </Descriptions.Item>
            <Descriptions.Item label="类别">{w.categoryName}</Descriptions.Item>
            <Descriptions.Item label="地点">{[w.community.name, w.grid?.name].filter(Boolean).join(' · ')}</Descriptions.Item>
            <Descriptions.Item label="认领人">{w.claimant ? `${w.claimant.name} · ${formatTime(w.claimedAt)}` : '待认领'}</Descriptions.Item>
            {w.fulfilNote ? <Descriptions.Item label="完成说明">{w.fulfilNote}</Descriptions.Item> : null}
            {w.rating ? (
              <Descriptions.Item label="答谢">
                <Rate disabled value={w.rating} style={{ fontSize: 14 }} /> {w.thanks ?? ''}
              </Descriptions.Item>
            ) : null}
            {w.description ? <Descriptions.Item label="说明">{w.description}</Descriptions.Item> : null}
          </Descriptions>
          {w.photoIds.length ? (
            <div style={{ marginTop: 12 }}>
              <Photos ids={w.photoIds} size={80} />
            </div>
          ) : null}
          <div style={{ margin: '16px 0' }}>
            <WorkflowActions table={WISH_WORKFLOW} path={`/wishes/${w.id}`} version={w.version} allowed={w.allowedActions} invalidate={[['wishes']]} danger={['cancel', 'release']} />
          </div>
          <TimelineList events={w.events ?? []} />
        </>
      ) : null}
    </Drawer>
  )
}

function PublishModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm()
  const client = useQueryClient()
  const publish = useMutation({
    mutationFn: (v: Record<string, unknown>) => post('/wishes', Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''))),
    meta: { silent: true },
    onSuccess: () => {
      notifier.show('心愿已发布', 'success')
      form.resetFields()
      onClose()
      void client.invalidateQueries({ queryKey: ['wishes'] })
    },
  })
  return (
    <Modal open={open} title="发布微心愿" onOk={() => form.submit()} confirmLoading={publish.isPending} onCancel={onClose} destroyOnHidden okText="发布">
      {publish.error ? <Alert type="error" showIcon title={errorText(publish.error)} style={{ marginBottom: 16 }} /> : null}
      <Alert type="info" showIcon title="心愿墙只显示遮挡后的姓名（如 王**）、类别和网格，不显示住址和电话；请不要在心愿内容中写住址、电话。" style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(v) => publish.mutate(v)} preserve={false}>
        <Form.Item label="心愿内容" name="title" rules={[{ required: true, whitespace: true, message: '请填写心愿内容' }]}>
          <Input maxLength={60} placeholder="如：想要一台收音机" />
        </Form.Item>
        <Space>
          <Form.Item label="人群" name="group" rules={[{ required: true, message: '请选择' }]}>
            <Select style={{ width: 140 }} options={WISH_GROUPS.map((g) => ({ value: g, label: WISH_GROUP_NAMES[g] }))} />
          </Form.Item>
          <Form.Item label="类别" name="category" rules={[{ required: true, message: '请选择' }]}>
            <Select style={{ width: 140 }} options={WISH_CATEGORIES.map((c) => ({ value: c, label: WISH_CATEGORY_NAMES[c] }))} />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item label="心愿人姓名" name="beneficiaryName" rules={[{ required: true, whitespace: true, message: '请填写心愿人姓名' }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item label="网格代码（15 位）" name="gridCode" rules={[{ pattern: /^[0-9]{15}$/, message: '请填写 15 位网格代码' }]}>
            <Input maxLength={15} />
          </Form.Item>
        </Space>
        <Form.Item label="补充说明" name="description">
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

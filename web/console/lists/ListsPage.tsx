/**
 * 三张清单: 需求清单 · 资源清单 · 项目清单 · 季度梳理 in one page with tabs (the tab is in the URL). Each row
 * opens a drawer with the record, its timeline and the actions the server allows the caller now.
 */
import { useState } from 'react'
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Statistic, Table, Tabs } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import type { PageOf } from '#contracts/common'
import type { Need, Project, QuarterlyReview, Resource } from '#contracts/lists'
import type { Unit } from '#contracts/units'
import {
  NEED_CATEGORIES,
  NEED_CATEGORY_NAMES,
  NEED_WORKFLOW,
  PROJECT_WORKFLOW,
  RESOURCE_KIND_NAMES,
  RESOURCE_KINDS,
  RESOURCE_WORKFLOW,
} from '#contracts/lists-workflow'
import { errorText, get, post } from '../../shared/api'
import { formatDate, formatTime } from '../../shared/format'
import { useMe } from '../../shared/session'
import { Photos } from '../appeals/Photos'
import { PageError } from '../shell/states'
import { Pill, type Tone } from '../shell/Pill'
import { usePageTitle } from '../shell/usePageTitle'
import { notifier } from '../shell/notifier'
import { useTableExport } from '../shell/useTableExport'
import { WorkflowActions } from './actions'
import { TimelineList } from './TimelineList'

const TONE: Record<string, Tone> = {
  open: 'orange',
  in_project: 'blue',
  done: 'green',
  closed: 'gray',
  active: 'green',
  withdrawn: 'gray',
  published: 'orange',
  claimed: 'blue',
  in_progress: 'blue',
  accepted: 'green',
  cancelled: 'gray',
}
const StatusPill = ({ status, name, late }: { status: string; name: string; late?: boolean }) => (
  <Space size={4}>
    <Pill tone={TONE[status] ?? 'gray'}>{name}</Pill>
    {late ? <Pill tone="red">超期</Pill> : null}
  </Space>
)

function useList<T>(key: string, path: string, query: Record<string, string | number | boolean | undefined>) {
  return useQuery({ queryKey: [key, query], queryFn: ({ signal }) => get<PageOf<T>>(path, { limit: 100, ...query }, signal) })
}

/** 导出 of a list tab: every page of the current filter (up to 5,000 rows) through the shared table export. */
function ExportButton({ loading, disabled, onClick }: { loading: boolean; disabled: boolean; onClick: () => void }) {
  return (
    <Button size="small" loading={loading} disabled={disabled} onClick={onClick}>
      导出
    </Button>
  )
}

const beneficiariesText = (n: Need) => [n.beneficiaries, n.beneficiaryCount ? `${n.beneficiaryCount} 人` : null].filter(Boolean).join(' · ') || '—'

/** A create form in a modal: posts the values, tells, and refreshes the list. */
function CreateModal({ open, title, path, onClose, invalidate, children }: { open: boolean; title: string; path: string; onClose: () => void; invalidate: string; children: React.ReactNode }) {
  const [form] = Form.useForm()
  const client = useQueryClient()
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => post(path, Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '' && !(Array.isArray(x) && !x.length)))),
    meta: { silent: true },
    onSuccess: () => {
      notifier.show(`${title}成功`, 'success')
      form.resetFields()
      onClose()
      void client.invalidateQueries({ queryKey: [invalidate] })
    },
  })
  return (
    <Modal open={open} title={title} onOk={() => form.submit()} confirmLoading={create.isPending} onCancel={onClose} destroyOnHidden okText="提交">
      {create.error ? <Alert type="error" showIcon title={errorText(create.error)} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} preserve={false}>
        {children}
      </Form>
    </Modal>
  )
}

// ---- 需求清单 ----------------------------------------------------------------------------------

function NeedsTab({ canRaise }: { canRaise: boolean }) {
  const [status, setStatus] = useState<string | undefined>()
  const [open, setOpen] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const me = useMe().data!
  const q = useList<Need>('needs', '/needs', { status, withTotal: true })
  const exporting = useTableExport<Need>()
  const exportNeeds = () =>
    exporting.mutate({
      title: '需求清单',
      note: `${me.scopeName}；状态：${status ? (NEED_WORKFLOW.stateNames as Record<string, string>)[status] : '全部'}`,
      columns: [
        { header: '需求', value: (n) => n.title },
        { header: '类别', value: (n) => n.categoryName },
        { header: '网格', value: (n) => n.grid?.name ?? n.community.name },
        { header: '受益对象', value: beneficiariesText },
        { header: '来源', value: (n) => n.sourceName },
        { header: '项目', value: (n) => n.project?.title ?? '—' },
        { header: '登记时间', value: (n) => formatDate(n.createdAt) },
        { header: '状态', value: (n) => n.statusName },
      ],
      rows: { path: '/needs', query: { status } },
    })
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={Object.entries(NEED_WORKFLOW.stateNames).map(([value, label]) => ({ value, label }))}
          aria-label="需求状态"
        />
        {q.data?.total !== undefined ? <span className="yw-muted">共 {q.data.total} 条</span> : null}
        <ExportButton loading={exporting.isPending} disabled={!q.data?.items.length} onClick={exportNeeds} />
        {canRaise ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            登记需求
          </Button>
        ) : null}
      </Space>
      {q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Need>
          rowKey="id"
          size="small"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '暂无需求' }}
          onRow={(n) => ({ onClick: () => setOpen(n.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '需求', dataIndex: 'title', ellipsis: true },
            { title: '类别', dataIndex: 'categoryName', width: 100 },
            { title: '网格', render: (_, n) => n.grid?.name ?? n.community.name, width: 120 },
            { title: '受益对象', render: (_, n) => beneficiariesText(n), width: 180, ellipsis: true },
            { title: '来源', dataIndex: 'sourceName', width: 100 },
            { title: '项目', render: (_, n) => n.project?.title ?? '—', ellipsis: true, width: 180 },
            { title: '登记时间', render: (_, n) => formatDate(n.createdAt), width: 110 },
            { title: '状态', render: (_, n) => <StatusPill status={n.status} name={n.statusName} />, width: 90 },
          ]}
        />
      )}
      <NeedDrawer id={open} onClose={() => setOpen(null)} />
      <CreateModal open={creating} title="登记需求" path="/needs" invalidate="needs" onClose={() => setCreating(false)}>
        <Form.Item label="需求" name="title" rules={[{ required: true, whitespace: true, message: '请填写需求' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="类别" name="category" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={NEED_CATEGORIES.map((c) => ({ value: c, label: NEED_CATEGORY_NAMES[c] }))} />
        </Form.Item>
        <Form.Item label="说明" name="description">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label="网格代码（不填为全社区）" name="placeCode">
          <Input maxLength={15} />
        </Form.Item>
        <Space>
          <Form.Item label="受益对象" name="beneficiaries">
            <Input maxLength={200} placeholder="如：独居老人" />
          </Form.Item>
          <Form.Item label="受益人数" name="beneficiaryCount">
            <InputNumber min={1} max={100000} />
          </Form.Item>
        </Space>
        <Form.Item label="来源" name="source">
          <Select allowClear options={[{ value: 'visit', label: '走访收集' }, { value: 'gridWorker', label: '网格员发现' }, { value: 'resident', label: '居民提出' }]} />
        </Form.Item>
      </CreateModal>
    </>
  )
}

function NeedDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const q = useQuery({ queryKey: ['needs', 'one', id], enabled: id !== null, queryFn: ({ signal }) => get<Need>(`/needs/${id}`, undefined, signal) })
  const n = q.data
  return (
    <Drawer open={id !== null} onClose={onClose} size={560} title={n?.title ?? '需求'}>
      {q.isError ? <PageError error={q.error} /> : null}
      {n ? (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="状态">
              <StatusPill status={n.status} name={n.statusName} />
            </Descriptions.Item>
            <Descriptions.Item label="类别">{n.categoryName}</Descriptions.Item>
            <Descriptions.Item label="地点">{[n.community.name, n.grid?.name].filter(Boolean).join(' · ')}</Descriptions.Item>
            <Descriptions.Item label="受益对象">{[n.beneficiaries, n.beneficiaryCount ? `${n.beneficiaryCount} 人` : null].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
            <Descriptions.Item label="来源">
              {n.sourceName}
              {n.appeal ? `（诉求 ${n.appeal.number}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="登记人">
              {n.raisedBy.name}（{n.raisedBy.role}）
            </Descriptions.Item>
            <Descriptions.Item label="所属项目">{n.project?.title ?? '—'}</Descriptions.Item>
            {n.description ? <Descriptions.Item label="说明">{n.description}</Descriptions.Item> : null}
          </Descriptions>
          <div style={{ margin: '16px 0' }}>
            <WorkflowActions table={NEED_WORKFLOW} path={`/needs/${n.id}`} version={n.version} allowed={n.allowedActions} invalidate={[['needs']]} danger={['close']} />
          </div>
          <TimelineList events={n.events ?? []} />
        </>
      ) : null}
    </Drawer>
  )
}

// ---- 资源清单 ----------------------------------------------------------------------------------

/** A 报到单位 account's unit id (scope `unit:<id>`), or null. */
const unitIdOf = (scope: string) => (scope.startsWith('unit:') ? scope.slice('unit:'.length) : null)

function ResourcesTab({ canOffer, isDepartment, unitId }: { canOffer: boolean; isDepartment: boolean; unitId: string | null }) {
  const [kind, setKind] = useState<string | undefined>()
  // a unit offers to the communities it is paired with
  const unit = useQuery({ queryKey: ['units', unitId], enabled: unitId !== null, queryFn: ({ signal }) => get<Unit>(`/units/${unitId}`, undefined, signal) })
  const [open, setOpen] = useState<Resource | null>(null)
  const [creating, setCreating] = useState(false)
  const me = useMe().data!
  const q = useList<Resource>('resources', '/resources', { kind })
  const exporting = useTableExport<Resource>()
  const exportResources = () =>
    exporting.mutate({
      title: '资源清单',
      note: `${me.scopeName}；类别：${kind ? (RESOURCE_KIND_NAMES as Record<string, string>)[kind] : '全部'}`,
      columns: [
        { header: '资源', value: (r) => r.title },
        { header: '类别', value: (r) => r.kindName },
        { header: '数量', value: (r) => r.quantity ?? '—' },
        { header: '提供方', value: (r) => r.owner.name },
        { header: '社区', value: (r) => r.community.name },
        { header: '登记时间', value: (r) => formatDate(r.createdAt) },
        { header: '状态', value: (r) => r.statusName },
      ],
      rows: { path: '/resources', query: { kind } },
    })
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="全部类别" style={{ width: 140 }} value={kind} onChange={setKind} options={RESOURCE_KINDS.map((k) => ({ value: k, label: RESOURCE_KIND_NAMES[k] }))} aria-label="资源类别" />
        <ExportButton loading={exporting.isPending} disabled={!q.data?.items.length} onClick={exportResources} />
        {canOffer ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            登记资源
          </Button>
        ) : null}
      </Space>
      {q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Resource>
          rowKey="id"
          size="small"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '暂无资源' }}
          onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
          columns={[
            { title: '资源', dataIndex: 'title', ellipsis: true },
            { title: '类别', dataIndex: 'kindName', width: 90 },
            { title: '数量', render: (_, r) => r.quantity ?? '—', width: 120 },
            { title: '提供方', render: (_, r) => `${r.owner.name}`, ellipsis: true },
            { title: '社区', render: (_, r) => r.community.name, width: 110 },
            { title: '登记时间', render: (_, r) => formatDate(r.createdAt), width: 110 },
            { title: '状态', render: (_, r) => <StatusPill status={r.status} name={r.statusName} />, width: 90 },
          ]}
        />
      )}
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={480} title={open?.title}>
        {open ? (
          <>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label="类别">{open.kindName}</Descriptions.Item>
              <Descriptions.Item label="数量">{open.quantity ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="提供方">
                {open.owner.name}（{open.owner.kindName}）
              </Descriptions.Item>
              <Descriptions.Item label="说明">{open.description ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="状态">{open.statusName}</Descriptions.Item>
            </Descriptions>
            <div style={{ marginTop: 16 }}>
              <WorkflowActions table={RESOURCE_WORKFLOW} path={`/resources/${open.id}`} version={open.version} allowed={open.allowedActions} invalidate={[['resources']]} danger={['withdraw']} />
            </div>
          </>
        ) : null}
      </Drawer>
      <CreateModal open={creating} title="登记资源" path="/resources" invalidate="resources" onClose={() => setCreating(false)}>
        <Form.Item label="资源名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写资源名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={RESOURCE_KINDS.map((k) => ({ value: k, label: RESOURCE_KIND_NAMES[k] }))} />
        </Form.Item>
        <Form.Item label="数量" name="quantity">
          <Input maxLength={100} placeholder="如：200 平方米、2 万元、10 人" />
        </Form.Item>
        <Form.Item label="说明" name="description">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        {isDepartment ? (
          <Form.Item label="提供给社区（12 位代码）" name="communityCode" rules={[{ required: true, pattern: /^[0-9]{12}$/, message: '请填写 12 位社区代码' }]}>
            <Input maxLength={12} />
          </Form.Item>
        ) : null}
        {unitId !== null ? (
          <Form.Item label="提供给社区" name="communityCode" rules={[{ required: true, message: '请选择已报到的社区' }]} extra="只能向本单位已报到（社区已确认）的社区提供资源">
            <Select options={(unit.data?.pairedCommunities ?? []).map((c) => ({ value: c.code, label: c.name }))} loading={unit.isPending} notFoundContent="本单位尚未在社区报到" />
          </Form.Item>
        ) : null}
      </CreateModal>
    </>
  )
}

// ---- 项目清单 ----------------------------------------------------------------------------------

function ProjectsTab({ canCreate }: { canCreate: boolean }) {
  const [status, setStatus] = useState<string | undefined>()
  const [late, setLate] = useState(false)
  const [open, setOpen] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const me = useMe().data!
  const q = useList<Project>('projects', '/projects', { status, late: late || undefined })
  const exporting = useTableExport<Project>()
  const exportProjects = () =>
    exporting.mutate({
      title: '项目清单',
      note: [`${me.scopeName}；状态：${status ? (PROJECT_WORKFLOW.stateNames as Record<string, string>)[status] : '全部'}`, late ? '只看超期' : null].filter(Boolean).join('；'),
      columns: [
        { header: '项目', value: (p) => p.title },
        { header: '需求（条）', value: (p) => p.needs.length },
        { header: '认领单位', value: (p) => p.claimant?.name ?? '—' },
        { header: '负责人', value: (p) => p.owner ?? '—' },
        { header: '完成期限', value: (p) => p.deadline ?? '—' },
        { header: '发布时间', value: (p) => formatDate(p.createdAt) },
        { header: '状态', value: (p) => (p.isLate ? `${p.statusName}（超期）` : p.statusName) },
      ],
      rows: { path: '/projects', query: { status, late: late || undefined } },
    })
  const openNeeds = useQuery({ queryKey: ['needs', 'open'], enabled: creating, queryFn: ({ signal }) => get<PageOf<Need>>('/needs', { status: ['open'], limit: 100 }, signal) })
  const resources = useQuery({ queryKey: ['resources', 'active'], enabled: creating, queryFn: ({ signal }) => get<PageOf<Resource>>('/resources', { status: ['active'], limit: 100 }, signal) })
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={status}
          onChange={setStatus}
          options={Object.entries(PROJECT_WORKFLOW.stateNames).map(([value, label]) => ({ value, label }))}
          aria-label="项目状态"
        />
        <Button type={late ? 'primary' : 'default'} danger={late} onClick={() => setLate(!late)}>
          只看超期
        </Button>
        <ExportButton loading={exporting.isPending} disabled={!q.data?.items.length} onClick={exportProjects} />
        {canCreate ? (
          <Button type="primary" onClick={() => setCreating(true)}>
            发布项目
          </Button>
        ) : null}
      </Space>
      {q.isError ? <PageError error={q.error} onRetry={() => void q.refetch()} /> : <ProjectTable items={q.data?.items ?? []} loading={q.isPending} onOpen={setOpen} />}
      <ProjectDrawer id={open} onClose={() => setOpen(null)} />
      <CreateModal open={creating} title="发布项目" path="/projects" invalidate="projects" onClose={() => setCreating(false)}>
        <Form.Item label="项目名称" name="title" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="对应需求（待立项）" name="needIds" rules={[{ required: true, message: '请至少选择一条需求' }]}>
          <Select mode="multiple" loading={openNeeds.isPending} options={(openNeeds.data?.items ?? []).map((n) => ({ value: n.id, label: `${n.title}（${n.categoryName}）` }))} optionFilterProp="label" />
        </Form.Item>
        <Form.Item label="用到的资源" name="resourceIds">
          <Select mode="multiple" loading={resources.isPending} options={(resources.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title} · ${r.owner.name}` }))} optionFilterProp="label" />
        </Form.Item>
        <Form.Item label="期望完成日期" name="deadline">
          <Input type="date" />
        </Form.Item>
        <Form.Item label="项目内容" name="description">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </CreateModal>
    </>
  )
}

function ProjectTable({ items, loading, onOpen }: { items: Project[]; loading?: boolean; onOpen: (id: string) => void }) {
  return (
    <Table<Project>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: '暂无项目' }}
      onRow={(p) => ({ onClick: () => onOpen(p.id), style: { cursor: 'pointer' } })}
      columns={[
        { title: '项目', dataIndex: 'title', ellipsis: true },
        { title: '需求', render: (_, p) => `${p.needs.length} 条`, width: 70 },
        { title: '认领单位', render: (_, p) => p.claimant?.name ?? '—', ellipsis: true },
        { title: '负责人', render: (_, p) => p.owner ?? '—', width: 90 },
        { title: '完成期限', render: (_, p) => p.deadline ?? '—', width: 110 },
        { title: '发布时间', render: (_, p) => formatDate(p.createdAt), width: 110 },
        { title: '状态', render: (_, p) => <StatusPill status={p.status} name={p.statusName} late={p.isLate} />, width: 130 },
      ]}
    />
  )
}

function ProjectDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const q = useQuery({ queryKey: ['projects', 'one', id], enabled: id !== null, queryFn: ({ signal }) => get<Project>(`/projects/${id}`, undefined, signal) })
  const p = q.data
  return (
    <Drawer open={id !== null} onClose={onClose} size={640} title={p?.title ?? '项目'}>
      {q.isError ? <PageError error={q.error} /> : null}
      {p ? (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="状态">
              <StatusPill status={p.status} name={p.statusName} late={p.isLate} />
            </Descriptions.Item>
            <Descriptions.Item label="社区">{p.community.name}</Descriptions.Item>
            <Descriptions.Item label="认领单位">{p.claimant ? `${p.claimant.name}（${p.claimant.kindName}）· ${formatTime(p.claimedAt)}` : '待认领'}</Descriptions.Item>
            <Descriptions.Item label="负责人">{p.owner ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="完成期限">{p.deadline ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="对应需求">
              {p.needs.map((n) => (
                <div key={n.id}>
                  {n.title}（{n.categoryName}） <StatusPill status={n.status} name={n.statusName} />
                </div>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="用到的资源">{p.resources.map((r) => `${r.title}（${r.ownerName}）`).join('；') || '—'}</Descriptions.Item>
            {p.summary ? <Descriptions.Item label="完成情况">{p.summary}</Descriptions.Item> : null}
            {p.description ? <Descriptions.Item label="项目内容">{p.description}</Descriptions.Item> : null}
          </Descriptions>
          {p.photoIds.length ? (
            <div style={{ marginTop: 12 }}>
              <Photos ids={p.photoIds} size={80} />
            </div>
          ) : null}
          <div style={{ margin: '16px 0' }}>
            <WorkflowActions table={PROJECT_WORKFLOW} path={`/projects/${p.id}`} version={p.version} allowed={p.allowedActions} invalidate={[['projects'], ['needs']]} danger={['cancel', 'release', 'returnForWork']} />
          </div>
          <TimelineList events={p.events ?? []} />
        </>
      ) : null}
    </Drawer>
  )
}

// ---- 季度梳理 ----------------------------------------------------------------------------------

function currentQuarter(): string {
  const now = new Date(Date.now() + 8 * 3600_000)
  return `${now.getUTCFullYear()}Q${Math.floor(now.getUTCMonth() / 3) + 1}`
}

function ReviewTab({ communityCode }: { communityCode: string }) {
  const [quarter, setQuarter] = useState(currentQuarter())
  const [open, setOpen] = useState<string | null>(null)
  const year = Number(quarter.slice(0, 4))
  const q = useQuery({
    queryKey: ['projects', 'review', communityCode, quarter],
    queryFn: ({ signal }) => get<QuarterlyReview>('/projects/review', { community: communityCode, quarter }, signal),
  })
  const r = q.data
  const quarters = [year - 1, year].flatMap((y) => [1, 2, 3, 4].map((n) => `${y}Q${n}`)).filter((x) => x <= currentQuarter())
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select value={quarter} onChange={setQuarter} style={{ width: 160 }} options={quarters.map((x) => ({ value: x, label: `${x.slice(0, 4)} 年第 ${x.slice(5)} 季度` }))} aria-label="季度" />
        {r ? (
          <span className="yw-muted">
            {r.community.name} · {r.from} 至 {r.to}
          </span>
        ) : null}
      </Space>
      {q.isError ? <PageError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {r ? (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Space size={40} wrap>
              <Statistic title="本季收集需求" value={r.counts.needsCollected} />
              <Statistic title="本季完成需求" value={r.counts.needsDone} />
              <Statistic title="待立项需求" value={r.counts.needsOpen} />
              <Statistic title="本季发布项目" value={r.counts.projectsPublished} />
              <Statistic title="本季认领项目" value={r.counts.projectsClaimed} />
              <Statistic title="本季验收项目" value={r.counts.projectsAccepted} />
              <Statistic title="待认领项目" value={r.counts.projectsUnclaimed} />
              <Statistic title="超期项目" value={r.counts.projectsLate} styles={{ content: { color: r.counts.projectsLate ? '#a8071a' : undefined } }} />
              <Statistic title="可提供资源" value={r.counts.resourcesActive} />
            </Space>
          </Card>
          <Card size="small" title="超期项目" style={{ marginBottom: 12 }}>
            <ProjectTable items={r.lateProjects} onOpen={setOpen} />
          </Card>
          <Card size="small" title="待认领项目" style={{ marginBottom: 12 }}>
            <ProjectTable items={r.unclaimedProjects} onOpen={setOpen} />
          </Card>
          <Card size="small" title="待立项需求">
            <Table<Need>
              rowKey="id"
              size="small"
              dataSource={r.openNeeds}
              pagination={false}
              locale={{ emptyText: '没有待立项的需求' }}
              columns={[
                { title: '需求', dataIndex: 'title' },
                { title: '类别', dataIndex: 'categoryName', width: 100 },
                { title: '网格', render: (_, n) => n.grid?.name ?? '—', width: 120 },
                { title: '登记时间', render: (_, n) => formatDate(n.createdAt), width: 110 },
              ]}
            />
          </Card>
        </>
      ) : null}
      <ProjectDrawer id={open} onClose={() => setOpen(null)} />
    </>
  )
}

export default function ListsPage() {
  usePageTitle('三张清单')
  const me = useMe().data!
  const [params, setParams] = useSearchParams()
  const role = me.role
  const isDepartment = role === 'department'
  const unitId = role === 'unit' ? unitIdOf(me.scope) : null
  // departments and units offer and claim; they raise no needs
  const isClaimer = isDepartment || unitId !== null
  const tab = params.get('tab') ?? (isClaimer ? 'projects' : 'needs')
  const last = me.scope.split('.').at(-1) ?? ''
  const communityCode = /^[0-9]{12}$/.test(last) ? last : null
  const tabs = [
    ...(isClaimer ? [] : [{ key: 'needs', label: '需求清单', children: <NeedsTab canRaise={role === 'community' || role === 'gridWorker' || role === 'gridHead'} /> }]),
    { key: 'resources', label: '资源清单', children: <ResourcesTab canOffer={role === 'community' || isClaimer} isDepartment={isDepartment} unitId={unitId} /> },
    { key: 'projects', label: '项目清单', children: <ProjectsTab canCreate={role === 'community'} /> },
    ...(communityCode && role === 'community' ? [{ key: 'review', label: '季度梳理', children: <ReviewTab communityCode={communityCode} /> }] : []),
  ]
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>三张清单</h1>
      </div>
      <Card>
        <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k })} items={tabs} destroyOnHidden />
      </Card>
    </div>
  )
}

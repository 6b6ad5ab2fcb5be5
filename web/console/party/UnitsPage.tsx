/**
 * 报到单位: the units registered at the communities in scope (a unit's account: its own pairings), with
 * their 共驻共建 agreements; confirm / decline / end / withdraw as allowedActions say; record a unit,
 * register one at a community; export the ledger.
 */
import { useState } from 'react'
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, Modal, Segmented, Select, Space, Table, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import { UNIT_KIND_NAMES, UNIT_REGISTRATION_ACTION_NAMES, type Unit, type UnitRegistration, type UnitRegistrationAction } from '#contracts/units'
import { errorText, get, post } from '../../shared/api'
import { formatDate, formatTime } from '../../shared/format'
import { scopePlaceCode } from '../../shared/places'
import { useMe } from '../../shared/session'
import { notifier } from '../shell/notifier'
import { PageError } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { ActionDialog, StatusPill, useCursors, type ActionSpec } from './bits'
import { EventTimeline } from './EventTimeline'
import { ExportButton, ImportButton } from '../shell/ExcelButtons'

type StatusFilter = 'submitted' | 'confirmed' | 'ended' | 'all'

const ACTIONS: Record<UnitRegistrationAction, ActionSpec> = {
  confirm: { label: UNIT_REGISTRATION_ACTION_NAMES.confirm, field: { name: 'note', label: '说明（可不填）', required: false } },
  decline: { label: UNIT_REGISTRATION_ACTION_NAMES.decline, field: { name: 'reason', label: '原因', required: true }, danger: true },
  end: { label: UNIT_REGISTRATION_ACTION_NAMES.end, field: { name: 'note', label: '说明（可不填）', required: false } },
  withdraw: { label: UNIT_REGISTRATION_ACTION_NAMES.withdraw, field: { name: 'reason', label: '原因', required: true }, danger: true },
}

export default function UnitsPage() {
  usePageTitle('报到单位')
  const me = useMe().data!
  const isUnit = me.role === 'unit'
  const [view, setView] = useState<'ledger' | 'directory'>('ledger')
  const [status, setStatus] = useState<StatusFilter>('all')
  const [openId, setOpenId] = useState<string | null>(null)
  const [creating, setCreating] = useState(false)
  const [registering, setRegistering] = useState(false)
  const { cursor, reset, pager } = useCursors()
  const client = useQueryClient()
  const query = { status: status === 'all' ? undefined : status === 'ended' ? ['ended', 'withdrawn', 'declined'] : [status] }
  const list = useQuery({
    queryKey: ['unit-registrations', status, cursor],
    queryFn: ({ signal }) => get<PageOf<UnitRegistration>>('/unit-registrations', { ...query, limit: 50, cursor, withTotal: true }, signal),
  })
  const refresh = () => void client.invalidateQueries({ queryKey: ['unit-registrations'] })

  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>报到单位{list.data?.total !== undefined ? <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>共 {list.data.total} 条</Typography.Text> : null}</h1>
        <Space wrap>
          {!isUnit ? (
            <Segmented
              value={view}
              onChange={(v) => setView(v as typeof view)}
              options={[
                { value: 'ledger', label: '报到台账' },
                { value: 'directory', label: '单位名录' },
              ]}
            />
          ) : null}
          {view === 'ledger' ? (
            <Segmented
              value={status}
              onChange={(v) => {
                reset()
                setStatus(v as StatusFilter)
              }}
              options={[
                { value: 'all', label: '全部' },
                { value: 'submitted', label: '待确认' },
                { value: 'confirmed', label: '已报到' },
                { value: 'ended', label: '已结束' },
              ]}
            />
          ) : null}
          {!isUnit ? (
            <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              登记单位
            </Button>
          ) : null}
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
            单位报到
          </Button>
          {me.role === 'community' ? (
            <ImportButton to="/imports/party-units" />
          ) : null}
          {view === 'ledger' ? (
            <ExportButton path="/exports/unit-registrations" query={query} fileName="单位报到台账.xlsx" />
          ) : null}
        </Space>
      </div>
      {view === 'directory' ? <UnitDirectory /> : null}
      <Card style={view === 'directory' ? { display: 'none' } : undefined}>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<UnitRegistration>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: '暂无单位报到记录' }}
            onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: '单位', render: (_, r) => <a onClick={() => setOpenId(r.id)}>{r.unit.name}</a> },
              { title: '类别', render: (_, r) => r.unit.kindName, width: 110 },
              { title: '报到社区', render: (_, r) => r.community.name, width: 120 },
              { title: '协议期限', render: (_, r) => `${r.agreement.termStart} 至 ${r.agreement.termEnd}`, width: 200 },
              { title: '可提供资源', render: (_, r) => r.agreement.resources.join('、'), ellipsis: true },
              { title: '状态', render: (_, r) => <StatusPill status={r.status} name={r.statusName} />, width: 100 },
              { title: '报到日期', render: (_, r) => formatDate(r.submittedAt), width: 110 },
            ]}
          />
        )}
        {pager(list.data?.nextCursor)}
      </Card>
      <UnitRegistrationDrawer id={openId} onClose={() => setOpenId(null)} onChanged={refresh} />
      <CreateUnitModal open={creating} onClose={() => setCreating(false)} />
      <RegisterUnitModal
        open={registering}
        onClose={() => setRegistering(false)}
        onDone={() => {
          setRegistering(false)
          refresh()
        }}
        fixedCommunity={me.role === 'community' ? scopePlaceCode(me.scope) : null}
        isUnit={isUnit}
      />
    </div>
  )
}

/** 单位名录: every unit of the county, with the communities it is paired with and its registered members. */
function UnitDirectory() {
  const [q, setQ] = useState('')
  const [kind, setKind] = useState<string | undefined>()
  const { cursor, reset, pager } = useCursors()
  const list = useQuery({
    queryKey: ['units', 'directory', q, kind, cursor],
    queryFn: ({ signal }) => get<PageOf<Unit>>('/units', { q: q || undefined, kind, limit: 50, cursor, withTotal: true }, signal),
  })
  return (
    <Card>
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          allowClear
          placeholder="单位名称"
          aria-label="单位名称"
          style={{ width: 240 }}
          onSearch={(v) => {
            reset()
            setQ(v.trim())
          }}
        />
        <Select
          allowClear
          placeholder="全部类别"
          aria-label="单位类别"
          style={{ width: 160 }}
          value={kind}
          onChange={(v) => {
            reset()
            setKind(v)
          }}
          options={Object.entries(UNIT_KIND_NAMES).map(([value, label]) => ({ value, label }))}
        />
        {list.data?.total !== undefined ? <Typography.Text type="secondary">共 {list.data.total} 家</Typography.Text> : null}
      </Space>
      {list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Unit>
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '暂无单位' }}
          columns={[
            { title: '单位', dataIndex: 'name' },
            { title: '类别', dataIndex: 'kindName', width: 120 },
            { title: '单位党组织', dataIndex: 'partyOrgName', ellipsis: true },
            { title: '联系电话', render: (_, u) => u.contactPhone ?? '—', width: 140 },
            { title: '结对社区', render: (_, u) => (u.pairedCommunities.length ? u.pairedCommunities.map((c) => c.name).join('、') : '—') },
            { title: '报到党员', render: (_, u) => `${u.memberCount} 人`, width: 100 },
          ]}
        />
      )}
      {pager(list.data?.nextCursor)}
    </Card>
  )
}

function UnitRegistrationDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const [action, setAction] = useState<UnitRegistrationAction | null>(null)
  const client = useQueryClient()
  const detail = useQuery({
    queryKey: ['unit-registration', id],
    queryFn: ({ signal }) => get<UnitRegistration>(`/unit-registrations/${id}`, undefined, signal),
    enabled: id !== null,
  })
  const r = detail.data
  return (
    <Drawer open={id !== null} onClose={onClose} size={560} title={r ? `${r.unit.name} · ${r.community.name}` : '单位报到'}>
      {detail.isError ? <PageError error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {r ? (
        <>
          <Space style={{ marginBottom: 16 }} wrap>
            <StatusPill status={r.status} name={r.statusName} />
            {r.allowedActions.map((a) => (
              <Button key={a} size="small" type={a === 'confirm' ? 'primary' : 'default'} danger={ACTIONS[a].danger} onClick={() => setAction(a)}>
                {ACTIONS[a].label}
              </Button>
            ))}
          </Space>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 110, whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="单位">{r.unit.name}</Descriptions.Item>
            <Descriptions.Item label="类别">{r.unit.kindName}</Descriptions.Item>
            <Descriptions.Item label="单位党组织">{r.unit.partyOrgName}</Descriptions.Item>
            <Descriptions.Item label="报到社区">{r.community.name}</Descriptions.Item>
            <Descriptions.Item label="协议期限">
              {r.agreement.termStart} 至 {r.agreement.termEnd}
            </Descriptions.Item>
            <Descriptions.Item label="可提供资源">
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {r.agreement.resources.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            </Descriptions.Item>
            <Descriptions.Item label="年度共建计划">{r.agreement.yearPlan ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="报到时间">{formatTime(r.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label="确认时间">{formatTime(r.decidedAt) || '—'}</Descriptions.Item>
          </Descriptions>
          <h3 style={{ margin: '24px 0 12px' }}>办理记录</h3>
          <EventTimeline events={r.events ?? []} />
          <ActionDialog
            path="/unit-registrations"
            record={r}
            action={action}
            spec={action ? ACTIONS[action] : undefined}
            onClose={() => setAction(null)}
            onDone={() => {
              setAction(null)
              void client.invalidateQueries({ queryKey: ['unit-registration', id] })
              onChanged()
            }}
          />
        </>
      ) : null}
    </Drawer>
  )
}

function CreateUnitModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm()
  const client = useQueryClient()
  const create = useMutation({
    mutationFn: (v: Record<string, string | undefined>) =>
      post<Unit>('/units', Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && String(x).trim() !== ''))),
    meta: { silent: true },
    onSuccess: (u) => {
      notifier.show(`已登记 ${u.name}`, 'success')
      void client.invalidateQueries({ queryKey: ['units'] })
      onClose()
    },
  })
  return (
    <Modal open={open} title="登记报到单位" okText="登记" onOk={() => form.submit()} confirmLoading={create.isPending} onCancel={onClose} destroyOnHidden>
      {create.error ? <Alert type="error" showIcon title={errorText(create.error)} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} preserve={false}>
        <Form.Item label="单位名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写单位名称' }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
          <Select options={Object.entries(UNIT_KIND_NAMES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="单位党组织" name="partyOrgName" rules={[{ required: true, whitespace: true, message: '请填写单位党组织名称' }]}>
          <Input maxLength={80} placeholder="如 镇宁自治县人民医院党委" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item label="联系人" name="contactName" style={{ flex: 1, marginRight: 8 }}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item label="联系电话" name="contactPhone" style={{ flex: 1 }} rules={[{ pattern: /^(?:1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/, message: '手机号或座机，如 0851-36221234' }]}>
            <Input maxLength={20} />
          </Form.Item>
        </Space.Compact>
        <Form.Item label="单位地址" name="address">
          <Input maxLength={120} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function RegisterUnitModal({
  open,
  onClose,
  onDone,
  fixedCommunity,
  isUnit,
}: {
  open: boolean
  onClose: () => void
  onDone: () => void
  fixedCommunity: string | null
  isUnit: boolean
}) {
  const [form] = Form.useForm()
  const year = new Date().getFullYear()
  const units = useQuery({
    queryKey: ['units', 'all'],
    queryFn: ({ signal }) => get<PageOf<Unit>>('/units', { limit: 100 }, signal),
    enabled: open && !isUnit,
  })
  const register = useMutation({
    mutationFn: (v: { unitId?: string; communityCode?: string; termStart: string; termEnd: string; resources: string[]; yearPlan?: string }) =>
      post<UnitRegistration>('/unit-registrations', {
        ...(v.unitId ? { unitId: v.unitId } : {}),
        communityCode: fixedCommunity ?? v.communityCode,
        termStart: v.termStart,
        termEnd: v.termEnd,
        resources: v.resources,
        ...(v.yearPlan?.trim() ? { yearPlan: v.yearPlan.trim() } : {}),
      }),
    meta: { silent: true },
    onSuccess: () => {
      notifier.show('已提交单位报到，等待社区确认', 'success')
      onDone()
    },
  })
  return (
    <Modal open={open} title="单位到社区报到（共驻共建协议）" okText="提交" onOk={() => form.submit()} confirmLoading={register.isPending} onCancel={onClose} destroyOnHidden width={600}>
      {register.error ? <Alert type="error" showIcon title={errorText(register.error)} style={{ marginBottom: 16 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => register.mutate(v)}
        preserve={false}
        initialValues={{ termStart: `${year}-01-01`, termEnd: `${year + 1}-12-31`, resources: [] }}
      >
        {!isUnit ? (
          <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择单位（没有时先“登记单位”）' }]}>
            <Select showSearch optionFilterProp="label" loading={units.isPending} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        ) : null}
        {fixedCommunity ? null : (
          <Form.Item label="报到社区代码" name="communityCode" rules={[{ required: true, pattern: /^[0-9]{12}$/, message: '请填写 12 位社区代码' }]} extra="如 北街社区 520423002013">
            <Input maxLength={12} />
          </Form.Item>
        )}
        <Space.Compact block>
          <Form.Item label="协议开始" name="termStart" style={{ flex: 1, marginRight: 8 }} rules={[{ required: true, message: '请填写开始日期' }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item label="协议结束" name="termEnd" style={{ flex: 1 }} rules={[{ required: true, message: '请填写结束日期' }]}>
            <Input type="date" />
          </Form.Item>
        </Space.Compact>
        <Form.Item label="可提供资源" name="resources" rules={[{ required: true, type: 'array', min: 1, message: '至少填写一项资源' }]} extra="输入后回车，可填多项：场地、资金、技能、志愿者、物资…">
          <Select mode="tags" open={false} placeholder="如 会议室共享、每月义诊一次" />
        </Form.Item>
        <Form.Item label="年度共建计划" name="yearPlan">
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}

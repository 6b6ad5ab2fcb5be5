/**
 * 在职党员: in-service members' registrations at the communities in scope, with their unit, party
 * organisation, contact (masked), post and status; confirm / decline / transfer as allowedActions say;
 * export the ledger.
 */
import { useState } from 'react'
import { Button, Card, Descriptions, Drawer, Segmented, Space, Table, Typography } from 'antd'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import { REGISTRATION_ACTION_NAMES, type Registration, type RegistrationAction } from '#contracts/registrations'
import { get } from '../../shared/api'
import { useMe } from '../../shared/session'
import { formatDate, formatTime } from '../../shared/format'
import { PageError } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { ActionDialog, StatusPill, useCursors, type ActionSpec } from './bits'
import { EventTimeline } from './EventTimeline'
import { ExportButton, ImportButton } from '../shell/ExcelButtons'

type StatusFilter = 'submitted' | 'confirmed' | 'other' | 'all'

const ACTIONS: Record<RegistrationAction, ActionSpec> = {
  confirm: { label: REGISTRATION_ACTION_NAMES.confirm, field: { name: 'note', label: '说明（可不填）', required: false } },
  decline: { label: REGISTRATION_ACTION_NAMES.decline, field: { name: 'reason', label: '原因', required: true }, danger: true },
  transfer: { label: REGISTRATION_ACTION_NAMES.transfer, field: { name: 'toCommunityCode', label: '转入社区代码', required: true } },
}

export default function MembersPage() {
  usePageTitle('在职党员')
  const isCommunity = useMe().data?.role === 'community'
  const [status, setStatus] = useState<StatusFilter>('all')
  const [openId, setOpenId] = useState<string | null>(null)
  const { cursor, reset, pager } = useCursors()
  const client = useQueryClient()
  const query = { status: status === 'all' ? undefined : status === 'other' ? ['declined', 'transferred'] : [status] }
  const list = useQuery({
    queryKey: ['registrations', status, cursor],
    queryFn: ({ signal }) => get<PageOf<Registration>>('/registrations', { ...query, limit: 50, cursor, withTotal: true }, signal),
  })
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>在职党员报到{list.data?.total !== undefined ? <Typography.Text type="secondary" style={{ fontSize: 14, marginLeft: 8 }}>共 {list.data.total} 人次</Typography.Text> : null}</h1>
        <Space wrap>
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
              { value: 'other', label: '未通过/已转出' },
            ]}
          />
          <ExportButton path="/exports/registrations" query={query} fileName="在职党员报到台账.xlsx" />
          {isCommunity ? <ImportButton to="/imports/party-members" /> : null}
        </Space>
      </div>
      <Card>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Registration>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: '暂无报到记录' }}
            onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: '党员', render: (_, r) => <a onClick={() => setOpenId(r.id)}>{r.member.name}</a>, width: 100 },
              { title: '工作单位', render: (_, r) => r.unit?.name ?? r.workUnit, ellipsis: true },
              { title: '所在党组织', render: (_, r) => r.partyOrg ?? '—', ellipsis: true },
              { title: '联系电话', render: (_, r) => <span className="yw-tabular">{r.phone ?? '—'}</span>, width: 130 },
              { title: '报到社区', render: (_, r) => r.community.name, width: 110 },
              { title: '志愿岗位', render: (_, r) => r.postName ?? '—', width: 110 },
              { title: '状态', render: (_, r) => <StatusPill status={r.status} name={r.statusName} />, width: 90 },
              { title: '报到日期', render: (_, r) => formatDate(r.submittedAt), width: 110 },
            ]}
          />
        )}
        {pager(list.data?.nextCursor)}
      </Card>
      <RegistrationDrawer id={openId} onClose={() => setOpenId(null)} onChanged={() => void client.invalidateQueries({ queryKey: ['registrations'] })} />
    </div>
  )
}

export function RegistrationDrawer({ id, onClose, onChanged }: { id: string | null; onClose: () => void; onChanged: () => void }) {
  const [action, setAction] = useState<RegistrationAction | null>(null)
  const client = useQueryClient()
  const detail = useQuery({
    queryKey: ['registration', id],
    queryFn: ({ signal }) => get<Registration>(`/registrations/${id}`, undefined, signal),
    enabled: id !== null,
  })
  const r = detail.data
  return (
    <Drawer open={id !== null} onClose={onClose} size={520} title={r ? `${r.member.name} · ${r.community.name}` : '报到记录'}>
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
            <Descriptions.Item label="党员">{r.member.name}</Descriptions.Item>
            <Descriptions.Item label="工作单位">{r.unit?.name ?? r.workUnit}</Descriptions.Item>
            {r.unit && r.workUnit !== r.unit.name ? <Descriptions.Item label="部门">{r.workUnit}</Descriptions.Item> : null}
            <Descriptions.Item label="所在党组织">{r.partyOrg ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{r.phone ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="报到社区">{r.community.name}</Descriptions.Item>
            <Descriptions.Item label="志愿岗位">{r.postName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="特长">{r.skills ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="报到时间">{formatTime(r.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label="确认时间">{formatTime(r.decidedAt) || '—'}</Descriptions.Item>
          </Descriptions>
          <h3 style={{ margin: '24px 0 12px' }}>办理记录</h3>
          <EventTimeline events={r.events ?? []} />
          <ActionDialog
            path="/registrations"
            record={r}
            action={action}
            spec={action ? ACTIONS[action] : undefined}
            onClose={() => setAction(null)}
            onDone={() => {
              setAction(null)
              void client.invalidateQueries({ queryKey: ['registration', id] })
              onChanged()
            }}
          />
        </>
      ) : null}
    </Drawer>
  )
}

/**
 * 走访计划: the county's frequencies (editable by the county's account) and the visit list generated from the
 * registers — per grid, with filters by kind and state, overdue first — exportable.
 */
import { useState } from 'react'
import { Button, Card, InputNumber, Select, Space, Switch, Table } from 'antd'
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import type { DueItem, DueList, VisitRule, VisitRules } from '#contracts/visits'
import { VISIT_DUE_STATE_NAMES, VISIT_SUBJECT_KIND_NAMES } from '#contracts/ledger-names'
import { api, get } from '../../shared/api'
import { formatDate } from '../../shared/format'
import { scopePlaceCode } from '../../shared/places'
import { useMe } from '../../shared/session'
import { PlacePicker } from '../appeals/pickers'
import { notifier } from '../shell/notifier'
import { Pill } from '../shell/Pill'
import { EmptyState, PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { useTableExport } from '../shell/useTableExport'

const STATE_TONE = { overdue: 'red', due: 'orange', ok: 'green' } as const

function RuleRow({ rule, canEdit }: { rule: VisitRule; canEdit: boolean }) {
  const client = useQueryClient()
  const [days, setDays] = useState<number | null>(rule.frequencyDays)
  const save = useMutation({
    mutationFn: (body: { frequencyDays: number; active: boolean }) => api<VisitRules>('PUT', `/visits/rules/${rule.subjectKind}`, { body }),
    onSuccess: () => {
      notifier.show(`已更新：${rule.subjectKindName}`, 'success')
      void client.invalidateQueries({ queryKey: ['visits'] })
    },
  })
  if (!canEdit) return <span>每 {rule.frequencyDays} 天{rule.active ? '' : '（未启用）'}</span>
  return (
    <Space>
      <InputNumber aria-label={`${rule.subjectKindName}走访间隔天数`} min={1} max={366} value={days} onChange={(v) => setDays(v)} suffix="天" style={{ width: 110 }} />
      <Switch aria-label={`${rule.subjectKindName}列入走访清单`} checked={rule.active} onChange={(active) => save.mutate({ frequencyDays: days ?? rule.frequencyDays, active })} />
      <Button size="small" disabled={!days || days === rule.frequencyDays} loading={save.isPending} onClick={() => save.mutate({ frequencyDays: days!, active: rule.active })}>
        保存
      </Button>
    </Space>
  )
}

export default function PlanPage() {
  usePageTitle('走访计划')
  const me = useMe().data!
  const own = scopePlaceCode(me.scope) ?? ''
  const [params, setParams] = useSearchParams()
  const gridCode = params.get('grid') ?? (own.length === 15 ? own : undefined)
  const kind = params.get('kind') ?? undefined
  const state = params.get('state') ?? undefined
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params)
    if (v) next.set(k, v)
    else next.delete(k)
    setParams(next)
  }
  const rules = useQuery({ queryKey: ['visits', 'rules'], queryFn: ({ signal }) => get<VisitRules>('/visits/rules', undefined, signal) })
  // a county or street picks a grid; a community sees all of its grids
  const wide = own.length < 12 && !gridCode
  const due = useQuery({
    queryKey: ['visits', 'due', gridCode, kind, state],
    queryFn: ({ signal }) => get<DueList>('/visits/due', { gridCode, kind, state }, signal),
    enabled: !wide,
  })
  const exporting = useTableExport<DueItem>()
  const canEdit = rules.data?.canEdit ?? false
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>走访计划</h1>
      </div>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={`走访频次${canEdit ? '（县级设置，全县适用）' : ''}`} size="small">
          {rules.isPending ? (
            <PageLoading rows={3} />
          ) : rules.isError ? (
            <PageError error={rules.error} onRetry={() => void rules.refetch()} />
          ) : (
            <Table<VisitRule>
              size="small"
              rowKey="subjectKind"
              pagination={false}
              dataSource={rules.data.items}
              locale={{ emptyText: '本县尚未设置走访频次' }}
              columns={[
                { title: '走访对象', dataIndex: 'subjectKindName' },
                { title: '频次', render: (_, r) => <RuleRow key={`${r.subjectKind}:${r.version}`} rule={r} canEdit={canEdit} /> },
                { title: '状态', render: (_, r) => (r.active ? <Pill tone="green">列入清单</Pill> : <Pill tone="gray">未启用</Pill>) },
                { title: '更新于', render: (_, r) => formatDate(r.updatedAt) },
              ]}
            />
          )}
        </Card>
        <Card
          size="small"
          title="走访清单"
          extra={
            <Space wrap>
              <div style={{ width: 240 }}>
                <PlacePicker ariaLabel="网格" value={gridCode} onChange={(v) => set('grid', v && v.length === 15 ? v : undefined)} />
              </div>
              <Select
                aria-label="对象类别"
                allowClear
                placeholder="全部类别"
                style={{ width: 160 }}
                value={kind}
                onChange={(v) => set('kind', v)}
                options={(rules.data?.items ?? []).filter((r) => r.active).map((r) => ({ value: r.subjectKind, label: r.subjectKindName }))}
              />
              <Select
                aria-label="状态"
                allowClear
                placeholder="全部状态"
                style={{ width: 120 }}
                value={state}
                onChange={(v) => set('state', v)}
                options={Object.entries(VISIT_DUE_STATE_NAMES).map(([value, label]) => ({ value, label }))}
              />
              <Button icon={<ReloadOutlined />} onClick={() => void due.refetch()} disabled={wide}>
                刷新
              </Button>
              <Button
                icon={<DownloadOutlined />}
                disabled={!due.data?.items.length}
                loading={exporting.isPending}
                onClick={() =>
                  exporting.mutate({
                    title: '走访清单',
                    note: `截至 ${due.data!.asOf}${kind ? `；${VISIT_SUBJECT_KIND_NAMES[kind as keyof typeof VISIT_SUBJECT_KIND_NAMES]}` : ''}`,
                    columns: [
                      { header: '网格', value: (r) => r.gridName },
                      { header: '对象', value: (r) => r.name },
                      { header: '类别', value: (r) => r.subjectKindName },
                      { header: '地址', value: (r) => r.address },
                      { header: '频次（天）', value: (r) => r.frequencyDays },
                      { header: '上次走访', value: (r) => (r.lastVisitedAt ? r.lastVisitedAt.slice(0, 10) : '未走访') },
                      { header: '应访日期', value: (r) => r.nextDueDate },
                      { header: '状态', value: (r) => r.stateName },
                    ],
                    rows: due.data!.items,
                  })
                }
              >
                导出
              </Button>
            </Space>
          }
        >
          {wide ? (
            <EmptyState text="请选择一个网格查看走访清单" />
          ) : due.isPending ? (
            <PageLoading />
          ) : due.isError ? (
            <PageError error={due.error} onRetry={() => void due.refetch()} />
          ) : (
            <>
              <Space style={{ marginBottom: 12 }}>
                <Pill tone="red">逾期 {due.data.counts.overdue}</Pill>
                <Pill tone="orange">待访 {due.data.counts.due}</Pill>
                <Pill tone="green">正常 {due.data.counts.ok}</Pill>
                {due.data.campaigns.map((c) => (
                  <Pill key={c.id} tone="purple">
                    敲门行动「{c.name}」未访 {c.remaining}/{c.subjects}，{c.deadline} 截止
                  </Pill>
                ))}
              </Space>
              <Table<DueItem>
                size="small"
                rowKey={(r) => `${r.subjectType}:${r.subjectId}:${r.subjectKind}`}
                dataSource={due.data.items}
                pagination={{ pageSize: 50, showSizeChanger: false }}
                locale={{ emptyText: '暂无走访对象' }}
                columns={[
                  { title: '网格', dataIndex: 'gridName', width: 110 },
                  { title: '对象', dataIndex: 'name' },
                  { title: '类别', dataIndex: 'subjectKindName', width: 140 },
                  { title: '地址', dataIndex: 'address', ellipsis: true },
                  { title: '上次走访', width: 110, render: (_, r) => (r.lastVisitedAt ? r.lastVisitedAt.slice(0, 10) : '未走访') },
                  { title: '应访日期', dataIndex: 'nextDueDate', width: 110 },
                  {
                    title: '状态',
                    width: 120,
                    render: (_, r) => <Pill tone={STATE_TONE[r.state]}>{r.state === 'overdue' ? `逾期 ${r.daysOverdue} 天` : r.stateName}</Pill>,
                  },
                ]}
              />
            </>
          )}
        </Card>
      </Space>
    </div>
  )
}

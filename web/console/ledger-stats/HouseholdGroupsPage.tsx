/**
 * 十联户: the buildings of the caller's place with how many of their households are in a group; for the community
 * (and the street and county above it) 自动编组 proposes groups of about ten neighbouring households of a building
 * not yet grouped, with a suggested 联户长 each — the community edits names and leaders and confirms them together;
 * every building's list prints on A4 (打印名单).
 */
import { useState } from 'react'
import { Alert, Button, Card, Input, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd'
import { ClusterOutlined, PrinterOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { ConfirmedGroups, GroupArrangement, GroupBuilding, GroupBuildings } from '#contracts/household-groups'
import { get, post } from '../../shared/api'
import { scopePlaceCode } from '../../shared/places'
import { useMe } from '../../shared/session'
import { notifier } from '../shell/notifier'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'

type Draft = { name: string; leaderResidentId: string | null }

function ArrangeModal({ building, onClose }: { building: GroupBuilding; onClose: () => void }) {
  const client = useQueryClient()
  const proposal = useQuery({
    queryKey: ['household-groups', 'arrange', building.id],
    queryFn: () => post<GroupArrangement>('/household-groups/arrange', { buildingId: building.id }),
    gcTime: 0,
  })
  const [drafts, setDrafts] = useState<Record<number, Draft>>({})
  const p = proposal.data
  const draftOf = (i: number): Draft => drafts[i] ?? { name: p!.groups[i]!.name, leaderResidentId: p!.groups[i]!.leaderResidentId }
  const confirm = useMutation({
    mutationFn: () =>
      post<ConfirmedGroups>('/household-groups/confirm', {
        buildingId: building.id,
        groups: p!.groups.map((g, i) => ({ name: draftOf(i).name, householdIds: g.households.map((h) => h.id), leaderResidentId: draftOf(i).leaderResidentId })),
      }),
    onSuccess: (r) => {
      notifier.show(`已建立 ${r.items.length} 个十联户`, 'success')
      void client.invalidateQueries({ queryKey: ['household-groups'] })
      onClose()
    },
  })
  return (
    <Modal
      open
      width={880}
      title={`${building.compoundName ?? ''}${building.name} · 自动编组`}
      onCancel={onClose}
      okText="确认编组"
      okButtonProps={{ disabled: !p || p.groups.length === 0, loading: confirm.isPending }}
      onOk={() => confirm.mutate()}
    >
      {proposal.isPending ? (
        <PageLoading rows={4} />
      ) : proposal.isError ? (
        <PageError error={proposal.error} onRetry={() => void proposal.refetch()} />
      ) : (
        <>
          <Typography.Paragraph className="yw-muted">
            本楼 {p!.households} 户，已编组 {p!.alreadyGrouped} 户（保持不变）。其余住户按单元、房号相邻约 10 户一组；可修改组名并为每组选定联户长。
          </Typography.Paragraph>
          {confirm.isError ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={(confirm.error as Error).message} /> : null}
          {p!.groups.length === 0 ? <Alert type="success" showIcon message="本楼住户均已编入十联户" /> : null}
          <Space direction="vertical" style={{ width: '100%' }}>
            {p!.groups.map((g, i) => (
              <Card key={i} size="small">
                <Space wrap style={{ marginBottom: 8 }}>
                  <Input
                    aria-label={`第${i + 1}组组名`}
                    style={{ width: 260 }}
                    maxLength={30}
                    value={draftOf(i).name}
                    onChange={(e) => setDrafts({ ...drafts, [i]: { ...draftOf(i), name: e.target.value } })}
                  />
                  <Select
                    aria-label={`第${i + 1}组联户长`}
                    style={{ width: 260 }}
                    placeholder="选择联户长"
                    allowClear
                    value={draftOf(i).leaderResidentId ?? undefined}
                    onChange={(v) => setDrafts({ ...drafts, [i]: { ...draftOf(i), leaderResidentId: v ?? null } })}
                    options={g.candidates.map((c) => ({
                      value: c.residentId,
                      label: `${c.name}（${c.room ?? ''}${c.isHead ? ' 户主' : ''}${c.age !== null ? ` ${c.age}岁` : ''}）`,
                    }))}
                  />
                  <Typography.Text className="yw-muted">{g.households.length} 户</Typography.Text>
                </Space>
                <div>
                  {g.households.map((h) => (
                    <Tag key={h.id} style={{ marginBottom: 4 }}>
                      {h.room ?? h.address}
                      {h.headName ? ` ${h.headName}` : ''}
                    </Tag>
                  ))}
                </div>
              </Card>
            ))}
          </Space>
        </>
      )}
    </Modal>
  )
}

export default function HouseholdGroupsPage() {
  usePageTitle('十联户')
  const me = useMe().data!
  const canArrange = me.role === 'community' || me.role === 'street' || me.role === 'county'
  const place = scopePlaceCode(me.scope) ?? undefined
  const q = useQuery({ queryKey: ['household-groups', 'buildings', place], queryFn: ({ signal }) => get<GroupBuildings>('/household-groups/buildings', { placeCode: place }, signal) })
  const [arranging, setArranging] = useState<GroupBuilding | null>(null)
  if (q.isPending) return <PageLoading rows={8} />
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />
  const items = q.data.items
  const households = items.reduce((n, b) => n + b.households, 0)
  const grouped = items.reduce((n, b) => n + b.grouped, 0)
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>十联户</h1>
        <Typography.Text className="yw-muted">
          {items.length} 栋楼 · {households} 户 · 已编组 {grouped} 户{households ? `（${Math.round((grouped / households) * 100)}%）` : ''}
        </Typography.Text>
      </div>
      {q.data.truncated ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message="楼栋较多，只列出前 500 栋" /> : null}
      <Card>
        <Table<GroupBuilding>
          rowKey="id"
          size="small"
          dataSource={items}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: '网格', dataIndex: 'gridName', width: 120 },
            { title: '小区', dataIndex: 'compoundName', width: 140, render: (v: string | null) => v ?? '—' },
            { title: '楼栋', dataIndex: 'name', width: 120 },
            { title: '住户', dataIndex: 'households', align: 'right', width: 80 },
            {
              title: '已编组',
              key: 'grouped',
              width: 200,
              render: (_, b) => (
                <Space>
                  <Progress percent={b.households ? Math.round((b.grouped / b.households) * 100) : 0} size="small" showInfo={false} style={{ width: 100, margin: 0 }} aria-label={`已编组 ${b.grouped} 户`} />
                  <span>
                    {b.grouped}/{b.households}
                  </span>
                </Space>
              ),
            },
            { title: '十联户', dataIndex: 'groups', align: 'right', width: 80, render: (v: number) => `${v} 组` },
            {
              title: '操作',
              key: 'actions',
              render: (_, b) => (
                <Space>
                  {canArrange && b.grouped < b.households ? (
                    <Button size="small" type="primary" icon={<ClusterOutlined />} onClick={() => setArranging(b)}>
                      自动编组
                    </Button>
                  ) : null}
                  <Link to={`/household-groups/print/${b.id}`}>
                    <PrinterOutlined /> 打印名单
                  </Link>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {arranging ? <ArrangeModal building={arranging} onClose={() => setArranging(null)} /> : null}
    </div>
  )
}

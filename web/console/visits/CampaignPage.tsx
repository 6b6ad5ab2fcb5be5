/** A campaign's live progress per grid (subjects, visited since the start, remaining, overdue past the deadline). */
import { Button, Card, Col, Descriptions, Popconfirm, Progress, Row, Space, Statistic, Table } from 'antd'
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useParams } from 'react-router'
import type { Campaign, CampaignGridProgress } from '#contracts/visits'
import { get, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { notifier } from '../shell/notifier'
import { Pill } from '../shell/Pill'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { useTableExport } from '../shell/useTableExport'

const pct = (p: { visited: number; subjects: number }) => (p.subjects ? Math.round((p.visited / p.subjects) * 100) : 0)

export default function CampaignPage() {
  const { id } = useParams()
  const client = useQueryClient()
  const q = useQuery({ queryKey: ['visits', 'campaigns', id], queryFn: ({ signal }) => get<Campaign>(`/visits/campaigns/${id}`, undefined, signal) })
  usePageTitle(q.data?.name ?? '敲门行动')
  const close = useMutation({
    mutationFn: (version: number) => post<Campaign>(`/visits/campaigns/${id}/close`, { version }),
    onSuccess: () => {
      notifier.show('行动已结束', 'success')
      void client.invalidateQueries({ queryKey: ['visits'] })
    },
  })
  const exporting = useTableExport<CampaignGridProgress>()
  if (q.isPending) return <PageLoading />
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />
  const c = q.data
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>{c.name}</h1>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()}>
            刷新
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting.isPending}
            onClick={() =>
              exporting.mutate({
                title: `${c.name}进度`,
                note: `${c.placeName}；${c.subjectKindName}；${c.startDate} 至 ${c.deadline}`,
                columns: [
                  { header: '社区', value: (g) => g.communityName },
                  { header: '网格', value: (g) => g.gridName },
                  { header: '对象', value: (g) => g.subjects },
                  { header: '已走访', value: (g) => g.visited },
                  { header: '未走访', value: (g) => g.remaining },
                  { header: '逾期未访', value: (g) => g.overdue },
                ],
                rows: c.grids ?? [],
              })
            }
          >
            导出
          </Button>
          {c.allowedActions.includes('close') ? (
            <Popconfirm title="结束后各网格不再显示此行动，确定结束？" onConfirm={() => close.mutate(c.version)}>
              <Button danger loading={close.isPending}>
                结束行动
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      </div>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small">
          <Descriptions size="small" column={3}>
            <Descriptions.Item label="发起">{c.placeName}</Descriptions.Item>
            <Descriptions.Item label="对象">{c.subjectKindName}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Pill tone={c.status === 'active' ? 'blue' : 'gray'}>{c.statusName}</Pill>
            </Descriptions.Item>
            <Descriptions.Item label="期间">
              {c.startDate} 至 {c.deadline}
            </Descriptions.Item>
            <Descriptions.Item label="发起时间">{formatTime(c.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="说明">{c.note ?? '—'}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Row gutter={16}>
          {(
            [
              ['对象', c.progress.subjects],
              ['已走访', c.progress.visited],
              ['未走访', c.progress.remaining],
              ['逾期未访', c.progress.overdue],
            ] as const
          ).map(([t, v]) => (
            <Col span={6} key={t}>
              <Card size="small">
                <Statistic title={t} value={v} />
              </Card>
            </Col>
          ))}
        </Row>
        <Card size="small" title="各网格进度">
          <Table<CampaignGridProgress>
            size="small"
            rowKey="gridCode"
            pagination={false}
            dataSource={c.grids ?? []}
            locale={{ emptyText: '本辖区没有此类对象' }}
            columns={[
              { title: '社区', dataIndex: 'communityName', width: 140 },
              { title: '网格', dataIndex: 'gridName', width: 140 },
              { title: '完成', render: (_, g) => <Progress aria-label={`${g.gridName}完成比例`} percent={pct(g)} size="small" style={{ maxWidth: 240 }} /> },
              { title: '对象', dataIndex: 'subjects', width: 80 },
              { title: '已走访', dataIndex: 'visited', width: 80 },
              { title: '未走访', dataIndex: 'remaining', width: 80 },
              { title: '逾期未访', width: 90, render: (_, g) => (g.overdue ? <Pill tone="red">{g.overdue}</Pill> : 0) },
            ]}
          />
        </Card>
      </Space>
    </div>
  )
}

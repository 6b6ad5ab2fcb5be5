/** 走访覆盖: per community and grid, for a month — visits due, on time, late, overdue and the on-time share. */
import { Button, Card, DatePicker, Space, Table } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import dayjs from 'dayjs'
import type { CoverageRow, VisitCoverage } from '#contracts/visits'
import { get } from '../../shared/api'
import { todayInShanghai } from '../../shared/format'
import { PlacePicker } from '../appeals/pickers'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { useTableExport } from '../shell/useTableExport'

const rate = (r: CoverageRow) => (r.coverageRate === null ? '—' : `${Math.round(r.coverageRate * 1000) / 10}%`)

export default function CoveragePage() {
  usePageTitle('走访覆盖')
  const [params, setParams] = useSearchParams()
  // a monthly figure is read for a finished month: last month unless one is chosen
  const month = params.get('month') ?? dayjs(todayInShanghai()).subtract(1, 'month').format('YYYY-MM')
  const place = params.get('place') ?? undefined
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params)
    if (v) next.set(k, v)
    else next.delete(k)
    setParams(next)
  }
  const q = useQuery({ queryKey: ['visits', 'coverage', place, month], queryFn: ({ signal }) => get<VisitCoverage>('/visits/coverage', { placeCode: place, month }, signal) })
  const exporting = useTableExport<CoverageRow>()
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>走访覆盖</h1>
        <Space wrap>
          <div style={{ width: 240 }}>
            <PlacePicker ariaLabel="地点" value={place} onChange={(v) => set('place', v)} />
          </div>
          <DatePicker picker="month" aria-label="月份" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => set('month', d ? d.format('YYYY-MM') : undefined)} />
          <Button
            icon={<DownloadOutlined />}
            disabled={!q.data}
            loading={exporting.isPending}
            onClick={() =>
              exporting.mutate({
                title: `走访覆盖 ${month}`,
                note: `${q.data!.rows.at(-1)?.name ?? ''}；应访为本月到期（截至今天）的走访；按时 = 到期日当天或之前走访`,
                columns: [
                  { header: '层级', value: (r) => (r.level === 'grid' ? '网格' : r.level === 'community' ? '社区' : '合计') },
                  { header: '名称', value: (r) => r.name },
                  { header: '走访对象', value: (r) => r.subjects },
                  { header: '应访', value: (r) => r.due },
                  { header: '按时走访', value: (r) => r.visitedOnTime },
                  { header: '超期走访', value: (r) => r.visitedLate },
                  { header: '逾期未访', value: (r) => r.overdue },
                  { header: '覆盖率', value: (r) => rate(r) },
                ],
                rows: q.data!.rows,
              })
            }
          >
            导出
          </Button>
        </Space>
      </div>
      <Card size="small">
        {q.isPending ? (
          <PageLoading />
        ) : q.isError ? (
          <PageError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<CoverageRow>
            size="small"
            rowKey={(r) => `${r.level}:${r.code}`}
            pagination={false}
            dataSource={q.data.rows}
            locale={{ emptyText: '本月没有应访对象' }}
            columns={[
              { title: '名称', render: (_, r) => (r.level === 'grid' ? <span style={{ paddingLeft: 24 }}>{r.name}</span> : <strong>{r.level === 'total' ? `合计（${r.name}）` : r.name}</strong>) },
              { title: '走访对象', dataIndex: 'subjects', width: 100 },
              { title: '应访', dataIndex: 'due', width: 90 },
              { title: '按时走访', dataIndex: 'visitedOnTime', width: 100 },
              { title: '超期走访', dataIndex: 'visitedLate', width: 100 },
              { title: '逾期未访', dataIndex: 'overdue', width: 100 },
              { title: '覆盖率', width: 100, render: (_, r) => rate(r) },
            ]}
          />
        )}
      </Card>
    </div>
  )
}

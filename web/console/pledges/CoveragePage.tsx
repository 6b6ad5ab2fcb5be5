/**
 * 包保覆盖: for a community or grid, how many households have a pledging member and which have nobody,
 * the buildings (each opening its pledge map and its 三亮 notice), and the members — fewer than 5
 * households is 未达标.
 */
import { Button, Card, Col, Collapse, Row, Space, Statistic, Table } from 'antd'
import { ReloadOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Link, useSearchParams } from 'react-router'
import type { Coverage } from '#contracts/pledges'
import { formatTime } from '../../shared/format'
import { get } from '../../shared/api'
import { scopePlaceCode } from '../../shared/places'
import { useMe } from '../../shared/session'
import { PlacePicker } from '../appeals/pickers'
import { Pill } from '../shell/Pill'
import { EmptyState, PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { useTableExport } from '../shell/useTableExport'

const pct = (a: number, b: number) => (b === 0 ? '—' : `${Math.round((a / b) * 1000) / 10}%`)

type MemberRow = Coverage['members'][number]
type HouseholdRow = Coverage['uncoveredHouseholds'][number]

export default function CoveragePage() {
  const me = useMe().data!
  const [params, setParams] = useSearchParams()
  const own = scopePlaceCode(me.scope) ?? ''
  const place = params.get('place') ?? own
  const deepEnough = place.length >= 12
  const q = useQuery({
    queryKey: ['pledges', 'coverage', place],
    queryFn: ({ signal }) => get<Coverage>('/pledges/coverage', { place }, signal),
    enabled: deepEnough,
  })
  usePageTitle(q.data ? `包保覆盖 · ${q.data.place.name}` : '包保覆盖')
  const c = q.data
  const members = useTableExport<MemberRow>()
  const households = useTableExport<HouseholdRow>()
  const exportMembers = (c: Coverage) =>
    members.mutate({
      title: `${c.place.name}在职党员包保`,
      note: `${c.place.name}；每人包保 5–8 户，少于 5 户为未达标；统计截至 ${formatTime(c.asOf)}`,
      columns: [
        { header: '姓名', value: (m) => m.name },
        { header: '岗位', value: (m) => m.postName ?? '—' },
        { header: '单位', value: (m) => m.workUnit ?? '—' },
        { header: '本范围包保户数', value: (m) => m.households },
        { header: '合计包保户数', value: (m) => m.total },
        { header: '是否达标', value: (m) => (m.belowTarget ? '未达标' : '达标') },
      ],
      rows: c.members,
    })
  const exportHouseholds = (c: Coverage) =>
    households.mutate({
      title: `${c.place.name}无人包保住户`,
      note: `${c.place.name}；无人包保 ${c.uncovered} 户${c.uncovered > c.uncoveredHouseholds.length ? `，仅含页面列出的前 ${c.uncoveredHouseholds.length} 户` : ''}；统计截至 ${formatTime(c.asOf)}`,
      columns: [{ header: '住址', value: (h) => h.address }],
      rows: c.uncoveredHouseholds,
    })
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>党员包保覆盖{c ? ` · ${c.place.name}` : ''}</h1>
        <Space wrap>
          <div style={{ width: 260 }}>
            <PlacePicker
              ariaLabel="社区或网格"
              value={place}
              onChange={(v) => {
                const next = new URLSearchParams(params)
                if (v) next.set('place', v)
                else next.delete('place')
                setParams(next)
              }}
            />
          </div>
          <Button icon={<ReloadOutlined />} onClick={() => void q.refetch()} disabled={!deepEnough}>
            刷新
          </Button>
        </Space>
      </div>
      {!deepEnough ? (
        <Card>
          <EmptyState text="请选择一个社区或网格查看包保覆盖情况" />
        </Card>
      ) : q.isPending ? (
        <PageLoading />
      ) : q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Row gutter={16}>
            <Col span={6}>
              <Card>
                <Statistic title="住户" value={c!.households} suffix="户" />
              </Card>
            </Col>
            <Col span={6}>
              <Card>
                <Statistic title="有党员包保" value={c!.covered} suffix="户" />
              </Card>
            </Col>
            <Col span={6}>
              <Card>
                <Statistic title="无人包保" value={c!.uncovered} suffix="户" styles={{ content: { color: c!.uncovered ? '#a8071a' : undefined } }} />
              </Card>
            </Col>
            <Col span={6}>
              <Card>
                <Statistic title="覆盖率" value={pct(c!.covered, c!.households)} />
              </Card>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={14}>
              <Card title="楼栋" size="small">
                <Table
                  size="small"
                  rowKey="id"
                  dataSource={c!.buildings}
                  pagination={c!.buildings.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                  locale={{ emptyText: '没有楼栋' }}
                  columns={[
                    { title: '楼栋', dataIndex: 'name', render: (name: string, b) => <Link to={`/pledges/buildings/${b.id}`}>{name}</Link> },
                    { title: '网格', dataIndex: 'gridName', width: 120 },
                    { title: '户数', dataIndex: 'households', width: 70, align: 'right' },
                    { title: '已包保', dataIndex: 'covered', width: 80, align: 'right' },
                    { title: '无人包保', dataIndex: 'uncovered', width: 90, align: 'right', render: (n: number) => (n ? <Pill tone="orange">{n}</Pill> : 0) },
                    {
                      title: '操作',
                      width: 150,
                      render: (_, b) => (
                        <Space size={4}>
                          <Link to={`/pledges/buildings/${b.id}`}>包保图</Link>
                          <Link to={`/pledges/buildings/${b.id}/notice`}>三亮公示</Link>
                        </Space>
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col span={10}>
              <Card
                title="在职党员"
                size="small"
                extra={
                  <Space>
                    <span className="yw-muted">每人包保 5–8 户</span>
                    <Button size="small" loading={members.isPending} disabled={!c!.members.length} onClick={() => exportMembers(c!)}>
                      导出
                    </Button>
                  </Space>
                }
              >
                <Table
                  size="small"
                  rowKey="id"
                  dataSource={c!.members}
                  pagination={c!.members.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                  locale={{ emptyText: '还没有已报到的在职党员' }}
                  columns={[
                    { title: '姓名', dataIndex: 'name', width: 90 },
                    { title: '岗位', dataIndex: 'postName', render: (v: string | null) => v ?? '—', width: 100 },
                    { title: '单位', dataIndex: 'workUnit', ellipsis: true, render: (v: string | null) => v ?? '—' },
                    { title: '本范围', dataIndex: 'households', width: 70, align: 'right' },
                    { title: '合计', dataIndex: 'total', width: 60, align: 'right' },
                    { title: '', width: 70, render: (_, m) => (m.belowTarget ? <Pill tone="red">未达标</Pill> : <Pill tone="green">达标</Pill>) },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          {c!.uncoveredHouseholds.length ? (
            <Collapse
              items={[
                {
                  key: 'uncovered',
                  label: `无人包保的住户（${c!.uncovered} 户${c!.uncovered > c!.uncoveredHouseholds.length ? `，列出前 ${c!.uncoveredHouseholds.length} 户` : ''}）`,
                  // the export sits in the panel, not its header: a button inside the header's button is not reachable by keyboard
                  children: (
                    <>
                      <div style={{ textAlign: 'right', marginBottom: 8 }}>
                        <Button size="small" loading={households.isPending} onClick={() => exportHouseholds(c!)}>
                          导出
                        </Button>
                      </div>
                      <div style={{ columns: 3, fontSize: 13 }}>{c!.uncoveredHouseholds.map((h) => <div key={h.id}>{h.address}</div>)}</div>
                    </>
                  ),
                },
              ]}
            />
          ) : null}
        </Space>
      )}
    </div>
  )
}

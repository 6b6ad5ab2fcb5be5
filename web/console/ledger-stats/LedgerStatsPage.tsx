/**
 * 台账统计: the 六项台账 as six cards (live figures, each linking to its register), then the monthly statistical
 * tables — 人口, 房屋, 单位场所, 特殊人群 — by grid or community with a totals row, for a month and (for a street or
 * county) a place. Everything is counted by the server from the registers; special groups only in the kinds the
 * caller may read. 导出 writes one workbook with a sheet per table (watermarked, audited).
 */
import { Card, Col, DatePicker, Row, Space, Statistic, Table, Tabs, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { Link, useSearchParams } from 'react-router'
import dayjs from 'dayjs'
import type { LedgerFigures, LedgerMonthly, LedgerOverview } from '#contracts/ledger-stats'
import { HOUSING_COLUMNS, LEDGER_TABLE_NAMES, PEOPLE_COLUMNS, SPECIAL_GROUP_TOTAL_COLUMNS, VENUE_COLUMNS, type LedgerTable } from '#contracts/ledger-stats-names'
import { get } from '../../shared/api'
import { todayInShanghai } from '../../shared/format'
import { scopePlaceCode } from '../../shared/places'
import { useMe } from '../../shared/session'
import { PlacePicker } from '../appeals/pickers'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import './ledger.css'
import { ExportButton } from '../shell/ExcelButtons'

type Column = { key: string; header: string }
type Row = { key: string; name: string; figures: LedgerFigures; total?: boolean }

const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString('zh-CN'))

function Cards({ place }: { place?: string }) {
  const q = useQuery({ queryKey: ['ledger-stats', 'overview', place], queryFn: ({ signal }) => get<LedgerOverview>('/ledger-stats/overview', { placeCode: place }, signal) })
  if (q.isPending) return <PageLoading rows={4} />
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="six-ledgers">
      {q.data.cards.map((c) => (
        <Col xs={24} md={12} xl={8} xxl={4} key={c.key}>
          <Card size="small" title={c.name} extra={<Link to={c.path}>查看</Link>} style={{ height: '100%' }}>
            <Statistic value={c.figure} suffix={c.unit} />
            <Typography.Paragraph className="yw-muted" style={{ margin: '6px 0 0', fontSize: 12 }}>
              {c.details.map((d) => `${d.label} ${d.value.toLocaleString('zh-CN')}`).join(' · ')}
            </Typography.Paragraph>
          </Card>
        </Col>
      ))}
    </Row>
  )
}

function FigureTable({ rows, columns, pick, placeHeader }: { rows: Row[]; columns: readonly Column[]; pick: (f: LedgerFigures) => Record<string, number | null>; placeHeader: string }) {
  return (
    <Table<Row>
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      rowClassName={(r) => (r.total ? 'yw-total-row' : '')}
      columns={[
        { title: placeHeader, key: 'place', fixed: 'left', width: 160, render: (_, r) => (r.total ? <strong>{r.name}</strong> : r.name) },
        ...columns.map((c) => ({
          title: c.header,
          key: c.key,
          align: 'right' as const,
          render: (_: unknown, r: Row) => (r.total ? <strong>{num(pick(r.figures)[c.key])}</strong> : num(pick(r.figures)[c.key])),
        })),
      ]}
    />
  )
}

export default function LedgerStatsPage() {
  usePageTitle('台账统计')
  const me = useMe().data!
  const [params, setParams] = useSearchParams()
  const own = scopePlaceCode(me.scope) ?? undefined
  const place = params.get('place') ?? own
  const thisMonth = todayInShanghai().slice(0, 7)
  const month = params.get('month') ?? thisMonth
  const tab = (params.get('tab') as LedgerTable | null) ?? 'people'
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params)
    if (v) next.set(k, v)
    else next.delete(k)
    setParams(next, { replace: true })
  }
  const query = { month, placeCode: place }
  const q = useQuery({ queryKey: ['ledger-stats', 'monthly', query], queryFn: ({ signal }) => get<LedgerMonthly>('/ledger-stats/monthly', query, signal) })
  const showsPlaces = (own?.length ?? 15) < 15

  const m = q.data
  const rows: Row[] = m
    ? [...m.items.map((i) => ({ key: i.place.code, name: i.place.name, figures: i.figures })), { key: 'total', name: '合计', figures: m.totals, total: true }]
    : []
  const placeHeader = m?.groupedBy === 'community' ? '社区' : '网格'
  const groupColumns: Column[] = m
    ? [...m.specialGroupKinds.map((k) => ({ key: k.kind, header: k.name })), ...SPECIAL_GROUP_TOTAL_COLUMNS.filter((c) => c.key !== 'managed' || m.totals.specialGroups.managed !== null)]
    : []

  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>台账统计</h1>
        <Typography.Text className="yw-muted">由人口、房屋、单位场所、特殊人群、矛盾纠纷、走访台账自动生成，无需填报</Typography.Text>
      </div>
      <Cards place={place} />
      <Card
        title="月度统计报表"
        extra={
          <Space wrap>
            <DatePicker
              picker="month"
              aria-label="统计月份"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              disabledDate={(d) => d.format('YYYY-MM') > thisMonth}
              onChange={(d) => set('month', d ? d.format('YYYY-MM') : undefined)}
            />
            {showsPlaces ? <PlacePicker ariaLabel="统计地点" value={place === own ? undefined : place} onChange={(v) => set('place', v)} maxDigits={(own?.length ?? 0) >= 12 ? 15 : 12} /> : null}
            <ExportButton path="/exports/ledger-monthly" query={query} fileName={`台账月报表-${month}.xlsx`} />
          </Space>
        }
      >
        {q.isPending ? (
          <PageLoading rows={6} />
        ) : q.isError ? (
          <PageError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <>
            <Typography.Paragraph className="yw-muted" style={{ marginTop: 0 }}>
              {m!.scope.name} · {m!.month} · 存量截至 {m!.asOf}，迁入迁出等按当月发生数；特殊人群只含您有权查看的类别。
            </Typography.Paragraph>
            <Tabs
              activeKey={tab}
              onChange={(k) => set('tab', k === 'people' ? undefined : k)}
              items={[
                { key: 'people', label: LEDGER_TABLE_NAMES.people, children: <FigureTable rows={rows} columns={PEOPLE_COLUMNS} pick={(f) => f.people} placeHeader={placeHeader} /> },
                { key: 'housing', label: LEDGER_TABLE_NAMES.housing, children: <FigureTable rows={rows} columns={HOUSING_COLUMNS} pick={(f) => f.housing} placeHeader={placeHeader} /> },
                { key: 'venues', label: LEDGER_TABLE_NAMES.venues, children: <FigureTable rows={rows} columns={VENUE_COLUMNS} pick={(f) => f.venues} placeHeader={placeHeader} /> },
                {
                  key: 'specialGroups',
                  label: LEDGER_TABLE_NAMES.specialGroups,
                  children: (
                    <FigureTable
                      rows={rows}
                      columns={groupColumns}
                      pick={(f) => ({ ...f.specialGroups.byKind, care: f.specialGroups.care, managed: f.specialGroups.managed, total: f.specialGroups.total })}
                      placeHeader={placeHeader}
                    />
                  ),
                },
              ]}
            />
          </>
        )}
      </Card>
    </div>
  )
}

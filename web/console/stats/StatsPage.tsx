/**
 * 统计: the three rates every level is judged by (each with its definition, period and 数据截至),
 * the figures for the caller's place and a period, received and resolved over time, resolution
 * levels, and the children ranked worst first (排队抓尾) drilling down to their appeals; and a 党建引领
 * tab with the party figures (PartyFigures.tsx).
 * Every chart's data exports to .xlsx through the shared Excel pipeline.
 */
import { useMemo, useState } from 'react'
import { Button, Card, Col, Descriptions, Row, Space, Statistic, Table, Tabs, Tooltip, Typography } from 'antd'
import { DownloadOutlined, InfoCircleOutlined, ReloadOutlined } from '@ant-design/icons'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Link, useSearchParams } from 'react-router'
import dayjs, { type Dayjs } from 'dayjs'
import type { Figures, StatsBreakdown, StatsOverview } from '#contracts/stats'
import { OVERDUE_NAMES, RESOLUTION_LEVEL_NAMES, type ResolutionLevelName } from '#contracts/labels'
import { get } from '../../shared/api'
import { addDays, formatTime, percent, todayInShanghai } from '../../shared/format'
import { scopePlaceCode } from '../../shared/places'
import { useMe } from '../../shared/session'
import { PlacePicker } from '../appeals/pickers'
import { EChart } from '../charts/EChart'
import { DateRange } from '../shell/DateRange'
import { PageError, PageLoading } from '../shell/states'
import { postTableExport } from '../shell/useTableExport'
import { usePageTitle } from '../shell/usePageTitle'
import { PartyFigures } from './PartyFigures'

interface Children {
  items: { place: { code: string; name: string }; figures: Figures }[]
}

const KPIS = [
  { key: 'responseRate', title: '响应率', def: '按时响应 ÷ 受理总量：在响应时限内被网格受理的诉求所占比例' },
  { key: 'resolutionRate', title: '解决率', def: '已解决 ÷（受理总量 − 不予受理 − 合并）：到达办结及以后环节的诉求所占比例' },
  { key: 'satisfactionRate', title: '满意率', def: '（满意 + 基本满意）÷ 已评价：群众评价中满意和基本满意所占比例' },
] as const

const FIGURE_ROWS: { key: string; label: string; get: (f: Figures) => number }[] = [
  { key: 'received', label: '受理总量', get: (f) => f.received },
  { key: 'respondedOnTime', label: '按时响应', get: (f) => f.respondedOnTime },
  { key: 'resolved', label: '已解决', get: (f) => f.resolved },
  { key: 'closed', label: '已结案', get: (f) => f.closed },
  { key: 'rejected', label: '不予受理', get: (f) => f.rejected },
  { key: 'merged', label: '合并重复', get: (f) => f.merged },
  { key: 'rated', label: '已评价', get: (f) => f.rated },
  { key: 'satisfied', label: '满意', get: (f) => f.satisfied },
  { key: 'basic', label: '基本满意', get: (f) => f.basic },
  { key: 'unsatisfied', label: '不满意', get: (f) => f.unsatisfied },
  { key: 'overdueResponse', label: OVERDUE_NAMES.response, get: (f) => f.overdue.response },
  { key: 'overdueDispatch', label: OVERDUE_NAMES.dispatch, get: (f) => f.overdue.dispatch },
  { key: 'overdueReview', label: OVERDUE_NAMES.review, get: (f) => f.overdue.review },
  { key: 'overdueResolve', label: OVERDUE_NAMES.resolve, get: (f) => f.overdue.resolve },
  { key: 'resolvedLate', label: OVERDUE_NAMES.resolvedLate, get: (f) => f.overdue.resolvedLate },
  { key: 'yellow', label: '黄牌', get: (f) => f.cards.yellow },
  { key: 'red', label: '红牌', get: (f) => f.cards.red },
]

/** Every overdue kind together (超期未受理, 未分派, 未审单, 未办结 and 超期办结 — one appeal counts once per kind). */
const overdueTotal = (f: Figures) => f.overdue.response + f.overdue.dispatch + f.overdue.review + f.overdue.resolve + f.overdue.resolvedLate

/** Days of [from, to), or weeks when the period is longer than a month. */
function buckets(from: string, to: string): { from: string; to: string; label: string }[] {
  const days = dayjs(to).diff(dayjs(from), 'day')
  const step = days > 31 ? 7 : 1
  const out: { from: string; to: string; label: string }[] = []
  for (let d = from; d < to; d = addDays(d, step)) {
    const end = addDays(d, step) < to ? addDays(d, step) : to
    out.push({ from: d, to: end, label: step === 1 ? d.slice(5) : `${d.slice(5)}起` })
  }
  return out
}

async function inBatches<T, R>(xs: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  for (let i = 0; i < xs.length; i += n) out.push(...(await Promise.all(xs.slice(i, i + n).map(f))))
  return out
}

export default function StatsPage() {
  usePageTitle('统计分析')
  const me = useMe().data!
  const [params, setParams] = useSearchParams()
  const today = todayInShanghai()
  const department = me.scope.startsWith('department:') ? me.scope.slice('department:'.length) : undefined
  const place = department ? undefined : (params.get('place') ?? scopePlaceCode(me.scope) ?? undefined)
  const from = params.get('from') ?? addDays(today, -29)
  const to = params.get('to') ?? addDays(today, 1)
  const scopeQuery = department ? { department } : { place }
  const [fetchedAt, setFetchedAt] = useState<string>(new Date().toISOString())
  const queryClient = useQueryClient()

  const overview = useQuery({
    queryKey: ['stats', 'overview', scopeQuery, from, to],
    queryFn: async ({ signal }) => {
      const r = await get<StatsOverview>('/stats/overview', { ...scopeQuery, from, to }, signal)
      setFetchedAt(new Date().toISOString())
      return r
    },
  })
  const children = useQuery({
    queryKey: ['stats', 'children', place, from, to],
    queryFn: ({ signal }) => get<Children>('/stats/children', { place, from, to }, signal),
    enabled: Boolean(place) && (place?.length ?? 15) < 15,
  })
  const periods = useMemo(() => buckets(from, to), [from, to])
  const trend = useQuery({
    queryKey: ['stats', 'trend', scopeQuery, from, to],
    queryFn: ({ signal }) => inBatches(periods, 6, (p) => get<StatsOverview>('/stats/overview', { ...scopeQuery, from: p.from, to: p.to }, signal)),
  })
  const exporting = useMutation({ mutationFn: (b: { title: string; columns: { key: string; header: string }[]; rows: Record<string, string | number | null>[] }) => postTableExport({ ...b, note: `${overview.data?.scope.name ?? ''} ${from} 至 ${addDays(to, -1)}` }) })

  const setRange = (v: [Dayjs | null, Dayjs | null] | null) => {
    const next = new URLSearchParams(params)
    if (v?.[0] && v[1]) {
      next.set('from', v[0].format('YYYY-MM-DD'))
      next.set('to', v[1].add(1, 'day').format('YYYY-MM-DD'))
    }
    setParams(next)
  }

  if (overview.isPending) return <PageLoading rows={12} />
  if (overview.isError) return <PageError error={overview.error} onRetry={() => void overview.refetch()} />
  const o = overview.data
  const f = o.figures
  const period = `${from} 至 ${addDays(to, -1)}`
  const tab = params.get('tab') === 'party' ? 'party' : 'appeals'
  const levels = (Object.keys(RESOLUTION_LEVEL_NAMES) as ResolutionLevelName[]).map((k) => ({ level: RESOLUTION_LEVEL_NAMES[k], count: f.resolutionLevels[k].count, share: f.resolutionLevels[k].share }))

  const appealsView = (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {KPIS.map((k) => (
          <Col span={8} key={k.key}>
            <Card>
              <Statistic
                title={
                  <span>
                    {k.title}{' '}
                    <Tooltip title={k.def}>
                      <InfoCircleOutlined aria-label={`${k.title}的口径`} />
                    </Tooltip>
                  </span>
                }
                value={percent(f[k.key])}
              />
              <Typography.Paragraph className="yw-muted" style={{ margin: '8px 0 0', fontSize: 12 }}>
                {k.def}
                <br />
                统计期间 {period}（按收到诉求的日期，北京时间） · 数据截至 {formatTime(fetchedAt)}
              </Typography.Paragraph>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card
            title="各项数字"
            style={{ marginBottom: 16 }}
            extra={
              <Button size="small" icon={<DownloadOutlined />} onClick={() => exporting.mutate({ title: '诉求统计', columns: [{ key: 'item', header: '项目' }, { key: 'count', header: '件数' }], rows: FIGURE_ROWS.map((r) => ({ item: r.label, count: r.get(f) })) })}>
                导出
              </Button>
            }
          >
            <Descriptions
              column={2}
              size="small"
              bordered
              items={FIGURE_ROWS.map((r) => ({ key: r.key, label: r.label, children: <span data-figure={r.key} className="yw-tabular">{r.get(f)}</span> }))}
            />
            {o.reportIn ? (
              <Typography.Paragraph style={{ marginTop: 12 }}>
                吹哨报到：被吹哨 {o.reportIn.whistled} 次（主办 {o.reportIn.asLead}），已报到 {o.reportIn.reportedIn}，超时报到 {o.reportIn.reportedLate}，未报到 {o.reportIn.notReported}。
              </Typography.Paragraph>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title={periods.length && periods[0]!.to === addDays(periods[0]!.from, 1) ? '每日受理与解决' : '每周受理与解决'}
            style={{ marginBottom: 16 }}
            extra={
              <Button
                size="small"
                icon={<DownloadOutlined />}
                disabled={!trend.data}
                onClick={() =>
                  exporting.mutate({
                    title: '受理与解决趋势',
                    columns: [
                      { key: 'period', header: '日期' },
                      { key: 'received', header: '受理' },
                      { key: 'resolved', header: '已解决' },
                      { key: 'overdue', header: '超期（各类超期合计）' },
                    ],
                    rows: (trend.data ?? []).map((d, i) => ({ period: periods[i]!.from, received: d.figures.received, resolved: d.figures.resolved, overdue: overdueTotal(d.figures) })),
                  })
                }
              >
                导出
              </Button>
            }
          >
            {trend.isError ? (
              <PageError error={trend.error} onRetry={() => void trend.refetch()} />
            ) : (
              <EChart
                height={260}
                label={`受理与解决趋势：${(trend.data ?? []).map((d, i) => `${periods[i]!.label} 受理 ${d.figures.received} 解决 ${d.figures.resolved}`).join('；')}`}
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { data: ['受理', '已解决', '超期'], top: 0 },
                  grid: { left: 40, right: 16, top: 40, bottom: 30 },
                  xAxis: { type: 'category', data: periods.map((p) => p.label) },
                  yAxis: { type: 'value', minInterval: 1 },
                  series: [
                    { name: '受理', type: 'line', data: (trend.data ?? []).map((d) => d.figures.received), itemStyle: { color: '#0958d9' } },
                    { name: '已解决', type: 'line', data: (trend.data ?? []).map((d) => d.figures.resolved), itemStyle: { color: '#237804' } },
                    { name: '超期', type: 'line', data: (trend.data ?? []).map((d) => overdueTotal(d.figures)), itemStyle: { color: '#a8071a' } },
                  ],
                }}
              />
            )}
          </Card>
          <Card
            title="解决层级（占已解决）"
            style={{ marginBottom: 16 }}
            extra={
              <Button size="small" icon={<DownloadOutlined />} onClick={() => exporting.mutate({ title: '解决层级', columns: [{ key: 'level', header: '层级' }, { key: 'count', header: '件数' }, { key: 'share', header: '占比' }], rows: levels.map((l) => ({ level: l.level, count: l.count, share: percent(l.share) })) })}>
                导出
              </Button>
            }
          >
            <EChart
              height={200}
              label={`解决层级：${levels.map((l) => `${l.level} ${l.count} 件（${percent(l.share)}）`).join('，')}`}
              option={{
                tooltip: { trigger: 'axis' },
                grid: { left: 50, right: 16, top: 16, bottom: 30 },
                xAxis: { type: 'category', data: levels.map((l) => l.level) },
                yAxis: { type: 'value', minInterval: 1 },
                series: [{ type: 'bar', data: levels.map((l) => l.count), itemStyle: { color: '#b7141b' }, label: { show: true, position: 'top' } }],
              }}
            />
          </Card>
        </Col>
      </Row>
      {place && place.length < 15 ? (
        <Card
          title="排队抓尾（最差在前）"
          extra={
            <Button
              size="small"
              icon={<DownloadOutlined />}
              disabled={!children.data}
              onClick={() =>
                exporting.mutate({
                  title: '排队抓尾',
                  columns: [
                    { key: 'name', header: '地点' },
                    { key: 'received', header: '受理' },
                    { key: 'responseRate', header: '响应率' },
                    { key: 'resolutionRate', header: '解决率' },
                    { key: 'satisfactionRate', header: '满意率' },
                    { key: 'overdue', header: '超期' },
                  ],
                  rows: (children.data?.items ?? []).map((c) => ({
                    name: c.place.name,
                    received: c.figures.received,
                    responseRate: percent(c.figures.responseRate),
                    resolutionRate: percent(c.figures.resolutionRate),
                    satisfactionRate: percent(c.figures.satisfactionRate),
                    overdue: overdueTotal(c.figures),
                  })),
                })
              }
            >
              导出
            </Button>
          }
        >
          {children.isError ? (
            <PageError error={children.error} onRetry={() => void children.refetch()} />
          ) : (
            <Table
              rowKey={(c) => c.place.code}
              size="small"
              loading={children.isPending}
              dataSource={children.data?.items ?? []}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: '排名', render: (_, _c, i) => i + 1, width: 60 },
                { title: '地点', render: (_, c) => <Link to={`/appeals?place=${c.place.code}&from=${from}&to=${to}`}>{c.place.name}</Link> },
                { title: '受理', align: 'right', render: (_, c) => c.figures.received },
                { title: '响应率', align: 'right', render: (_, c) => percent(c.figures.responseRate) },
                { title: '解决率', align: 'right', render: (_, c) => percent(c.figures.resolutionRate) },
                { title: '满意率', align: 'right', render: (_, c) => percent(c.figures.satisfactionRate) },
                { title: '超期', align: 'right', render: (_, c) => overdueTotal(c.figures) },
                { title: '亮牌', align: 'right', render: (_, c) => c.figures.cards.yellow + c.figures.cards.red },
                { title: '', render: (_, c) => <Link to={`/stats?place=${c.place.code}&from=${from}&to=${to}`}>下钻</Link> },
              ]}
            />
          )}
        </Card>
      ) : null}
      {!department ? (
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} xl={12}>
            <Breakdown place={place} from={from} to={to} by="category" title="按大类" onExport={(b) => exporting.mutate(b)} />
          </Col>
          <Col xs={24} xl={12}>
            <Breakdown place={place} from={from} to={to} by="channel" title="按渠道" onExport={(b) => exporting.mutate(b)} />
          </Col>
        </Row>
      ) : null}
      <Typography.Paragraph className="yw-muted" style={{ marginTop: 16 }}>
        以上数字全部由办理记录自动生成，无需人工填报。
      </Typography.Paragraph>
    </>
  )

  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>统计分析 · {o.scope.name}</h1>
        <Space wrap>
          {!department ? (
            <div style={{ width: 240 }}>
              <PlacePicker
                ariaLabel="统计地点"
                value={place}
                onChange={(v) => {
                  const next = new URLSearchParams(params)
                  if (v) next.set('place', v)
                  else next.delete('place')
                  setParams(next)
                }}
              />
            </div>
          ) : null}
          <div style={{ width: 260 }}>
            <DateRange label="统计期间" value={[dayjs(from), dayjs(addDays(to, -1))]} onChange={setRange} allowClear={false} />
          </div>
          <Button icon={<ReloadOutlined />} onClick={() => void Promise.all([overview.refetch(), children.refetch(), trend.refetch(), queryClient.invalidateQueries({ queryKey: ['stats', 'party'] })])}>
            刷新
          </Button>
        </Space>
      </div>
      {department ? (
        appealsView
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            const next = new URLSearchParams(params)
            if (k === 'party') next.set('tab', 'party')
            else next.delete('tab')
            setParams(next)
          }}
          items={[
            { key: 'appeals', label: '诉求办理', children: appealsView },
            {
              key: 'party',
              label: '党建引领',
              children: (
                <PartyFigures
                  place={place}
                  from={from}
                  to={to}
                  all={params.get('party') === 'all'}
                  onAll={(all) => {
                    const next = new URLSearchParams(params)
                    if (all) next.set('party', 'all')
                    else next.delete('party')
                    setParams(next)
                  }}
                />
              ),
            },
          ]}
        />
      )}
    </div>
  )
}

type ExportBody = { title: string; columns: { key: string; header: string }[]; rows: Record<string, string | number | null>[] }

/** The same figures split by 大类 or by channel: received and resolved as bars, and the table. */
function Breakdown({ place, from, to, by, title, onExport }: { place?: string; from: string; to: string; by: 'category' | 'channel'; title: string; onExport: (b: ExportBody) => void }) {
  const q = useQuery({ queryKey: ['stats', 'breakdown', by, place, from, to], queryFn: ({ signal }) => get<StatsBreakdown>('/stats/breakdown', { place, from, to, by }, signal) })
  const items = q.data?.items ?? []
  return (
    <Card
      title={title}
      style={{ marginBottom: 16 }}
      extra={
        <Button
          size="small"
          icon={<DownloadOutlined />}
          disabled={!q.data}
          onClick={() =>
            onExport({
              title: `${title}统计`,
              columns: [
                { key: 'name', header: by === 'category' ? '大类' : '渠道' },
                { key: 'received', header: '受理' },
                { key: 'resolved', header: '已解决' },
                { key: 'responseRate', header: '响应率' },
                { key: 'resolutionRate', header: '解决率' },
                { key: 'satisfactionRate', header: '满意率' },
              ],
              rows: items.map((i) => ({ name: i.name, received: i.figures.received, resolved: i.figures.resolved, responseRate: percent(i.figures.responseRate), resolutionRate: percent(i.figures.resolutionRate), satisfactionRate: percent(i.figures.satisfactionRate) })),
            })
          }
        >
          导出
        </Button>
      }
    >
      {q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          <EChart
            height={Math.max(160, items.length * 26 + 40)}
            label={`${title}：${items.map((i) => `${i.name} 受理 ${i.figures.received} 解决 ${i.figures.resolved}`).join('；')}`}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { data: ['受理', '已解决'], top: 0 },
              grid: { left: 96, right: 24, top: 28, bottom: 8 },
              xAxis: { type: 'value', minInterval: 1 },
              yAxis: { type: 'category', data: items.map((i) => i.name).reverse() },
              series: [
                { name: '受理', type: 'bar', data: items.map((i) => i.figures.received).reverse(), itemStyle: { color: '#0958d9' } },
                { name: '已解决', type: 'bar', data: items.map((i) => i.figures.resolved).reverse(), itemStyle: { color: '#237804' } },
              ],
            }}
          />
          <Table
            rowKey="key"
            size="small"
            loading={q.isPending}
            dataSource={items}
            pagination={false}
            columns={[
              { title: by === 'category' ? '大类' : '渠道', dataIndex: 'name' },
              { title: '受理', align: 'right', render: (_, i) => i.figures.received },
              { title: '响应率', align: 'right', render: (_, i) => percent(i.figures.responseRate) },
              { title: '解决率', align: 'right', render: (_, i) => percent(i.figures.resolutionRate) },
              { title: '满意率', align: 'right', render: (_, i) => percent(i.figures.satisfactionRate) },
            ]}
          />
        </>
      )}
    </Card>
  )
}

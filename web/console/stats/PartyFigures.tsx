/**
 * 统计 · 党建引领: the figures of 双报到, 包保, 三张清单, 微心愿, 志愿服务 and 积分 for the place and period
 * the page shows (or 累计), as calm cards, the one line the counties report in, and the same per
 * community or grid. Everything is derived by the server from the recorded work; the table exports
 * through the shared Excel pipeline (watermarked, audited).
 */
import { Card, Col, Row, Segmented, Space, Statistic, Table, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { PartyFigures as Figures, PartyStats } from '#contracts/party-stats'
import { PARTY_FIGURE_COLUMNS, type PartyFigureKey } from '#contracts/party-figure-names'
import { get } from '../../shared/api'
import { addDays } from '../../shared/format'
import { PageError, PageLoading } from '../shell/states'
import { ExportButton } from '../shell/ExcelButtons'

const show = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN'))
const share = (n: number, d: number) => (d > 0 ? `${Math.round((n / d) * 1000) / 10}%` : '—')

/** The cards: one per part of the work, its figures side by side. */
const GROUPS: { title: string; items: { key: PartyFigureKey; title: string; suffix: string }[]; note?: (f: Figures) => string | null }[] = [
  {
    title: '双报到',
    items: [
      { key: 'unitsRegistered', title: '报到单位党组织', suffix: '家' },
      { key: 'membersRegistered', title: '报到在职党员', suffix: '名' },
    ],
  },
  {
    title: '包保住户',
    items: [
      { key: 'householdsCovered', title: '已包保', suffix: '户' },
      { key: 'householdsTotal', title: '住户总数', suffix: '户' },
    ],
    note: (f) => `覆盖率 ${share(f.householdsCovered, f.householdsTotal)}${f.membersPledging !== null ? `；包保党员 ${f.membersPledging} 名，其中达标（5–8户）${f.membersMeetingPledge ?? 0} 名` : ''}`,
  },
  {
    title: '需求清单',
    items: [
      { key: 'needsCollected', title: '收集', suffix: '条' },
      { key: 'needsDone', title: '完成', suffix: '条' },
    ],
  },
  {
    title: '项目清单',
    items: [
      { key: 'projectsClaimed', title: '认领', suffix: '个' },
      { key: 'projectsDone', title: '验收完成', suffix: '个' },
      { key: 'projectsLate', title: '超期', suffix: '个' },
    ],
  },
  {
    title: '微心愿',
    items: [
      { key: 'wishesPublished', title: '发布', suffix: '个' },
      { key: 'wishesFulfilled', title: '实现', suffix: '个' },
    ],
  },
  {
    title: '志愿服务',
    items: [
      { key: 'activitiesHeld', title: '活动', suffix: '场' },
      { key: 'personTimes', title: '人次', suffix: '' },
      { key: 'hours', title: '时长', suffix: '小时' },
    ],
    note: (f) => (f.pointsCredited !== null ? `记入党建积分 ${f.pointsCredited} 分` : null),
  },
]

export function PartyFigures({ place, from, to, all, onAll }: { place?: string; from: string; to: string; all: boolean; onAll: (all: boolean) => void }) {
  const query = { place, ...(all ? { period: 'all' } : { from, to }) }
  const q = useQuery({ queryKey: ['stats', 'party', query], queryFn: ({ signal }) => get<PartyStats>('/stats/party', query, signal) })

  if (q.isPending) return <PageLoading rows={8} />
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />
  const s = q.data
  const f = s.figures
  const period = s.from ? `${s.from} 至 ${addDays(s.to, -1)}` : `累计至 ${addDays(s.to, -1)}`
  const childName = s.items[0]?.place.level === 'grid' ? '网格' : s.items[0]?.place.level === 'community' ? '社区' : '地区'

  return (
    <div data-testid="party-figures">
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          aria-label="党建统计期间"
          value={all ? 'all' : 'range'}
          onChange={(v) => onAll(v === 'all')}
          options={[
            { value: 'range', label: '所选期间' },
            { value: 'all', label: '累计' },
          ]}
        />
        <Typography.Text className="yw-muted">
          统计期间 {period}（按办理记录的日期，北京时间）；报到、包保、超期截至 {s.asOf}
        </Typography.Text>
      </Space>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Typography.Paragraph style={{ margin: 0 }} data-testid="party-summary">
          <Typography.Text strong>{s.scope.name}：</Typography.Text>
          {s.summary}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {GROUPS.map((g) => (
          <Col xs={24} md={12} xl={8} key={g.title}>
            <Card title={g.title} size="small" style={{ height: '100%' }}>
              <Row gutter={16}>
                {g.items.map((i) => (
                  <Col span={24 / g.items.length} key={i.key}>
                    <Statistic title={i.title} value={show(f[i.key])} suffix={f[i.key] === null ? undefined : i.suffix} />
                  </Col>
                ))}
              </Row>
              {g.note?.(f) ? (
                <Typography.Paragraph className="yw-muted" style={{ margin: '8px 0 0', fontSize: 12 }}>
                  {g.note(f)}
                </Typography.Paragraph>
              ) : null}
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        title={s.items.length ? `各${childName}分列` : '党建引领数字'}
        extra={
          <ExportButton path="/exports/party-stats" query={query} fileName="党建引领统计.xlsx" size="small" />
        }
      >
        <Table
          rowKey={(r) => r.key}
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={[
            { key: `total-${s.scope.code}`, code: null as string | null, name: `${s.scope.name}（合计）`, figures: f },
            ...s.items.map((i) => ({ key: `${i.place.level}-${i.place.code}`, code: i.place.level === 'grid' || i.place.code === s.scope.code ? null : i.place.code, name: i.place.name, figures: i.figures })),
          ]}
          columns={[
            {
              title: '地点',
              fixed: 'left',
              width: 120,
              render: (_, r) => (r.code ? <Link to={`/stats?tab=party&place=${r.code}${all ? '&party=all' : `&from=${from}&to=${to}`}`}>{r.name}</Link> : r.name),
            },
            ...PARTY_FIGURE_COLUMNS.map((c) => ({
              title: c.header,
              key: c.key,
              align: 'right' as const,
              render: (_: unknown, r: { figures: Figures }) => <span className="yw-tabular">{show(r.figures[c.key])}</span>,
            })),
          ]}
        />
        <Typography.Paragraph className="yw-muted" style={{ margin: '12px 0 0', fontSize: 12 }}>
          “—”表示该数字不按网格统计（单位、党员、项目、活动与积分记在社区）。以上数字全部由报到、包保、清单、心愿、志愿服务和积分的办理记录自动生成，无需人工填报。
        </Typography.Paragraph>
      </Card>
    </div>
  )
}

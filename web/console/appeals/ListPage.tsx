/**
 * 诉求列表: the filter form above the table (collapsible, kept in the URL), server-side keyset
 * paging, column settings, at most three row actions, export of the filtered list to .xlsx.
 */
import { useMemo, useState } from 'react'
import { Button, Card, Checkbox, Col, Dropdown, Form, Input, Popover, Row, Select, Space, Table, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { DownOutlined, SettingOutlined, UpOutlined } from '@ant-design/icons'
import { useQuery } from '@tanstack/react-query'
import { Link, useNavigate, useSearchParams } from 'react-router'
import dayjs from 'dayjs'
import type { Appeal } from '#contracts/appeals'
import type { PageOf } from '#contracts/common'
import { CHANNEL_NAMES, COLOR_NAMES, STATUS_NAMES, labelOf } from '#contracts/labels'
import { STATUSES } from '#contracts/workflow'
import { get } from '../../shared/api'
import { actionName, responsibleOf } from '../../shared/appeal'
import { formatTime } from '../../shared/format'
import { useNow } from '../../shared/use-now'
import { DateRange } from '../shell/DateRange'
import { PageError } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { CategoryCascader, PlacePicker } from './pickers'
import { CardTag, ColorTag, DeadlineChip, RatingText, StatusTag } from './tags'
import { isEmptyFilter, readFilter, toApiQuery, writeFilter, type AppealFilter } from './filters'
import { ExportButton } from '../shell/ExcelButtons'

const COLUMN_KEYS = ['number', 'title', 'category', 'grid', 'channel', 'step', 'responsible', 'deadline', 'card', 'rating', 'createdAt'] as const
type ColumnKey = (typeof COLUMN_KEYS)[number]
const COLUMN_TITLES: Record<ColumnKey, string> = {
  number: '编号',
  title: '标题',
  category: '分类',
  grid: '网格',
  channel: '渠道',
  step: '当前环节',
  responsible: '责任单位',
  deadline: '时限',
  card: '亮牌',
  rating: '评价',
  createdAt: '登记时间',
}
const HIDDEN_KEY = 'yw.appeals.hiddenColumns'

function useHiddenColumns(): [Set<ColumnKey>, (k: ColumnKey, hidden: boolean) => void] {
  const [hidden, setHidden] = useState<Set<ColumnKey>>(() => {
    try {
      return new Set(JSON.parse(localStorage.getItem(HIDDEN_KEY) ?? '[]') as ColumnKey[])
    } catch {
      return new Set()
    }
  })
  return [
    hidden,
    (k, h) => {
      const next = new Set(hidden)
      if (h) next.add(k)
      else next.delete(k)
      setHidden(next)
      localStorage.setItem(HIDDEN_KEY, JSON.stringify([...next]))
    },
  ]
}

export default function AppealListPage() {
  usePageTitle('诉求列表')
  const [params, setParams] = useSearchParams()
  const filter = useMemo(() => readFilter(params), [params])
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const [pageSize, setPageSize] = useState(20)
  const [expanded, setExpanded] = useState(() => !isEmptyFilter(filter) && Boolean(filter.channel.length || filter.category || filter.from))
  const [hidden, setHiddenColumn] = useHiddenColumns()
  const now = useNow(30_000)
  const navigate = useNavigate()
  const [form] = Form.useForm()
  const cursor = cursors[cursors.length - 1]
  const apiQuery = toApiQuery(filter)

  const list = useQuery({
    queryKey: ['appeals', 'list', apiQuery, cursor, pageSize],
    queryFn: ({ signal }) => get<PageOf<Appeal>>('/appeals', { ...apiQuery, cursor, limit: pageSize, withTotal: cursor === undefined }, signal),
    placeholderData: (prev) => prev,
  })
  const [total, setTotal] = useState<number | undefined>()
  if (list.data?.total !== undefined && list.data.total !== total) setTotal(list.data.total)

  const apply = (f: AppealFilter) => {
    setCursors([undefined])
    setParams(writeFilter(f))
  }
  const onFinish = (v: Record<string, unknown>) => {
    const range = v.range as [dayjs.Dayjs, dayjs.Dayjs] | undefined
    apply({
      number: (v.number as string) || undefined,
      q: (v.q as string) || undefined,
      status: (v.status as string[]) ?? [],
      color: (v.color as string[]) ?? [],
      channel: (v.channel as string[]) ?? [],
      category: v.category as string | undefined,
      place: v.place as string | undefined,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1] ? range[1].add(1, 'day').format('YYYY-MM-DD') : undefined,
    })
  }
  const initial = {
    ...filter,
    range: filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to).subtract(1, 'day')] : undefined,
  }

  const columns: ColumnsType<Appeal> = [
    {
      key: 'number',
      title: COLUMN_TITLES.number,
      width: 190,
      fixed: 'left',
      render: (_, a) => (
        <Space size={6}>
          <ColorTag color={a.color} />
          <Link to={`/appeals/${a.id}`} className="yw-tabular">
            {a.number}
          </Link>
        </Space>
      ),
    },
    { key: 'title', title: COLUMN_TITLES.title, width: 240, ellipsis: true, render: (_, a) => <Tooltip title={a.title}>{a.title}</Tooltip> },
    { key: 'category', title: COLUMN_TITLES.category, width: 120, render: (_, a) => a.category.name },
    { key: 'grid', title: COLUMN_TITLES.grid, width: 150, render: (_, a) => `${a.place.communityName}${a.place.gridName}` },
    { key: 'channel', title: COLUMN_TITLES.channel, width: 100, render: (_, a) => labelOf(CHANNEL_NAMES, a.channel) },
    { key: 'step', title: COLUMN_TITLES.step, width: 96, render: (_, a) => <StatusTag status={a.status} /> },
    { key: 'responsible', title: COLUMN_TITLES.responsible, width: 160, ellipsis: true, render: (_, a) => responsibleOf(a) },
    { key: 'deadline', title: COLUMN_TITLES.deadline, width: 210, render: (_, a) => <DeadlineChip appeal={a} now={now} /> },
    { key: 'card', title: COLUMN_TITLES.card, width: 80, render: (_, a) => <CardTag card={a.card} /> },
    { key: 'rating', title: COLUMN_TITLES.rating, width: 90, render: (_, a) => <RatingText rating={a.rating} /> },
    { key: 'createdAt', title: COLUMN_TITLES.createdAt, width: 150, render: (_, a) => <span className="yw-tabular">{formatTime(a.createdAt)}</span> },
    {
      key: 'actions',
      title: '操作',
      width: 200,
      fixed: 'right',
      render: (_, a) => {
        const direct = a.allowedActions.slice(0, 2)
        const more = a.allowedActions.slice(2)
        return (
          <Space size={4} wrap={false}>
            <Button size="small" type="link" onClick={() => navigate(`/appeals/${a.id}`)}>
              详情
            </Button>
            {direct.map((x) => (
              <Button key={x} size="small" type="link" onClick={() => navigate(`/appeals/${a.id}?do=${x}`)}>
                {actionName(x)}
              </Button>
            ))}
            {more.length ? (
              <Dropdown menu={{ items: more.map((x) => ({ key: x, label: actionName(x), onClick: () => navigate(`/appeals/${a.id}?do=${x}`) })) }}>
                <Button size="small" type="link">
                  更多 <DownOutlined />
                </Button>
              </Dropdown>
            ) : null}
          </Space>
        )
      },
    },
  ]
  const visible = columns.filter((c) => !hidden.has(c.key as ColumnKey))

  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>诉求列表</h1>
        <Space>
          <Popover
            trigger="click"
            title="显示的列"
            content={
              <Space orientation="vertical">
                {COLUMN_KEYS.map((k) => (
                  <Checkbox key={k} checked={!hidden.has(k)} disabled={k === 'number'} onChange={(e) => setHiddenColumn(k, !e.target.checked)}>
                    {COLUMN_TITLES[k]}
                  </Checkbox>
                ))}
              </Space>
            }
          >
            <Button icon={<SettingOutlined />}>列设置</Button>
          </Popover>
          <ExportButton path="/exports/appeals" query={apiQuery} fileName="诉求列表.xlsx">导出 Excel</ExportButton>
        </Space>
      </div>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish} key={params.toString()}>
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item label="编号" name="number">
                <Input placeholder="如 ZN20261123-000123" allowClear />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="关键词" name="q">
                <Input placeholder="标题或描述中的词" allowClear />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="状态" name="status">
                <Select mode="multiple" allowClear placeholder="全部状态" maxTagCount="responsive" options={STATUSES.map((s) => ({ value: s, label: STATUS_NAMES[s] }))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="分色" name="color">
                <Select mode="multiple" allowClear placeholder="全部颜色" options={Object.entries(COLOR_NAMES).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            {expanded ? (
              <>
                <Col span={6}>
                  <Form.Item label="分类" name="category">
                    <CategoryCascader />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="地点" name="place">
                    <PlacePicker />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="渠道" name="channel">
                    <Select mode="multiple" allowClear placeholder="全部渠道" options={Object.entries(CHANNEL_NAMES).map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item label="登记日期" name="range">
                    <DateRange label="登记日期" />
                  </Form.Item>
                </Col>
              </>
            ) : null}
          </Row>
          <Row justify="end" style={{ marginBottom: 16 }}>
            <Space>
              <Button
                onClick={() => {
                  form.resetFields()
                  apply({ status: [], color: [], channel: [] })
                }}
              >
                重置
              </Button>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button type="link" onClick={() => setExpanded(!expanded)} icon={expanded ? <UpOutlined /> : <DownOutlined />} iconPlacement="end">
                {expanded ? '收起' : '展开'}
              </Button>
            </Space>
          </Row>
        </Form>
      </Card>
      <Card>
        {list.isError ? (
          <PageError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<Appeal>
              rowKey="id"
              size="middle"
              columns={visible}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: isEmptyFilter(filter) ? '暂无诉求' : '没有符合条件的诉求，请调整筛选条件' }}
            />
            <Row justify="space-between" align="middle" style={{ marginTop: 16 }}>
              <Typography.Text className="yw-muted">{total !== undefined ? `共 ${total} 件` : ''}</Typography.Text>
              <Space>
                <Select
                  value={pageSize}
                  aria-label="每页条数"
                  onChange={(v) => {
                    setPageSize(v)
                    setCursors([undefined])
                  }}
                  options={[20, 50, 100].map((n) => ({ value: n, label: `每页 ${n} 条` }))}
                />
                <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                  上一页
                </Button>
                <span className="yw-tabular">第 {cursors.length} 页</span>
                <Button disabled={!list.data?.nextCursor} onClick={() => setCursors([...cursors, list.data!.nextCursor!])}>
                  下一页
                </Button>
              </Space>
            </Row>
          </>
        )}
      </Card>
    </div>
  )
}

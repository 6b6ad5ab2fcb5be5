/**
 * 审计日志 (审计管理员 only): every write and every unmasked read, newest first. Search by actor (login name),
 * action or its namespace, object type and number, and days; the filter lives in the URL; the result exports
 * to .xlsx through the shared export (masked, watermarked, itself audited).
 */
import { useMemo, useState } from 'react'
import { AutoComplete, Button, Card, Col, Form, Input, Row, Select, Space, Table, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import dayjs, { type Dayjs } from 'dayjs'
import type { PageOf } from '#contracts/common'
import type { AuditLogEntry } from '#contracts/users'
import { EVENT_ROLE_NAMES, labelOf } from '#contracts/labels'
import { get } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { DateRange } from '../shell/DateRange'
import { PageError } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { ExportButton } from '../shell/ExcelButtons'

/** The namespaces an auditor looks for most; any action name may be typed. */
const ACTION_OPTIONS = [
  { value: 'auth', label: 'auth — 登录、登录失败、锁定、退出、改密码' },
  { value: 'auth.loginFailed', label: 'auth.loginFailed — 登录失败与锁定' },
  { value: 'user', label: 'user — 账号创建、解锁、停用、重置密码' },
  { value: 'appeal', label: 'appeal — 诉求办理与导出' },
  { value: 'resident', label: 'resident — 居民信息与查看完整信息' },
  { value: 'audit', label: 'audit — 查阅与归档审计日志' },
  { value: 'auditLog.export', label: 'auditLog.export — 导出审计日志' },
]

const ENTITY_OPTIONS = [
  { value: 'user', label: '账号 user' },
  { value: 'appeal', label: '诉求 appeal' },
  { value: 'resident', label: '居民 resident' },
  { value: 'household', label: '住户 household' },
  { value: 'supervision', label: '督办单 supervision' },
  { value: 'registration', label: '双报到 registration' },
  { value: 'team', label: '队伍 team' },
  { value: 'activity', label: '志愿活动 activity' },
  { value: 'volunteerSignup', label: '活动报名 volunteerSignup' },
  { value: 'auditLog', label: '审计日志 auditLog' },
]

const FILTER_KEYS = ['actor', 'action', 'entityType', 'entityId', 'from', 'to'] as const
type Filter = Partial<Record<(typeof FILTER_KEYS)[number], string>>

function readFilter(params: URLSearchParams): Filter {
  const f: Filter = {}
  for (const k of FILTER_KEYS) {
    const v = params.get(k)
    if (v) f[k] = v
  }
  return f
}

export default function AuditPage() {
  usePageTitle('审计日志')
  const [params, setParams] = useSearchParams()
  const filter = useMemo(() => readFilter(params), [params])
  const [form] = Form.useForm()
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const cursor = cursors[cursors.length - 1]
  const q = useQuery({
    queryKey: ['audit', filter, cursor],
    queryFn: ({ signal }) => get<PageOf<AuditLogEntry>>('/audit-logs', { ...filter, cursor, limit: 50, withTotal: cursor === undefined }, signal),
    placeholderData: (p) => p,
  })
  const [total, setTotal] = useState<number | undefined>()
  if (q.data?.total !== undefined && q.data.total !== total) setTotal(q.data.total)

  const apply = (f: Filter) => {
    setCursors([undefined])
    const next = new URLSearchParams()
    for (const k of FILTER_KEYS) if (f[k]) next.set(k, f[k])
    setParams(next)
  }
  const onFinish = (v: Record<string, unknown>) => {
    const range = v.range as [Dayjs | null, Dayjs | null] | undefined
    const text = (k: string) => ((v[k] as string | undefined) ?? '').trim() || undefined
    apply({
      actor: text('actor'),
      action: text('action'),
      entityType: (v.entityType as string | undefined) || undefined,
      entityId: text('entityId'),
      // both days are included (the server counts whole Asia/Shanghai days)
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
    })
  }
  const initial = { ...filter, range: filter.from || filter.to ? [filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null] : undefined }
  const filtered = Object.keys(filter).length > 0

  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>审计日志</h1>
        <ExportButton path="/exports/audit-logs" query={filter} fileName="审计日志.xlsx">导出 Excel</ExportButton>
      </div>
      <Card style={{ marginBottom: 16 }} styles={{ body: { paddingBottom: 0 } }}>
        <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish} key={params.toString()}>
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item label="操作人（登录名）" name="actor">
                <Input placeholder="如 bj_sq" allowClear />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="操作" name="action" tooltip="填前缀即查这一类：auth 包括 auth.login、auth.loginFailed 等">
                <AutoComplete options={ACTION_OPTIONS} placeholder="如 auth 或 appeal.dispatch" allowClear filterOption={(input, o) => String(o?.value ?? '').startsWith(input)} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item label="对象类型" name="entityType">
                <Select options={ENTITY_OPTIONS} placeholder="全部" allowClear />
              </Form.Item>
            </Col>
            <Col span={3}>
              <Form.Item label="对象编号" name="entityId">
                <Input placeholder="ID" allowClear />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item label="时间范围" name="range">
                <DateRange label="时间范围" />
              </Form.Item>
            </Col>
          </Row>
          <Row justify="end" style={{ marginBottom: 16 }}>
            <Space>
              <Button
                onClick={() => {
                  form.resetFields()
                  apply({})
                }}
              >
                重置
              </Button>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
            </Space>
          </Row>
        </Form>
      </Card>
      <Card>
        {q.isError ? (
          <PageError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<AuditLogEntry>
            rowKey="id"
            size="small"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: filtered ? '没有符合条件的审计记录，请调整筛选条件' : '暂无审计记录' }}
            expandable={{
              expandedRowRender: (e) => (
                <Typography.Paragraph style={{ margin: 0 }}>
                  <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify({ before: e.before, after: e.after, detail: e.detail }, null, 2)}</pre>
                </Typography.Paragraph>
              ),
            }}
            columns={[
              { title: '时间', render: (_, e) => <span className="yw-tabular">{formatTime(e.at)}</span>, width: 150 },
              { title: '操作人', render: (_, e) => `${e.actor.name ?? '系统'}${e.actor.role ? `（${labelOf(EVENT_ROLE_NAMES, e.actor.role)}）` : ''}` },
              {
                title: '操作',
                render: (_, e) => (
                  <span title={e.action}>
                    {e.actionName}
                    {e.actionName !== e.action && <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>{e.action}</Typography.Text>}
                  </span>
                ),
              },
              { title: '对象', render: (_, e) => `${e.entityTypeName}${e.entityId ? ` #${e.entityId}` : ''}` },
              { title: '来源 IP', dataIndex: 'ip', width: 140 },
            ]}
          />
        )}
        <Row justify="space-between" align="middle" style={{ marginTop: 16 }}>
          <Typography.Text className="yw-muted">{total !== undefined ? `共 ${total} 条` : ''}</Typography.Text>
          <Space>
            <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              上一页
            </Button>
            <Button disabled={!q.data?.nextCursor} onClick={() => setCursors([...cursors, q.data!.nextCursor!])}>
              下一页
            </Button>
          </Space>
        </Row>
      </Card>
    </div>
  )
}

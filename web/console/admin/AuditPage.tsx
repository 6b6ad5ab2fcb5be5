/** 审计日志 (审计管理员 only): every write and every unmasked read, newest first. */
import { useState } from 'react'
import { Button, Card, Input, Space, Table, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import type { Dayjs } from 'dayjs'
import type { PageOf } from '#contracts/common'
import type { AuditLogEntry } from '#contracts/users'
import { EVENT_ROLE_NAMES, labelOf } from '#contracts/labels'
import { get } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { DateRange } from '../shell/DateRange'
import { PageError } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'

export default function AuditPage() {
  usePageTitle('审计日志')
  const [action, setAction] = useState('')
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null)
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined])
  const cursor = cursors[cursors.length - 1]
  const from = range?.[0]?.format('YYYY-MM-DD')
  const to = range?.[1]?.add(1, 'day').format('YYYY-MM-DD')
  const q = useQuery({
    queryKey: ['audit', action, from, to, cursor],
    queryFn: ({ signal }) => get<PageOf<AuditLogEntry>>('/audit-logs', { action: action || undefined, from, to, cursor, limit: 50 }, signal),
    placeholderData: (p) => p,
  })
  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>审计日志</h1>
      </div>
      <Card>
        <Space style={{ marginBottom: 16 }} wrap>
          <Input.Search
            placeholder="操作，如 appeal.dispatch"
            allowClear
            style={{ width: 260 }}
            aria-label="按操作筛选"
            onSearch={(v) => {
              setAction(v.trim())
              setCursors([undefined])
            }}
          />
          <div style={{ width: 280 }}>
            <DateRange
              label="时间范围"
              value={range}
              onChange={(v) => {
                setRange(v)
                setCursors([undefined])
              }}
            />
          </div>
        </Space>
        {q.isError ? (
          <PageError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Table<AuditLogEntry>
            rowKey="id"
            size="small"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            pagination={false}
            expandable={{
              expandedRowRender: (e) => (
                <Typography.Paragraph style={{ margin: 0 }}>
                  <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify({ before: e.before, after: e.after, detail: e.detail }, null, 2)}</pre>
                </Typography.Paragraph>
              ),
            }}
            columns={[
              { title: '时间', render: (_, e) => formatTime(e.at), width: 150 },
              { title: '操作人', render: (_, e) => `${e.actor.name ?? '系统'}${e.actor.role ? `（${labelOf(EVENT_ROLE_NAMES, e.actor.role)}）` : ''}` },
              { title: '操作', dataIndex: 'action' },
              { title: '对象', render: (_, e) => `${e.entityType}${e.entityId ? ` #${e.entityId}` : ''}` },
              { title: '来源 IP', dataIndex: 'ip', width: 140 },
            ]}
          />
        )}
        <Space style={{ marginTop: 16 }}>
          <Button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
            上一页
          </Button>
          <Button disabled={!q.data?.nextCursor} onClick={() => setCursors([...cursors, q.data!.nextCursor!])}>
            下一页
          </Button>
        </Space>
      </Card>
    </div>
  )
}

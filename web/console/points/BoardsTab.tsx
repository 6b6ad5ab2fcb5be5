/** 红黑榜: a community computes a month's draft, recomputes it, and confirms it (确认发布); places above read them. */
import { useEffect, useState } from 'react'
import { Alert, Button, Card, Col, Empty, Form, Input, Modal, Popconfirm, Row, Select, Space, Table, Typography } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { Me } from '#contracts/auth'
import type { BlackListEntry, BoardAction, HonourBoard, RedListEntry } from '#contracts/points'
import { errorText, get, post } from '../../shared/api'
import { formatDate, formatTime, todayInShanghai } from '../../shared/format'
import { notifier } from '../shell/notifier'
import { Pill } from '../shell/Pill'
import { PageError } from '../shell/states'
import { useTableExport } from '../shell/useTableExport'

/** One line of the exported board: 红榜 and 黑榜 in one sheet. */
type BoardRow = { list: string; rank: number | null; name: string; detail: string | null; services: number; points: number; last: string | null }

/** The last six months, newest first (YYYY-MM, Shanghai). */
function recentMonths(): string[] {
  const [y, m] = todayInShanghai().split('-').map(Number) as [number, number]
  return Array.from({ length: 6 }, (_, i) => {
    const k = y * 12 + (m - 1) - i
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`
  })
}

const monthName = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`
const TONE = { draft: 'orange', published: 'green', withdrawn: 'gray' } as const

export function BoardsTab({ me }: { me: Me }) {
  const client = useQueryClient()
  const months = recentMonths()
  const [month, setMonth] = useState(months[1]!)
  const [selected, setSelected] = useState<string | null>(null)
  const [withdrawing, setWithdrawing] = useState(false)
  const [form] = Form.useForm()
  const isCommunity = me.role === 'community'
  const communityCode = me.scope.split('.').at(-1)!
  const boards = useQuery({
    queryKey: ['points', 'boards', month],
    queryFn: ({ signal }) => get<PageOf<HonourBoard>>('/points/boards', { month, limit: 100 }, signal),
  })
  const items = boards.data?.items ?? []
  // the community's live board of the month, or the one chosen from the list
  const board = items.find((b) => b.id === selected) ?? items.find((b) => b.status !== 'withdrawn') ?? items[0]
  useEffect(() => setSelected(null), [month])

  const refresh = () => void client.invalidateQueries({ queryKey: ['points', 'boards'] })
  const compute = useMutation({
    mutationFn: () => post<HonourBoard>('/points/boards', { communityCode, month }),
    onSuccess: (b) => {
      notifier.show('已生成草稿，请核对后确认发布', 'success')
      setSelected(b.id)
      refresh()
    },
  })
  const act = useMutation({
    mutationFn: (v: { action: BoardAction; reason?: string }) => post<HonourBoard>(`/points/boards/${board!.id}/actions`, { action: v.action, version: board!.version, ...(v.reason ? { reason: v.reason } : {}) }),
    meta: { silent: true },
    onSuccess: (_, v) => {
      notifier.show(v.action === 'confirm' ? '已确认发布' : v.action === 'withdraw' ? '已撤回' : '已重新计算', 'success')
      setWithdrawing(false)
      refresh()
    },
    onError: (e, v) => {
      if (v.action !== 'withdraw') notifier.show(errorText(e), 'error')
    },
  })
  const exporting = useTableExport<BoardRow>()
  const exportBoard = (b: HonourBoard) =>
    exporting.mutate({
      title: `${b.community.name}${monthName(b.month)}红黑榜`,
      note: `${b.statusName}；统计截至 ${formatTime(b.asOf)}`,
      columns: [
        { header: '榜单', value: (r) => r.list },
        { header: '名次', value: (r) => r.rank },
        { header: '姓名', value: (r) => r.name },
        { header: '身份/工作单位', value: (r) => r.detail },
        { header: '服务次数', value: (r) => r.services },
        { header: '服务积分', value: (r) => r.points },
        { header: '最近服务', value: (r) => r.last },
      ],
      rows: [
        ...b.red.map((r) => ({ list: '红榜', rank: r.rank, name: r.name, detail: r.roleName, services: r.services, points: r.points, last: null })),
        ...(b.black ?? []).map((m) => ({ list: '黑榜', rank: null, name: m.name, detail: m.workUnit, services: 0, points: 0, last: m.lastServiceAt ? formatDate(m.lastServiceAt) : '从未' })),
      ],
    })
  const hasLive = items.some((b) => b.status !== 'withdrawn')
  return (
    <Card>
      <Space style={{ display: 'flex', marginBottom: 16 }} wrap>
        <span>月份</span>
        <Select value={month} onChange={setMonth} style={{ width: 140 }} options={months.map((m) => ({ value: m, label: monthName(m) }))} aria-label="月份" />
        {isCommunity && !hasLive ? (
          <Button type="primary" loading={compute.isPending} onClick={() => compute.mutate()}>
            生成{monthName(month)}红黑榜
          </Button>
        ) : null}
        {!isCommunity && items.length > 1 ? (
          <Select
            value={board?.id}
            onChange={setSelected}
            style={{ width: 220 }}
            aria-label="社区"
            options={items.map((b) => ({ value: b.id, label: `${b.community.name} · ${b.statusName}` }))}
          />
        ) : null}
      </Space>
      {boards.isError ? (
        <PageError error={boards.error} onRetry={() => void boards.refetch()} />
      ) : !board ? (
        <Empty description={boards.isPending ? '加载中…' : `${monthName(month)}暂无红黑榜`} />
      ) : (
        <>
          <Space style={{ display: 'flex', marginBottom: 12 }} wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {board.community.name} · {monthName(board.month)}红黑榜
            </Typography.Title>
            <Pill tone={TONE[board.status]}>{board.statusName}</Pill>
            <Typography.Text type="secondary">
              统计截至 {formatTime(board.asOf)}；黑榜：已报到满 {board.blackListMonths} 个月、近 {board.blackListMonths} 个月无服务记录的在职党员
            </Typography.Text>
          </Space>
          {board.confirmedAt ? (
            <Alert type="success" showIcon style={{ marginBottom: 12 }} title={`${board.confirmedBy ?? ''} 于 ${formatTime(board.confirmedAt)} 确认发布`} />
          ) : board.status === 'draft' ? (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="草稿仅工作人员可见；社区党组织书记确认后发布，党员和居民才能看到。" />
          ) : null}
          <Space style={{ display: 'flex', marginBottom: 16 }}>
            {board.allowedActions.includes('recompute') ? (
              <Button loading={act.isPending && act.variables?.action === 'recompute'} onClick={() => act.mutate({ action: 'recompute' })}>
                重新计算
              </Button>
            ) : null}
            {board.allowedActions.includes('confirm') ? (
              <Popconfirm title="确认发布本月红黑榜？" description="发布后本社区党员和居民可以看到。" okText="确认发布" cancelText="取消" onConfirm={() => act.mutate({ action: 'confirm' })}>
                <Button type="primary">确认发布</Button>
              </Popconfirm>
            ) : null}
            <Button loading={exporting.isPending} onClick={() => exportBoard(board)}>
              导出
            </Button>
            {board.allowedActions.includes('withdraw') ? (
              <Button danger onClick={() => setWithdrawing(true)}>
                撤回
              </Button>
            ) : null}
          </Space>
          <Row gutter={16}>
            <Col span={12}>
              <Table<RedListEntry>
                title={() => <strong style={{ color: '#a8071a' }}>红榜 · 服务积分前十</strong>}
                rowKey="earnerId"
                size="small"
                bordered
                dataSource={board.red}
                pagination={false}
                locale={{ emptyText: '本月暂无服务记录' }}
                columns={[
                  { title: '名次', dataIndex: 'rank', width: 60 },
                  { title: '姓名', dataIndex: 'name' },
                  { title: '身份', dataIndex: 'roleName', width: 70 },
                  { title: '服务次数', dataIndex: 'services', width: 90, align: 'right' },
                  { title: '服务积分', dataIndex: 'points', width: 90, align: 'right' },
                ]}
              />
            </Col>
            <Col span={12}>
              <Table<BlackListEntry>
                title={() => <strong>黑榜 · 连续 {board.blackListMonths} 个月无服务</strong>}
                rowKey="partyMemberId"
                size="small"
                bordered
                dataSource={board.black ?? []}
                pagination={false}
                locale={{ emptyText: '无' }}
                columns={[
                  { title: '姓名', dataIndex: 'name' },
                  { title: '工作单位', dataIndex: 'workUnit', ellipsis: true },
                  { title: '报到时间', width: 110, render: (_, m) => formatDate(m.registeredAt) },
                  { title: '最近服务', width: 110, render: (_, m) => (m.lastServiceAt ? formatDate(m.lastServiceAt) : '从未') },
                ]}
              />
            </Col>
          </Row>
        </>
      )}
      <Modal open={withdrawing} title="撤回红黑榜" onOk={() => form.submit()} confirmLoading={act.isPending} onCancel={() => setWithdrawing(false)} destroyOnHidden>
        {act.error && act.variables?.action === 'withdraw' ? <Alert type="error" showIcon title={errorText(act.error)} style={{ marginBottom: 16 }} /> : null}
        <Form form={form} layout="vertical" preserve={false} onFinish={(v: { reason: string }) => act.mutate({ action: 'withdraw', reason: v.reason })}>
          <Form.Item label="撤回原因" name="reason" rules={[{ required: true, whitespace: true, message: '请填写撤回原因' }]}>
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  )
}

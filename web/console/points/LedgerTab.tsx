/** 积分台账: everyone under the place with their balance; a person's history; the community awards, redeems (爱心超市) and reverses. */
import { useState } from 'react'
import { Alert, Button, Card, Drawer, Form, Input, InputNumber, Modal, Space, Table, Typography } from 'antd'
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { Me } from '#contracts/auth'
import type { PointsAccount, PointsEntry } from '#contracts/points'
import { errorText, get, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { notifier } from '../shell/notifier'
import { Pill } from '../shell/Pill'
import { PageError } from '../shell/states'
import { useTableExport } from '../shell/useTableExport'

type Dialog = { kind: 'award' | 'redeem'; account: PointsAccount } | { kind: 'reverse'; entry: PointsEntry } | null

export function LedgerTab({ me }: { me: Me }) {
  const client = useQueryClient()
  const [person, setPerson] = useState<PointsAccount | null>(null)
  const [dialog, setDialog] = useState<Dialog>(null)
  const [form] = Form.useForm()
  const accounts = useQuery({
    queryKey: ['points', 'accounts'],
    queryFn: ({ signal }) => get<PageOf<PointsAccount>>('/points/accounts', { limit: 100, withTotal: true }, signal),
  })
  const act = useMutation({
    mutationFn: (v: { points?: number; reason?: string; item?: string }) => {
      if (dialog?.kind === 'award') return post('/points/awards', { earnerId: dialog.account.earner.id, points: v.points, reason: v.reason })
      if (dialog?.kind === 'redeem') return post('/points/redemptions', { earnerId: dialog.account.earner.id, points: v.points, item: v.item })
      return post(`/points/entries/${(dialog as { entry: PointsEntry }).entry.id}/reverse`, { reason: v.reason })
    },
    meta: { silent: true },
    onSuccess: () => {
      notifier.show(dialog?.kind === 'award' ? '已奖励积分' : dialog?.kind === 'redeem' ? '已兑换' : '已冲正', 'success')
      setDialog(null)
      form.resetFields()
      void client.invalidateQueries({ queryKey: ['points'] })
    },
  })
  const exporting = useTableExport<PointsAccount>()
  const exportRows = (rows: PointsAccount[]) =>
    exporting.mutate({
      title: '党建积分台账',
      note: `${me.scopeName}，按积分余额从高到低`,
      columns: [
        { header: '姓名', value: (a) => a.earner.name },
        { header: '身份', value: (a) => a.earner.roleName },
        { header: '积分余额', value: (a) => a.balance },
        { header: '累计获得', value: (a) => a.earned },
        { header: '累计兑换', value: (a) => a.spent },
      ],
      rows,
    })
  const canManage = me.role === 'community'
  const open = (d: Dialog) => {
    act.reset()
    setDialog(d)
  }
  const current = person ? (accounts.data?.items.find((a) => a.earner.id === person.earner.id) ?? person) : null
  return (
    <Card>
      {accounts.isError ? (
        <PageError error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : (
        <Table<PointsAccount>
          rowKey={(a) => a.earner.id}
          size="middle"
          loading={accounts.isPending}
          dataSource={accounts.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '辖区内暂无党员或居民账号' }}
          title={() => (
            <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
              <Typography.Text type="secondary">共 {accounts.data?.total ?? '—'} 人，按积分余额从高到低；积分只来自服务记录、社区奖励与兑换。</Typography.Text>
              <Button size="small" loading={exporting.isPending} disabled={!accounts.data?.items.length} onClick={() => exportRows(accounts.data?.items ?? [])}>
                导出
              </Button>
            </div>
          )}
          columns={[
            { title: '姓名', render: (_, a) => a.earner.name },
            { title: '身份', width: 90, render: (_, a) => <Pill tone={a.earner.role === 'partyMember' ? 'red' : 'blue'}>{a.earner.roleName}</Pill> },
            { title: '积分余额', width: 110, align: 'right', render: (_, a) => <strong>{a.balance}</strong> },
            { title: '累计获得', width: 110, align: 'right', render: (_, a) => a.earned },
            { title: '累计兑换', width: 110, align: 'right', render: (_, a) => a.spent },
            {
              title: '操作',
              width: 200,
              render: (_, a) => (
                <Space size={4}>
                  <Button size="small" type="link" onClick={() => setPerson(a)}>
                    明细
                  </Button>
                  {a.allowedActions.includes('award') ? (
                    <Button size="small" type="link" onClick={() => open({ kind: 'award', account: a })}>
                      奖励
                    </Button>
                  ) : null}
                  {a.allowedActions.includes('redeem') ? (
                    <Button size="small" type="link" disabled={a.balance === 0} onClick={() => open({ kind: 'redeem', account: a })}>
                      兑换
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      )}
      <Drawer open={current !== null} onClose={() => setPerson(null)} size="large" title={current ? `${current.earner.name} · 积分明细` : ''} destroyOnHidden>
        {current ? <History account={current} onReverse={(entry) => open({ kind: 'reverse', entry })} canManage={canManage} /> : null}
      </Drawer>
      <Modal
        open={dialog !== null}
        title={dialog?.kind === 'award' ? `奖励积分 · ${dialog.account.earner.name}` : dialog?.kind === 'redeem' ? `积分兑换 · ${dialog.account.earner.name}` : '冲正积分'}
        onOk={() => form.submit()}
        okText={dialog?.kind === 'redeem' ? '确认兑换' : '确定'}
        confirmLoading={act.isPending}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        {act.error ? <Alert type="error" showIcon title={errorText(act.error)} style={{ marginBottom: 16 }} /> : null}
        {dialog?.kind === 'redeem' ? <Alert type="info" showIcon title={`当前余额 ${dialog.account.balance} 分，兑换不能超过余额`} style={{ marginBottom: 16 }} /> : null}
        {dialog?.kind === 'reverse' ? (
          <Alert type="warning" showIcon title={`将收回“${dialog.entry.reason}”的 ${dialog.entry.points} 分；原记录保留，另记一条冲正记录。`} style={{ marginBottom: 16 }} />
        ) : null}
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate(v)} preserve={false}>
          {dialog?.kind === 'award' || dialog?.kind === 'redeem' ? (
            <Form.Item
              label={dialog.kind === 'award' ? '奖励积分（1–100）' : '兑换所用积分'}
              name="points"
              rules={[{ required: true, message: '请填写积分' }]}
            >
              <InputNumber min={1} max={dialog.kind === 'award' ? 100 : Math.max(1, dialog.account.balance)} precision={0} style={{ width: 160 }} />
            </Form.Item>
          ) : null}
          {dialog?.kind === 'redeem' ? (
            <Form.Item label="兑换物品" name="item" rules={[{ required: true, whitespace: true, message: '请填写兑换物品' }]}>
              <Input maxLength={100} placeholder="如：洗衣液 1 瓶" />
            </Form.Item>
          ) : (
            <Form.Item
              label={dialog?.kind === 'award' ? '奖励事由（线下服务内容）' : '冲正原因'}
              name="reason"
              rules={[{ required: true, whitespace: true, message: '请填写事由' }]}
            >
              <Input.TextArea rows={3} maxLength={200} showCount />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  )
}

function History({ account, onReverse, canManage }: { account: PointsAccount; onReverse: (e: PointsEntry) => void; canManage: boolean }) {
  const q = useInfiniteQuery({
    queryKey: ['points', 'entries', account.earner.id],
    queryFn: ({ pageParam, signal }) => get<PageOf<PointsEntry>>(`/points/accounts/${account.earner.id}/entries`, { limit: 50, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })
  const items = q.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <>
      <Space size="large" style={{ marginBottom: 16 }}>
        <span>
          余额 <strong style={{ fontSize: 20 }}>{account.balance}</strong> 分
        </span>
        <span>累计获得 {account.earned}</span>
        <span>累计兑换 {account.spent}</span>
      </Space>
      {q.isError ? (
        <PageError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<PointsEntry>
          rowKey="id"
          size="small"
          loading={q.isPending}
          dataSource={items}
          pagination={false}
          locale={{ emptyText: '暂无积分记录' }}
          columns={[
            { title: '时间', width: 140, render: (_, e) => formatTime(e.occurredAt) },
            { title: '来源', width: 90, render: (_, e) => <Pill tone={e.points < 0 ? 'orange' : e.kind === 'manual' ? 'purple' : 'green'}>{e.kindName}</Pill> },
            { title: '事由', render: (_, e) => (e.reversedBy ? <Typography.Text delete>{e.reason}</Typography.Text> : e.reason) },
            { title: '积分', width: 70, align: 'right', render: (_, e) => (e.points > 0 ? `+${e.points}` : e.points) },
            { title: '记录人', width: 100, render: (_, e) => e.createdBy },
            ...(canManage
              ? [
                  {
                    title: '',
                    width: 60,
                    render: (_: unknown, e: PointsEntry) =>
                      e.allowedActions.includes('reverse') ? (
                        <Button size="small" type="link" onClick={() => onReverse(e)}>
                          冲正
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      )}
      {q.hasNextPage ? (
        <Button block style={{ marginTop: 12 }} loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
          加载更多
        </Button>
      ) : null}
    </>
  )
}

/** 公开晒单: closed appeals shown to anyone, anonymised by the server; readable without login. */
import { Button, Card, Grid, Layout, Table } from 'antd'
import { useInfiniteQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { PageOf } from '#contracts/common'
import type { PublicAppeal } from '#contracts/public'
import { CLOSE_REASON_NAMES, RATING_NAMES, RESOLUTION_LEVEL_NAMES, labelOf } from '#contracts/labels'
import { get } from '../../shared/api'
import { durationText } from '../../shared/format'
import { PageError } from '../shell/states'
import { Pill } from '../shell/Pill'
import { usePageTitle } from '../shell/usePageTitle'

export default function PublicBoardPage() {
  usePageTitle('公开晒单')
  const q = useInfiniteQuery({
    queryKey: ['public', 'appeals'],
    queryFn: ({ pageParam, signal }) => get<PageOf<PublicAppeal>>('/public/appeals', { cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  })
  const items = q.data?.pages.flatMap((p) => p.items) ?? []
  // on a phone (residents open it from the phone pages) each appeal is a card, not a table row
  const narrow = !Grid.useBreakpoint().md
  const rating = (a: PublicAppeal) =>
    a.rating ? <Pill tone={a.rating === 'unsatisfied' ? 'red' : 'green'}>{labelOf(RATING_NAMES, a.rating)}</Pill> : labelOf(CLOSE_REASON_NAMES, a.closeReason)
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, background: '#b7141b' }}>
        <img src="/favicon.svg" alt="" width={28} height={28} />
        <h1 style={{ color: '#fff', fontSize: 18, margin: 0, flex: 1 }}>一网 · 公开晒单</h1>
        <Link to="/" style={{ color: '#fff' }}>
          工作人员登录
        </Link>
      </Layout.Header>
      <Layout.Content className="yw-page" style={{ maxWidth: 1200, width: '100%', margin: '0 auto', boxSizing: 'border-box', padding: narrow ? 12 : undefined }}>
        <p className="yw-muted">群众反映的事项办结后在此公开（已隐去姓名、电话、详细地址与描述），接受群众监督。</p>
        <Card>
          {q.isError ? (
            <PageError error={q.error} onRetry={() => void q.refetch()} />
          ) : (
            <>
              {narrow ? (
                <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {items.map((a) => (
                    <li key={a.number} style={{ borderBottom: '1px solid #f0f0f0', padding: '12px 0', fontSize: 16 }}>
                      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                        <strong>{a.category.name}</strong>
                        {rating(a)}
                      </div>
                      <div className="yw-muted">
                        {a.place.communityName}
                        {a.place.gridName} · {a.number}
                      </div>
                      <div>
                        {a.receivedOn} 受理，{a.closedOn} 办结，用时 {durationText(a.hoursToClose * 3600_000)}
                        {a.resolutionLevel ? `，${labelOf(RESOLUTION_LEVEL_NAMES, a.resolutionLevel)}解决` : ''}
                      </div>
                    </li>
                  ))}
                  {!q.isPending && items.length === 0 ? <li>暂无已办结的诉求</li> : null}
                </ol>
              ) : (
              <Table<PublicAppeal>
                rowKey="number"
                loading={q.isPending}
                dataSource={items}
                pagination={false}
                locale={{ emptyText: '暂无已办结的诉求' }}
                columns={[
                  { title: '编号', dataIndex: 'number', width: 190 },
                  { title: '分类', render: (_, a) => a.category.name },
                  { title: '社区网格', render: (_, a) => `${a.place.communityName}${a.place.gridName}` },
                  { title: '受理日期', dataIndex: 'receivedOn', width: 110 },
                  { title: '办结日期', dataIndex: 'closedOn', width: 110 },
                  { title: '办理用时', render: (_, a) => durationText(a.hoursToClose * 3600_000), width: 130 },
                  { title: '解决层级', render: (_, a) => labelOf(RESOLUTION_LEVEL_NAMES, a.resolutionLevel), width: 90 },
                  {
                    title: '群众评价',
                    width: 110,
                    render: (_, a) => rating(a),
                  },
                ]}
              />
              )}
              {q.hasNextPage ? (
                <div style={{ textAlign: 'center', marginTop: 16 }}>
                  <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
                    加载更多
                  </Button>
                </div>
              ) : null}
            </>
          )}
        </Card>
      </Layout.Content>
    </Layout>
  )
}

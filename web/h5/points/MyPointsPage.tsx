/** 我的积分: my balance and where every point came from (or went), newest first. */
import { Button, InfiniteScroll, List } from 'antd-mobile'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { PageOf } from '#contracts/common'
import type { PointsAccount, PointsEntry } from '#contracts/points'
import { get } from '../../shared/api'
import { formatDate } from '../../shared/format'
import { useMe } from '../../shared/session'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'

export default function MyPointsPage() {
  const me = useMe().data!
  const navigate = useNavigate()
  const account = useQuery({ queryKey: ['points', 'account', me.id], queryFn: ({ signal }) => get<PointsAccount>(`/points/accounts/${me.id}`, undefined, signal) })
  const entries = useInfiniteQuery({
    queryKey: ['points', 'entries', me.id],
    queryFn: ({ pageParam, signal }) => get<PageOf<PointsEntry>>(`/points/accounts/${me.id}/entries`, { limit: 20, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })
  const items = entries.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <Page title="我的积分">
      <div className="yw-hero">
        <p>积分余额</p>
        <h1 style={{ fontSize: '2.25rem' }} aria-live="polite">
          {account.data ? account.data.balance : '…'}
        </h1>
        <p>
          累计获得 {account.data?.earned ?? '—'} · 已兑换 {account.data?.spent ?? '—'}
        </p>
      </div>
      <div style={{ margin: 12 }}>
        <Button block size="large" onClick={() => navigate('/points/board')}>
          本社区红榜
        </Button>
      </div>
      {account.isError ? <LoadError error={account.error} onRetry={() => void account.refetch()} /> : null}
      {entries.isError ? (
        <LoadError error={entries.error} onRetry={() => void entries.refetch()} />
      ) : entries.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <EmptyBlock title="还没有积分记录" description="参加志愿服务、走访包保户、认领微心愿、党员接单，都会记积分" />
      ) : (
        <>
          <List header="积分明细">
            {items.map((e) => (
              <List.Item
                key={e.id}
                description={`${e.kindName} · ${formatDate(e.occurredAt)}`}
                extra={<strong style={{ color: e.points > 0 ? '#a8071a' : '#434343', fontSize: '1.125rem' }}>{e.points > 0 ? `+${e.points}` : e.points}</strong>}
              >
                {e.reversedBy ? <s>{e.reason}</s> : e.reason}
              </List.Item>
            ))}
          </List>
          <InfiniteScroll loadMore={async () => void (await entries.fetchNextPage())} hasMore={entries.hasNextPage}>
            {entries.hasNextPage ? '加载中…' : '没有更多了'}
          </InfiniteScroll>
        </>
      )}
    </Page>
  )
}

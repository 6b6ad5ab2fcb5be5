/** 消息: the inbox on the phone; opening a message marks it read and opens its appeal. */
import { InfiniteScroll, List, PullToRefresh } from 'antd-mobile'
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { Notification } from '#contracts/notifications'
import { get, post } from '../../shared/api'
import { formatShortTime } from '../../shared/format'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'

interface Inbox {
  items: Notification[]
  nextCursor: string | null
  unread: number
}

export default function InboxPage() {
  const navigate = useNavigate()
  const client = useQueryClient()
  const q = useInfiniteQuery({
    queryKey: ['notifications', 'list', 'h5'],
    queryFn: ({ pageParam, signal }) => get<Inbox>('/notifications', { cursor: pageParam, limit: 20 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  })
  const items = q.data?.pages.flatMap((p) => p.items) ?? []
  const open = async (n: Notification) => {
    if (!n.readAt) {
      await post(`/notifications/${n.id}/read`).catch(() => undefined)
      void client.invalidateQueries({ queryKey: ['notifications'] })
    }
    if (n.appealId) navigate(`/appeals/${n.appealId}`)
  }
  return (
    <Page title="消息">
      <PullToRefresh onRefresh={async () => void (await q.refetch())}>
        {q.isPending ? (
          <Loading />
        ) : q.isError && !items.length ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : items.length === 0 ? (
          <EmptyBlock title="暂无消息" />
        ) : (
          <>
            <List>
              {items.map((n) => (
                <List.Item key={n.id} onClick={() => void open(n)} description={`${n.body} · ${formatShortTime(n.createdAt)}`} arrowIcon={Boolean(n.appealId)}>
                  <span style={{ fontWeight: n.readAt ? 400 : 700 }}>
                    {n.readAt ? '' : '● '}
                    {n.title}
                  </span>
                </List.Item>
              ))}
            </List>
            <InfiniteScroll loadMore={async () => void (await q.fetchNextPage({ throwOnError: true }))} hasMore={Boolean(q.hasNextPage)} />
          </>
        )}
      </PullToRefresh>
    </Page>
  )
}

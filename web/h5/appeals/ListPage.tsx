/** 我的诉求 (residents) or the role's appeals: cards with status, current step and deadline in words. */
import { InfiniteScroll, PullToRefresh, Tabs } from 'antd-mobile'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import type { Appeal } from '#contracts/appeals'
import type { PageOf } from '#contracts/common'
import { get } from '../../shared/api'
import { useMe } from '../../shared/session'
import { useNow } from '../../shared/use-now'
import { AppealCard } from '../ui/appeal-bits'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'

const TABS = [
  { key: 'open', title: '办理中', status: ['submitted', 'accepted', 'assigned', 'street_review', 'dept_assigned', 'in_progress', 'resolved', 'verified', 'reopened'] },
  { key: 'rate', title: '待评价', status: ['replied'] },
  { key: 'closed', title: '已办结', status: ['closed'] },
] as const

export default function AppealsListPage() {
  const me = useMe().data!
  const [params, setParams] = useSearchParams()
  const tab = (params.get('tab') as (typeof TABS)[number]['key']) ?? 'open'
  const status = TABS.find((t) => t.key === tab)?.status ?? TABS[0].status
  const now = useNow(30_000)
  const q = useInfiniteQuery({
    queryKey: ['appeals', 'list', 'h5', tab],
    queryFn: ({ pageParam, signal }) => get<PageOf<Appeal>>('/appeals', { status: [...status], cursor: pageParam, limit: 20 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
  })
  const items = q.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <Page title={me.role === 'resident' ? '我的诉求' : '诉求'}>
      <Tabs activeKey={tab} onChange={(k) => setParams({ tab: k }, { replace: true })} style={{ background: '#fff' }}>
        {TABS.map((t) => (
          <Tabs.Tab key={t.key} title={t.title} />
        ))}
      </Tabs>
      <PullToRefresh onRefresh={async () => void (await q.refetch())} pullingText="下拉刷新" canReleaseText="松开刷新" refreshingText="正在刷新" completeText="已刷新">
        {q.isPending ? (
          <Loading />
        ) : q.isError && !items.length ? (
          <LoadError error={q.error} onRetry={() => void q.refetch()} />
        ) : items.length === 0 ? (
          <EmptyBlock title={tab === 'open' ? '没有办理中的诉求' : tab === 'rate' ? '没有待评价的诉求' : '还没有办结的诉求'} />
        ) : (
          <>
            {items.map((a) => (
              <AppealCard key={a.id} appeal={a} now={now} to={`/appeals/${a.id}`} />
            ))}
            <InfiniteScroll loadMore={async () => void (await q.fetchNextPage({ throwOnError: true }))} hasMore={Boolean(q.hasNextPage)}>
              {(hasMore, failed, retry) => (failed ? <button type="button" onClick={retry} style={{ minHeight: 44, border: 0, background: 'none', color: '#0958d9', font: 'inherit' }}>加载失败，点此重试</button> : hasMore ? '加载中…' : '没有更多了')}
            </InfiniteScroll>
          </>
        )}
      </PullToRefresh>
    </Page>
  )
}

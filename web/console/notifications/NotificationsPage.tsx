/** 通知: the inbox, unread first, each opening its appeal; mark one or all read. */
import { useState } from 'react'
import { Badge, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd'
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { Notification } from '#contracts/notifications'
import { NOTIFICATION_KIND_NAMES, labelOf } from '#contracts/labels'
import { get, post } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { PageError } from '../shell/states'
import { Pill } from '../shell/Pill'
import { usePageTitle } from '../shell/usePageTitle'

interface Inbox {
  items: Notification[]
  nextCursor: string | null
  unread: number
}

export default function NotificationsPage() {
  usePageTitle('通知')
  const [onlyUnread, setOnlyUnread] = useState(true)
  const client = useQueryClient()
  const navigate = useNavigate()
  const q = useInfiniteQuery({
    queryKey: ['notifications', 'list', onlyUnread],
    queryFn: ({ pageParam, signal }) => get<Inbox>('/notifications', { unread: onlyUnread || undefined, cursor: pageParam, limit: 30 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })
  const refresh = () => void client.invalidateQueries({ queryKey: ['notifications'] })
  const readOne = useMutation({ mutationFn: (id: string) => post(`/notifications/${id}/read`), onSuccess: refresh })
  const readAll = useMutation({ mutationFn: () => post('/notifications/read-all'), onSuccess: refresh })
  const items = q.data?.pages.flatMap((p) => p.items) ?? []
  const unread = q.data?.pages[0]?.unread ?? 0

  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>
          通知 <Badge count={unread} />
        </h1>
        <Space>
          <Segmented
            value={onlyUnread ? 'unread' : 'all'}
            onChange={(v) => setOnlyUnread(v === 'unread')}
            options={[
              { value: 'unread', label: '未读' },
              { value: 'all', label: '全部' },
            ]}
          />
          <Button onClick={() => readAll.mutate()} disabled={!unread} loading={readAll.isPending}>
            全部标为已读
          </Button>
        </Space>
      </div>
      <Card>
        {q.isError ? (
          <PageError error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <List<Notification>
            loading={q.isPending}
            dataSource={items}
            locale={{ emptyText: onlyUnread ? '没有未读通知' : '暂无通知' }}
            loadMore={
              q.hasNextPage ? (
                <div style={{ textAlign: 'center', margin: 12 }}>
                  <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage}>
                    加载更多
                  </Button>
                </div>
              ) : null
            }
            renderItem={(n) => (
              <List.Item
                actions={[
                  n.appealId ? (
                    <Button
                      key="open"
                      type="link"
                      onClick={() => {
                        if (!n.readAt) readOne.mutate(n.id)
                        navigate(`/appeals/${n.appealId}`)
                      }}
                    >
                      查看诉求
                    </Button>
                  ) : null,
                  !n.readAt ? (
                    <Button key="read" type="link" onClick={() => readOne.mutate(n.id)}>
                      标为已读
                    </Button>
                  ) : null,
                ].filter(Boolean)}
              >
                <List.Item.Meta
                  title={
                    <Space>
                      {!n.readAt ? <Pill tone="red">未读</Pill> : null}
                      <Tag>{labelOf(NOTIFICATION_KIND_NAMES, n.kind)}</Tag>
                      <span style={{ fontWeight: n.readAt ? 400 : 600 }}>{n.title}</span>
                    </Space>
                  }
                  description={
                    <>
                      <Typography.Text>{n.body}</Typography.Text>
                      <div className="yw-muted yw-tabular" style={{ fontSize: 12, marginTop: 4 }}>
                        {formatTime(n.createdAt)}
                      </div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Card>
    </div>
  )
}

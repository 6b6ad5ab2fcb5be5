import { Badge } from 'antd-mobile'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { BellOutline, SetOutline } from 'antd-mobile-icons'
import { get } from '../../shared/api'

/** The bell in the title bar: unread notifications, and the way to 我的 settings. */
export function InboxBell() {
  const unread = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: ({ signal }) => get<{ unread: number }>('/notifications', { unread: true, limit: 1 }, signal),
    refetchInterval: 60_000,
    select: (d) => d.unread,
  }).data
  return (
    <span style={{ display: 'inline-flex', gap: 4 }}>
      <Link to="/inbox" aria-label={`消息，${unread ?? 0} 条未读`} style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center', minWidth: 44, minHeight: 44, color: 'inherit', textDecoration: 'none' }}>
        <Badge content={unread ? (unread > 99 ? '99+' : unread) : null}>
          <BellOutline aria-hidden fontSize={24} />
        </Badge>
      </Link>
      <Link to="/me" aria-label="我的设置" style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center', minWidth: 44, minHeight: 44, color: 'inherit', textDecoration: 'none' }}>
        <SetOutline aria-hidden fontSize={24} />
      </Link>
    </span>
  )
}

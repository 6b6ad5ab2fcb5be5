/** A unit's party organisation on the phone: its in-service members' registrations (工作在单位、服务在社区). */
import { Button, List, PullToRefresh, Tag } from 'antd-mobile'
import { useQuery } from '@tanstack/react-query'
import type { PageOf } from '#contracts/common'
import type { UnitMember } from '#contracts/units'
import { get } from '../../shared/api'
import { useMe } from '../../shared/session'
import { InboxBell } from '../me/InboxBell'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'

export default function UnitHome() {
  const me = useMe().data!
  const unitId = me.scope.startsWith('unit:') ? me.scope.slice('unit:'.length) : ''
  const list = useQuery({
    queryKey: ['unit-members', unitId],
    queryFn: ({ signal }) => get<PageOf<UnitMember>>(`/units/${unitId}/members`, { limit: 100, withTotal: true }, signal),
  })
  const items = list.data?.items ?? []
  return (
    <Page title="本单位党员" back={false} right={<InboxBell />}>
      <div className="yw-hero">
        <h2 style={{ margin: 0, fontSize: '1.25rem' }}>{me.scopeName}</h2>
        <p>
          {me.roleName} · {me.displayName}
          {list.data?.total !== undefined ? ` · 到社区报到 ${list.data.total} 人次` : ''}
        </p>
        <Button block size="large" className="yw-primary" style={{ marginTop: 16, color: '#8c0f14' }} onClick={() => {
            location.href = '/'
          }}>
          打开电脑版工作台
        </Button>
      </div>
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        {list.isPending ? <Loading /> : null}
        {list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.isSuccess && items.length === 0 ? <EmptyBlock title="本单位还没有党员到社区报到" /> : null}
        {items.length ? (
          <List header="在职党员报到情况">
            {items.map((m) => (
              <List.Item
                key={m.registrationId}
                description={`${m.community.name}${m.postName ? ` · ${m.postName}` : ''}`}
                extra={<Tag color={m.status === 'confirmed' ? 'success' : m.status === 'submitted' ? 'warning' : 'default'}>{m.statusName}</Tag>}
              >
                {m.member.name}
              </List.Item>
            ))}
          </List>
        ) : null}
      </PullToRefresh>
    </Page>
  )
}

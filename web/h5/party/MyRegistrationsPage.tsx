/** 我的报到: a party member's registrations at communities, newest first; register (again) from here. */
import { Button, List, PullToRefresh, Tag } from 'antd-mobile'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import type { PageOf } from '#contracts/common'
import type { Registration } from '#contracts/registrations'
import { get } from '../../shared/api'
import { formatDate } from '../../shared/format'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'

const TAG: Record<string, string> = { submitted: 'warning', confirmed: 'success', declined: 'danger', transferred: 'default' }

export default function MyRegistrationsPage() {
  const navigate = useNavigate()
  const list = useQuery({ queryKey: ['my-registrations'], queryFn: ({ signal }) => get<PageOf<Registration>>('/registrations', { limit: 50 }, signal) })
  const items = list.data?.items ?? []
  const live = items.some((r) => r.status === 'submitted' || r.status === 'confirmed')
  return (
    <Page title="我的报到">
      <PullToRefresh onRefresh={async () => void (await list.refetch())}>
        {list.isPending ? <Loading /> : null}
        {list.isError ? <LoadError error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.isSuccess && items.length === 0 ? <EmptyBlock title="还没有到社区报到" description="在职党员到居住地社区报到，参与楼栋包保和志愿服务" /> : null}
        {items.length ? (
          <List header="报到记录">
            {items.map((r) => (
              <List.Item
                key={r.id}
                onClick={() => navigate(`/party/registration/${r.id}`)}
                description={`${r.unit?.name ?? r.workUnit}${r.postName ? ` · ${r.postName}` : ''} · ${formatDate(r.submittedAt)}`}
                extra={<Tag color={TAG[r.status] ?? 'default'}>{r.statusName}</Tag>}
              >
                {r.community.name}
              </List.Item>
            ))}
          </List>
        ) : null}
        <section className="yw-section">
          <Button block color="primary" size="large" className="yw-primary" onClick={() => navigate('/party/registration/new')}>
            {live ? '到其他社区报到' : '到社区报到'}
          </Button>
        </section>
      </PullToRefresh>
    </Page>
  )
}

/** Grid worker's home: count tiles (待收单, 待核查, 即将超期, 已超期) and quick entries. */
import { Badge, Button, PullToRefresh } from 'antd-mobile'
import { useQuery } from '@tanstack/react-query'
import { Link, useNavigate } from 'react-router'
import type { HouseholdClaim } from '#contracts/signup'
import { get } from '../../shared/api'
import { useMe } from '../../shared/session'
import { useNow } from '../../shared/use-now'
import { todoOf, useTodo, type TodoKind } from '../appeals/useTodo'
import { LoadError, Page } from '../shell/Page'
import { InboxBell } from '../me/InboxBell'

const TILES: { kind: TodoKind; title: string; tone?: 'alert' | 'warn' }[] = [
  { kind: 'inbox', title: '待收单' },
  { kind: 'verify', title: '待核查' },
  { kind: 'soon', title: '即将超期', tone: 'warn' },
  { kind: 'overdue', title: '已超期', tone: 'alert' },
]

export default function GridHome() {
  const me = useMe().data!
  const todo = useTodo()
  const now = useNow(30_000)
  const navigate = useNavigate()
  const claims = useQuery({ queryKey: ['household-claims', 'pending'], queryFn: () => get<HouseholdClaim[]>('/household-claims', { status: 'pending' }) })
  const items = todo.data ?? []
  const followups = todoOf('followup', items, now).length
  return (
    <Page title="网格工作台" back={false} right={<InboxBell />}>
      <div className="yw-hero" style={{ paddingBottom: 20 }}>
        <h2 style={{ margin: 0, fontSize: '1.25rem' }}>{me.scopeName}</h2>
        <p>
          {me.roleName} · {me.displayName}
        </p>
      </div>
      <PullToRefresh onRefresh={async () => void (await Promise.all([todo.refetch(), claims.refetch()]))}>
        {todo.isError ? <LoadError error={todo.error} onRetry={() => void todo.refetch()} /> : null}
        <nav className="yw-tiles" aria-label="待办">
          {TILES.map((t) => (
            <Link key={t.kind} to={`/todo/${t.kind}`} className={`yw-tile ${t.tone ?? ''}`} style={{ textDecoration: 'none' }}>
              <span>{t.title}</span>
              <strong>{todo.isPending ? '…' : todoOf(t.kind, items, now).length}</strong>
            </Link>
          ))}
        </nav>
        <section className="yw-section" aria-label="常用">
          <div style={{ display: 'grid', gap: 12 }}>
            <Button color="primary" size="large" className="yw-primary" onClick={() => navigate('/grid/patrol')}>
              巡查上报
            </Button>
            <Button size="large" onClick={() => navigate('/visits')}>
              走访清单
            </Button>
            <Button size="large" onClick={() => navigate('/report')}>
              代群众点单
            </Button>
            <Button size="large" onClick={() => navigate('/todo/followup')}>
              回访评价 {followups ? <Badge content={followups} style={{ marginLeft: 8 }} /> : null}
            </Button>
            <Button size="large" onClick={() => navigate('/grid/households')}>
              确认居民住户 {claims.data?.length ? <Badge content={claims.data.length} style={{ marginLeft: 8 }} /> : null}
            </Button>
            <Button size="large" onClick={() => navigate('/population/buildings')}>
              按楼栋查户
            </Button>
            <Button size="large" fill="none" onClick={() => navigate('/appeals')}>
              全部诉求
            </Button>
          </div>
        </section>
      </PullToRefresh>
    </Page>
  )
}

/**
 * Home of those who take work from the phone: party members (党员接单 pool), property companies
 * and departments (claim and resolve), 联户长 (report for the households of the group).
 */
import { Button, PullToRefresh } from 'antd-mobile'
import { Link, useNavigate } from 'react-router'
import { useMe } from '../../shared/session'
import { useNow } from '../../shared/use-now'
import { todoOf, useTodo, type TodoKind } from '../appeals/useTodo'
import { LoadError, Page } from '../shell/Page'
import { InboxBell } from '../me/InboxBell'

export default function TasksHome() {
  const me = useMe().data!
  const todo = useTodo()
  const now = useNow(30_000)
  const navigate = useNavigate()
  const items = todo.data ?? []
  const tiles: { kind: TodoKind; title: string; tone?: string }[] =
    me.role === 'householdLeader'
      ? [
          { kind: 'inbox', title: '待收单' },
          { kind: 'overdue', title: '已超期', tone: 'alert' },
        ]
      : [
          { kind: 'claim', title: me.role === 'partyMember' ? '党员接单' : '待领单' },
          { kind: 'resolve', title: '办理中' },
          { kind: 'soon', title: '即将超期', tone: 'warn' },
          { kind: 'overdue', title: '已超期', tone: 'alert' },
        ]
  return (
    <Page title={me.role === 'householdLeader' ? '联户长' : me.roleName} back={false} right={<InboxBell />}>
      <div className="yw-hero" style={{ paddingBottom: 20 }}>
        <h2 style={{ margin: 0, fontSize: '1.25rem' }}>{me.scopeName}</h2>
        <p>
          {me.roleName} · {me.displayName}
        </p>
      </div>
      <PullToRefresh onRefresh={async () => void (await todo.refetch())}>
        {todo.isError ? <LoadError error={todo.error} onRetry={() => void todo.refetch()} /> : null}
        <nav className="yw-tiles" aria-label="待办">
          {tiles.map((t) => (
            <Link key={t.kind} to={`/todo/${t.kind}`} className={`yw-tile ${t.tone ?? ''}`} style={{ textDecoration: 'none' }}>
              <span>{t.title}</span>
              <strong>{todo.isPending ? '…' : todoOf(t.kind, items, now).length}</strong>
            </Link>
          ))}
        </nav>
        <section className="yw-section">
          <div style={{ display: 'grid', gap: 12 }}>
            {me.role === 'householdLeader' ? (
              <Button color="primary" size="large" className="yw-primary" onClick={() => navigate('/report')}>
                代群众反映
              </Button>
            ) : null}
            {me.role === 'partyMember' ? (
              <Button size="large" onClick={() => navigate('/pledges')}>
                我的包保户
              </Button>
            ) : null}
            <Button size="large" onClick={() => navigate('/appeals')}>
              全部诉求
            </Button>
            {me.role === 'partyMember' ? (
              <Button size="large" onClick={() => navigate('/wishes')}>
                认领微心愿
              </Button>
            ) : null}
            {me.role === 'partyMember' ? (
              <Button size="large" onClick={() => navigate('/volunteers')}>
                志愿活动
              </Button>
            ) : null}
          </div>
        </section>
      </PullToRefresh>
    </Page>
  )
}

/**
 * For roles that work in the console (社区, 街道, 县级, 综治中心, 司法所, 三员): their to-do on the phone, the way to the
 * console, and — for those who visit (社区, 综治中心, 司法所) — their visit list (走访清单), the phone's main work for
 * 综治中心 and 司法所.
 */
import { Button } from 'antd-mobile'
import { useQuery } from '@tanstack/react-query'
import type { DueList } from '#contracts/visits'
import { get } from '../../shared/api'
import { useNavigate } from 'react-router'
import { useMe } from '../../shared/session'
import { useNow } from '../../shared/use-now'
import { AppealCard } from '../ui/appeal-bits'
import { useTodo } from '../appeals/useTodo'
import { EmptyBlock, Page } from './Page'
import { InboxBell } from '../me/InboxBell'

/** The console roles that record visits on the phone (the visit policy's visitors). */
const VISITING = ['community', 'publicSafety', 'judicialOffice']

export default function StaffHome() {
  const me = useMe().data!
  const visits = VISITING.includes(me.role)
  // the same query as the visit list's, so opening it shows at once
  const due = useQuery({ queryKey: ['visits', 'due'], queryFn: ({ signal }) => get<DueList>('/visits/due', undefined, signal), enabled: visits })
  const todo = useTodo()
  const now = useNow(30_000)
  const navigate = useNavigate()
  // 综治中心 and 司法所 work on the phone mostly by visiting: their list comes first; the community's after its to-do
  const visitsFirst = visits && me.role !== 'community'
  const visitButton = (
    <>
      <Button
        block
        size="large"
        {...(visitsFirst ? { color: 'primary' as const, className: 'yw-primary' } : {})}
        onClick={() => navigate(due.data?.counts.overdue ? '/visits' : '/visits?tab=due')}
      >
        走访清单
      </Button>
      {due.data ? (
        <p className="yw-muted" style={{ margin: '6px 0 0', textAlign: 'center' }}>
          逾期 {due.data.counts.overdue} · 待访 {due.data.counts.due}
        </p>
      ) : null}
    </>
  )
  return (
    <Page title="一网" back={false} right={<InboxBell />}>
      <div className="yw-hero">
        <h2 style={{ margin: 0, fontSize: '1.25rem' }}>{me.scopeName}</h2>
        <p>
          {me.roleName} · {me.displayName}
        </p>
        <Button block size="large" className="yw-primary" style={{ marginTop: 16, color: '#8c0f14' }} onClick={() => {
            location.href = '/'
          }}>
          打开电脑版工作台
        </Button>
      </div>
      {visitsFirst ? <div style={{ margin: '16px 16px 0' }}>{visitButton}</div> : null}
      <h2 className="yw-title" style={{ margin: '16px 16px 0' }}>
        待我处理
      </h2>
      {todo.data?.length === 0 ? <EmptyBlock title="暂无待办" /> : (todo.data ?? []).slice(0, 20).map((a) => <AppealCard key={a.id} appeal={a} now={now} to={`/appeals/${a.id}`} />)}
      <div style={{ margin: 16 }}>
        <Button block size="large" onClick={() => navigate('/appeals')}>
          全部诉求
        </Button>
        {visits && !visitsFirst ? <div style={{ marginTop: 12 }}>{visitButton}</div> : null}
      </div>
    </Page>
  )
}

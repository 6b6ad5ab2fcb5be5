/** For roles that work in the console (社区, 街道, 县级, 三员): their to-do on the phone and the way to the console. */
import { Button } from 'antd-mobile'
import { useNavigate } from 'react-router'
import { useMe } from '../../shared/session'
import { useNow } from '../../shared/use-now'
import { AppealCard } from '../ui/appeal-bits'
import { useTodo } from '../appeals/useTodo'
import { EmptyBlock, Page } from './Page'
import { InboxBell } from '../me/InboxBell'

export default function StaffHome() {
  const me = useMe().data!
  const todo = useTodo()
  const now = useNow(30_000)
  const navigate = useNavigate()
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
      <h2 className="yw-title" style={{ margin: '16px 16px 0' }}>
        待我处理
      </h2>
      {todo.data?.length === 0 ? <EmptyBlock title="暂无待办" /> : (todo.data ?? []).slice(0, 20).map((a) => <AppealCard key={a.id} appeal={a} now={now} to={`/appeals/${a.id}`} />)}
      <div style={{ margin: 16 }}>
        <Button block size="large" onClick={() => navigate('/appeals')}>
          全部诉求
        </Button>
      </div>
    </Page>
  )
}

/** One of the grid worker's lists; the inbox accepts with a single tap on the card. */
import { Button, PullToRefresh } from 'antd-mobile'
import { useParams } from 'react-router'
import { ACTION_NAMES } from '#contracts/labels'
import { compareUrgency } from '../../shared/appeal'
import { useNow } from '../../shared/use-now'
import { AppealCard } from '../ui/appeal-bits'
import { useAct } from './useAct'
import { todoOf, useTodo, type TodoKind } from './useTodo'
import { EmptyBlock, LoadError, Loading, Page } from '../shell/Page'

const TITLES: Record<TodoKind, string> = {
  inbox: '待收单',
  verify: '待核查',
  soon: '即将超期',
  overdue: '已超期',
  followup: '待回访',
  claim: '待领单',
  resolve: '办理中',
}

export default function TodoListPage() {
  const kind = (useParams().kind ?? 'inbox') as TodoKind
  const todo = useTodo()
  const now = useNow(30_000)
  const act = useAct()
  const items = todoOf(kind, todo.data ?? [], now).sort(compareUrgency(now))
  return (
    <Page title={TITLES[kind] ?? '待办'}>
      <PullToRefresh onRefresh={async () => void (await todo.refetch())}>
        {todo.isPending ? (
          <Loading />
        ) : todo.isError ? (
          <LoadError error={todo.error} onRetry={() => void todo.refetch()} />
        ) : items.length === 0 ? (
          <EmptyBlock title={`没有${TITLES[kind]}的诉求`} description="下拉可刷新" />
        ) : (
          items.map((a) => (
            <div key={a.id} style={{ position: 'relative' }}>
              <AppealCard appeal={a} now={now} to={`/appeals/${a.id}`} />
              {kind === 'inbox' && a.allowedActions.includes('accept') ? (
                <div style={{ margin: '-8px 12px 12px', background: '#fff', borderRadius: '0 0 12px 12px', padding: '0 16px 14px' }}>
                  <Button
                    block
                    color="primary"
                    size="large"
                    className="yw-primary"
                    loading={act.isPending && act.variables?.appeal.id === a.id}
                    onClick={() => act.mutate({ appeal: a, action: 'accept' }, { onSuccess: () => void todo.refetch() })}
                    aria-label={`收单：${a.title}`}
                  >
                    {ACTION_NAMES.accept}
                  </Button>
                </div>
              ) : null}
            </div>
          ))
        )}
      </PullToRefresh>
    </Page>
  )
}

/**
 * 工作台: what waits for the caller, grouped by the action they can take (待受理, 待分派, 待审核 …),
 * with counts, colour tags, a live countdown to each deadline; red cards and overdue first; one
 * click opens the action's form.
 */
import { useMemo } from 'react'
import { Badge, Button, Card, Col, Empty, Row, Space, Statistic, Tag, Typography } from 'antd'
import { ReloadOutlined } from '@ant-design/icons'
import { Link, useNavigate } from 'react-router'
import type { Appeal } from '#contracts/appeals'
import { ACTION_NAMES, COLOR_NAMES, type ColorName } from '#contracts/labels'
import { TODO_GROUPS, compareUrgency, currentStep, todoGroupOf } from '../../shared/appeal'
import { COLOR_HEX, deadlineState } from '../../shared/format'
import { useMe } from '../../shared/session'
import { useNow } from '../../shared/use-now'
import { CardTag, ColorTag, DeadlineChip } from '../appeals/tags'
import { PageError, PageLoading } from '../shell/states'
import { usePageTitle } from '../shell/usePageTitle'
import { useTodo } from '../../shared/use-todo'

export { useTodo }

export default function WorkbenchPage() {
  usePageTitle('工作台')
  const me = useMe().data
  const todo = useTodo()
  const now = useNow(15_000)
  const navigate = useNavigate()
  const groups = useMemo(() => {
    const by = new Map<string, Appeal[]>()
    for (const a of todo.data ?? []) {
      const g = todoGroupOf(a)
      if (!g) continue
      by.set(g, [...(by.get(g) ?? []), a])
    }
    for (const list of by.values()) list.sort(compareUrgency(now))
    return TODO_GROUPS.filter((g) => by.has(g.action)).map((g) => ({ ...g, items: by.get(g.action)! }))
  }, [todo.data, now])

  if (todo.isPending) return <PageLoading rows={10} />
  if (todo.isError) return <PageError error={todo.error} onRetry={() => void todo.refetch()} />

  const all = todo.data
  const overdue = all.filter((a) => {
    const s = currentStep(a)
    return s?.dueAt ? deadlineState(s.dueAt, now).level === 'overdue' : false
  }).length
  const soon = all.filter((a) => {
    const s = currentStep(a)
    return s?.dueAt ? deadlineState(s.dueAt, now).level === 'soon' : false
  }).length
  const cards = all.filter((a) => a.card).length
  const byColor = (c: ColorName) => all.filter((a) => a.color === c).length

  return (
    <div className="yw-page">
      <div className="yw-page-title">
        <h1>工作台</h1>
        <Space>
          <span className="yw-muted">
            {me?.displayName} · {me?.roleName}
          </span>
          <Button icon={<ReloadOutlined />} onClick={() => void todo.refetch()} loading={todo.isFetching}>
            刷新
          </Button>
        </Space>
      </div>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card>
            <Statistic title="待我处理" value={all.length} suffix="件" />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="已超期" value={overdue} suffix="件" styles={{ content: { color: overdue ? '#a8071a' : undefined } }} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <Statistic title="即将超期（4 小时内）" value={soon} suffix="件" styles={{ content: { color: soon ? '#ad4e00' : undefined } }} />
          </Card>
        </Col>
        <Col span={6}>
          <Card>
            <div className="yw-muted" style={{ marginBottom: 8 }}>
              分色 · 亮牌 {cards} 件
            </div>
            <Space wrap>
              {(Object.keys(COLOR_NAMES) as ColorName[]).map((c) => (
                <Tag key={c} style={{ color: COLOR_HEX[c].fg, background: COLOR_HEX[c].bg, borderColor: COLOR_HEX[c].border, fontSize: 14, padding: '2px 10px' }}>
                  {COLOR_NAMES[c]} {byColor(c)}
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
      </Row>
      {groups.length === 0 ? (
        <Card>
          <Empty description="暂无待办，辛苦了" />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {groups.map((g) => (
            <Col key={g.action} xs={24} xxl={12}>
              <Card
                title={
                  <Space>
                    <span>{g.title}</span>
                    <Badge count={g.items.length} showZero color="#b7141b" overflowCount={999} />
                  </Space>
                }
                extra={<Link to={`/appeals?${todoLink(g.action)}`}>在列表中查看</Link>}
                styles={{ body: { padding: 0 } }}
              >
                <ul className="yw-todo">
                  {g.items.slice(0, 8).map((a) => (
                    <li key={a.id}>
                      <div className="yw-todo-main">
                        <Space size={6}>
                          <ColorTag color={a.color} />
                          <CardTag card={a.card} />
                          <Link to={`/appeals/${a.id}`} className="yw-todo-title">
                            {a.title}
                          </Link>
                        </Space>
                        <Space size={12} wrap className="yw-muted">
                          <span className="yw-tabular">{a.number}</span>
                          <span>
                            {a.place.communityName}
                            {a.place.gridName}
                          </span>
                          <span>{a.category.name}</span>
                          <DeadlineChip appeal={a} now={now} />
                        </Space>
                      </div>
                      <Button type="primary" size="small" onClick={() => navigate(`/appeals/${a.id}?do=${g.action}`)}>
                        {ACTION_NAMES[g.action]}
                      </Button>
                    </li>
                  ))}
                </ul>
                {g.items.length > 8 ? (
                  <Typography.Paragraph style={{ padding: '8px 20px', margin: 0 }} className="yw-muted">
                    另有 {g.items.length - 8} 件，<Link to={`/appeals?${todoLink(g.action)}`}>查看全部</Link>
                  </Typography.Paragraph>
                ) : null}
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </div>
  )
}

/** The list filter that shows a to-do group (by the states its action starts from). */
function todoLink(action: string): string {
  const states: Record<string, string[]> = {
    accept: ['submitted'],
    dispatch: ['accepted', 'street_review'],
    whistle: ['street_review'],
    reportIn: ['dept_assigned'],
    claim: ['assigned', 'dept_assigned', 'reopened'],
    resolve: ['in_progress', 'reopened'],
    verify: ['resolved'],
    reply: ['verified'],
    rate: ['replied'],
    rateOnBehalf: ['replied'],
  }
  const p = new URLSearchParams()
  for (const s of states[action] ?? []) p.append('status', s)
  return p.toString()
}

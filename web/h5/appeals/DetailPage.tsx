/** An appeal on the phone: where it is (stage bar), the facts, the timeline, and the caller's buttons. */
import { Button, Tag } from 'antd-mobile'
import { useNavigate, useParams } from 'react-router'
import type { Appeal } from '#contracts/appeals'
import type { AppealAction } from '#contracts/workflow'
import { ACTION_NAMES, CLOSE_REASON_NAMES, OVERDUE_NAMES, RATING_NAMES, labelOf } from '#contracts/labels'
import { useAppeal } from '../../shared/use-appeal'
import { currentStep } from '../../shared/appeal'
import { deadlineState, formatTime } from '../../shared/format'
import { useMe } from '../../shared/session'
import { useNow } from '../../shared/use-now'
import { ColorBadge, DeadlineText, Photos, StageBar, StatusTag, Timeline } from '../ui/appeal-bits'
import { LoadError, Loading, Page } from '../shell/Page'
import { ONE_TAP, PHONE_FORMS, useAct } from './useAct'
import { UrgeButton } from './UrgeButton'

export { useAppeal }

export default function AppealDetailPage() {
  const { id } = useParams()
  const q = useAppeal(id)
  return (
    <Page title="诉求详情">
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : <Detail a={q.data} />}
    </Page>
  )
}

function Detail({ a }: { a: Appeal }) {
  const me = useMe().data!
  const now = useNow(30_000)
  const navigate = useNavigate()
  const act = useAct()
  const step = currentStep(a)
  const late = step?.dueAt ? deadlineState(step.dueAt, now).level === 'overdue' : false
  const actions = a.allowedActions.filter((x) => ONE_TAP.has(x) || PHONE_FORMS.has(x))
  const elsewhere = a.allowedActions.filter((x) => !ONE_TAP.has(x) && !PHONE_FORMS.has(x))
  const overdue = (Object.keys(OVERDUE_NAMES) as (keyof typeof OVERDUE_NAMES)[]).filter((k) => a.overdue[k])
  const run = async (x: AppealAction) => {
    if (ONE_TAP.has(x)) act.mutate({ appeal: a, action: x })
    else navigate(`/appeals/${a.id}/do/${x}`)
  }
  return (
    <>
      <section className="yw-section">
        <div className="yw-row">
          <ColorBadge color={a.color} />
          <StatusTag status={a.status} />
          {a.card ? <Tag color={a.card === 'red' ? 'danger' : 'warning'}>{a.card === 'red' ? '红牌' : '黄牌'}</Tag> : null}
          {overdue.map((k) => (
            <Tag key={k} color="danger" fill="outline">
              {OVERDUE_NAMES[k]}
            </Tag>
          ))}
        </div>
        <h2 style={{ margin: '10px 0 4px', fontSize: 'var(--adm-font-size-10)' }}>{a.title}</h2>
        <div className="yw-muted">编号 {a.number}</div>
        <div style={{ marginTop: 8 }}>
          <DeadlineText appeal={a} now={now} />
        </div>
        <div style={{ marginTop: 16, overflowX: 'auto' }}>
          <StageBar appeal={a} />
        </div>
      </section>
      <section className="yw-section">
        <h3 className="yw-title">反映内容</h3>
        <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.description}</p>
        <Photos ids={a.photoIds} />
        <dl style={{ margin: '12px 0 0', display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '6px 12px' }}>
          <dt className="yw-muted">类别</dt>
          <dd style={{ margin: 0 }}>{a.category.name}</dd>
          <dt className="yw-muted">地点</dt>
          <dd style={{ margin: 0 }}>
            {a.place.communityName}
            {a.place.gridName}
            {a.address ? ` · ${a.address}` : ''}
          </dd>
          {a.contact.name || a.contact.phone ? (
            <>
              <dt className="yw-muted">联系人</dt>
              <dd style={{ margin: 0 }}>
                {a.contact.name} {a.contact.phone}
              </dd>
            </>
          ) : null}
          <dt className="yw-muted">提交时间</dt>
          <dd style={{ margin: 0 }}>{formatTime(a.createdAt)}</dd>
        </dl>
      </section>
      {a.result || a.replyMessage || a.rating || a.closeReason ? (
        <section className="yw-section">
          <h3 className="yw-title">办理结果</h3>
          {a.result ? <p style={{ margin: '0 0 8px', whiteSpace: 'pre-wrap' }}>{a.result}</p> : null}
          {a.replyMessage ? (
            <p style={{ margin: '0 0 8px', whiteSpace: 'pre-wrap' }}>
              <strong>社区答复：</strong>
              {a.replyMessage}
            </p>
          ) : null}
          {a.rating ? (
            <p style={{ margin: 0 }}>
              <strong>评价：</strong>
              {labelOf(RATING_NAMES, a.rating)}
              {a.ratingComment ? `（${a.ratingComment}）` : ''}
            </p>
          ) : null}
          {a.closeReason ? <p className="yw-muted" style={{ margin: '8px 0 0' }}>{labelOf(CLOSE_REASON_NAMES, a.closeReason)}</p> : null}
        </section>
      ) : null}
      <section className="yw-section">
        <h3 className="yw-title">办理过程</h3>
        <Timeline events={a.events ?? []} />
      </section>
      {elsewhere.length ? (
        <p className="yw-muted" style={{ margin: '0 16px' }}>
          {elsewhere.map((x) => ACTION_NAMES[x]).join('、')} 请在电脑端工作台办理。
        </p>
      ) : null}
      {actions.length || (me.role === 'resident' && late && a.status !== 'closed') ? (
        <div className="yw-sticky" style={{ flexDirection: 'column' }}>
          {actions.map((x, i) => (
            <Button
              key={x}
              size="large"
              className={i === 0 ? 'yw-primary' : undefined}
              color={i === 0 ? 'primary' : x === 'verifyFail' || x === 'reject' ? 'danger' : 'default'}
              fill={i === 0 ? 'solid' : 'outline'}
              loading={act.isPending && act.variables?.action === x}
              onClick={() => void run(x)}
            >
              {x === 'rate' ? '评价' : ACTION_NAMES[x]}
            </Button>
          ))}
          {me.role === 'resident' && late && a.status !== 'closed' && a.status !== 'replied' ? <UrgeButton appeal={a} /> : null}
        </div>
      ) : null}
    </>
  )
}

/**
 * The appeal's timeline: who (name and role), when, what, the fields they gave, photos — and for each
 * timed step that finished, the time it took against its time limit.
 */
import { Timeline as AntTimeline, Typography } from 'antd'
import type { Appeal, AppealEvent } from '#contracts/appeals'
import {
  ASSIGNEE_TYPE_NAMES,
  EVENT_ROLE_NAMES,
  IMPORTANCE_NAMES,
  RATING_NAMES,
  SUPERVISION_LEVEL_NAMES,
  SUPERVISION_REASON_NAMES,
  TIMELINE_ACTION_NAMES,
  URGENCY_NAMES,
  VIA_NAMES,
  labelOf,
} from '#contracts/labels'
import { durationText, formatTime } from '../../shared/format'
import { Photos } from './Photos'

/** Human lines for the fields an event carries (reason, result, rating …). */
function fieldLines(e: AppealEvent): string[] {
  const f = e.fields as Record<string, unknown>
  const out: string[] = []
  const text = (k: string, label: string) => typeof f[k] === 'string' && f[k] && out.push(`${label}：${f[k] as string}`)
  text('result', '办理结果')
  text('reason', e.action === 'supervise' ? '督办原因' : '原因')
  text('message', '答复')
  text('note', '说明')
  text('explanation', '结案说明')
  text('answer', '回复')
  if (f.rating) out.push(`评价：${labelOf(RATING_NAMES, String(f.rating))}${f.via ? `（${labelOf(VIA_NAMES, String(f.via))}）` : ''}`)
  if (f.assigneeName || f.assigneeType) out.push(`承办：${(f.assigneeName as string) ?? ''}${f.assigneeType ? `（${labelOf(ASSIGNEE_TYPE_NAMES, String(f.assigneeType))}）` : ''}`)
  if (f.importance || f.urgency) out.push(`分色：${labelOf(IMPORTANCE_NAMES, f.importance as string, '')}${labelOf(URGENCY_NAMES, f.urgency as string, '')}`)
  if (f.days) out.push(`申请延期 ${f.days as number} 个工作日`)
  if (e.action === 'supervise' && f.level) out.push(`${labelOf(SUPERVISION_LEVEL_NAMES, String(f.level))} · ${labelOf(SUPERVISION_REASON_NAMES, String(f.reason))}`)
  if (Array.isArray(f.departments)) out.push(`吹哨部门：${(f.departments as string[]).join('、')}（首个为主办）`)
  if (typeof f.reportBy === 'string') out.push(`报到时限：${formatTime(f.reportBy)}`)
  if (e.action === 'reportIn') out.push(f.late ? '超时报到' : '按时报到')
  if (f.duplicateNumber) out.push(`合并到：${f.duplicateNumber as string}`)
  if (f.previousColor) out.push(`原分色：${f.previousColor as string}`)
  return out
}

/** The timed step an event finishes, with the due time it was measured against. */
function finishedStep(e: AppealEvent, a: Appeal, events: AppealEvent[], i: number): { name: string; startedAt: string; dueAt: string | null } | null {
  const before = (names: string[]) => [...events.slice(0, i)].reverse().find((x) => names.includes(x.action))
  // the community's dispatch and the street's review: timed from the event that started them, which carries its due time
  const waitedSince = (status: 'accepted' | 'street_review', field: 'dispatchDueAt' | 'reviewDueAt', name: string) => {
    const s = [...events.slice(0, i)].reverse().find((x) => x.toStatus === status && x.fromStatus !== status)
    return s ? { name, startedAt: s.at, dueAt: typeof s.fields[field] === 'string' ? (s.fields[field] as string) : null } : null
  }
  // (only an event that leaves the state ends the wait: a card or a note on the way does not)
  if (e.fromStatus !== e.toStatus && e.fromStatus === 'accepted') return waitedSince('accepted', 'dispatchDueAt', '分派')
  if (e.fromStatus !== e.toStatus && e.fromStatus === 'street_review') return waitedSince('street_review', 'reviewDueAt', '街道审单')
  switch (e.action) {
    case 'accept':
    case 'resolveOnSpot': {
      const s = events[0]
      return s ? { name: '受理', startedAt: s.at, dueAt: a.deadlines.responseDueAt } : null
    }
    case 'resolve': {
      const s = before(['dispatch', 'whistle', 'verifyFail', 'rate', 'rateOnBehalf'])
      return s ? { name: '办结', startedAt: s.at, dueAt: a.deadlines.resolveDueAt } : null
    }
    case 'verify': {
      const s = before(['resolve'])
      return s ? { name: '核查', startedAt: s.at, dueAt: a.deadlines.verifyDueAt } : null
    }
    case 'reply': {
      const s = before(['verify', 'resolveOnSpot'])
      return s ? { name: '答复', startedAt: s.at, dueAt: a.deadlines.replyDueAt } : null
    }
    default:
      return null
  }
}

export function AppealTimeline({ appeal }: { appeal: Appeal }) {
  const events = appeal.events ?? []
  const system = (e: AppealEvent) => e.actor.role === 'system'
  return (
    <AntTimeline
      items={events.map((e, i) => {
        const step = finishedStep(e, appeal, events, i)
        const late = step?.dueAt ? new Date(e.at) > new Date(step.dueAt) : false
        const photos = (e.fields as { photoIds?: string[] }).photoIds ?? []
        const red = e.action === 'redCard' || e.action === 'supervise'
        return {
          color: red ? 'red' : e.action === 'yellowCard' ? 'orange' : system(e) ? 'gray' : 'blue',
          title: <span className="yw-tabular">{formatTime(e.at)}</span>,
          content: (
            <div>
              <div>
                <strong>{labelOf(TIMELINE_ACTION_NAMES, e.action, e.actionName)}</strong>
                <span className="yw-muted" style={{ marginLeft: 8 }}>
                  {system(e) ? '系统' : `${e.actor.name}（${labelOf(EVENT_ROLE_NAMES, e.actor.role)}）`}
                </span>
              </div>
              {fieldLines(e).map((l) => (
                <Typography.Paragraph key={l} style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                  {l}
                </Typography.Paragraph>
              ))}
              {e.comment ? <Typography.Paragraph style={{ margin: '4px 0 0' }}>备注：{e.comment}</Typography.Paragraph> : null}
              {step ? (
                <div style={{ marginTop: 4, color: late ? '#a8071a' : '#237804' }}>
                  {step.name}用时 {durationText(new Date(e.at).getTime() - new Date(step.startedAt).getTime())}
                  {step.dueAt ? `，时限至 ${formatTime(step.dueAt)}，${late ? '超时' : '按时'}` : ''}
                </div>
              ) : null}
              {photos.length ? (
                <div style={{ marginTop: 8 }}>
                  <Photos ids={photos} size={72} />
                </div>
              ) : null}
            </div>
          ),
        }
      })}
    />
  )
}

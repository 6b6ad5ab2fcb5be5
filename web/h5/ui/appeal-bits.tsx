/** What the phone pages show of an appeal: card, colour, deadline in words, stage bar, timeline, photos. */
import { Image, ImageViewer, Space, Steps, Tag } from 'antd-mobile'
import { Link } from 'react-router'
import { ClockCircleOutline, ExclamationCircleOutline } from 'antd-mobile-icons'
import type { Appeal, AppealEvent } from '#contracts/appeals'
import { EVENT_ROLE_NAMES, RATING_NAMES, STATUS_NAMES, TIMELINE_ACTION_NAMES, VIA_NAMES, labelOf, type ColorName } from '#contracts/labels'
import { currentStep, stagesOf } from '../../shared/appeal'
import { COLOR_HEX, colorName, deadlineState, formatShortTime } from '../../shared/format'

export function ColorBadge({ color }: { color: string }) {
  const c = COLOR_HEX[color as ColorName]
  return (
    <span className="yw-color" style={{ color: c?.fg, background: c?.bg, borderColor: c?.border }} aria-label={`${colorName(color)}色`}>
      {colorName(color)}
    </span>
  )
}

export function StatusTag({ status }: { status: Appeal['status'] }) {
  const tone = status === 'closed' ? 'default' : status === 'replied' ? 'success' : status === 'reopened' ? 'danger' : 'primary'
  return (
    <Tag color={tone} fill="outline" style={{ fontSize: 'var(--adm-font-size-6)', padding: '2px 6px' }}>
      {STATUS_NAMES[status]}
    </Tag>
  )
}

/** "办结还剩 3 小时" / "受理已超期 1 天" in words, coloured, with a sign that is not colour alone. */
export function DeadlineText({ appeal, now }: { appeal: Pick<Appeal, 'status' | 'deadlines'>; now: number }) {
  const step = currentStep(appeal)
  if (!step) return null
  if (!step.dueAt) return <span className="yw-muted">等待{step.name}</span>
  const s = deadlineState(step.dueAt, now)
  const Icon = s.level === 'ok' ? ClockCircleOutline : ExclamationCircleOutline
  return (
    <span className={`yw-deadline-${s.level}`} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
      <Icon aria-hidden />
      {step.name}
      {s.text}
    </span>
  )
}

export function AppealCard({ appeal, now, to }: { appeal: Appeal; now: number; to: string }) {
  return (
    <Link className="yw-card" to={to} aria-label={`${appeal.title}，${STATUS_NAMES[appeal.status]}`}>
      <div className="yw-card-head">
        <Space align="center" style={{ '--gap': '6px' }}>
          <ColorBadge color={appeal.color} />
          <StatusTag status={appeal.status} />
          {appeal.card ? <Tag color={appeal.card === 'red' ? 'danger' : 'warning'}>{appeal.card === 'red' ? '红牌' : '黄牌'}</Tag> : null}
        </Space>
        <span className="yw-muted" style={{ fontSize: 'var(--adm-font-size-4)' }}>
          {formatShortTime(appeal.createdAt)}
        </span>
      </div>
      <h3>{appeal.title}</h3>
      <div className="yw-row yw-muted" style={{ fontSize: 'var(--adm-font-size-6)' }}>
        <span>{appeal.category.name}</span>
        <span>
          {appeal.place.communityName}
          {appeal.place.gridName}
        </span>
      </div>
      <div style={{ marginTop: 6 }}>
        <DeadlineText appeal={appeal} now={now} />
      </div>
    </Link>
  )
}

export function StageBar({ appeal }: { appeal: Appeal }) {
  const s = stagesOf(appeal)
  const cur = Math.min(s.current, s.titles.length - 1)
  return (
    <nav aria-label="办理进度">
    <Steps current={cur} style={{ '--title-font-size': 'var(--adm-font-size-4)', '--icon-size': '18px' } as React.CSSProperties}>
      {s.titles.map((t, i) => (
        <Steps.Step key={t + i} title={t} status={appeal.status === 'closed' || i < cur ? 'finish' : i === cur ? 'process' : 'wait'} />
      ))}
    </Steps>
    </nav>
  )
}

function eventLine(e: AppealEvent): string | null {
  const f = e.fields as Record<string, unknown>
  if (typeof f.result === 'string') return f.result
  if (typeof f.message === 'string') return f.message
  if (typeof f.reason === 'string') return f.reason
  if (f.rating) return `${labelOf(RATING_NAMES, String(f.rating))}${f.via ? `（${labelOf(VIA_NAMES, String(f.via))}）` : ''}`
  if (typeof f.assigneeName === 'string') return `交由 ${f.assigneeName} 办理`
  if (typeof f.note === 'string') return f.note
  return e.comment
}

export function Timeline({ events }: { events: AppealEvent[] }) {
  return (
    <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {[...events].reverse().map((e) => {
        const line = eventLine(e)
        const photos = ((e.fields as { photoIds?: string[] }).photoIds ?? []) as string[]
        return (
          <li key={e.id} style={{ borderLeft: '2px solid #e5e5e5', padding: '0 0 16px 14px', position: 'relative' }}>
            <span aria-hidden style={{ position: 'absolute', left: -7, top: 6, width: 12, height: 12, borderRadius: 6, background: e.actor.role === 'system' ? '#8c8c8c' : '#b7141b' }} />
            <div style={{ fontWeight: 600 }}>{labelOf(TIMELINE_ACTION_NAMES, e.action, e.actionName)}</div>
            <div className="yw-muted" style={{ fontSize: 'var(--adm-font-size-6)' }}>
              {formatShortTime(e.at)} · {e.actor.role === 'system' ? '系统' : `${e.actor.name}（${labelOf(EVENT_ROLE_NAMES, e.actor.role)}）`}
            </div>
            {line ? <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{line}</div> : null}
            {photos.length ? <Photos ids={photos} size={64} /> : null}
          </li>
        )
      })}
    </ol>
  )
}

export function Photos({ ids, size = 80 }: { ids: readonly string[]; size?: number }) {
  if (!ids.length) return null
  const urls = ids.map((id) => `/api/v1/files/${id}`)
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginTop: 8 }}>
      {urls.map((u, i) => (
        <button
          key={u}
          type="button"
          onClick={() => ImageViewer.Multi.show({ images: urls, defaultIndex: i })}
          style={{ padding: 0, border: 0, background: 'none', minWidth: 44, minHeight: 44 }}
          aria-label={`查看照片 ${i + 1}`}
        >
          <Image src={u} width={size} height={size} fit="cover" style={{ borderRadius: 6 }} alt="" />
        </button>
      ))}
    </div>
  )
}

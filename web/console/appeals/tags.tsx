/** Small visual pieces of an appeal: colour, status, card, rating, and the deadline chip. */
import { Tag, Tooltip } from 'antd'
import { ClockCircleOutlined, ExclamationCircleOutlined, WarningOutlined } from '@ant-design/icons'
import type { Appeal } from '#contracts/appeals'
import { CARD_NAMES, RATING_NAMES, STATUS_NAMES, labelOf } from '#contracts/labels'
import { currentStep } from '../../shared/appeal'
import { COLOR_HEX, DEADLINE_HEX, colorLongName, colorName, deadlineState, formatTime } from '../../shared/format'
import type { ColorName } from '#contracts/labels'

export function ColorTag({ color, long }: { color: string; long?: boolean }) {
  const c = COLOR_HEX[color as ColorName]
  if (!c) return <Tag>{color}</Tag>
  return (
    <Tag style={{ color: c.fg, background: c.bg, borderColor: c.border, marginInlineEnd: 0 }} aria-label={`分色：${colorLongName(color)}`}>
      {long ? colorLongName(color) : colorName(color)}
    </Tag>
  )
}

const STATUS_COLOR: Partial<Record<Appeal['status'], string>> = {
  submitted: 'volcano',
  accepted: 'orange',
  street_review: 'purple',
  dept_assigned: 'purple',
  assigned: 'gold',
  in_progress: 'blue',
  reopened: 'magenta',
  resolved: 'cyan',
  verified: 'geekblue',
  replied: 'lime',
  closed: 'default',
}

export function StatusTag({ status }: { status: Appeal['status'] }) {
  return (
    <Tag color={STATUS_COLOR[status]} style={{ marginInlineEnd: 0 }}>
      {STATUS_NAMES[status]}
    </Tag>
  )
}

export function CardTag({ card }: { card: string | null }) {
  if (!card) return null
  const red = card === 'red'
  return (
    <Tag icon={<ExclamationCircleOutlined />} style={{ color: red ? '#fff' : '#3d2e00', background: red ? '#a8071a' : '#fadb14', borderColor: red ? '#a8071a' : '#d4b106', marginInlineEnd: 0 }}>
      {labelOf(CARD_NAMES, card)}
    </Tag>
  )
}

export function RatingText({ rating }: { rating: string | null }) {
  if (!rating) return <span className="yw-muted">—</span>
  return <span style={{ color: rating === 'unsatisfied' ? '#a8071a' : undefined }}>{labelOf(RATING_NAMES, rating)}</span>
}

/** "还剩 3 小时" / "已超期 1 天" with an icon and colour, and the exact due time on hover. */
export function DeadlineChip({ appeal, now }: { appeal: Pick<Appeal, 'status' | 'deadlines'>; now: number }) {
  const step = currentStep(appeal)
  if (!step?.dueAt) return <span className="yw-muted">{step ? `等待${step.name}` : '—'}</span>
  const s = deadlineState(step.dueAt, now)
  const Icon = s.level === 'overdue' ? ExclamationCircleOutlined : s.level === 'soon' ? WarningOutlined : ClockCircleOutlined
  return (
    <Tooltip title={`${step.name}时限：${formatTime(step.dueAt)}`}>
      <span style={{ color: DEADLINE_HEX[s.level], whiteSpace: 'nowrap', fontWeight: s.level === 'ok' ? 400 : 600 }} className="yw-tabular">
        <Icon aria-hidden /> {step.name}
        {s.text}
      </span>
    </Tooltip>
  )
}

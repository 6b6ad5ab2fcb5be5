/** The timeline of a 双报到 record (workflow_event): who, as what, when, what they did and why. */
import { Timeline, Typography } from 'antd'
import type { TimelineEvent } from '#contracts/common'
import { formatTime } from '../../shared/format'

function lines(e: TimelineEvent): string[] {
  const f = e.fields as Record<string, unknown>
  const out: string[] = []
  if (typeof f.reason === 'string') out.push(`原因：${f.reason}`)
  if (typeof f.note === 'string') out.push(`说明：${f.note}`)
  if (typeof f.toCommunityCode === 'string') out.push(`转入社区：${f.toCommunityCode}`)
  if (typeof f.transferredFrom === 'string') out.push('由其他社区转入')
  if (typeof f.termStart === 'string' && typeof f.termEnd === 'string') out.push(`协议期限：${f.termStart} 至 ${f.termEnd}`)
  return out
}

export function EventTimeline({ events }: { events: TimelineEvent[] }) {
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.id,
        content: (
          <div>
            <Typography.Text strong>{e.actionName}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {e.actor.name}（{e.actor.roleName}） · {formatTime(e.at)}
            </Typography.Text>
            {lines(e).map((l) => (
              <div key={l}>{l}</div>
            ))}
          </div>
        ),
      }))}
    />
  )
}

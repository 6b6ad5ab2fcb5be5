/** A record's timeline: who did what, when, with what they wrote. */
import { Timeline, Typography } from 'antd'
import type { TimelineEvent } from '#contracts/common'
import { formatTime } from '../../shared/format'
import { Photos } from '../appeals/Photos'

const TEXT_FIELDS: [string, string][] = [
  ['reason', '原因'],
  ['note', '说明'],
  ['summary', '完成情况'],
  ['owner', '负责人'],
  ['deadline', '完成期限'],
  ['message', '留言'],
  ['claimantName', '认领单位'],
]

export function TimelineList({ events }: { events: readonly TimelineEvent[] }) {
  return (
    <Timeline
      items={events.map((e) => {
        const f = e.fields as Record<string, unknown>
        const lines = TEXT_FIELDS.filter(([k]) => typeof f[k] === 'string' && f[k]).map(([k, label]) => `${label}：${f[k] as string}`)
        if (typeof f.rating === 'number') lines.push(`评价：${'★'.repeat(f.rating)}${f.onBehalf ? '（社区代为答谢）' : ''}`)
        return {
          key: e.id,
          content: (
            <div>
              <Typography.Text strong>{e.actionName}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                {e.actor.name}（{e.actor.roleName}） · {formatTime(e.at)}
              </Typography.Text>
              {lines.map((l) => (
                <div key={l}>{l}</div>
              ))}
              {Array.isArray(f.photoIds) ? <Photos ids={f.photoIds as string[]} size={64} /> : null}
            </div>
          ),
        }
      })}
    />
  )
}

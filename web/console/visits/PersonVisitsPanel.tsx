/** 走访记录 on a person's card: the visits of the person (visited, seen, or their household visited), newest first. */
import { Empty, Space, Spin, Timeline } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import type { Visit, VisitPage } from '#contracts/visits'
import { get } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { Pill } from '../shell/Pill'
import { PageError } from '../shell/states'

const TONE = { normal: 'green', problem: 'red', absent: 'gray' } as const

export function PersonVisitsPanel({ residentId }: { residentId: string }) {
  const q = useQuery({ queryKey: ['visits', 'person', residentId], queryFn: ({ signal }) => get<VisitPage>('/visits', { residentId, limit: 20 }, signal) })
  if (q.isPending) return <Spin />
  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />
  if (!q.data.items.length) return <Empty description="暂无走访记录" />
  return (
    <Timeline
      items={q.data.items.map((v: Visit) => ({
        key: v.id,
        content: (
          <div>
            <Space wrap size={8}>
              <strong>{formatTime(v.visitedAt)}</strong>
              <Pill tone={TONE[v.outcome]}>{v.outcomeName}</Pill>
              <span>{v.methodName}</span>
              {v.subjectKindName ? <span>· {v.subjectKindName}</span> : null}
              <span>· {v.visitorName}</span>
            </Space>
            {v.notes ? <div style={{ marginTop: 4 }}>{v.notes}</div> : null}
            {v.seen.length ? <div style={{ color: '#595959' }}>见到：{v.seen.map((s) => s.name).join('、')}</div> : null}
            {v.appeal ? (
              <div>
                转为诉求 <Link to={`/appeals/${v.appeal.id}`}>{v.appeal.number}</Link>
              </div>
            ) : null}
            {v.campaign ? <div style={{ color: '#595959' }}>敲门行动：{v.campaign.name}</div> : null}
            {v.registerChanges.map((c) => (
              <div key={c.kind} style={{ color: '#595959' }}>
                台账变更：{c.summary}
              </div>
            ))}
          </div>
        ),
      }))}
    />
  )
}

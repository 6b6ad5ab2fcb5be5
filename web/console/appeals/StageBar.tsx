import { Steps } from 'antd'
import type { Appeal } from '#contracts/appeals'
import { stagesOf } from '../../shared/appeal'

/** 点单 … 评单, drawn for this appeal (escalation and whistle rename the dispatch stage). */
export function StageBar({ appeal }: { appeal: Appeal }) {
  const s = stagesOf(appeal)
  const closedEarly = appeal.status === 'closed' && (appeal.closeReason === 'rejected' || appeal.closeReason === 'merged')
  return (
    <nav aria-label="办理进度">
      <Steps
        size="small"
        current={Math.min(s.current, s.titles.length - 1)}
        status={closedEarly ? 'error' : appeal.status === 'closed' ? 'finish' : 'process'}
        items={s.titles.map((title, i) => ({
          title,
          content: closedEarly && i === Math.min(s.current, s.titles.length - 1) ? (appeal.closeReason === 'merged' ? '已合并' : '不予受理') : undefined,
        }))}
      />
    </nav>
  )
}

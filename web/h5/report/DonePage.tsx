/** After reporting: the number, when the grid will take it, and what happens next. */
import { Button, Result, Steps } from 'antd-mobile'
import { useQuery } from '@tanstack/react-query'
import { useNavigate, useParams } from 'react-router'
import type { Appeal } from '#contracts/appeals'
import { get } from '../../shared/api'
import { formatTime } from '../../shared/format'
import { LoadError, Loading, Page } from '../shell/Page'

export default function DonePage() {
  const { id } = useParams()
  const navigate = useNavigate()
  const q = useQuery({ queryKey: ['appeals', 'detail', id], queryFn: () => get<Appeal>(`/appeals/${id}`) })
  return (
    <Page title="提交成功" back={false}>
      {q.isPending ? <Loading /> : q.isError ? <LoadError error={q.error} onRetry={() => void q.refetch()} /> : <Done a={q.data} />}
      <div className="yw-sticky" style={{ flexDirection: 'column' }}>
        <Button color="primary" size="large" className="yw-primary" onClick={() => navigate(`/appeals/${id}`, { replace: true })}>
          查看办理进度
        </Button>
        <Button size="large" onClick={() => navigate('/', { replace: true })}>
          回到首页
        </Button>
      </div>
    </Page>
  )
}

function Done({ a }: { a: Appeal }) {
  return (
    <>
      <Result status="success" title="已收到您的反映" description={`编号 ${a.number}`} />
      <div className="yw-section">
        <p style={{ marginTop: 0 }}>
          <strong>{a.place.communityName}{a.place.gridName}</strong>的网格员将在
          <strong> {formatTime(a.deadlines.responseDueAt)} </strong>前受理。
        </p>
        <h2 className="yw-title">接下来</h2>
        <Steps direction="vertical" current={0}>
          <Steps.Step title="网格员受理" description="网格员收单，能当场解决的当场解决" />
          <Steps.Step title="社区派单办理" description="交给物业、网格员、党员或有关部门办理" />
          <Steps.Step title="网格员核查" description="办完后网格员到现场核查" />
          <Steps.Step title="答复您并请您评价" description="您可以评价满意或不满意，不满意会重新办理" />
        </Steps>
        <p className="yw-muted">每一步都有时限，超时会亮牌督办。您可以随时在“我的诉求”里查看进度。</p>
      </div>
    </>
  )
}

/** Loading, empty and error states every page uses (never a blank area). */
import { Button, Empty, Result, Skeleton } from 'antd'
import { errorText } from '../../shared/api'

export function PageLoading({ rows = 6 }: { rows?: number }) {
  return <Skeleton active paragraph={{ rows }} style={{ padding: 24 }} />
}

export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const status = (error as { status?: number })?.status
  return (
    <Result
      status={status === 404 ? '404' : status === 403 ? '403' : 'error'}
      title={status === 404 ? '找不到该记录' : status === 403 ? '无权查看' : '加载失败'}
      subTitle={errorText(error)}
      extra={onRetry ? <Button onClick={onRetry}>重试</Button> : undefined}
    />
  )
}

export function EmptyState({ text }: { text: string }) {
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />
}

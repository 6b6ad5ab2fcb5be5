import { Button, Result } from 'antd'

/** A page that failed to load (a new deployment replaced its chunk, or a bug): say so, offer a reload. */
export function LoadFailed({ onReload }: { onReload: () => void }) {
  return (
    <Result
      status="warning"
      title="页面加载失败"
      subTitle="可能是系统刚刚更新或网络不稳定，请刷新页面后重试。"
      extra={
        <Button type="primary" onClick={onReload}>
          刷新页面
        </Button>
      }
    />
  )
}

import { Button, ErrorBlock } from 'antd-mobile'

export function RouteError() {
  return (
    <ErrorBlock status="default" title="页面加载失败" description="可能是系统刚刚更新或网络不稳定，请重新加载。" fullPage>
      <Button color="primary" onClick={() => location.reload()}>
        重新加载
      </Button>
    </ErrorBlock>
  )
}

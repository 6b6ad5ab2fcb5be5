import { Button, Result } from 'antd'
import { isRouteErrorResponse, useRouteError } from 'react-router'

/** A page that failed to load (a new deployment replaced its chunk, or a bug): say so, offer a reload. */
export function RouteError() {
  const error = useRouteError()
  const notFound = isRouteErrorResponse(error) && error.status === 404
  return (
    <Result
      status={notFound ? '404' : 'warning'}
      title={notFound ? '页面不存在' : '页面加载失败'}
      subTitle={notFound ? '请检查地址是否正确。' : '可能是系统刚刚更新，请刷新页面后重试。'}
      extra={
        <Button type="primary" onClick={() => location.reload()}>
          刷新页面
        </Button>
      }
    />
  )
}

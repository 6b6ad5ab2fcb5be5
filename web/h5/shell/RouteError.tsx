import { Button } from 'antd-mobile'

/** A page that failed to load (a new deployment replaced its chunk, or the network dropped). */
export function LoadFailed({ onReload }: { onReload: () => void }) {
  return (
    <div className="yw-block" role="alert" style={{ paddingTop: '30vh' }}>
      <h2>页面加载失败</h2>
      <p>可能是系统刚刚更新或网络不稳定，请重新加载。</p>
      <Button color="primary" onClick={onReload}>
        重新加载
      </Button>
    </div>
  )
}

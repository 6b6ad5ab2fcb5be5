/** A phone page: a title bar with a way back, the page title in the tab, loading/error/empty states. */
import { useEffect, type ReactNode } from 'react'
import { Button, DotLoading } from 'antd-mobile'
import { ExclamationCircleOutline, FileOutline, LeftOutline } from 'antd-mobile-icons'
import { useNavigate } from 'react-router'
import { errorText } from '../../shared/api'

export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · 一网`
  }, [title])
}

export function Page({ title, back = true, right, children, onBack }: { title: string; back?: boolean; right?: ReactNode; children: ReactNode; onBack?: () => void }) {
  usePageTitle(title)
  const navigate = useNavigate()
  return (
    <div className="yw-page">
      <a className="yw-skip" href="#main">
        跳到正文
      </a>
      <header className="yw-bar">
        <div className="yw-bar-side">
          {back ? (
            <button type="button" className="yw-back" onClick={onBack ?? (() => (history.length > 1 ? navigate(-1) : navigate('/')))}>
              <LeftOutline aria-hidden /> 返回
            </button>
          ) : null}
        </div>
        <h1>{title}</h1>
        <div className="yw-bar-side" style={{ justifyContent: 'flex-end' }}>
          {right}
        </div>
      </header>
      <main id="main">{children}</main>
    </div>
  )
}

export function Loading({ text = '加载中' }: { text?: string }) {
  return (
    <div style={{ padding: 48, textAlign: 'center', color: 'var(--adm-color-text-secondary)' }} role="status">
      {text}
      <DotLoading />
    </div>
  )
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const offline = typeof navigator !== 'undefined' && !navigator.onLine
  const status = (error as { status?: number })?.status
  return (
    <div className="yw-block" role="alert">
      {offline ? <WifiOutlineIcon /> : <ExclamationCircleOutline aria-hidden fontSize={48} />}
      <h2>{offline ? '网络已断开' : status === 404 ? '找不到该记录' : '加载失败'}</h2>
      <p>{offline ? '请检查网络连接后重试' : errorText(error)}</p>
      {onRetry ? (
        <Button color="primary" onClick={onRetry} style={{ minWidth: 160 }}>
          重试
        </Button>
      ) : null}
    </div>
  )
}

function WifiOutlineIcon() {
  return <ExclamationCircleOutline aria-hidden fontSize={48} />
}

export function EmptyBlock({ title, description }: { title: string; description?: string }) {
  return (
    <div className="yw-block">
      <FileOutline aria-hidden fontSize={48} />
      <h2>{title}</h2>
      {description ? <p>{description}</p> : null}
    </div>
  )
}

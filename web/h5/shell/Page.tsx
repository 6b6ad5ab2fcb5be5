/** A phone page: a title bar with a way back, the page title in the tab, loading/error/empty states. */
import { useEffect, type ReactNode } from 'react'
import { Button, DotLoading, ErrorBlock } from 'antd-mobile'
import { LeftOutline } from 'antd-mobile-icons'
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
    <ErrorBlock
      status={offline ? 'disconnected' : status === 404 ? 'empty' : 'default'}
      title={offline ? '网络已断开' : status === 404 ? '找不到该记录' : '加载失败'}
      description={offline ? '请检查网络连接后重试' : errorText(error)}
      fullPage={false}
      style={{ padding: '32px 16px' }}
    >
      {onRetry ? (
        <Button color="primary" onClick={onRetry} style={{ minWidth: 160 }}>
          重试
        </Button>
      ) : null}
    </ErrorBlock>
  )
}

export function EmptyBlock({ title, description }: { title: string; description?: string }) {
  return <ErrorBlock status="empty" title={title} description={description ?? ''} fullPage={false} style={{ padding: '32px 16px' }} />
}

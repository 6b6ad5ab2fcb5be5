/** Lets code outside React (the query client's failure path) show antd messages through App context. */
import { App } from 'antd'
import { useEffect } from 'react'

type Show = (text: string, kind: 'error' | 'warning' | 'success') => void
let current: Show = (text) => console.warn(text)

export const notifier = { show: (text: string, kind: 'error' | 'warning' | 'success') => current(text, kind) }

/** Mounted once inside <AntApp>. */
export function NotifierBridge() {
  const { message } = App.useApp()
  useEffect(() => {
    current = (text, kind) => void message.open({ type: kind, content: text, duration: kind === 'error' ? 5 : 3 })
  }, [message])
  return null
}

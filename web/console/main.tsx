/** Console entry: antd in Chinese, the shared data cache with its one failure path, the router. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { QueryClientProvider } from '@tanstack/react-query'
import { makeQueryClient } from '../shared/query'
import { navigateTo } from '../shared/routing'
import { loginUrl, ME_KEY, meQuery } from '../shared/session'
import { App } from './router'
import { notifier } from './shell/notifier'
import { theme } from './shell/theme'
import './console.css'

dayjs.locale('zh-cn')

const queryClient = makeQueryClient({
  notify: (text, kind) => notifier.show(text, kind),
  onUnauthenticated: (message) => {
    if (location.pathname === '/login') return
    queryClient.clear()
    navigateTo(loginUrl('/login', message))
  },
  onPasswordExpired: () => navigateTo('/password?expired=1'),
  onMfaEnrolmentRequired: () => navigateTo('/mfa?required=1'),
})

// who is signed in is asked at once, in parallel with loading the first page's code
if (!['/login', '/public'].includes(location.pathname)) void queryClient.prefetchQuery({ queryKey: ME_KEY, queryFn: meQuery })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
)

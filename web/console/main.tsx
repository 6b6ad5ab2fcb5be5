/** Console entry: antd in Chinese, the shared data cache with its one failure path, the router. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from 'react-router'
import { makeQueryClient } from '../shared/query'
import { loginUrl } from '../shared/session'
import { router } from './router'
import { notifier } from './shell/notifier'
import { theme } from './shell/theme'
import './console.css'

dayjs.locale('zh-cn')

const queryClient = makeQueryClient({
  notify: (text, kind) => notifier.show(text, kind),
  onUnauthenticated: (message) => {
    if (location.pathname === '/login') return
    queryClient.clear()
    void router.navigate(loginUrl('/login', message), { replace: true })
  },
  onPasswordExpired: () => void router.navigate('/password?expired=1', { replace: true }),
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
)

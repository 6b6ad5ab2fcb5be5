/** Phone pages entry: antd-mobile on React 19, the shared data cache with its one failure path, the router. */
import { StrictMode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { unstableSetRender } from 'antd-mobile'
import { QueryClientProvider } from '@tanstack/react-query'
import { makeQueryClient } from '../shared/query'
import { navigateTo } from '../shared/routing'
import { loginUrl, ME_KEY, meQuery } from '../shared/session'
import { App } from './router'
import { applyElderMode } from './shell/elder'
import { toast } from './ui/toast'
import './h5.css'

// antd-mobile 5 renders Toast and Dialog with ReactDOM.render, which React 19 removed.
unstableSetRender((node, container) => {
  const c = container as Element & { _ywRoot?: Root }
  c._ywRoot ??= createRoot(c)
  c._ywRoot.render(node)
  return async () => {
    await new Promise((r) => setTimeout(r, 0))
    c._ywRoot?.unmount()
    delete c._ywRoot
  }
})

applyElderMode()

const queryClient = makeQueryClient({
  notify: (text, kind) => toast(text, kind === 'error' ? 'fail' : 'info', kind === 'error' ? 3000 : 2000),
  onUnauthenticated: (message) => {
    if (location.pathname.startsWith('/h5/login')) return
    queryClient.clear()
    navigateTo(loginUrl('/login', message, '/h5'), '/h5')
  },
  onPasswordExpired: () => {
    location.href = '/password?expired=1'
  },
  // enrolment (QR code, recovery codes) is a console page
  onMfaEnrolmentRequired: () => {
    location.href = '/mfa?required=1'
  },
})

// who is signed in is asked at once, in parallel with loading the first page's code
if (!/^\/h5\/(login|signup|qr\/|wish-wall)/.test(location.pathname)) void queryClient.prefetchQuery({ queryKey: ME_KEY, queryFn: meQuery })

// who is signed in is asked at once, in parallel with loading the first page's code
if (!/^\/h5\/(login|signup|qr\/|wish-wall)/.test(location.pathname)) void queryClient.prefetchQuery({ queryKey: ME_KEY, queryFn: meQuery })

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)

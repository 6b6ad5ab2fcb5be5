/** Phone pages entry: antd-mobile on React 19, the shared data cache with its one failure path, the router. */
import { StrictMode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { Toast, unstableSetRender } from 'antd-mobile'
import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from 'react-router'
import { makeQueryClient } from '../shared/query'
import { loginUrl } from '../shared/session'
import { router } from './router'
import { applyElderMode } from './shell/elder'
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
  notify: (text, kind) => Toast.show({ content: text, icon: kind === 'error' ? 'fail' : undefined, duration: kind === 'error' ? 3000 : 2000 }),
  onUnauthenticated: (message) => {
    if (location.pathname.startsWith('/h5/login')) return
    queryClient.clear()
    void router.navigate(loginUrl('/login', message, '/h5'), { replace: true })
  },
  onPasswordExpired: () => {
    location.href = '/password?expired=1'
  },
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
)

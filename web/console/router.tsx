import { Suspense } from 'react'
import { Spin } from 'antd'
import { BrowserRouter, Route, Routes } from 'react-router'
import { NavigateBridge, PageBoundary, pageOf, type PageRoute } from '../shared/routing'
import { DOMAINS } from './domains'
import { Frame } from './shell/Frame'
import { HomeRedirect } from './shell/HomeRedirect'
import { NotFound } from './shell/NotFound'
import { LoadFailed } from './shell/RouteError'

function Page({ route }: { route: PageRoute }) {
  const C = pageOf(route.load)
  return <C />
}

export function App() {
  return (
    <BrowserRouter>
      <NavigateBridge />
      <PageBoundary fallback={(reload) => <LoadFailed onReload={reload} />}>
        <Suspense fallback={<Spin fullscreen />}>
          <Routes>
            {DOMAINS.flatMap((d) => d.publicRoutes ?? []).map((r) => (
              <Route key={r.path} path={r.path} element={<Page route={r} />} />
            ))}
            <Route path="/" element={<Frame />}>
              <Route index element={<HomeRedirect />} />
              {DOMAINS.flatMap((d) => d.routes ?? []).map((r) => (
                <Route key={r.path} path={r.path} element={<Page route={r} />} />
              ))}
              <Route path="*" element={<NotFound />} />
            </Route>
          </Routes>
        </Suspense>
      </PageBoundary>
    </BrowserRouter>
  )
}

import { Suspense } from 'react'
import { BrowserRouter, Route, Routes, useLocation } from 'react-router'
import { NavigateBridge, PageBoundary, pageOf, type PageRoute } from '../shared/routing'
import { DOMAINS } from './domains'
import { HomePage } from './shell/HomePage'
import { Loading } from './shell/Page'
import { RequireSession } from './shell/RequireSession'
import { LoadFailed } from './shell/RouteError'
import { NotFoundPage } from './shell/NotFoundPage'

function Page({ route }: { route: PageRoute }) {
  const C = pageOf(route.load)
  return <C />
}

/** Pages are their own chunks; a page that fails is forgotten when the person goes elsewhere. */
function Pages() {
  const { pathname } = useLocation()
  return (
    <PageBoundary key={pathname} fallback={(reload) => <LoadFailed onReload={reload} />}>
      <Suspense fallback={<Loading />}>
        <Routes>
          {DOMAINS.flatMap((d) => d.publicRoutes ?? []).map((r) => (
            <Route key={r.path} path={r.path} element={<Page route={r} />} />
          ))}
          <Route element={<RequireSession />}>
            <Route path="/" element={<HomePage />} />
            {DOMAINS.flatMap((d) => d.routes ?? []).map((r) => (
              <Route key={r.path} path={r.path} element={<Page route={r} />} />
            ))}
          </Route>
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </PageBoundary>
  )
}

export function App() {
  return (
    <BrowserRouter basename="/h5">
      <NavigateBridge />
      <Pages />
    </BrowserRouter>
  )
}

import { createBrowserRouter } from 'react-router'
import { DOMAINS } from './domains'
import { HomePage } from './shell/HomePage'
import { Loading } from './shell/Page'
import { RequireSession } from './shell/RequireSession'
import { RouteError } from './shell/RouteError'
import { NotFoundPage } from './shell/NotFoundPage'

export const router = createBrowserRouter(
  [
    ...DOMAINS.flatMap((d) => d.publicRoutes ?? []).map((r) => ({ ...r, errorElement: <RouteError />, hydrateFallbackElement: <Loading /> })),
    {
      element: <RequireSession />,
      errorElement: <RouteError />,
      hydrateFallbackElement: <Loading />,
      children: [{ path: '/', element: <HomePage /> }, ...DOMAINS.flatMap((d) => d.routes ?? []).map((r) => ({ ...r, errorElement: <RouteError /> }))],
    },
    { path: '*', element: <NotFoundPage /> },
  ],
  { basename: '/h5' },
)

import { Spin } from 'antd'
import { createBrowserRouter } from 'react-router'
import { DOMAINS } from './domains'
import { Frame } from './shell/Frame'
import { HomeRedirect } from './shell/HomeRedirect'
import { NotFound } from './shell/NotFound'
import { RouteError } from './shell/RouteError'

export const router = createBrowserRouter([
  ...DOMAINS.flatMap((d) => d.publicRoutes ?? []).map((r) => ({ ...r, errorElement: <RouteError />, hydrateFallbackElement: <Spin fullscreen /> })),
  {
    path: '/',
    element: <Frame />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <Spin fullscreen />,
    children: [
      { index: true, element: <HomeRedirect /> },
      ...DOMAINS.flatMap((d) => d.routes ?? []).map((r) => ({ ...r, errorElement: <RouteError /> })),
      { path: '*', element: <NotFound /> },
    ],
  },
])

import { useLocation } from 'react-router'
import { PageBoundary } from '../../shared/routing'
import { LoadFailed } from './RouteError'

/** A failed page is forgotten when the person goes elsewhere. */
export function Boundary({ children }: { children: React.ReactNode }) {
  const { pathname } = useLocation()
  return (
    <PageBoundary key={pathname} fallback={(reload) => <LoadFailed onReload={reload} />}>
      {children}
    </PageBoundary>
  )
}


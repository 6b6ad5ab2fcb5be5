import { Navigate, Outlet } from 'react-router'
import { mustEnrolMfa, useMe } from '../../shared/session'
import { LoadError, Loading } from './Page'

/** Pages for signed-in people: wait for /me; a 401 goes to login through the query client. */
export function RequireSession() {
  const me = useMe()
  if (me.isPending) return <Loading />
  if (me.isError) return (me.error as { status?: number }).status === 401 ? <Loading text="正在转到登录" /> : <LoadError error={me.error} onRetry={() => void me.refetch()} />
  if (me.data.mustChangePassword) {
    location.href = '/password?expired=1'
    return null
  }
  if (mustEnrolMfa(me.data)) {
    // 两步验证 is enrolled on the console page (QR code, recovery codes to keep)
    location.href = '/mfa?required=1'
    return null
  }
  return <Outlet />
}

export function RedirectHome() {
  return <Navigate to="/" replace />
}

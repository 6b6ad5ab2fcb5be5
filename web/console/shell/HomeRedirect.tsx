import { Navigate } from 'react-router'
import { useMe } from '../../shared/session'

/** Where "/" leads: the workbench for staff, the administrator's own page for 三员. */
export function HomeRedirect() {
  const me = useMe().data
  if (!me) return null
  switch (me.role) {
    case 'securityAdmin':
      return <Navigate to="/admin/users" replace />
    case 'auditAdmin':
      return <Navigate to="/admin/audit" replace />
    case 'systemAdmin':
      return <Navigate to="/admin/calendar" replace />
    case 'unit':
      return <Navigate to="/party/my-members" replace />
    // 综治中心 and 司法所 work the special groups (and, later, visits): no appeal workbench
    case 'publicSafety':
    case 'judicialOffice':
      return <Navigate to="/special-groups" replace />
    default:
      return <Navigate to="/workbench" replace />
  }
}

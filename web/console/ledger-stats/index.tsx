import { ClusterOutlined, TableOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

export const ledgerStatsDomain: ConsoleDomain = {
  key: 'ledger-stats',
  menu: [
    {
      label: '台账统计',
      icon: <TableOutlined />,
      order: 70,
      group: '基层台账',
      path: '/ledger-stats',
      roles: ['county', 'street', 'publicSafety', 'judicialOffice', 'community', 'gridHead', 'gridWorker'],
    },
    { label: '十联户', icon: <ClusterOutlined />, order: 71, group: '基层台账', path: '/household-groups', roles: ['county', 'street', 'community', 'gridHead', 'gridWorker'] },
  ],
  routes: [
    { path: 'ledger-stats', load: () => import('./LedgerStatsPage') },
    { path: 'household-groups', load: () => import('./HouseholdGroupsPage') },
    { path: 'household-groups/print/:buildingId', load: () => import('./GroupPrintPage') },
  ],
}

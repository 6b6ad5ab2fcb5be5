import { CalendarOutlined, FlagOutlined, PieChartOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

const VISIT_ROLES = ['county', 'street', 'community', 'gridHead', 'gridWorker', 'publicSafety', 'judicialOffice'] as const

export const visitsDomain: ConsoleDomain = {
  key: 'visits',
  menu: [
    { label: '走访计划', icon: <CalendarOutlined />, order: 66, group: '基层台账', path: '/visits', roles: VISIT_ROLES },
    { label: '敲门行动', icon: <FlagOutlined />, order: 67, group: '基层台账', path: '/visits/campaigns', roles: VISIT_ROLES },
    { label: '走访覆盖', icon: <PieChartOutlined />, order: 68, group: '基层台账', path: '/visits/coverage', roles: VISIT_ROLES },
  ],
  routes: [
    { path: 'visits', load: () => import('./PlanPage') },
    { path: 'visits/campaigns', load: () => import('./CampaignsPage') },
    { path: 'visits/campaigns/:id', load: () => import('./CampaignPage') },
    { path: 'visits/coverage', load: () => import('./CoveragePage') },
  ],
}

import { BarChartOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

export const statsDomain: ConsoleDomain = {
  key: 'stats',
  menu: [{ label: '统计分析', icon: <BarChartOutlined />, order: 40, path: '/stats', roles: ['county', 'street', 'community', 'gridHead', 'gridWorker', 'department'] }],
  routes: [{ path: 'stats', load: () => import('./StatsPage') }],
}

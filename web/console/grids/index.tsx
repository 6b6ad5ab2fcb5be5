import { AppstoreOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

export const gridsDomain: ConsoleDomain = {
  key: 'grids',
  menu: [{ label: '网格', icon: <AppstoreOutlined />, order: 30, path: '/grids', roles: ['county', 'street', 'community', 'gridHead', 'gridWorker'] }],
  routes: [
    { path: 'grids', load: () => import('./GridsPage') },
    { path: 'grids/:code', load: () => import('./GridsPage') },
    { path: 'grids/:code/poster', load: () => import('./PosterPage') },
  ],
}

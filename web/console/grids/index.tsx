import { AppstoreOutlined } from '@ant-design/icons'
import { page, type ConsoleDomain } from '../shell/domain'

export const gridsDomain: ConsoleDomain = {
  key: 'grids',
  menu: [{ label: '网格', icon: <AppstoreOutlined />, order: 30, path: '/grids', roles: ['county', 'street', 'community', 'gridHead', 'gridWorker'] }],
  routes: [
    { path: 'grids', lazy: page(() => import('./GridsPage')) },
    { path: 'grids/:code', lazy: page(() => import('./GridsPage')) },
    { path: 'grids/:code/poster', lazy: page(() => import('./PosterPage')) },
  ],
}

import { TrophyOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

export const publicDomain: ConsoleDomain = {
  key: 'public',
  menu: [{ label: '公开晒单', icon: <TrophyOutlined />, order: 70, path: '/public' }],
  publicRoutes: [{ path: '/public', load: () => import('./PublicBoardPage') }],
}

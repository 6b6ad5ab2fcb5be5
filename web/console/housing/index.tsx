import { HomeOutlined, KeyOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

const STAFF = ['county', 'street', 'community', 'gridHead', 'gridWorker'] as const

/** 实有房屋 / 出租房屋 (基层台账): buildings → a building's rooms, rental housing, and their imports (reached from
 * the 导入 buttons of the two register pages). */
export const housingDomain: ConsoleDomain = {
  key: 'housing',
  menu: [
    { label: '房屋台账', icon: <HomeOutlined />, order: 71, group: '基层台账', path: '/housing', roles: [...STAFF] },
    { label: '出租房屋', icon: <KeyOutlined />, order: 72, group: '基层台账', path: '/housing/rentals', roles: [...STAFF] },
  ],
  routes: [
    { path: 'housing', load: () => import('./BuildingsPage') },
    { path: 'housing/buildings/:id', load: () => import('./BuildingRoomsPage') },
    { path: 'housing/rentals', load: () => import('./RentalsPage') },
    { path: 'housing/import/rooms', load: () => import('./ImportRoomsPage') },
    { path: 'housing/import/rentals', load: () => import('./ImportRentalsPage') },
  ],
}

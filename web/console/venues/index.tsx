import { ShopOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

/** 单位场所 (基层台账): the venues list with its drawer, and its import. */
export const venuesDomain: ConsoleDomain = {
  key: 'venues',
  menu: [
    { label: '单位场所', icon: <ShopOutlined />, order: 73, group: '基层台账', path: '/venues', roles: ['county', 'street', 'community', 'gridHead', 'gridWorker'] },
  ],
  routes: [
    { path: 'venues', load: () => import('./VenuesPage') },
    { path: 'venues/import', load: () => import('./ImportVenuesPage') },
  ],
}

import { SafetyOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

/** 特殊人群 (基层台账): care and managed groups, each kind shown only to the roles that may see it. */
export const specialGroupsDomain: ConsoleDomain = {
  key: 'special-groups',
  menu: [
    {
      label: '特殊人群',
      icon: <SafetyOutlined />,
      order: 72,
      group: '基层台账',
      path: '/special-groups',
      roles: ['county', 'street', 'community', 'gridHead', 'gridWorker', 'publicSafety', 'judicialOffice'],
    },
  ],
  routes: [
    { path: 'special-groups', load: () => import('./SpecialGroupsPage') },
    { path: 'special-groups/import/:register', load: () => import('./ImportPage') },
  ],
}

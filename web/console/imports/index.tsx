import { ImportOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

/** 台账导入: the shared wizard (ImportWizard) and a page per register that imports. */
export const importsDomain: ConsoleDomain = {
  key: 'imports',
  menu: [
    { label: '导入党员报到', icon: <ImportOutlined />, order: 62, group: '党建引领', path: '/imports/party-members', roles: ['community'] },
    { label: '导入报到单位', icon: <ImportOutlined />, order: 63, group: '党建引领', path: '/imports/party-units', roles: ['community'] },
  ],
  routes: [
    { path: 'imports/party-members', load: () => import('./PartyMemberImportPage') },
    { path: 'imports/party-units', load: () => import('./UnitImportPage') },
    { path: 'population/people/import', load: () => import('./PeopleImportPage') },
  ],
}

import { IdcardOutlined } from '@ant-design/icons'
import type { ConsoleDomain } from '../shell/domain'

/** 实有人口: the people register (人口台账) and the person card (人员档案). */
export const populationDomain: ConsoleDomain = {
  key: 'population',
  menu: [{ label: '人口台账', icon: <IdcardOutlined />, order: 70, group: '基层台账', path: '/population/people', roles: ['county', 'street', 'community', 'gridHead', 'gridWorker'] }],
  routes: [
    { path: 'population/people', load: () => import('./PeoplePage') },
    { path: 'population/people/:id', load: () => import('./PersonCardPage') },
  ],
}

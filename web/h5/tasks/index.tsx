import type { H5Domain } from '../shell/domain'

export const tasksDomain: H5Domain = {
  key: 'tasks',
  home: { roles: ['partyMember', 'property', 'department', 'householdLeader'], load: () => import('./TasksHome') },
}

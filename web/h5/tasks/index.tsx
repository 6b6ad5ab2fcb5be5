import type { H5Domain } from '../shell/domain'
import TasksHome from './TasksHome'

export const tasksDomain: H5Domain = {
  key: 'tasks',
  home: { roles: ['partyMember', 'property', 'department', 'householdLeader'], Component: TasksHome },
}

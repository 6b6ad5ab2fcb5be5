/** Every console domain, in one list. A new module adds its folder and one line here. */
import type { ConsoleDomain } from './shell/domain'
import { authDomain } from './auth'
import { workbenchDomain } from './workbench'
import { appealsDomain } from './appeals'
import { gridsDomain } from './grids'
import { statsDomain } from './stats'
import { supervisionsDomain } from './supervisions'
import { notificationsDomain } from './notifications'
import { publicDomain } from './public'
import { adminDomain } from './admin'
import { volunteersDomain } from './volunteers'

export const DOMAINS: ConsoleDomain[] = [
  authDomain,
  workbenchDomain,
  appealsDomain,
  gridsDomain,
  statsDomain,
  supervisionsDomain,
  volunteersDomain,
  notificationsDomain,
  publicDomain,
  adminDomain,
]

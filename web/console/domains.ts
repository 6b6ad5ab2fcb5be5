/** Every console domain, in one list. A new module adds its folder and one line here. */
import type { ConsoleDomain } from './shell/domain'
import { authDomain } from './auth'
import { workbenchDomain } from './workbench'
import { appealsDomain } from './appeals'
import { gridsDomain } from './grids'
import { pledgesDomain } from './pledges'
import { statsDomain } from './stats'
import { supervisionsDomain } from './supervisions'
import { pointsDomain } from './points'
import { notificationsDomain } from './notifications'
import { publicDomain } from './public'
import { adminDomain } from './admin'
import { partyDomain } from './party'
import { importsDomain } from './imports'
import { listsDomain } from './lists'
import { wishesDomain } from './wishes'
import { volunteersDomain } from './volunteers'
import { ledgerStatsDomain } from './ledger-stats'
import { specialGroupsDomain } from './special-groups'
import { visitsDomain } from './visits'
import { populationDomain } from './population'
import { housingDomain } from './housing'
import { venuesDomain } from './venues'

export const DOMAINS: ConsoleDomain[] = [
  authDomain,
  workbenchDomain,
  appealsDomain,
  gridsDomain,
  pledgesDomain,
  statsDomain,
  supervisionsDomain,
  partyDomain,
  pointsDomain,
  volunteersDomain,
  notificationsDomain,
  publicDomain,
  adminDomain,
  importsDomain,
  listsDomain,
  wishesDomain,
  ledgerStatsDomain,
  specialGroupsDomain,
  visitsDomain,
  populationDomain,
  housingDomain,
  venuesDomain,
]

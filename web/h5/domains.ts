/** Every phone domain, in one list. A new module adds its folder and one line here. */
import type { H5Domain } from './shell/domain'
import { authDomain } from './auth'
import { qrDomain } from './qr'
import { reportDomain } from './report'
import { appealsDomain } from './appeals'
import { gridDomain } from './grid'
import { tasksDomain } from './tasks'
import { pledgesDomain } from './pledges'
import { meDomain } from './me'
import { partyDomain } from './party'
import { pointsDomain } from './points'
import { wishesDomain } from './wishes'
import { volunteersDomain } from './volunteers'
import { visitsDomain } from './visits'
import { populationDomain } from './population'

export const DOMAINS: H5Domain[] = [authDomain, qrDomain, reportDomain, appealsDomain, gridDomain, tasksDomain, partyDomain, pledgesDomain, wishesDomain, volunteersDomain, pointsDomain, populationDomain, visitsDomain, meDomain]


import type { H5Domain } from '../shell/domain'
// 我要反映 is the page residents open most, often on a weak signal: it ships with the entry
// instead of a second round trip for its own chunk.
import * as ReportWizard from './ReportWizard'

export const reportDomain: H5Domain = {
  key: 'report',
  home: { roles: ['resident'], load: () => import('./ResidentHome') },
  routes: [
    { path: '/report', load: async () => ReportWizard },
    { path: '/report/done/:id', load: () => import('./DonePage') },
  ],
}

import { page, type H5Domain } from '../shell/domain'
import ResidentHome from './ResidentHome'

export const reportDomain: H5Domain = {
  key: 'report',
  home: { roles: ['resident'], Component: ResidentHome },
  routes: [
    { path: '/report', lazy: page(() => import('./ReportWizard')) },
    { path: '/report/done/:id', lazy: page(() => import('./DonePage')) },
  ],
}

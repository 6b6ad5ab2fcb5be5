import type { H5Domain } from '../shell/domain'

export const qrDomain: H5Domain = {
  key: 'qr',
  publicRoutes: [{ path: '/qr/:grid', load: () => import('./QrReportPage') }],
}

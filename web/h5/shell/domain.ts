/**
 * A phone domain is one folder: its pages and one entry here. Adding a module to the phone pages is
 * adding a folder with an index.tsx exporting an H5Domain and one line in domains.ts.
 */
import type { PageRoute } from '../../shared/routing'
import type { Role } from '#contracts/roles'

export interface H5Domain {
  key: string
  /** pages for a signed-in person */
  routes?: PageRoute[]
  /** pages anyone may open (login, sign-up, the QR report) */
  publicRoutes?: PageRoute[]
  /** the home page of these roles */
  home?: { roles: readonly Role[]; load: PageRoute['load'] }
}


/**
 * A phone domain is one folder: its pages and one entry here. Adding a module to the phone pages is
 * adding a folder with an index.tsx exporting an H5Domain and one line in domains.ts.
 */
import type { ComponentType } from 'react'
import type { RouteObject } from 'react-router'
import type { Role } from '#contracts/roles'

export interface H5Domain {
  key: string
  /** pages for a signed-in person */
  routes?: RouteObject[]
  /** pages anyone may open (login, sign-up, the QR report) */
  publicRoutes?: RouteObject[]
  /** the home page of these roles */
  home?: { roles: readonly Role[]; Component: ComponentType }
}

export const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({ Component: (await load()).default })

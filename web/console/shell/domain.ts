/**
 * A console domain is one folder: its pages and one entry here. Adding a module to the console is
 * adding a folder with an index.ts exporting a ConsoleDomain and one line in domains.ts.
 */
import type { ReactNode } from 'react'
import type { RouteObject } from 'react-router'
import type { Role } from '#contracts/roles'

export interface ConsoleMenu {
  label: string
  icon: ReactNode
  /** position in the side menu */
  order: number
  /** who sees the entry (and may open its pages); all signed-in staff when omitted */
  roles?: readonly Role[]
  /** path the entry opens */
  path: string
  /** show the unread notification count */
  badge?: 'unread'
}

export interface ConsoleDomain {
  key: string
  menu?: ConsoleMenu[]
  /** pages inside the signed-in frame */
  routes?: RouteObject[]
  /** pages outside it (login, the public board) */
  publicRoutes?: RouteObject[]
}

/** A lazily loaded page: each page is its own chunk. */
export const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({ Component: (await load()).default })

/** Roles with a place scope that work appeals in the console. */
export const PLACE_STAFF: readonly Role[] = ['county', 'street', 'community', 'gridHead', 'gridWorker']
export const APPEAL_ROLES: readonly Role[] = [...PLACE_STAFF, 'department', 'property', 'partyMember', 'householdLeader']

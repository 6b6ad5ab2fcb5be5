/**
 * A console domain is one folder: its pages and one entry here. Adding a module to the console is
 * adding a folder with an index.ts exporting a ConsoleDomain and one line in domains.ts.
 */
import type { ReactNode } from 'react'
import type { PageRoute } from '../../shared/routing'
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
  /** a heading the entry sits under in the side menu (entries of one group sit together, at the first one's place) */
  group?: string
  /** show the unread notification count */
  badge?: 'unread'
}

export interface ConsoleDomain {
  key: string
  menu?: ConsoleMenu[]
  /** pages inside the signed-in frame */
  routes?: PageRoute[]
  /** pages outside it (login, the public board) */
  publicRoutes?: PageRoute[]
}

/** Roles with a place scope that work appeals in the console. */
export const PLACE_STAFF: readonly Role[] = ['county', 'street', 'community', 'gridHead', 'gridWorker']
export const APPEAL_ROLES: readonly Role[] = [...PLACE_STAFF, 'department', 'property', 'partyMember', 'householdLeader']

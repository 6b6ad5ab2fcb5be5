/** The closed role set of DOMAIN §3.4. */
import { Type, type Static } from './common'

export const ROLES = [
  'systemAdmin',
  'securityAdmin',
  'auditAdmin',
  'county',
  'street',
  'community',
  'gridHead',
  'gridWorker',
  'householdLeader',
  'department',
  'partyMember',
  'resident',
  'property',
  'unit',
  /** 综治中心 staff at street level: the managed special groups (社区矫正 刑满释放 严重精神障碍 吸毒 重点青少年) */
  'publicSafety',
  /** 司法所 staff at street level: 社区矫正 and 刑满释放 (安置帮教) */
  'judicialOffice',
] as const
export const Role = Type.Enum(ROLES, { description: '角色' })
export type Role = (typeof ROLES)[number]

/** 三员分立: the three separated administrators. */
export const ADMIN_ROLES = ['systemAdmin', 'securityAdmin', 'auditAdmin'] as const satisfies readonly Role[]
/** Roles whose scope is a place path and who see everything under it. */
export const PLACE_ROLES = ['county', 'street', 'community', 'gridHead', 'gridWorker'] as const satisfies readonly Role[]

/** Labels live in labels.ts (no schema library behind them, so the phone pages can import them). */
export { ROLE_NAMES } from './labels'

export type RoleT = Static<typeof Role>

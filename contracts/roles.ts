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
] as const
export const Role = Type.Enum(ROLES, { description: '角色' })
export type Role = (typeof ROLES)[number]

/** 三员分立: the three separated administrators. */
export const ADMIN_ROLES = ['systemAdmin', 'securityAdmin', 'auditAdmin'] as const satisfies readonly Role[]
/** Roles whose scope is a place path and who see everything under it. */
export const PLACE_ROLES = ['county', 'street', 'community', 'gridHead', 'gridWorker'] as const satisfies readonly Role[]

export const ROLE_NAMES: Record<Role, string> = {
  systemAdmin: '系统管理员',
  securityAdmin: '安全管理员',
  auditAdmin: '审计管理员',
  county: '县级及以上',
  street: '街道',
  community: '社区',
  gridHead: '网格长',
  gridWorker: '网格员',
  householdLeader: '联户长',
  department: '职能部门',
  partyMember: '党员',
  resident: '居民',
  property: '物业',
}

export type RoleT = Static<typeof Role>

/** The caller as every service sees it, and the scopes an account may hold (DOMAIN §3.4). */
import type { Role } from '#contracts/roles'

/** A person's role, or the platform itself (jobs: the deadline sweeper, the outbox). */
export type ActorRole = Role | 'system'

/** The authenticated caller, as every service sees it. */
export interface Actor {
  userId: number
  username: string
  displayName: string
  role: ActorRole
  scope: string
  /** the last code of a place scope (county 6 … grid 15 digits) */
  placeCode: string | null
  departmentCode: string | null
  propertyCompanyId: number | null
  /** a 报到单位 account's unit (scope `unit:<id>`) */
  unitId: number | null
  residentId: number | null
  partyMemberId: number | null
  teamIds: number[]
  /** buildings covered by the 十联户 this 联户长 leads */
  leaderBuildingIds: number[]
  /** a 报到单位 account: the communities its unit has a confirmed registration (pairing) with */
  pairedCommunityCodes: string[]
}

/** The platform acting on its own (jobs). It holds no relation but `system`, and no account. */
export const SYSTEM_ACTOR: Actor = Object.freeze({
  userId: 0,
  username: 'system',
  displayName: '系统',
  role: 'system',
  scope: '',
  placeCode: null,
  departmentCode: null,
  propertyCompanyId: null,
  unitId: null,
  residentId: null,
  partyMemberId: null,
  teamIds: [],
  leaderBuildingIds: [],
  pairedCommunityCodes: [],
}) as Actor

export const isSystem = (a: Actor): boolean => a.role === 'system'

export type ParsedScope =
  | { kind: 'place'; path: string; code: string }
  | { kind: 'department'; code: string }
  | { kind: 'property'; id: number }
  | { kind: 'unit'; id: number }

/** county-down paths (520423.520423002…), or a province or city above the counties (52, 52.5204) */
const PLACE_PATH = /^(?:[0-9]{6}(\.[0-9]{9}(\.[0-9]{12}(\.[0-9]{15})?)?)?|[0-9]{2}(\.[0-9]{4})?)$/

export function parseScope(scope: string): ParsedScope | null {
  if (scope.startsWith('department:')) {
    const code = scope.slice('department:'.length)
    return code ? { kind: 'department', code } : null
  }
  if (scope.startsWith('property:')) {
    const id = Number(scope.slice('property:'.length))
    return Number.isInteger(id) && id > 0 ? { kind: 'property', id } : null
  }
  if (scope.startsWith('unit:')) {
    const id = Number(scope.slice('unit:'.length))
    return Number.isInteger(id) && id > 0 ? { kind: 'unit', id } : null
  }
  if (!PLACE_PATH.test(scope)) return null
  const parts = scope.split('.')
  for (let i = 1; i < parts.length; i++) if (!parts[i]!.startsWith(parts[i - 1]!)) return null
  return { kind: 'place', path: scope, code: parts[parts.length - 1]! }
}

/** The scope form and place depth each role must have. */
export function scopeFitsRole(role: Role, scope: ParsedScope): boolean {
  const depth = scope.kind === 'place' ? scope.code.length : 0
  switch (role) {
    case 'department':
      return scope.kind === 'department'
    case 'property':
      return scope.kind === 'property'
    case 'unit':
      return scope.kind === 'unit'
    case 'county':
      // 县级及以上指挥中心: a county, or a city or province above it
      return depth === 6 || depth === 4 || depth === 2
    case 'systemAdmin':
    case 'securityAdmin':
    case 'auditAdmin':
      return depth === 6
    case 'street':
    case 'publicSafety':
    case 'judicialOffice':
      return depth === 9
    case 'community':
    case 'partyMember':
      return depth === 12
    case 'gridHead':
    case 'gridWorker':
    case 'householdLeader':
    case 'resident':
      return depth === 15
  }
}

/** The scope path of a place code: 520423002013001 → 520423.520423002.520423002013.520423002013001; 5204 → 52.5204. */
export function placePath(code: string): string {
  if (code.length <= 4) return code.length === 4 ? `${code.slice(0, 2)}.${code}` : code
  return [6, 9, 12, 15].filter((n) => n <= code.length).map((n) => code.slice(0, n)).join('.')
}

/** Is a place code inside the caller's place scope? */
export function placeInScope(actor: Actor, code: string): boolean {
  return actor.placeCode !== null && code.startsWith(actor.placeCode)
}

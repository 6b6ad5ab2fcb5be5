/**
 * Special-group records → API responses. Masked by default: ID number and phones masked, phones inside the details
 * masked, the sensitive detail fields (crime, risk level, certificate numbers) shown as 已登记. A full read (the
 * caller may, and it is audited by the service) shows everything.
 */
import {
  SPECIAL_GROUP_CATEGORY_NAMES,
  SPECIAL_GROUP_LEVEL_NAMES,
  SPECIAL_GROUP_NAMES,
  SPECIAL_GROUP_STATUS_NAMES,
  specialGroupCategory,
  type SpecialGroupKind,
} from '#contracts/ledger-names'
import { REGISTERED_MARK, SPECIAL_GROUP_PHONE_FIELDS, SPECIAL_GROUP_SENSITIVE_FIELDS, type SpecialGroup } from '#contracts/special-groups'
import { maskIdNumber, maskPhone, type Pii } from '../../lib/pii'
import { isoShanghai } from '../../lib/time'
import { mayReadSpecialGroupFull, mayWriteSpecialGroupKind, placeInScope, type Actor } from '../../permissions'
import type { SpecialGroupWithPerson } from './queries'

/** How a phone of the details is stored: encrypted under `<field>Enc`. */
const encKey = (field: string) => `${field}Enc`

/** Details as stored: every phone field encrypted (the plain value never reaches the database). */
export function storedDetails(pii: Pii, details: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(details)) {
    if ((SPECIAL_GROUP_PHONE_FIELDS as readonly string[]).includes(k) && typeof v === 'string') out[encKey(k)] = pii.encrypt(v)
    else out[k] = v
  }
  return out
}

/** Details as read: phones decrypted (masked unless full), sensitive fields 已登记 unless full. */
export function readDetails(pii: Pii, stored: Record<string, unknown>, full: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(stored)) {
    const phone = SPECIAL_GROUP_PHONE_FIELDS.find((f) => encKey(f) === k)
    if (phone) {
      const plain = typeof v === 'string' ? pii.decrypt(v) : null
      out[phone] = full ? plain : maskPhone(plain)
    } else if (!full && (SPECIAL_GROUP_SENSITIVE_FIELDS as readonly string[]).includes(k) && v !== null && v !== undefined && v !== '') {
      out[k] = REGISTERED_MARK
    } else out[k] = v
  }
  return out
}

/** What an audit row may keep of details: masked, never a cipher. */
export const auditedDetails = (pii: Pii, stored: Record<string, unknown>) => readDetails(pii, stored, false)

export function allowedActionsOf(actor: Actor, row: SpecialGroupWithPerson): SpecialGroup['allowedActions'] {
  const g = { kind: row.group.kind as SpecialGroupKind, gridCode: row.group.gridCode }
  const actions: SpecialGroup['allowedActions'] = []
  if (row.group.status === 'active' && mayWriteSpecialGroupKind(actor, g.kind) && placeInScope(actor, g.gridCode)) actions.push('update', 'end')
  if (mayReadSpecialGroupFull(actor, g)) actions.push('readFull')
  return actions
}

export function presentSpecialGroup(actor: Actor, pii: Pii, row: SpecialGroupWithPerson, full = false): SpecialGroup {
  const g = row.group
  const kind = g.kind as SpecialGroupKind
  const category = specialGroupCategory(kind)
  const idNumber = row.idNumberEnc ? pii.decrypt(row.idNumberEnc) : null
  const phone = row.phoneEnc ? pii.decrypt(row.phoneEnc) : null
  const level = g.level as keyof typeof SPECIAL_GROUP_LEVEL_NAMES
  const status = g.status as keyof typeof SPECIAL_GROUP_STATUS_NAMES
  return {
    id: String(g.id),
    kind,
    kindName: SPECIAL_GROUP_NAMES[kind],
    category,
    categoryName: SPECIAL_GROUP_CATEGORY_NAMES[category],
    level,
    levelName: SPECIAL_GROUP_LEVEL_NAMES[level],
    status,
    statusName: SPECIAL_GROUP_STATUS_NAMES[status],
    resident: {
      id: String(g.residentId),
      name: row.residentName,
      gender: row.gender,
      birthDate: row.birthDate,
      idNumber: full ? idNumber : maskIdNumber(idNumber),
      phone: full ? phone : maskPhone(phone),
    },
    grid: { code: g.gridCode, name: row.gridName },
    community: { code: row.communityCode, name: row.communityName },
    address: row.address,
    details: readDetails(pii, (g.details ?? {}) as Record<string, unknown>, full),
    since: g.since,
    until: g.until,
    endReason: g.endReason,
    note: g.note,
    version: g.version,
    createdAt: isoShanghai(g.createdAt),
    full,
    allowedActions: allowedActionsOf(actor, row),
  }
}

/** 单位场所 rows → the contract; the responsible person's phone leaves masked. */
import type { Venue, VenueAction } from '#contracts/venues'
import { KEY_TYPE_NAMES, SMALL_VENUE_TYPE_NAMES, VENUE_KIND_NAMES, VENUE_STATUS_NAMES } from '#contracts/ledger-names'
import { maskPhone, type Pii } from '../../lib/pii'
import { can, type Actor } from '../../permissions'
import type { VenueWithGrid } from './queries'

function actionsOf(actor: Actor, gridCode: string, status: string): VenueAction[] {
  if (!can(actor, 'venue.record') || !can(actor, 'venue.place', gridCode)) return []
  return status === 'open' ? ['update', 'close'] : ['update']
}

export function presentVenue(actor: Actor, pii: Pii, r: VenueWithGrid): Venue {
  const v = r.venue
  const keyTypes = v.keyTypes as Venue['keyTypes']
  return {
    id: String(v.id),
    gridCode: v.gridCode,
    gridName: r.gridName,
    buildingId: v.buildingId === null ? null : String(v.buildingId),
    name: v.name,
    kind: v.kind as Venue['kind'],
    kindName: VENUE_KIND_NAMES[v.kind as keyof typeof VENUE_KIND_NAMES] ?? v.kind,
    smallVenueType: (v.smallVenueType as Venue['smallVenueType']) ?? null,
    smallVenueTypeName: v.smallVenueType ? (SMALL_VENUE_TYPE_NAMES[v.smallVenueType as keyof typeof SMALL_VENUE_TYPE_NAMES] ?? v.smallVenueType) : null,
    keyTypes,
    keyTypeNames: keyTypes.map((k) => KEY_TYPE_NAMES[k] ?? k),
    address: v.address,
    creditCode: v.creditCode,
    responsibleName: v.responsibleName,
    responsiblePhone: v.responsiblePhoneEnc ? maskPhone(pii.decrypt(v.responsiblePhoneEnc)) : null,
    employees: v.employees,
    status: v.status as Venue['status'],
    statusName: VENUE_STATUS_NAMES[v.status as keyof typeof VENUE_STATUS_NAMES] ?? v.status,
    closedAt: v.closedAt,
    note: v.note,
    version: v.version,
    allowedActions: actionsOf(actor, v.gridCode, v.status),
  }
}

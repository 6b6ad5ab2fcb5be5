/** Exports to .xlsx (the shared Excel pipeline): the filtered appeal list, and any chart's data. */
import { Id, Literals, Obj, PlaceCode, Str, Text, Type, type Static } from './common'
import { REGISTRATION_STATUSES } from './registrations'
import { UNIT_REGISTRATION_STATUSES } from './units'
import { Channel, Color } from './appeals'
import { AuditFilter } from './users'
import { STATUSES } from './workflow'

/** The appeal list's filter (without paging): the export has every matching row. */
export const ExportAppealsQuery = Obj({
  status: Type.Optional(Type.Array(Type.Enum(STATUSES), { maxItems: 11 })),
  color: Type.Optional(Type.Array(Color, { maxItems: 4 })),
  category: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z0-9.]+$' })),
  place: Type.Optional(PlaceCode),
  channel: Type.Optional(Type.Array(Channel, { maxItems: 7 })),
  q: Type.Optional(Str(50)),
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
})
export type ExportAppealsQuery = Static<typeof ExportAppealsQuery>

const CellValue = Type.Union([Type.String({ maxLength: 500 }), Type.Number(), Type.Null()])

/** A table the page already shows (a chart's data): the server adds the watermark and audits it. */
export const ExportTableBody = Obj({
  title: Text(60, '表名'),
  note: Type.Optional(Str(200, { description: '口径、地点与期间' })),
  columns: Type.Array(Obj({ key: Type.String({ maxLength: 40, pattern: '^[A-Za-z0-9_]+$' }), header: Text(40) }), { minItems: 1, maxItems: 40 }),
  rows: Type.Array(Type.Record(Type.String({ pattern: '^[A-Za-z0-9_]+$' }), CellValue), { maxItems: 5000 }),
})
export type ExportTableBody = Static<typeof ExportTableBody>

/** The audit log's filter (without paging): the export has every matching row, newest first. */
export const ExportAuditQuery = Obj({ ...AuditFilter })
export type ExportAuditQuery = Static<typeof ExportAuditQuery>

// ---- 双报到 ledgers ------------------------------------------------------------------------------

/** The unit-registration ledger's filter (without paging). */
export const ExportUnitRegistrationsQuery = Obj({
  status: Type.Optional(Type.Array(Literals(UNIT_REGISTRATION_STATUSES), { maxItems: 5 })),
  place: Type.Optional(PlaceCode),
})
export type ExportUnitRegistrationsQuery = Static<typeof ExportUnitRegistrationsQuery>

/** The member-registration ledger's filter (without paging); a unit's account gets its own members. */
export const ExportRegistrationsQuery = Obj({
  status: Type.Optional(Type.Array(Literals(REGISTRATION_STATUSES), { maxItems: 4 })),
  place: Type.Optional(PlaceCode),
  unitId: Type.Optional(Id),
})
export type ExportRegistrationsQuery = Static<typeof ExportRegistrationsQuery>

/** 扫码反映: a grid's QR poster opens a report page that needs no account, only a verified phone. */
import { IsoTime, Nullable, Obj, Str, Text, Type, type Static } from './common'
import { CategoryNode } from './appeals'
import { OneTimeCode, Phone } from './signup'

export const QrGridParams = Obj({ code: Type.String({ pattern: '^[0-9]{15}$', description: '网格代码' }) })

export const QrTeamMember = Type.Object({ role: Type.String(), roleName: Type.String(), name: Type.String() })

export const QrGrid = Type.Object({
  code: Type.String(),
  name: Type.String(),
  communityName: Type.String(),
  streetName: Type.String(),
  countyName: Type.String(),
  functions: Type.Array(Type.String()),
  team: Type.Array(QrTeamMember, { description: '网格长、网格员、联户长（海报上公开的姓名）' }),
  categories: Type.Array(CategoryNode),
})
export type QrGrid = Static<typeof QrGrid>

export const QrReportBody = Obj({
  phone: Phone,
  code: OneTimeCode,
  categoryCode: Type.String({ maxLength: 40, pattern: '^[a-z0-9.]+$' }),
  description: Text(2000, '描述'),
  contactName: Type.Optional(Text(50)),
  address: Type.Optional(Str(200)),
  isUrgent: Type.Optional(Type.Boolean()),
})
export type QrReportBody = Static<typeof QrReportBody>

export const QrReportResult = Type.Object({
  number: Type.String(),
  responseDueAt: Nullable(IsoTime),
  place: Type.String({ description: '社区 + 网格' }),
})
export type QrReportResult = Static<typeof QrReportResult>

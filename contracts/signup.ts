/**
 * Residents getting an account themselves (居民自助注册): a one-time code to their phone, their
 * name and home; the grid worker confirms the household with one tap. Residents then sign in with
 * a code — they never have to keep a password.
 */
import { Id, IsoTime, Nullable, Obj, Text, Type, type Static } from './common'
import { Me } from './auth'

export const Phone = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: '11 位手机号' })
export const OneTimeCode = Type.String({ pattern: '^[0-9]{6}$', description: '6 位验证码' })

export const CODE_PURPOSES = ['signup', 'login', 'report'] as const
export type CodePurpose = (typeof CODE_PURPOSES)[number]

export const SendCodeBody = Obj({ phone: Phone, purpose: Type.Enum(CODE_PURPOSES, { description: 'signup 注册 · login 登录 · report 扫码反映' }) })
export type SendCodeBody = Static<typeof SendCodeBody>

export const SendCodeResponse = Type.Object({
  sentTo: Type.String({ description: '脱敏手机号' }),
  expiresAt: IsoTime,
  resendAfterSeconds: Type.Integer(),
  demoCode: Type.Optional(Type.String({ description: '仅演示模式：验证码（真实部署经短信发送，不返回）' })),
})
export type SendCodeResponse = Static<typeof SendCodeResponse>

export const SignupBody = Obj({
  phone: Phone,
  code: OneTimeCode,
  name: Text(20, '姓名'),
  buildingId: Id,
  unitId: Type.Optional(Id),
  room: Type.String({ minLength: 1, maxLength: 20, pattern: '^[0-9A-Za-z\\-]+$', description: '房号，如 301' }),
})
export type SignupBody = Static<typeof SignupBody>

export const CodeLoginBody = Obj({ phone: Phone, code: OneTimeCode })
export type CodeLoginBody = Static<typeof CodeLoginBody>

export const SessionResponse = Type.Object({ user: Me })

export const RegionOption = Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() })
export type RegionOption = Static<typeof RegionOption>
export const RegionsQuery = Obj({
  parent: Type.Optional(Type.String({ pattern: '^[0-9]{6}(?:[0-9]{3}(?:[0-9]{3})?)?$', description: '县 6 位 → 街道；街道 9 位 → 社区；社区 12 位 → 网格；不填为县列表' })),
})
export const BuildingsQuery = Obj({ community: Type.String({ pattern: '^[0-9]{12}$' }) })

export const SignupBuilding = Type.Object({
  id: Type.String(),
  name: Type.String({ description: '小区 + 楼栋' }),
  gridCode: Type.String(),
  units: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
})
export type SignupBuilding = Static<typeof SignupBuilding>

export const HOUSEHOLD_CLAIM_STATUSES = ['pending', 'confirmed', 'rejected'] as const
export const HouseholdClaim = Type.Object({
  id: Id,
  status: Type.Enum(HOUSEHOLD_CLAIM_STATUSES),
  resident: Type.Object({ id: Type.String(), name: Type.String(), phone: Nullable(Type.String({ description: '脱敏' })) }),
  gridCode: Type.String(),
  gridName: Type.String(),
  address: Type.String({ description: '居民填写的住址（小区楼栋单元房号）' }),
  existingHousehold: Type.Boolean({ description: '该房号已有住户档案' }),
  createdAt: IsoTime,
  decidedAt: Nullable(IsoTime),
  reason: Nullable(Type.String()),
})
export type HouseholdClaim = Static<typeof HouseholdClaim>

export const ClaimsQuery = Obj({ status: Type.Optional(Type.Enum(HOUSEHOLD_CLAIM_STATUSES)) })
export const RejectClaimBody = Obj({ reason: Text(200, '原因') })

/** The lists the routes answer with. */
export const RegionOptions = Type.Array(RegionOption)
export const SignupBuildings = Type.Array(SignupBuilding)
export const HouseholdClaims = Type.Array(HouseholdClaim)
export const MyHouseholdClaim = Nullable(HouseholdClaim, '本人最近一次住户确认申请；没有则为 null')

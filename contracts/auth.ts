/** Login, session and the caller's own account. */
import { Nullable, Obj, Str, Type, type Static } from './common'
import { Role } from './roles'

export const LoginBody = Obj({
  username: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' }),
  password: Str(128, { min: 1 }),
})
export type LoginBody = Static<typeof LoginBody>

export const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  roleName: Type.String(),
  scope: Type.String({ description: '地点路径、department:<代码> 或 property:<ID>' }),
  scopeName: Type.String(),
  residentId: Nullable(Type.String()),
  passwordExpiresAt: Type.String({ format: 'date-time' }),
  mustChangePassword: Type.Boolean({ description: '须先修改密码才能使用其他功能' }),
  passwordChangeReason: Nullable(Type.Enum(['firstLogin', 'expired'] as const), 'firstLogin：密码由他人设置（新账号或被重置）；expired：超过 90 天'),
  mfaEnabled: Type.Boolean({ description: '已启用两步验证（动态验证码）' }),
  mfaRequired: Type.Boolean({ description: '本账号的角色须使用两步验证（MFA_REQUIRED_ROLES）；未启用时只能先绑定验证器' }),
})
export type Me = Static<typeof Me>

/** A session was opened: the token (also set as the session cookie) and the account. */
export const SessionResponse = Type.Object({ token: Type.String(), user: Me })
export type SessionResponse = Static<typeof SessionResponse>

/** The password was right and the account has a second factor: no session yet, the code is asked for. */
export const MfaChallenge = Type.Object({
  mfaRequired: Type.Literal(true),
  challenge: Type.String({ description: '第二步 POST /auth/login/mfa 时带回；几分钟内有效，只能用一次' }),
  expiresAt: Type.String({ format: 'date-time' }),
})
export type MfaChallenge = Static<typeof MfaChallenge>

/** Accounts without a second factor get a session, exactly as before; accounts with one get a challenge. */
export const LoginResponse = Type.Union([SessionResponse, MfaChallenge])
export type LoginResponse = Static<typeof LoginResponse>

export const MfaLoginBody = Obj({
  challenge: Str(100, { min: 1 }),
  code: Str(32, { min: 1, description: '验证器上的 6 位动态验证码，或一个恢复码（XXXXX-XXXXX）' }),
})
export type MfaLoginBody = Static<typeof MfaLoginBody>

/** The caller's own second factor. */
export const MfaStatus = Type.Object({
  enabled: Type.Boolean(),
  required: Type.Boolean({ description: '本账号的角色须使用两步验证' }),
  enabledAt: Nullable(Type.String({ format: 'date-time' })),
  recoveryCodesLeft: Type.Integer({ description: '未使用的恢复码个数' }),
})
export type MfaStatus = Static<typeof MfaStatus>

/** Enrolment started: the secret to add to an authenticator app, as a QR code and as text. */
export const MfaEnrolment = Type.Object({
  secret: Type.String({ description: '密钥（base32），无法扫码时手动输入验证器' }),
  otpauthUri: Type.String({ description: 'otpauth://totp/… 二维码的内容' }),
  qrSvg: Type.String({ description: '二维码（SVG 文档）' }),
})
export type MfaEnrolment = Static<typeof MfaEnrolment>

export const MfaConfirmBody = Obj({ code: Type.String({ pattern: '^[0-9]{6}$', description: '验证器上当前显示的 6 位数字' }) })
export type MfaConfirmBody = Static<typeof MfaConfirmBody>

/** Enrolment confirmed: a fresh full session, and the recovery codes — shown this once, never again. */
export const MfaEnabled = Type.Object({
  token: Type.String(),
  user: Me,
  recoveryCodes: Type.Array(Type.String(), { description: '10 个一次性恢复码，只显示这一次' }),
})
export type MfaEnabled = Static<typeof MfaEnabled>

export const ChangePasswordBody = Obj({
  oldPassword: Str(128, { min: 1 }),
  newPassword: Str(128, { min: 8 }),
})
export type ChangePasswordBody = Static<typeof ChangePasswordBody>

/** A fresh session after a password change. */
export const TokenResponse = Type.Object({ token: Type.String() })

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
})
export type Me = Static<typeof Me>

export const LoginResponse = Type.Object({ token: Type.String(), user: Me })

export const ChangePasswordBody = Obj({
  oldPassword: Str(128, { min: 1 }),
  newPassword: Str(128, { min: 8 }),
})
export type ChangePasswordBody = Static<typeof ChangePasswordBody>

/** A fresh session after a password change. */
export const TokenResponse = Type.Object({ token: Type.String() })

/** Account administration (安全管理员) and the audit log (审计管理员). */
import { Id, Nullable, Obj, PageQuery, Str, Text, Type, type Static, DateParam } from './common'
import { Role } from './roles'

export const User = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  scope: Type.String(),
  lockedUntil: Nullable(Type.String()),
  disabled: Type.Boolean(),
  lastLoginAt: Nullable(Type.String()),
  createdAt: Type.String(),
  mfaEnabled: Type.Boolean({ description: '已启用两步验证' }),
  mfaRequired: Type.Boolean({ description: '该角色须使用两步验证（未启用的账号登录后只能先绑定）' }),
})
export type User = Static<typeof User>

export const CreateUserBody = Obj({
  username: Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' }),
  password: Str(128, { min: 8 }),
  displayName: Text(50),
  role: Role,
  scope: Type.String({
    maxLength: 80,
    pattern: '^[A-Za-z0-9.:_-]+$',
    description: '管辖范围：地点代码（如网格 520423002013002，亦可写完整路径 520423.520423002.520423002013.520423002013002）、department:<部门代码>、property:<物业 ID> 或 unit:<报到单位 ID>',
  }),
  residentId: Type.Optional(Id),
  partyMemberId: Type.Optional(Id),
})
export type CreateUserBody = Static<typeof CreateUserBody>

export const ListUsersQuery = Obj({
  ...PageQuery,
  role: Type.Optional(Role),
  q: Type.Optional(Str(50)),
})
export type ListUsersQuery = Static<typeof ListUsersQuery>

export const ResetPasswordBody = Obj({ password: Str(128, { min: 8 }) })

export const AuditLogEntry = Type.Object({
  id: Id,
  at: Type.String(),
  actor: Type.Object({ id: Nullable(Type.String()), role: Nullable(Type.String()), name: Nullable(Type.String()) }),
  action: Type.String(),
  /** the action in Chinese (登录·登录失败, 诉求·网格收单 …), the code itself when it has no name */
  actionName: Type.String(),
  entityType: Type.String(),
  /** what kind of object, in Chinese (账号, 诉求 …) */
  entityTypeName: Type.String(),
  entityId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  detail: Type.Unknown(),
})
export type AuditLogEntry = Static<typeof AuditLogEntry>

/** The audit log's filter (审计查询): who, what, on what, when. */
export const AuditFilter = {
  from: Type.Optional(DateParam('起始日（含）')),
  to: Type.Optional(DateParam('截止日（含）')),
  actorUserId: Type.Optional(Id),
  /** the account's login name: its rows (logins, failed logins, every change it made) */
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$', description: '操作人的登录名' })),
  /** an action or a namespace of actions: `auth` matches auth.login, auth.loginFailed …; `auth.login` only that action */
  action: Type.Optional(Type.String({ maxLength: 60, pattern: '^[A-Za-z.]+$', description: '操作或操作前缀：auth 匹配 auth.login、auth.loginFailed 等' })),
  entityType: Type.Optional(Type.String({ maxLength: 40, pattern: '^[A-Za-z]+$', description: '对象类型，如 appeal、user' })),
  entityId: Type.Optional(Type.String({ maxLength: 60, pattern: '^[A-Za-z0-9-]+$', description: '对象编号' })),
}

export const ListAuditQuery = Obj({
  ...PageQuery,
  ...AuditFilter,
})
export type ListAuditQuery = Static<typeof ListAuditQuery>

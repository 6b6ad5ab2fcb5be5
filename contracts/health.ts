/** /healthz: is the database answering? */
import { Type } from './common'

export const Healthy = Type.Object({
  status: Type.String({ description: 'ok' }),
  database: Type.Object({ kind: Type.String({ description: 'pglite · postgres' }), ok: Type.Boolean(), latencyMs: Type.Number() }),
  warnings: Type.Array(Type.String(), { description: '需要运维或管理员处理的提醒（如工作日历为暂定安排）' }),
})
export const Unhealthy = Type.Object({
  status: Type.String({ description: 'degraded' }),
  database: Type.Object({ kind: Type.String(), ok: Type.Boolean(), error: Type.String() }),
})

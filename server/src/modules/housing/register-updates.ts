/**
 * What a visit (走访) may change in the housing register (core/register-updates.ts): a room's use, a tenant who
 * left, a resident who moved in as a tenant. Each applies through this module's own use case — its authorize,
 * checks and commit — inside the visit's transaction (ctx.db is that transaction's handle).
 */
import { OCCUPANCY_NAMES } from '#contracts/ledger-names'
import type { Ctx } from '../../context'
import { defineRegisterUpdate } from '../../core/register-updates'
import { AppError } from '../../errors'
import { addTenant, endTenant, getRoom, updateRoom } from './service'

const occupancyOptions = Object.entries(OCCUPANCY_NAMES).map(([value, label]) => ({ value, label }))
const isDate = (s: unknown): s is string => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s)
const bad = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field, message }])

/** 房屋使用状态变化: the visited household's room is now owner-occupied, rented, vacant … */
export const roomOccupancyUpdate = defineRegisterUpdate<{ occupancy: string }>({
  kind: 'room.occupancy',
  title: '房屋使用状态变化',
  subjectTypes: ['household'],
  fields: [{ key: 'occupancy', label: '使用状态', type: 'code', required: true, options: occupancyOptions }],
  async apply(ctx: Ctx, subject, payload) {
    if (!(payload.occupancy in OCCUPANCY_NAMES)) throw bad('occupancy', '使用状态不正确')
    const room = await getRoom(ctx, subject.id)
    const after = await updateRoom(ctx, subject.id, { occupancy: payload.occupancy as keyof typeof OCCUPANCY_NAMES, version: room.version })
    return { summary: `房屋使用状态：${room.occupancyName} → ${after.occupancyName}` }
  },
})

/** 租客搬离: one of the rental's current tenants left. */
export const rentalEndTenantUpdate = defineRegisterUpdate<{ tenantId: string; toDate: string }>({
  kind: 'rental.endTenant',
  title: '租客已搬离',
  subjectTypes: ['rental'],
  fields: [
    { key: 'tenantId', label: '租客', type: 'text', required: true },
    { key: 'toDate', label: '搬离日期', type: 'date', required: true },
  ],
  async apply(ctx, subject, payload) {
    if (!/^[1-9][0-9]{0,17}$/.test(String(payload.tenantId))) throw bad('tenantId', '请选择租客')
    if (!isDate(payload.toDate)) throw bad('toDate', '搬离日期不正确')
    const r = await endTenant(ctx, subject.id, Number(payload.tenantId), { toDate: payload.toDate })
    const t = r.tenants.find((x) => x.id === String(payload.tenantId))
    return { summary: `租客${t?.name ?? ''}已于 ${payload.toDate} 搬离` }
  },
})

/** 新租客: a resident of the register moved into the rental. */
export const rentalAddTenantUpdate = defineRegisterUpdate<{ residentId: string; fromDate: string }>({
  kind: 'rental.addTenant',
  title: '新租客入住',
  subjectTypes: ['rental'],
  fields: [
    { key: 'residentId', label: '租客（已登记的居民）', type: 'text', required: true },
    { key: 'fromDate', label: '入住日期', type: 'date', required: true },
  ],
  async apply(ctx, subject, payload) {
    if (!/^[1-9][0-9]{0,17}$/.test(String(payload.residentId))) throw bad('residentId', '请选择已登记的居民')
    if (!isDate(payload.fromDate)) throw bad('fromDate', '入住日期不正确')
    const r = await addTenant(ctx, subject.id, { residentId: String(payload.residentId), fromDate: payload.fromDate })
    const t = r.tenants.find((x) => x.residentId === String(payload.residentId) && x.current)
    return { summary: `新租客${t?.name ?? ''}于 ${payload.fromDate} 入住` }
  },
})

export const housingRegisterUpdates = [roomOccupancyUpdate, rentalEndTenantUpdate, rentalAddTenantUpdate] as const

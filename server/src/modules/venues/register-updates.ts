/**
 * What a visit (走访) may change in the venues register (core/register-updates.ts): the venue closed. Applied
 * through this module's own use case (authorize, checks, commit) inside the visit's transaction.
 */
import { defineRegisterUpdate } from '../../core/register-updates'
import { AppError } from '../../errors'
import { closeVenue, getVenue } from './service'

export const venueCloseUpdate = defineRegisterUpdate<{ date: string; note?: string }>({
  kind: 'venue.close',
  title: '单位场所已停业/注销',
  subjectTypes: ['venue'],
  fields: [
    { key: 'date', label: '停业日期', type: 'date', required: true },
    { key: 'note', label: '说明', type: 'text' },
  ],
  async apply(ctx, subject, payload) {
    if (typeof payload.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(payload.date)) {
      throw new AppError('VALIDATION_FAILED', '停业日期不正确', [{ field: 'date', message: '停业日期不正确' }])
    }
    const v = await getVenue(ctx, subject.id)
    await closeVenue(ctx, subject.id, { version: v.version, date: payload.date, ...(payload.note ? { note: String(payload.note).slice(0, 500) } : {}) })
    return { summary: `${v.name}已于 ${payload.date} 停业/注销` }
  },
})

export const venueRegisterUpdates = [venueCloseUpdate] as const

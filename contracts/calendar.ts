/** 工作日历: statutory holidays and 调休 make-up days (exceptions to Monday–Friday). */
import { Nullable, Obj, Str, Type, type Static } from './common'

export const CalendarDay = Type.Object({
  day: Type.String({ format: 'date' }),
  isWorkday: Type.Boolean(),
  name: Nullable(Type.String()),
  source: Type.String({ description: 'chinese-days（国务院办公厅通知）、admin（管理员调整）或 provisional（系统推算的暂定安排）' }),
})
export type CalendarDay = Static<typeof CalendarDay>

export const MIN_YEAR = 2000
export const MAX_YEAR = 2100

export const CalendarQuery = Obj({ year: Type.Integer({ minimum: MIN_YEAR, maximum: MAX_YEAR }) })
/**
 * A calendar day, in the same years as CalendarQuery. Without the range, a date the format accepts
 * but PostgreSQL does not (year 0000) reached the database and came back as a 500.
 */
export const DayParams = Obj({
  day: Type.String({ format: 'date', pattern: '^(?:20[0-9]{2}|2100)-', description: 'YYYY-MM-DD（2000–2100 年）' }),
})
export const SetDayBody = Obj({ isWorkday: Type.Boolean(), name: Type.Optional(Str(50)) })
export const CalendarResponse = Type.Object({
  year: Type.Integer(),
  workStart: Type.String({ description: '上班时间（北京时间）' }),
  workEnd: Type.String(),
  days: Type.Array(CalendarDay),
})

/** What a day is once its exception is removed. */
export const ClearedDay = Type.Object({ day: Type.String(), isWorkday: Type.Boolean() })

export const YearParams = Obj({ year: Type.Integer({ minimum: MIN_YEAR, maximum: MAX_YEAR }) })
/** A year's provisional schedule, accepted by the system administrator as the official one. */
export const ConfirmedYear = Type.Object({ year: Type.Integer(), confirmed: Type.Array(CalendarDay) })

/** The limits of DOMAIN §3.3 by colour, overridable per category, turned into due times. */
import type { CategoryLimits, Color, Limit, LimitKind } from '#contracts/appeals'
import { addLimit, type WorkCalendar } from '../../lib/working-time'

/** The same limit whatever the colour. */
const anyColour = (l: Limit): Record<Color, Limit> => ({ red: l, orange: l, yellow: l, blue: l })
const ONE_WORKING_DAY: Limit = { amount: 1, unit: 'workingDays' }

export const DEFAULT_LIMITS: Record<LimitKind, Record<Color, Limit>> = {
  response: {
    red: { amount: 30, unit: 'minutes' },
    orange: { amount: 2, unit: 'hours' },
    yellow: { amount: 1, unit: 'workingDays' },
    blue: { amount: 1, unit: 'workingDays' },
  },
  // 社区分单 and 街道审单: one working day whatever the colour (DOMAIN §3.3)
  dispatch: anyColour(ONE_WORKING_DAY),
  review: anyColour(ONE_WORKING_DAY),
  resolve: {
    red: { amount: 24, unit: 'hours' },
    orange: { amount: 3, unit: 'workingDays' },
    yellow: { amount: 5, unit: 'workingDays' },
    blue: { amount: 15, unit: 'workingDays' },
  },
  verify: anyColour(ONE_WORKING_DAY),
  reply: anyColour(ONE_WORKING_DAY),
}

/** Unrated appeals close this long after the reply. */
export const AUTO_CLOSE_LIMIT: Limit = { amount: 7, unit: 'days' }

export function limitFor(kind: LimitKind, color: Color, overrides: CategoryLimits | null | undefined): Limit {
  return overrides?.[kind] ?? DEFAULT_LIMITS[kind][color]
}

export function dueAt(
  cal: WorkCalendar,
  start: Date,
  kind: LimitKind,
  color: Color,
  overrides: CategoryLimits | null | undefined,
): Date {
  return addLimit(cal, start, limitFor(kind, color, overrides))
}

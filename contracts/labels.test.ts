import { describe, expect, it } from 'vitest'
import { ACTIONS, STATUSES } from './workflow'
import { ROLES } from './roles'
import { CHANNELS, CLOSE_REASONS, COLORS, RATINGS, RESOLUTION_LEVELS, ASSIGNEE_TYPES } from './appeals'
import * as L from './labels'

const keys = (o: object) => Object.keys(o).sort()

describe('labels', () => {
  it('name every value of every enum a person reads', () => {
    expect(keys(L.STATUS_NAMES)).toEqual([...STATUSES].sort())
    for (const a of ACTIONS) expect(L.TIMELINE_ACTION_NAMES[a]).toBeTruthy()
    expect(keys(L.ROLE_NAMES)).toEqual([...ROLES].sort())
    expect(keys(L.CHANNEL_NAMES)).toEqual([...CHANNELS].sort())
    expect(keys(L.COLOR_NAMES)).toEqual([...COLORS].sort())
    expect(keys(L.RATING_NAMES)).toEqual([...RATINGS].sort())
    expect(keys(L.CLOSE_REASON_NAMES)).toEqual([...CLOSE_REASONS].sort())
    expect(keys(L.RESOLUTION_LEVEL_NAMES)).toEqual([...RESOLUTION_LEVELS].sort())
    for (const t of ASSIGNEE_TYPES) expect(L.ASSIGNEE_TYPE_NAMES[t]).toBeTruthy()
  })
  it('fall back to the code, never a blank', () => {
    expect(L.labelOf(L.RATING_NAMES, 'satisfied')).toBe('满意')
    expect(L.labelOf(L.RATING_NAMES, 'someNewValue')).toBe('someNewValue')
    expect(L.labelOf(L.RATING_NAMES, null)).toBe('—')
  })
})

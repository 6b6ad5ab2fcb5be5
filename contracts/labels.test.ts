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

describe('audit labels', () => {
  it('name every audit action and object the server writes, and every appeal transition', async () => {
    const { execFileSync } = await import('node:child_process')
    const fs = await import('node:fs')
    const files = execFileSync('git', ['ls-files', 'server/src'], { encoding: 'utf8' })
      .split('\n')
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    const written = new Set<string>()
    for (const f of files) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/(action|entityType): (?:[a-z]+ \? )?'([a-zA-Z]+(?:\.[a-zA-Z]+)?)'(?: : '([a-zA-Z]+(?:\.[a-zA-Z]+)?)')?/g)) {
        for (const v of [m[2], m[3]]) if (v && (m[1] === 'entityType' || v.includes('.'))) written.add(m[1] === 'entityType' ? v : v)
      }
    }
    expect(written.size).toBeGreaterThan(30)
    const unnamed = [...written].filter((v) => (v.includes('.') ? L.auditActionName(v) === v : !L.AUDIT_ENTITY_NAMES[v]))
    expect(unnamed).toEqual([])
    for (const a of ACTIONS) expect(L.auditActionName(`appeal.${a}`)).not.toBe(`appeal.${a}`)
    expect(L.auditActionName('auth.loginFailed')).toBe('登录·登录失败')
    expect(L.auditActionName('something.new')).toBe('something.new')
  })
})

/** The committed rollup triggers are exactly what the counter definitions generate. */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR } from '../../db/client'
import { statsInsertTriggerSql, statsTriggerSql } from './counter-queries'

describe('counters and their triggers', () => {
  it('the newest migration defining the triggers holds the generated text (regenerate with scripts/stats-trigger-sql.ts)', () => {
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort()
    const file = files.filter((f) => fs.readFileSync(path.join(MIGRATIONS_DIR, f), 'utf8').includes('FUNCTION appeal_stats_track'))
      .at(-1)!
    const migration = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8')
    expect(migration).toContain(statsInsertTriggerSql())
    expect(migration).toContain(statsTriggerSql())
  })
})

/**
 * Each counter of DOMAIN §3.5, evaluated by the database on hand-made appeal rows whose figures are
 * worked out below: what counts as responded on time (at the limit counts), resolved (not when rejected
 * or merged), each overdue kind (超期未办结 and 超期办结 never both), cards, and resolution levels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/setup'
import { rowsOf } from '../../db/client'
import { COUNTED_COLUMNS, COUNTER_NAMES, figuresSelectSql, statsInsertTriggerSql, statsTriggerSql, sumSelectSql } from './counter-queries'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

const COLUMNS = 'status, accepted_at, response_due_at, resolved_at, close_reason, rating, response_overdue, resolve_overdue, resolved_late, dispatch_overdue, review_overdue, card, resolution_level'
const ts = (hhmm: string) => `'2026-11-23T${hhmm}:00+08:00'::timestamptz`
const NONE = 'NULL::timestamptz'
/*
 *      status        accepted  due    resolved  close      rating        resp.ovd resolve.ovd late  disp.ovd review.ovd card     level
 * R1   closed        09:10     10:00  11:00     satisfied  satisfied     f        f           f     f        f          –        grid
 * R2   closed        –         10:00  –         rejected   –             f        f           f     f        f          –        –
 * R3   closed        09:00     10:00  09:30     merged     –             f        f           f     f        f          –        community
 * R4   in_progress   10:30     10:00  –         –          –             t        t           f     t        f          red      –
 * R5   resolved      10:00     10:00  15:00     –          –             f        t           t     f        t          yellow   department
 * R6   reopened      09:00     10:00  12:00     –          unsatisfied   f        f           f     f        f          –        building
 * R7   closed        09:05     10:00  12:00     basic      basic         f        f           f     f        f          –        street
 * R8   closed        –         10:00  09:20     rejected   –             f        f           f     f        f          –        grid
 */
const ROWS = [
  `('closed', ${ts('09:10')}, ${ts('10:00')}, ${ts('11:00')}, 'satisfied', 'satisfied', false, false, false, false, false, NULL, 'grid')`,
  `('closed', ${NONE}, ${ts('10:00')}, ${NONE}, 'rejected', NULL, false, false, false, false, false, NULL, NULL)`,
  `('closed', ${ts('09:00')}, ${ts('10:00')}, ${ts('09:30')}, 'merged', NULL, false, false, false, false, false, NULL, 'community')`,
  `('in_progress', ${ts('10:30')}, ${ts('10:00')}, ${NONE}, NULL, NULL, true, true, false, true, false, 'red', NULL)`,
  `('resolved', ${ts('10:00')}, ${ts('10:00')}, ${ts('15:00')}, NULL, NULL, false, true, true, false, true, 'yellow', 'department')`,
  `('reopened', ${ts('09:00')}, ${ts('10:00')}, ${ts('12:00')}, NULL, 'unsatisfied', false, false, false, false, false, NULL, 'building')`,
  `('closed', ${ts('09:05')}, ${ts('10:00')}, ${ts('12:00')}, 'basic', 'basic', false, false, false, false, false, NULL, 'street')`,
  `('closed', ${NONE}, ${ts('10:00')}, ${ts('09:20')}, 'rejected', NULL, false, false, false, false, false, NULL, 'grid')`,
]

async function figuresOf(rows: string[]): Promise<Record<string, number>> {
  const res = await t.database.db.execute(
    sql.raw(`WITH a (${COLUMNS}) AS (VALUES ${rows.join(',\n')}) SELECT ${figuresSelectSql()} FROM a`),
  )
  return rowsOf<Record<string, number>>(res)[0]!
}

describe('the counters, counted by the database', () => {
  it('give the hand-worked figures of eight appeals', async () => {
    expect(await figuresOf(ROWS)).toEqual({
      received: 8,
      responded_on_time: 5, // R1 R3 R5 (accepted at the limit) R6 R7
      resolved: 4, // R1 R5 R6 R7 — not R3 (merged) nor R8 (rejected)
      closed: 5,
      rejected: 2,
      merged: 1,
      rated: 3,
      satisfied: 1,
      basic: 1,
      unsatisfied: 1,
      overdue_response: 1,
      overdue_resolve: 1, // R4; R5 finished late, so it is 超期办结 only
      resolved_late: 1,
      overdue_dispatch: 1, // R4 waited past its dispatch limit
      overdue_review: 1, // R5 waited past the street's review limit
      yellow: 2, // a red card is also a card
      red: 1,
      lvl_building: 1,
      lvl_grid: 1, // R1; R8 was rejected
      lvl_community: 0, // R3 was merged
      lvl_street: 1,
      lvl_department: 1,
    })
  })

  it('count each appeal on its own: one row at a time adds up to the whole', async () => {
    const one = await Promise.all(ROWS.map((r) => figuresOf([r])))
    const total = await figuresOf(ROWS)
    for (const name of COUNTER_NAMES) expect(one.reduce((n, f) => n + f[name]!, 0), name).toBe(total[name])
    expect(one.every((f) => f.received === 1)).toBe(true)
  })

  it('sum rollup rows counter by counter, and give zeros over no rows', async () => {
    const values = (k: number) => `(${COUNTER_NAMES.map((_, i) => (i + 1) * k).join(', ')})`
    const q = (where: string) =>
      sql.raw(`WITH d (${COUNTER_NAMES.join(', ')}) AS (VALUES ${values(1)}, ${values(10)}) SELECT ${sumSelectSql('d.')} FROM d ${where}`)
    const sums = rowsOf<Record<string, number>>(await t.database.db.execute(q('')))[0]!
    expect(Object.keys(sums)).toEqual(COUNTER_NAMES)
    COUNTER_NAMES.forEach((name, i) => expect(sums[name], name).toBe(11 * (i + 1)))
    const none = rowsOf<Record<string, number>>(await t.database.db.execute(q('WHERE false')))[0]!
    for (const name of COUNTER_NAMES) expect(none[name], name).toBe(0)
  })

  it('sum plain columns too, when no alias is given', async () => {
    const res = await t.database.db.execute(
      sql.raw(`SELECT ${sumSelectSql()} FROM (VALUES ${`(${COUNTER_NAMES.map(() => 2).join(', ')})`}) AS d (${COUNTER_NAMES.join(', ')})`),
    )
    const sums = rowsOf<Record<string, number>>(res)[0]!
    for (const name of COUNTER_NAMES) expect(sums[name], name).toBe(2)
  })

  it('generate the two trigger functions the migration installs', () => {
    expect(statsInsertTriggerSql()).toMatch(/^CREATE OR REPLACE FUNCTION appeal_stats_on_insert\(\) RETURNS trigger/)
    expect(statsTriggerSql()).toMatch(/^CREATE OR REPLACE FUNCTION appeal_stats_track\(\) RETURNS trigger/)
    for (const name of COUNTER_NAMES) {
      expect(statsInsertTriggerSql(), name).toContain(name)
      expect(statsTriggerSql(), name).toContain(`${name} <> 0`)
    }
  })

  it('read only the columns the triggers watch', () => {
    for (const col of COLUMNS.split(', ')) expect(COUNTED_COLUMNS, col).toContain(col)
    expect(COUNTED_COLUMNS).toHaveLength(COLUMNS.split(', ').length)
  })
})

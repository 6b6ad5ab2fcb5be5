/**
 * Grids are reference data read through a 60-second cache on the intake path. Retiring a grid on this
 * instance must take effect at once: a grid that has just taken appeals (so it sits in the cache) and
 * is then retired refuses the next appeal straight away, not a minute later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/setup'
import { act, submitAppeal } from '../../../test/appeal-helpers'
import type { Appeal } from '#contracts/appeals'
import type { Place } from '#contracts/places'
import { buildAdmin, buildCast, type AppealCast, type BuiltAccount } from '../../../test/factories'

let t: TestApp
/** A community with a grid, its resident and its community account; and the system administrator. */
let cast: AppealCast
let sysadmin: BuiltAccount
beforeAll(async () => {
  t = await createTestApp()
  cast = await buildCast(t)
  sysadmin = await buildAdmin(t, 'systemAdmin')
})
afterAll(async () => t?.close())

const walkIn = async (gridCode: string, title: string) =>
  t.request(await cast.community.login(), 'POST', '/api/v1/appeals', {
    categoryCode: 'sanitation.garbage',
    title,
    description: '路口垃圾堆放',
    gridCode,
    channel: 'walkIn',
  })

describe('retiring a grid', () => {
  it('refuses new appeals at once, even right after the grid took one', async () => {
    const created = await t.request(await sysadmin.login(), 'POST', `/api/v1/places/${cast.resident.grid.community.code}/grids`, { name: '临时网格' })
    expect(created.statusCode, created.body).toBe(201)
    const code = created.json<Place>().code

    // the new grid takes an appeal: it is now read (and cached) on the intake path
    const first = await walkIn(code, '新网格垃圾无人清运')
    expect(first.statusCode, first.body).toBe(201)
    // … which is then merged into an open appeal elsewhere, so the grid holds nothing open
    const original = await submitAppeal(t, await cast.resident.account.login(), { categoryCode: 'sanitation.garbage', title: '垃圾无人清运', description: '路口垃圾' })
    const merged = await act(t, await cast.community.login(), first.json<Appeal>(), 'merge', { duplicateOf: original.id })
    expect(merged).toMatchObject({ status: 'closed', closeReason: 'merged' })

    const retired = await t.request(await sysadmin.login(), 'POST', `/api/v1/grids/${code}/retire`, { reason: '网格调整' })
    expect(retired.statusCode, retired.body).toBe(200)

    const after = await walkIn(code, '撤销后的诉求')
    expect(after.statusCode, after.body).toBe(422)
    expect(after.json().code).toBe('GRID_RETIRED')
  })
})

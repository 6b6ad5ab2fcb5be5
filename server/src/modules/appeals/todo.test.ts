/**
 * The 待办 view is filtered by the database (queries.ts todoCondition, built from the workflow table's
 * to-do rows), not after the page: what it lists must be exactly what the workflow says the caller can
 * act on — the `allowedActions` every list item carries — and its first page must be full even when the
 * newest open appeals of the grid are someone else's to handle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Appeal } from '#contracts/appeals'
import { createTestApp, type TestApp } from '../../../test/setup'
import { buildAppeal, buildCast, buildStreetAccount, type AppealCast, type LoopStatus } from '../../../test/factories'
import { TODO_ACTIONS } from '../../permissions'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

const page = async (token: string, query: string) => {
  const res = await t.request(token, 'GET', `/api/v1/appeals?${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<{ items: Appeal[]; nextCursor: string | null }>()
}
const ids = (items: Appeal[]) => items.map((a) => a.id).sort()
const canActOn = (a: Appeal) => a.allowedActions.some((x) => TODO_ACTIONS.has(x as never))

describe('the to-do view', () => {
  let cast: AppealCast
  beforeAll(async () => {
    cast = await buildCast(t)
    const statuses: LoopStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'resolved', 'verified', 'replied', 'closed', 'reopened']
    for (const status of statuses) await buildAppeal(t, { cast, status })
    for (const status of ['assigned', 'in_progress', 'reopened'] as const) await buildAppeal(t, { cast, status, handler: 'property' })
  })

  it('lists exactly what each caller can act on, as the workflow decides it', async () => {
    const viewers = {
      gridWorker: await cast.gridWorker.login(),
      gridHead: await cast.gridHead.login(),
      community: await cast.community.login(),
      property: await cast.property.account.login(),
      street: (await buildStreetAccount(t)).token,
    }
    for (const [who, token] of Object.entries(viewers)) {
      const everything = await page(token, 'limit=100')
      const todo = await page(token, 'view=todo&limit=100')
      const expected = everything.items.filter(canActOn)
      expect(ids(todo.items), who).toEqual(ids(expected))
      expect(todo.items.every(canActOn), who).toBe(true)
      if (who !== 'street') expect(expected.length, `${who} has something to do`).toBeGreaterThan(0)
    }
  })

  it('fills its first page although the newest appeals of the grid are the property company’s to handle', async () => {
    const own = await buildCast(t)
    const mine: Appeal[] = []
    for (let i = 0; i < 2; i++) mine.push((await buildAppeal(t, { cast: own, status: 'submitted' })).appeal)
    // 22 newer appeals of the same grid, dispatched to the property company: the grid worker sees them, but has nothing to do on them
    for (let i = 0; i < 22; i++) await buildAppeal(t, { cast: own, status: 'assigned', handler: 'property' })
    const worker = await own.gridWorker.login()
    const first = await page(worker, 'view=todo&limit=20')
    expect(ids(first.items)).toEqual(ids(mine))
    expect(first.nextCursor).toBeNull()
    // and the property company's to-do holds all 22, newest first, in two pages
    const company = await own.property.account.login()
    const p1 = await page(company, 'view=todo&limit=20')
    expect(p1.items).toHaveLength(20)
    const p2 = await page(company, `view=todo&limit=20&cursor=${encodeURIComponent(p1.nextCursor!)}`)
    expect(p2.items).toHaveLength(2)
    expect(p2.nextCursor).toBeNull()
  })
})

/**
 * Every code a person reads comes with its Chinese name beside it (issue 9.6): the appeal's channel,
 * colour, rating, close reason, resolution level and card; who acted in the timeline, the platform
 * included; supervision records; notification kinds; a resident's gender; the public board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Appeal } from '#contracts/appeals'
import type { PublicAppeal } from '#contracts/public'
import { buildAppeal } from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'
import { sweepDeadlines } from '../../jobs/deadline-sweeper'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

describe('codes come with their Chinese names', () => {
  it('on a closed appeal, its timeline, the inbox and the public board', async () => {
    const { appeal, resident, community } = await buildAppeal(t, { status: 'closed' })
    const seen = (await t.request(await community.login(), 'GET', `/api/v1/appeals/${appeal.id}`)).json<Appeal>()
    expect(seen).toMatchObject({
      channel: 'h5',
      channelName: '群众点单',
      colorName: expect.stringMatching(/^[红橙黄蓝]$/),
      rating: 'satisfied',
      ratingName: '满意',
      closeReason: 'satisfied',
      closeReasonName: expect.any(String),
      resolutionLevelName: expect.any(String),
      card: null,
      cardName: null,
    })
    expect(seen.closeReasonName).not.toBe(seen.closeReason)
    const rated = seen.events!.find((e) => e.action === 'rate')!
    expect(rated.actor).toMatchObject({ role: 'resident', roleName: '居民' })
    const inbox = (await t.request(await resident.account.login(), 'GET', '/api/v1/notifications?limit=100')).json<{ items: { kind: string; kindName: string }[] }>()
    expect(inbox.items.find((n) => n.kind === 'replied')?.kindName).toBe('已答复')
    const board = (await t.request(null, 'GET', `/api/v1/public/appeals?place=${appeal.place.communityCode}`)).json<{ items: PublicAppeal[] }>()
    const shown = board.items.find((p) => p.number === appeal.number)!
    expect(shown).toMatchObject({ ratingName: '满意', closeReasonName: seen.closeReasonName, resolutionLevelName: seen.resolutionLevelName })
  })

  it("on the platform's own steps: a card names 系统 and the supervision its reason, level and target", async () => {
    t.clock.set('2026-11-23T09:30:00+08:00')
    const { appeal, community } = await buildAppeal(t, { status: 'submitted' })
    t.clock.set('2026-11-26T10:00:00+08:00')
    await sweepDeadlines(t.deps)
    await t.deps.outbox.idle()
    const seen = (await t.request(await community.login(), 'GET', `/api/v1/appeals/${appeal.id}`)).json<Appeal>()
    const card = seen.events!.find((e) => e.action === 'redCard')!
    expect(card).toMatchObject({ actionName: '红牌', actor: { role: 'system', roleName: '系统' } })
    expect(seen).toMatchObject({ card: 'red', cardName: '红牌' })
    expect(seen.supervisions![0]).toMatchObject({ reasonName: '红牌督办', stepName: '受理', statusName: '待回复' })
    expect(seen.supervisions![0]!.levelName).toMatch(/督办$/)
    expect(seen.supervisions![0]!.targetName).not.toBe(seen.supervisions![0]!.target)
  })
})

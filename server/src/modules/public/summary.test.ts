/**
 * 晒单 shows what was asked and what was done: when the community replies it sets a one-line public
 * summary, prefilled by the server with names, phones, ID and room numbers removed and editable; the board
 * shows the category, that summary and its figures — and nothing personal, whatever the community typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Appeal } from '#contracts/appeals'
import type { PublicAppeal } from '#contracts/public'
import { buildAppeal, buildCast } from '../../../test/factories'
import { createTestApp, TEST_START, type TestApp } from '../../../test/setup'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

async function act(token: string, a: Appeal, action: string, fields: Record<string, unknown> = {}) {
  const res = await t.request(token, 'POST', `/api/v1/appeals/${a.id}/actions`, { action, version: a.version, ...fields })
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
  return res.json<Appeal>()
}
const board = async (place: string) =>
  (await t.request(null, 'GET', `/api/v1/public/appeals?place=${place}&limit=100`)).json<{ items: PublicAppeal[] }>().items

describe('the public summary of an appeal', () => {
  it('is suggested to the community scrubbed of the contact, phones, ID and room numbers, and shown on the board', async () => {
    t.clock.set(TEST_START)
    const cast = await buildCast(t)
    const body = {
      title: `${cast.resident.name}家1栋2单元301水管爆裂`,
      description: '联系电话13812345678，身份证520423198001019913',
      contactName: cast.resident.name,
      contactPhone: '13812345678',
    }
    let { appeal } = await buildAppeal(t, { status: 'verified', cast, body })
    appeal = (await t.request(cast.community.token, 'GET', `/api/v1/appeals/${appeal.id}`)).json<Appeal>()
    expect(appeal.suggestedPublicSummary).toBe('居民家某户水管爆裂。处理结果：已联系维保单位修复')
    // the resident does not get the suggestion (they cannot reply)
    const mine = (await t.request(cast.resident.account.token, 'GET', `/api/v1/appeals/${appeal.id}`)).json<Appeal>()
    expect(mine.suggestedPublicSummary).toBeUndefined()

    // the community edits it — and slips in a phone number and the name: both are removed on saving
    appeal = await act(cast.community.token, appeal, 'reply', {
      message: '已更换爆裂水管',
      publicSummary: `${cast.resident.name}（13812345678）家水管爆裂，物业当天更换水管`,
    })
    expect(appeal.publicSummary).toBe('居民（***）家水管爆裂，物业当天更换水管')
    await act(cast.resident.account.token, appeal, 'rate', { rating: 'satisfied' })

    const items = await board(cast.resident.grid.community.code)
    expect(items).toHaveLength(1)
    const shown = items[0]!
    expect(shown.summary).toBe('居民（***）家水管爆裂，物业当天更换水管')
    expect(shown.category.code).toBe('elevator.fault')
    const text = JSON.stringify(shown)
    for (const secret of [cast.resident.name, '13812345678', '520423198001019913', '301']) expect(text).not.toContain(secret)
  })

  it('without a line from the community, the suggestion is what the board shows', async () => {
    t.clock.set(TEST_START)
    const cast = await buildCast(t)
    let { appeal } = await buildAppeal(t, { status: 'verified', cast, body: { title: '楼道灯不亮，王大爷摔了一跤' } })
    appeal = await act(cast.community.token, appeal, 'reply', { message: '已修好' })
    expect(appeal.publicSummary).toBe('楼道灯不亮，居民摔了一跤。处理结果：已联系维保单位修复')
    await act(cast.resident.account.token, appeal, 'rate', { rating: 'basic' })
    expect((await board(cast.resident.grid.community.code))[0]!.summary).toBe('楼道灯不亮，居民摔了一跤。处理结果：已联系维保单位修复')
  })
})

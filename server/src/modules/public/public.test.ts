/**
 * 晒单, the public board: closed appeals that were handled (satisfied · basic · unrated · explained),
 * newest first, to anyone without logging in — and nothing personal: no names, phones, ID numbers,
 * addresses or free text, only the number, category, community and grid, dates, hours to close,
 * resolution level, rating and close reason. Filtered by any place code; keyset-paged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/setup'
import { act, submitAppeal, uploadPhoto } from '../../../test/appeal-helpers'
import {
  buildAppeal,
  buildCast,
  buildGrid,
  buildGridWorker,
  buildPartyMember,
  buildPlaceAccount,
  buildResident,
  buildStreetAccount,
  FACTORY_COUNTY,
  FACTORY_STREET,
  type AppealCast,
  type BuiltAccount,
  type LoopStatus,
} from '../../../test/factories'
import { rowsOf } from '../../db/client'
import { sweepDeadlines } from '../../jobs/deadline-sweeper'
import type { Appeal } from '#contracts/appeals'
import type { PublicAppeal } from '#contracts/public'

type Who = 'resident' | 'worker' | 'community' | 'property' | 'worker2' | 'otherResident' | 'otherWorker' | 'otherCommunity' | 'street'
let t: TestApp
/** Two grids of a community (the first in small: resident, worker, head, community, the compound's property company) … */
let cast: AppealCast
let grid2Code: string
/** … and another community's grid, with their people and the street's. */
let otherGridCode: string
let otherCommunityCode: string
let otherCommunityName: string
let people: Record<Who, BuiltAccount>
beforeAll(async () => {
  t = await createTestApp()
  cast = await buildCast(t)
  const grid2 = await buildGrid(t, { community: cast.resident.grid.community })
  grid2Code = grid2.code
  const elsewhere = await buildResident(t)
  otherGridCode = elsewhere.grid.code
  otherCommunityCode = elsewhere.grid.community.code
  otherCommunityName = elsewhere.grid.community.name
  people = {
    resident: cast.resident.account,
    worker: cast.gridWorker,
    community: cast.community,
    property: cast.property.account,
    worker2: await buildGridWorker(t, grid2),
    otherResident: elsewhere.account,
    otherWorker: await buildGridWorker(t, elsewhere.grid),
    otherCommunity: await buildPlaceAccount(t, elsewhere.grid.community, 'community'),
    street: await buildStreetAccount(t),
  }
  await buildBoard()
}, 120_000)
afterAll(async () => t?.close())

/** A fresh session (the clock moves by days here; sessions end after 10 idle minutes). */
const as = (who: Who) => people[who].login()
/** An appeal of the cast's resident, dispatched to the compound's property company, brought to `status`. */
const appealIn = async (status: LoopStatus, app: TestApp = t, of: AppealCast = cast) =>
  (await buildAppeal(app, { status, cast: of, handler: 'property' })).appeal

interface Board {
  items: PublicAppeal[]
  nextCursor: string | null
  total?: number
}

async function board(query = 'limit=100', headers?: Record<string, string>, app: TestApp = t): Promise<Board> {
  const res = await app.request(null, 'GET', `/api/v1/public/appeals?${query}`, undefined, headers)
  expect(res.statusCode, res.body).toBe(200)
  return res.json<Board>()
}

/** The whole board (or a place's), following the cursor. */
async function everything(place?: string, limit = 100, app: TestApp = t): Promise<PublicAppeal[]> {
  const out: PublicAppeal[] = []
  let cursor: string | null = null
  do {
    const page: Board = await board(`limit=${limit}${place ? `&place=${place}` : ''}${cursor ? `&cursor=${cursor}` : ''}`, undefined, app)
    expect(page.items.length).toBeLessThanOrEqual(limit)
    out.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return out
}

const numbers = (items: PublicAppeal[]) => items.map((i) => i.number)

// The personal details written into the appeal that must never reach the board.
const NAME = '张三'
const PHONE = '13812345678'
const ID_NUMBER = '520423199001011234'
const ADDRESS = '龙城印象3栋2单元502'
const SECRETS = [
  NAME,
  PHONE,
  '138****5678',
  '1381234',
  ID_NUMBER,
  '5204231990',
  '19900101',
  ADDRESS,
  '3栋2单元',
  '2单元502',
  '李四',
  '13987654321',
  '感谢您的反映',
  '师傅很负责',
]

/** Raised by the built resident, handled by the property company, rated satisfied. */
const closed: Record<string, Appeal> = {}

/** What the board was built from (beforeAll), for the tests to check against. */
const built: { rejected?: Appeal; merged?: Appeal; open?: Appeal[]; reopened?: Appeal; unrated?: Appeal } = {}

/** The closed appeal full of personal details, then the other kinds of closure and what must not show. */
async function buildBoard(): Promise<void> {
  {
    // Raised at 00:30 on a Tuesday in Shanghai (16:30 UTC on Monday) …
    t.clock.set('2026-11-24T00:30:00+08:00')
    let a = await submitAppeal(t, await as('resident'), {
      categoryCode: 'elevator.fault',
      title: `${ADDRESS} ${NAME} ${PHONE}`,
      description: `我是${NAME}，身份证${ID_NUMBER}，住${ADDRESS}，电话${PHONE}，电梯坏了三天。邻居李四（13987654321）也反映过。`,
      address: `${ADDRESS}室`,
      contactName: NAME,
      contactPhone: PHONE,
      people: [{ name: '李四', phone: '13987654321', relation: '邻居' }],
    })
    t.clock.set('2026-11-24T09:00:00+08:00')
    a = await act(t, await as('worker'), a, 'accept', { comment: `已电话联系${NAME}` })
    const community = await as('community')
    const cands = (await t.request(community, 'GET', `/api/v1/appeals/${a.id}/candidates?action=dispatch`)).json<{ id: string; type: string }[]>()
    a = await act(t, community, a, 'dispatch', { assigneeType: 'property', assigneeId: cands.find((c) => c.type === 'property')!.id })
    const wy = await as('property')
    a = await act(t, wy, a, 'claim')
    a = await act(t, wy, a, 'resolve', { result: `已为${ADDRESS}${NAME}家更换电梯控制板` })
    a = await act(t, await as('worker'), a, 'verify', { note: `${NAME}确认电梯恢复` })
    a = await act(t, await as('community'), a, 'reply', { message: `${NAME}您好，感谢您的反映，电梯已修复` })
    // … closed at 00:30 on Thursday, 48 hours later (16:30 UTC on Wednesday)
    t.clock.set('2026-11-26T00:30:00+08:00')
    a = await act(t, await as('resident'), a, 'rate', { rating: 'satisfied', comment: `${NAME}：师傅很负责` })
    expect(a).toMatchObject({ status: 'closed', closeReason: 'satisfied' })
    closed.pii = a
  }
  await buildClosures()
}

/** The other community rated 基本满意, grid 2 followed up by phone, an unrated auto-close, a 结案说明 — and a rejected, a merged and open ones. */
async function buildClosures(): Promise<void> {
  t.clock.set('2026-11-26T09:30:00+08:00')
  // the other community: a grid worker fixes it on the spot, the resident rates it 基本满意
  let yp = await submitAppeal(t, await as('otherResident'), { categoryCode: 'utility.power', title: '楼道灯不亮', description: '三楼楼道灯坏了' })
  const ypw = await as('otherWorker')
  yp = await act(t, ypw, yp, 'resolveOnSpot', { result: '已更换灯泡', photoIds: [await uploadPhoto(t, ypw)] })
  yp = await act(t, await as('otherCommunity'), yp, 'reply', { message: '已修好' })
  t.clock.advanceMinutes(90)
  yp = await act(t, await as('otherResident'), yp, 'rate', { rating: 'basic' })
  expect(yp.closeReason).toBe('basic')
  closed.yanpeng = yp

  // grid 2: a patrol report, fixed on the spot, followed up by phone
  t.clock.advanceMinutes(10)
  const gw2 = await as('worker2')
  let g2 = await submitAppeal(t, gw2, { categoryCode: 'sanitation.garbage', title: '垃圾桶满了', description: '两天未清运' })
  g2 = await act(t, gw2, g2, 'resolveOnSpot', { result: '已清运', photoIds: [await uploadPhoto(t, gw2)] })
  g2 = await act(t, await as('community'), g2, 'reply', { message: '已清运' })
  g2 = await act(t, await as('community'), g2, 'rateOnBehalf', { rating: 'satisfied', via: 'phone', comment: `电话回访${NAME}` })
  expect(g2.closeReason).toBe('satisfied')
  closed.grid2 = g2

  // replied and never rated: closed as unrated by the sweeper 7 days later
  t.clock.advanceMinutes(10)
  const unrated = await appealIn('replied')
  // a reopened one with a second unsatisfied rating, closed by the street with an explanation
  let explained = await appealIn('reopened')
  const wy = await as('property')
  explained = await act(t, wy, explained, 'claim')
  explained = await act(t, wy, explained, 'resolve', { result: '再次维修' })
  explained = await act(t, await as('worker'), explained, 'verify')
  explained = await act(t, await as('community'), explained, 'reply', { message: '已再次维修' })
  explained = await act(t, await as('resident'), explained, 'rate', { rating: 'unsatisfied' })
  expect(explained.status).toBe('reopened')
  t.clock.advanceMinutes(5)
  explained = await act(t, await as('street'), explained, 'closeWithExplanation', { explanation: `已向${NAME}当面说明（${PHONE}）` })
  expect(explained.closeReason).toBe('explained')
  closed.explained = explained

  // what must not appear
  const gw = await as('worker')
  const rejected = await act(t, gw, await submitAppeal(t, await as('resident'), { title: '不属于受理范围' }), 'reject', { reason: '不属于受理范围' })
  const target = await submitAppeal(t, await as('resident'), { title: '电梯坏了' })
  const merged = await act(t, gw, await submitAppeal(t, await as('resident'), { title: '电梯坏了（重复）' }), 'merge', { duplicateOf: target.id })
  expect(rejected.closeReason).toBe('rejected')
  expect(merged.closeReason).toBe('merged')
  const open = [target, ...(await Promise.all((['accepted', 'in_progress', 'resolved', 'verified'] as const).map((s) => appealIn(s))))]
  const reopened = await appealIn('reopened')

  t.clock.advanceMinutes(7 * 24 * 60 + 5)
  await sweepDeadlines(t.deps)
  const autoClosed = await t.request(await as('community'), 'GET', `/api/v1/appeals/${unrated.id}`)
  expect(autoClosed.json()).toMatchObject({ status: 'closed', closeReason: 'unrated' })
  Object.assign(built, { rejected, merged, open, reopened, unrated })
}

describe('what the board shows', () => {
  it('a closed appeal full of personal details appears with none of them', async () => {
    const a = closed.pii!
    const res = await t.request(null, 'GET', '/api/v1/public/appeals?limit=100')
    expect(res.statusCode).toBe(200)
    for (const secret of SECRETS) expect(res.body, secret).not.toContain(secret)
    // nor the appeal's internal id, the handler, the resident's account, or their name
    const resident = rowsOf<{ display_name: string }>(
      await t.database.db.execute(sql`SELECT display_name FROM user_account WHERE username = ${people.resident.username}`),
    )[0]!.display_name
    expect(res.body).not.toContain(resident)
    expect(res.body).not.toContain('物业')

    const item = res.json<Board>().items.find((i) => i.number === a.number)!
    // what was asked and what was done, in one line the server wrote at the reply: the work shows, the people do not
    expect(item.summary).toContain('电梯控制板')
    for (const secret of SECRETS) expect(item.summary, secret).not.toContain(secret)
    expect(item).toEqual({
      number: a.number,
      category: { code: 'elevator.fault', name: expect.any(String) },
      summary: expect.any(String),
      place: {
        communityName: cast.resident.grid.community.name,
        gridName: expect.any(String),
        streetCode: FACTORY_STREET,
        communityCode: cast.resident.grid.community.code,
      },
      receivedOn: '2026-11-24',
      closedOn: '2026-11-26',
      hoursToClose: 48,
      resolutionLevel: 'community',
      resolutionLevelName: '社区',
      rating: 'satisfied',
      ratingName: '满意',
      closeReason: 'satisfied',
      closeReasonName: '满意结案',
    })
    expect(Object.keys(item).sort()).toEqual(
      [
        'category',
        'closeReason',
        'closeReasonName',
        'closedOn',
        'hoursToClose',
        'number',
        'place',
        'rating',
        'ratingName',
        'receivedOn',
        'resolutionLevel',
        'resolutionLevelName',
        'summary',
      ].sort(),
    )
    expect(item.place.gridName).not.toMatch(/[0-9]{3,}/)
  })

  it('shows basic, unrated and explained closures; not rejected, merged or open appeals', async () => {
    const { rejected, merged, open, reopened, unrated } = built as Required<typeof built>
    const all = await everything()
    const shown = new Map(all.map((i) => [i.number, i]))
    expect(shown.get(closed.yanpeng!.number)).toMatchObject({ closeReason: 'basic', rating: 'basic', resolutionLevel: 'grid', place: { communityName: otherCommunityName, communityCode: otherCommunityCode } })
    expect(shown.get(closed.grid2!.number)).toMatchObject({ closeReason: 'satisfied', rating: 'satisfied', resolutionLevel: 'grid' })
    expect(shown.get(unrated.number)).toMatchObject({ closeReason: 'unrated', rating: null })
    expect(shown.get(closed.explained!.number)).toMatchObject({ closeReason: 'explained', rating: 'unsatisfied' })
    expect(shown.has(closed.pii!.number)).toBe(true)
    for (const hidden of [rejected, merged, ...open, reopened]) expect(shown.has(hidden.number), `${hidden.number} ${hidden.status}`).toBe(false)
    expect(all).toHaveLength(5)
    // newest first
    const closedOrder = [closed.pii!, closed.yanpeng!, closed.grid2!, closed.explained!].map((a) => a.number)
    expect(numbers(all)).toEqual([unrated.number, ...closedOrder.reverse()])

    const body = JSON.stringify(all)
    for (const secret of SECRETS) expect(body, secret).not.toContain(secret)
    expect(body).not.toContain('当面说明')
  })
})

describe('place filter and paging', () => {
  it('filters by county, street, community and grid', async () => {
    const all = numbers(await everything())
    expect(numbers(await everything(FACTORY_COUNTY))).toEqual(all)
    expect(numbers(await everything(FACTORY_STREET))).toEqual(all)
    expect(numbers(await everything('520423003'))).toEqual([])
    const yanpeng = numbers(await everything(otherCommunityCode))
    expect(yanpeng).toEqual([closed.yanpeng!.number])
    expect(numbers(await everything(otherGridCode))).toEqual([closed.yanpeng!.number])
    const beijie = numbers(await everything(cast.resident.grid.community.code))
    expect(beijie).toEqual(all.filter((n) => n !== closed.yanpeng!.number))
    expect(numbers(await everything(grid2Code))).toEqual([closed.grid2!.number])
    const g1 = numbers(await everything(cast.resident.grid.code))
    expect(g1).toHaveLength(3)
    expect(g1).toContain(closed.pii!.number)
    expect(g1).not.toContain(closed.grid2!.number)
    for (const i of await everything(cast.resident.grid.community.code)) expect(i.place.communityCode).toBe(cast.resident.grid.community.code)
    // another county's code: nothing, not an error
    expect(await everything('520402')).toEqual([])
  })

  it('pages newest first with no gap and no repeat, for every page size', async () => {
    const all = numbers(await everything())
    for (const limit of [1, 2, 3, 4, 5]) {
      expect(numbers(await everything(undefined, limit)), `limit ${limit}`).toEqual(all)
      expect(numbers(await everything(cast.resident.grid.community.code, limit))).toEqual(all.filter((n) => n !== closed.yanpeng!.number))
    }
    const first = await board('limit=2')
    expect(first.items).toHaveLength(2)
    expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/)
    const last = await board('limit=5')
    expect(last.nextCursor).toBeNull()
  })

  it('gives the total only when asked, for the board or a place', async () => {
    expect((await board('limit=1')).total).toBeUndefined()
    const all = await everything()
    expect((await board('limit=1&withTotal=true')).total).toBe(all.length)
    expect((await board(`limit=1&withTotal=true&place=${otherCommunityCode}`)).total).toBe(1)
    expect((await board(`withTotal=true&place=${grid2Code}`)).total).toBe(1)
  })

  it('appeals closed at the same instant page in a stable order', async () => {
    // on a board of its own: three closed at exactly the same moment (auto-closed together by one sweep)
    const t2 = await createTestApp()
    try {
      const cast2 = await buildCast(t2)
      const made = [await appealIn('replied', t2, cast2), await appealIn('replied', t2, cast2), await appealIn('replied', t2, cast2)]
      t2.clock.advanceMinutes(7 * 24 * 60 + 5)
      await sweepDeadlines(t2.deps)
      const full = numbers(await everything(undefined, 100, t2))
      expect([...full].sort()).toEqual(made.map((a) => a.number).sort())
      for (const limit of [1, 2, 3]) expect(numbers(await everything(undefined, limit, t2)), `limit ${limit}`).toEqual(full)
    } finally {
      await t2.close()
    }
  })
})

describe('anyone may read it, and only read it', () => {
  it('needs no login, and a stale or bogus token does not get in the way', async () => {
    const plain = await t.request(null, 'GET', '/api/v1/public/appeals')
    expect(plain.statusCode).toBe(200)
    expect(plain.json<Board>().items.length).toBeGreaterThan(0)
    const bogus = await t.request('not-a-real-token', 'GET', '/api/v1/public/appeals')
    expect(bogus.statusCode).toBe(200)
    const withSession = await t.request(await as('resident'), 'GET', '/api/v1/public/appeals')
    expect(withSession.statusCode).toBe(200)
    expect(withSession.json()).toEqual(plain.json())
    // writing is not a thing here
    expect((await t.request(null, 'POST', '/api/v1/public/appeals', {})).statusCode).toBe(404)
  })

  it.each(['place=12345', 'place=5204230020130011', 'place=abc', 'limit=0', 'limit=101', 'cursor=***', 'cursor=eyJ4IjoxfQ', 'title=x'])(
    'GET /public/appeals?%s is 400',
    async (qs) => {
      const res = await t.request(null, 'GET', `/api/v1/public/appeals?${qs}`)
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json().code).toMatch(/^[A-Z_]+$/)
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/)
    },
  )

  it('the board does not reveal appeals that are still open, even to a place filter of their grid', async () => {
    const a = await appealIn('in_progress')
    const resolved = await act(t, await as('property'), a, 'resolve', { result: `${NAME}家已修` })
    expect(resolved.status).toBe('resolved')
    expect(numbers(await everything(cast.resident.grid.code))).not.toContain(a.number)
  })
})

describe('categories that could identify a household', () => {
  it('never appear on the board, even when closed satisfied', async () => {
    const t2 = await createTestApp()
    try {
      const { resident, gridWorker, community } = await buildCast(t2)
      const member = (await buildPartyMember(t2, resident.grid.community)).account
      let a = await submitAppeal(t2, resident.account.token, { categoryCode: 'care.alone', title: '独居老人需要看望', description: '腿脚不便' })
      a = await act(t2, gridWorker.token, a, 'accept')
      a = await act(t2, community.token, a, 'dispatch', { assigneeType: 'partyMember', assigneeId: 'pool' })
      a = await act(t2, member.token, a, 'claim')
      a = await act(t2, member.token, a, 'resolve', { result: '已上门' })
      a = await act(t2, gridWorker.token, a, 'verify')
      a = await act(t2, community.token, a, 'reply', { message: '已安排党员定期看望' })
      a = await act(t2, resident.account.token, a, 'rate', { rating: 'satisfied' })
      expect(a.status).toBe('closed')
      const board = await t2.request(null, 'GET', '/api/v1/public/appeals?limit=100&withTotal=true')
      expect(board.statusCode).toBe(200)
      expect(board.body).not.toContain(a.number)
      expect(board.json<{ total: number }>().total).toBe(0)
    } finally {
      await t2.close()
    }
  })
})

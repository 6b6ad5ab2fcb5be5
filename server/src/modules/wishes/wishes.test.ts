/**
 * 微心愿 through the HTTP API: the community publishes a resident's wish; party members of the community
 * claim it (several at once: the first wins, the rest get 409, nothing else written); a claim can be
 * given up; only the claimant fulfils it, with photos; the resident's rating closes it (or the
 * community's on their behalf); the public wall shows 王**, the category and the grid — never the full
 * name or the address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import type { PublicWish, Wish } from '#contracts/wishes'
import { rowsOf } from '../../db/client'
import { uploadPhoto } from '../../../test/appeal-helpers'
import {
  buildCommunity,
  buildGrid,
  buildPartyMember,
  buildPlaceAccount,
  buildRegisteredUnit,
  buildResident,
  buildUnitAccount,
  buildWish,
  type BuiltAccount,
  type BuiltPlace,
} from '../../../test/factories'
import { createTestApp, type TestApp } from '../../../test/setup'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => t?.close())

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [r] = rowsOf<{ n: number }>(await t.database.db.execute(query))
  return Number(r!.n)
}
const footprint = async () => ({
  wishes: await count(sql`SELECT count(*) AS n FROM wish`),
  events: await count(sql`SELECT count(*) AS n FROM workflow_event WHERE entity_type = 'wish'`),
  audit: await count(sql`SELECT count(*) AS n FROM audit_log WHERE entity_type = 'wish'`),
})

const act = (token: string, w: Pick<Wish, 'id' | 'version'>, action: string, fields: Record<string, unknown> = {}) =>
  t.request(token, 'POST', `/api/v1/wishes/${w.id}/actions`, { action, version: w.version, ...fields })
async function acted(token: string, w: Pick<Wish, 'id' | 'version'>, action: string, fields: Record<string, unknown> = {}) {
  const res = await act(token, w, action, fields)
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
  return res.json<Wish>()
}

/** A community with its account, a grid, and two party members of it. */
async function setting(): Promise<{ place: BuiltPlace; community: BuiltAccount; members: BuiltAccount[] }> {
  const grid = await buildGrid(t)
  const place = grid.community
  return {
    place,
    community: await buildPlaceAccount(t, place, 'community'),
    members: [(await buildPartyMember(t, place)).account, (await buildPartyMember(t, place)).account],
  }
}

describe('a wish from publication to thanks', () => {
  it('published for a resident, claimed, fulfilled with a photo by the claimant only, closed by the resident\'s rating', async () => {
    const resident = await buildResident(t)
    const place = resident.grid.community
    const community = await buildPlaceAccount(t, place, 'community')
    const [m1, m2] = [(await buildPartyMember(t, place)).account, (await buildPartyMember(t, place)).account]
    const res = await t.request(community.token, 'POST', '/api/v1/wishes', { title: '想要一副老花镜', category: 'goods', group: 'elderly', residentId: String(resident.id) })
    expect(res.statusCode, res.body).toBe(201)
    let w = res.json<Wish>()
    expect(w).toMatchObject({ status: 'published', statusName: '待认领', beneficiary: { name: resident.name, masked: false }, grid: { code: resident.grid.code }, allowedActions: ['cancel'] })

    // a member of the community sees it masked and may claim it
    const seen = (await t.request(m1.token, 'GET', `/api/v1/wishes/${w.id}`)).json<Wish>()
    expect(seen.beneficiary).toEqual({ name: `${[...resident.name][0]}${'*'.repeat([...resident.name].length - 1)}`, masked: true })
    expect(seen.allowedActions).toEqual(['claim'])

    w = await acted(m1.token, w, 'claim')
    expect(w).toMatchObject({ status: 'claimed', claimant: { name: m1.displayName }, beneficiary: { name: resident.name, masked: false }, allowedActions: ['release', 'fulfil'] })

    // only the claimant fulfils it
    const photo2 = await uploadPhoto(t, m2.token)
    const notMine = await act(m2.token, w, 'fulfil', { photoIds: [photo2] })
    expect(notMine.statusCode).toBe(403)
    expect(notMine.json()).toEqual({ code: 'FORBIDDEN_ACTION', message: '只有认领人可以完成心愿' })
    // with the claimant's own photos, at least one
    expect((await act(m1.token, w, 'fulfil', {})).statusCode).toBe(400)
    expect((await act(m1.token, w, 'fulfil', { photoIds: [photo2] })).json().code).toBe('UNKNOWN_FILE')
    const photo = await uploadPhoto(t, m1.token)
    w = await acted(m1.token, w, 'fulfil', { photoIds: [photo], note: '已送到老人家中' })
    expect(w).toMatchObject({ status: 'fulfilled', statusName: '已实现', photoIds: [photo], fulfilNote: '已送到老人家中', allowedActions: [] })
    // the community and the resident see the photo through the wish
    expect((await t.request(community.token, 'GET', `/api/v1/files/${photo}`)).statusCode).toBe(200)

    // the resident thanks and rates: closed
    const mine = (await t.request(resident.account.token, 'GET', '/api/v1/wishes')).json<{ items: Wish[] }>()
    expect(mine.items.map((x) => [x.id, x.allowedActions])).toEqual([[w.id, ['thank']]])
    expect((await act(resident.account.token, w, 'thank', { rating: 6 })).statusCode).toBe(400)
    w = await acted(resident.account.token, w, 'thank', { rating: 5, message: '谢谢党员同志' })
    expect(w).toMatchObject({ status: 'closed', statusName: '已答谢', rating: 5, thanks: '谢谢党员同志' })
    expect(w.events!.map((e) => [e.action, e.actor.role])).toEqual([
      ['publish', 'community'],
      ['claim', 'partyMember'],
      ['fulfil', 'partyMember'],
      ['thank', 'resident'],
    ])
    const inbox = (await t.request(m1.token, 'GET', '/api/v1/notifications?limit=100')).json<{ items: { kind: string; title: string }[] }>()
    expect(inbox.items.filter((x) => x.kind === 'wish').map((x) => x.title)).toEqual(['心愿人答谢：想要一副老花镜'])
  })

  it('a claim can be given up before fulfilment; the community thanks on behalf of a wisher without an account', async () => {
    const { community, members } = await setting()
    let w = (await buildWish(t, community)) as Wish
    w = await acted(members[0]!.token, w, 'claim')
    w = await acted(members[0]!.token, w, 'release', { reason: '临时出差' })
    expect(w).toMatchObject({ status: 'published', claimant: null })
    w = await acted(members[1]!.token, w, 'claim')
    w = await acted(members[1]!.token, w, 'fulfil', { photoIds: [await uploadPhoto(t, members[1]!.token)] })
    expect((await act(members[1]!.token, w, 'release')).statusCode).toBe(422)
    w = await acted(community.token, w, 'thank', { rating: 4 })
    expect(w.status).toBe('closed')
    expect(w.events!.at(-1)!.fields).toEqual({ rating: 4, onBehalf: true })
  })
})

describe('claiming a wish (认领)', () => {
  it('three members claim at once: exactly one wins, the others get 409 in Chinese, and nothing else is written', async () => {
    const { place, community, members } = await setting()
    const third = (await buildPartyMember(t, place)).account
    const w = await buildWish(t, community)
    const before = await footprint()
    const results = await Promise.all([...members, third].map((m) => act(m.token, w, 'claim')))
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409])
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json()).toEqual({ code: 'WISH_ALREADY_CLAIMED', message: '该心愿已被其他党员或单位认领' })
    expect(await footprint()).toEqual({ ...before, events: before.events + 1, audit: before.audit + 1 })
    const final = (await t.request(community.token, 'GET', `/api/v1/wishes/${w.id}`)).json<Wish>()
    expect(final).toMatchObject({ status: 'claimed', version: 2, claimant: results.find((r) => r.statusCode === 200)!.json<Wish>().claimant })
  })

  it('a member of another community cannot see or claim it; a resident cannot publish one', async () => {
    const { community } = await setting()
    const w = await buildWish(t, community)
    const stranger = (await buildPartyMember(t, await buildCommunity(t))).account
    expect((await act(stranger.token, w, 'claim')).statusCode).toBe(404)
    const resident = await buildResident(t)
    expect((await t.request(resident.account.token, 'POST', '/api/v1/wishes', { title: '想要书包', category: 'goods', group: 'children', beneficiaryName: '张小明' })).statusCode).toBe(403)
  })

  it('bad input is a 400 with a Chinese message, and nothing is written', async () => {
    const { community } = await setting()
    const before = await footprint()
    const noName = await t.request(community.token, 'POST', '/api/v1/wishes', { title: '想要书包', category: 'goods', group: 'children' })
    expect(noName.statusCode).toBe(400)
    expect(noName.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: '请填写心愿人姓名，或选择居民档案' })
    const badGroup = await t.request(community.token, 'POST', '/api/v1/wishes', { title: '想要书包', category: 'goods', group: 'pets', beneficiaryName: '张小明' })
    expect(badGroup.statusCode).toBe(400)
    expect(badGroup.json().message).toMatch(/[\u4e00-\u9fa5]/)
    const otherGrid = await buildGrid(t)
    const elsewhere = await t.request(community.token, 'POST', '/api/v1/wishes', { title: '想要书包', category: 'goods', group: 'children', beneficiaryName: '张小明', gridCode: otherGrid.code })
    expect(elsewhere.statusCode).toBe(400)
    expect(elsewhere.json().code).toBe('UNKNOWN_GRID')
    const stranger = await buildResident(t)
    const notHere = await t.request(community.token, 'POST', '/api/v1/wishes', { title: '想要书包', category: 'goods', group: 'children', residentId: String(stranger.id) })
    expect(notHere.json()).toMatchObject({ code: 'UNKNOWN_RESIDENT' })
    expect(await footprint()).toEqual(before)
  })
})

describe('the public wish wall (心愿墙)', () => {
  it('shows the wish, 王**, the category and the grid without login — never the full name or the address', async () => {
    const resident = await buildResident(t)
    const place = resident.grid.community
    const community = await buildPlaceAccount(t, place, 'community')
    await buildWish(t, community, { title: '欧阳明月想要一台收音机', description: '住测试路1号101室，电话13812345678', beneficiaryName: '欧阳明月', gridCode: resident.grid.code })
    await t.request(community.token, 'POST', '/api/v1/wishes', { title: '想要一副拐杖', category: 'health', group: 'disabled', residentId: String(resident.id) })
    const cancelled = await buildWish(t, community, { title: '想要一辆自行车' })
    await acted(community.token, cancelled as Wish, 'cancel', { reason: '家属已购买' })

    const res = await t.request(null, 'GET', `/api/v1/public/wishes?community=${place.code}`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=30')
    const wall = res.json<{ items: PublicWish[] }>()
    expect(wall.items.map((w) => [w.title, w.maskedName, w.categoryName, w.gridName, w.community.name])).toEqual([
      ['想要一副拐杖', `${[...resident.name][0]}${'*'.repeat([...resident.name].length - 1)}`, '健康关怀', resident.grid.name, place.name],
      ['居民想要一台收音机', '欧阳**', '物品', resident.grid.name, place.name],
    ])
    const text = res.body
    for (const secret of [resident.name, '欧阳明月', '测试路', '101', '13812345678', '想要一辆自行车']) expect(text).not.toContain(secret)
    expect(Object.keys(wall.items[0]!).sort()).toEqual(['category', 'categoryName', 'community', 'fulfilledOn', 'gridName', 'group', 'groupName', 'id', 'maskedName', 'publishedOn', 'status', 'statusName', 'title'])
    // a community code is required
    expect((await t.request(null, 'GET', '/api/v1/public/wishes')).statusCode).toBe(400)
  })
})

describe('a 报到单位 claims a wish', () => {
  it('a unit paired with the community claims and fulfils it; a unit not paired neither sees nor claims it', async () => {
    const { place, community } = await setting()
    const unit = await buildRegisteredUnit(t, { community: place })
    const ua = await buildUnitAccount(t, unit)
    const stranger = await buildUnitAccount(t, await buildRegisteredUnit(t))
    let w = await buildWish(t, community, { title: '想给孙子买一个书包' })
    expect((await t.request(stranger.token, 'GET', `/api/v1/wishes/${w.id}`)).statusCode).toBe(404)
    expect((await act(stranger.token, w, 'claim')).statusCode).toBe(404)
    expect((await t.request(stranger.token, 'GET', '/api/v1/wishes')).json<{ items: Wish[] }>().items).toEqual([])
    // the paired unit sees it (name masked) with 认领 offered
    const listed = (await t.request(ua.token, 'GET', '/api/v1/wishes')).json<{ items: Wish[] }>()
    expect(listed.items.map((x) => [x.id, x.beneficiary.masked, x.allowedActions])).toEqual([[w.id, true, ['claim']]])
    w = await acted(ua.token, w, 'claim')
    expect(w).toMatchObject({ status: 'claimed', claimant: { kind: 'unit', id: String(unit.id), name: unit.name }, beneficiary: { masked: false }, allowedActions: ['release', 'fulfil'] })
    const photo = await uploadPhoto(t, ua.token)
    w = await acted(ua.token, w, 'fulfil', { photoIds: [photo], note: '单位党员送去书包和文具' })
    expect(w).toMatchObject({ status: 'fulfilled', photoIds: [photo] })
    const mine = (await t.request(ua.token, 'GET', '/api/v1/wishes?mine=true')).json<{ items: Wish[] }>()
    expect(mine.items.map((x) => x.id)).toEqual([w.id])
    w = await acted(community.token, w, 'thank', { rating: 5 })
    expect(w.status).toBe('closed')
  })

  it('a member and a unit claim at once: exactly one wins, the other gets 409, and nothing else is written', async () => {
    const { place, community, members } = await setting()
    const ua = await buildUnitAccount(t, await buildRegisteredUnit(t, { community: place }))
    const w = await buildWish(t, community)
    const before = await footprint()
    const results = await Promise.all([act(members[0]!.token, w, 'claim'), act(ua.token, w, 'claim')])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect(results.find((r) => r.statusCode === 409)!.json()).toEqual({ code: 'WISH_ALREADY_CLAIMED', message: '该心愿已被其他党员或单位认领' })
    expect(await footprint()).toEqual({ ...before, events: before.events + 1, audit: before.audit + 1 })
    // the loser, whichever it was, cannot fulfil it
    const loser = results[0]!.statusCode === 409 ? members[0]! : ua
    const now = (await t.request(community.token, 'GET', `/api/v1/wishes/${w.id}`)).json<Wish>()
    expect((await act(loser.token, now, 'fulfil', { photoIds: [await uploadPhoto(t, loser.token)] })).statusCode).toBe(403)
  })
})

/**
 * 三张清单 through the HTTP API: needs raised by residents, grid staff and the community or turned from
 * an appeal; resources offered by departments; a project published over them, claimed by one department
 * (two at once: one wins, the other 409, nothing else written), carried out with progress and completion
 * photos, accepted — and its needs done; the quarterly review with open needs, unclaimed and late projects;
 * bad input refused with a Chinese message and nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import type { Need, Project, QuarterlyReview, Resource } from '#contracts/lists'
import { rowsOf } from '../../db/client'
import { uploadPhoto } from '../../../test/appeal-helpers'
import {
  buildAppeal,
  buildCast,
  buildCommunity,
  buildDepartments,
  buildGrid,
  buildGridWorker,
  buildNeed,
  buildPlaceAccount,
  buildProject,
  buildResident,
  buildRegisteredUnit,
  buildStreetAccount,
  buildUnit,
  buildUnitAccount,
  relogin,
  type BuiltAccount,
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
/** What a refused request must not have touched. */
const footprint = async () => ({
  needs: await count(sql`SELECT count(*) AS n FROM need`),
  projects: await count(sql`SELECT count(*) AS n FROM project`),
  events: await count(sql`SELECT count(*) AS n FROM workflow_event`),
  audit: await count(sql`SELECT count(*) AS n FROM audit_log WHERE entity_type IN ('need', 'project', 'resource')`),
})

async function act(token: string, p: Pick<Project, 'id' | 'version'>, action: string, fields: Record<string, unknown> = {}) {
  return t.request(token, 'POST', `/api/v1/projects/${p.id}/actions`, { action, version: p.version, ...fields })
}
async function acted(token: string, p: Pick<Project, 'id' | 'version'>, action: string, fields: Record<string, unknown> = {}) {
  const res = await act(token, p, action, fields)
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
  return res.json<Project>()
}
const getNeed = async (token: string, id: string) => (await t.request(token, 'GET', `/api/v1/needs/${id}`)).json<Need>()

describe('needs (需求清单)', () => {
  it('an appeal turned into a need links the appeal and its grid; a second time is 409; a community that cannot see it gets 404 and nothing is written', async () => {
    const { appeal, community, gridWorker } = await buildAppeal(t)
    const res = await t.request(community.token, 'POST', '/api/v1/needs', { appealId: appeal.id, category: 'facility', beneficiaries: '楼内 24 户' })
    expect(res.statusCode, res.body).toBe(201)
    const n = res.json<Need>()
    expect(n).toMatchObject({
      status: 'open',
      statusName: '待立项',
      source: 'appeal',
      sourceName: '诉求转入',
      title: appeal.title,
      description: appeal.description,
      appeal: { id: appeal.id, number: appeal.number },
      grid: { code: appeal.place.gridCode },
      community: { code: appeal.place.communityCode },
      allowedActions: ['close'],
    })
    expect(n.events!.map((e) => [e.action, e.actionName, e.toStatus])).toEqual([['raise', '登记需求', 'open']])
    // the grid's worker sees it in their list, without actions
    const list = (await t.request(gridWorker.token, 'GET', '/api/v1/needs')).json<{ items: Need[] }>()
    expect(list.items.map((x) => [x.id, x.allowedActions])).toEqual([[n.id, []]])

    const again = await t.request(community.token, 'POST', '/api/v1/needs', { appealId: appeal.id, category: 'facility' })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'NEED_FROM_APPEAL_EXISTS', message: '该诉求已转为需求清单，不能重复转入' })

    const other = await buildPlaceAccount(t, await buildCommunity(t), 'community')
    const before = await footprint()
    expect((await t.request(other.token, 'POST', '/api/v1/needs', { appealId: appeal.id, category: 'facility' })).statusCode).toBe(404)
    expect(await footprint()).toEqual(before)
  })

  it('a resident raises a need for their own grid and sees only their own; the community is told', async () => {
    const resident = await buildResident(t)
    const community = await buildPlaceAccount(t, resident.grid.community, 'community')
    const n = await buildNeed(t, resident.account.token, { title: '希望小区增设健身器材', category: 'culture', placeCode: resident.grid.community.code })
    const seen = await getNeed(resident.account.token, n.id)
    expect(seen).toMatchObject({ source: 'resident', grid: { code: resident.grid.code }, raisedBy: { role: '居民' }, allowedActions: [] })
    const inbox = (await t.request(community.token, 'GET', '/api/v1/notifications?limit=100')).json<{ items: { kind: string; title: string }[] }>()
    expect(inbox.items.filter((x) => x.kind === 'need').map((x) => x.title)).toEqual(['新需求：希望小区增设健身器材'])
    const neighbour = await buildResident(t, { grid: resident.grid })
    expect((await t.request(neighbour.account.token, 'GET', `/api/v1/needs/${n.id}`)).statusCode).toBe(404)
    expect((await t.request(neighbour.account.token, 'GET', '/api/v1/needs')).json<{ items: Need[] }>().items).toEqual([])
  })

  it('the community closes a need with a reason; without one it is 400 and nothing changes', async () => {
    const grid = await buildGrid(t)
    const community = await buildPlaceAccount(t, grid.community, 'community')
    const worker = await buildGridWorker(t, grid)
    const n = await buildNeed(t, worker.token)
    expect((await getNeed(worker.token, n.id)).sourceName).toBe('网格员发现')
    const missing = await t.request(community.token, 'POST', `/api/v1/needs/${n.id}/actions`, { action: 'close', version: n.version })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().details).toEqual([{ field: 'reason', message: '缺少必填字段 reason' }])
    expect((await t.request(worker.token, 'POST', `/api/v1/needs/${n.id}/actions`, { action: 'close', version: n.version, reason: '重复' })).statusCode).toBe(403)
    const closed = await t.request(community.token, 'POST', `/api/v1/needs/${n.id}/actions`, { action: 'close', version: n.version, reason: '已由物业自行解决' })
    expect(closed.statusCode, closed.body).toBe(200)
    expect(closed.json<Need>()).toMatchObject({ status: 'closed', statusName: '已关闭', version: 2, allowedActions: [] })
  })

  it('bad input is a 400 with a Chinese message, and nothing is written', async () => {
    const community = await buildPlaceAccount(t, await buildCommunity(t), 'community')
    const before = await footprint()
    const badCategory = await t.request(community.token, 'POST', '/api/v1/needs', { title: '修路', category: 'roads' })
    expect(badCategory.statusCode).toBe(400)
    expect(badCategory.json().message).toMatch(/[\u4e00-\u9fa5]/)
    const noTitle = await t.request(community.token, 'POST', '/api/v1/needs', { category: 'facility' })
    expect(noTitle.statusCode).toBe(400)
    expect(noTitle.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'title', message: '请填写需求标题' }] })
    const elsewhere = await t.request(community.token, 'POST', '/api/v1/needs', { title: '修路', category: 'facility', placeCode: '520423001001001' })
    expect(elsewhere.statusCode).toBe(400)
    expect(elsewhere.json()).toMatchObject({ code: 'UNKNOWN_PLACE', message: '地点不存在或不在您的辖区内' })
    expect(await footprint()).toEqual(before)
  })
})

describe('a project from publication to acceptance', { shuffle: false }, () => {
  let community: BuiltAccount
  let zjj: BuiltAccount
  let other: BuiltAccount
  let needIds: string[]
  let resource: Resource
  let p: Project

  beforeAll(async () => {
    const cast = await buildCast(t)
    community = cast.community
    ;[zjj, other] = await buildDepartments(t)
    needIds = [
      (await buildNeed(t, community.token, { title: '独居老人助餐', category: 'eldercare', beneficiaryCount: 12 })).id,
      (await buildNeed(t, community.token, { title: '老人就餐点需要场地', category: 'eldercare' })).id,
    ]
    const res = await t.request(zjj.token, 'POST', '/api/v1/resources', { kind: 'funds', title: '社区助餐补贴', quantity: '2 万元', communityCode: cast.resident.grid.community.code })
    expect(res.statusCode, res.body).toBe(201)
    resource = res.json<Resource>()
  })

  it('a department offers a resource to the community, which sees it', async () => {
    expect(resource).toMatchObject({ kind: 'funds', kindName: '资金', status: 'active', owner: { kind: 'department', id: '520423-zjj' }, allowedActions: ['withdraw'] })
    const seen = (await t.request(community.token, 'GET', '/api/v1/resources')).json<{ items: Resource[] }>()
    expect(seen.items.map((r) => [r.id, r.allowedActions])).toEqual([[resource.id, ['withdraw']]])
  })

  it('published by the community over its needs and the resource: the needs are in the project', async () => {
    const res = await t.request(community.token, 'POST', '/api/v1/projects', { title: '长者食堂助餐项目', needIds, resourceIds: [resource.id], deadline: '2026-12-31' })
    expect(res.statusCode, res.body).toBe(201)
    p = res.json<Project>()
    expect(p).toMatchObject({ status: 'published', statusName: '待认领', claimant: null, isLate: false, allowedActions: ['cancel'] })
    expect(p.needs.map((n) => [n.id, n.status])).toEqual(needIds.map((id) => [id, 'in_project']))
    expect(p.resources.map((r) => r.id)).toEqual([resource.id])
    const n = await getNeed(community.token, needIds[0]!)
    expect(n).toMatchObject({ status: 'in_project', project: { id: p.id, title: '长者食堂助餐项目' }, allowedActions: [] })
    // the department whose resource it uses is told; both departments may claim it
    expect((await t.request(zjj.token, 'GET', `/api/v1/projects/${p.id}`)).json<Project>().allowedActions).toEqual(['claim'])
    expect((await t.request(other.token, 'GET', '/api/v1/projects')).json<{ items: Project[] }>().items.map((x) => x.id)).toContain(p.id)
  })

  it('claimed by one department, which names an owner and a deadline, reports progress and completes it with a photo', async () => {
    p = await acted(zjj.token, p, 'claim')
    expect(p).toMatchObject({ status: 'claimed', claimant: { kind: 'department', id: '520423-zjj', kindName: '职能部门' }, allowedActions: ['release', 'start'] })
    // the other department no longer sees it
    expect((await t.request(other.token, 'GET', `/api/v1/projects/${p.id}`)).statusCode).toBe(404)
    const past = await act(zjj.token, p, 'start', { owner: '李建国', deadline: '2026-11-01' })
    expect(past.statusCode).toBe(422)
    expect(past.json()).toMatchObject({ code: 'DEADLINE_IN_PAST', message: '完成期限不能早于今天' })
    p = await acted(zjj.token, p, 'start', { owner: '李建国', deadline: '2026-12-20' })
    expect(p).toMatchObject({ status: 'in_progress', owner: '李建国', deadline: '2026-12-20' })
    p = await acted(zjj.token, p, 'progress', { note: '已确定助餐点，正在采购餐具' })
    expect(p.status).toBe('in_progress')
    const noPhoto = await act(zjj.token, p, 'complete', { summary: '助餐点已开放' })
    expect(noPhoto.statusCode).toBe(400)
    const photo = await uploadPhoto(t, zjj.token)
    p = await acted(zjj.token, p, 'complete', { summary: '助餐点已开放，每天供餐 30 份', photoIds: [photo] })
    expect(p).toMatchObject({ status: 'done', statusName: '待验收', photoIds: [photo] })
    // the community sees the completion photo through the project
    expect((await t.request(community.token, 'GET', `/api/v1/files/${photo}`)).statusCode).toBe(200)
    expect((await t.request(other.token, 'GET', `/api/v1/files/${photo}`)).statusCode).toBe(404)
  })

  it('accepted by the community: its needs are done, the department is told, and the timeline tells the story', async () => {
    expect((await act(zjj.token, p, 'accept')).statusCode).toBe(403)
    p = await acted(community.token, p, 'accept', { note: '群众反映良好' })
    expect(p).toMatchObject({ status: 'accepted', statusName: '已验收', allowedActions: [] })
    expect(p.needs.map((n) => n.status)).toEqual(['done', 'done'])
    expect((await getNeed(community.token, needIds[0]!)).doneAt).not.toBeNull()
    expect(p.events!.map((e) => e.action)).toEqual(['publish', 'claim', 'start', 'progress', 'complete', 'accept'])
    const inbox = (await t.request(await relogin(t, zjj), 'GET', '/api/v1/notifications?limit=100')).json<{ items: { kind: string; title: string }[] }>()
    expect(inbox.items.filter((x) => x.kind === 'project').map((x) => x.title)).toContain('项目已验收：长者食堂助餐项目')
  })
})

describe('claiming a project (认领)', () => {
  it('two departments claim at once: exactly one wins, the other gets 409 in Chinese, and nothing else is written', async () => {
    const community = await buildPlaceAccount(t, await buildCommunity(t), 'community')
    const [a, b] = await buildDepartments(t)
    const p = await buildProject(t, community)
    const before = await footprint()
    const results = await Promise.all([act(a.token, p, 'claim'), act(b.token, p, 'claim')])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    const lost = results.find((r) => r.statusCode === 409)!.json()
    expect(lost).toEqual({ code: 'PROJECT_ALREADY_CLAIMED', message: '该项目已被其他单位认领' })
    const winner = results.find((r) => r.statusCode === 200)!.json<Project>()
    const after = await footprint()
    expect(after).toEqual({ ...before, events: before.events + 1, audit: before.audit + 1 })
    const final = (await t.request(community.token, 'GET', `/api/v1/projects/${p.id}`)).json<Project>()
    expect(final).toMatchObject({ status: 'claimed', version: 2, claimant: winner.claimant })
    expect(final.events!.filter((e) => e.action === 'claim')).toHaveLength(1)
    // a claim arriving after, on the version it saw, is told the same
    const late = await act(results[0]!.statusCode === 409 ? a.token : b.token, p, 'claim')
    expect(late.json()).toEqual(lost)
  })

  it('a resident cannot publish a project; a project over another community\'s need is 400 and nothing is written', async () => {
    const resident = await buildResident(t)
    expect((await t.request(resident.account.token, 'POST', '/api/v1/projects', { title: 'x', needIds: ['1'] })).statusCode).toBe(403)
    const mine = await buildPlaceAccount(t, await buildCommunity(t), 'community')
    const theirs = await buildPlaceAccount(t, await buildCommunity(t), 'community')
    const n = await buildNeed(t, theirs.token)
    const before = await footprint()
    const res = await t.request(mine.token, 'POST', '/api/v1/projects', { title: '跨社区项目', needIds: [n.id] })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'UNKNOWN_NEED', message: '需求不存在、不在本社区或已立项' })
    const empty = await t.request(mine.token, 'POST', '/api/v1/projects', { title: '没有需求的项目', needIds: [] })
    expect(empty.statusCode).toBe(400)
    expect(await footprint()).toEqual(before)
  })

  it('cancelled before anyone claims it: its needs are open again', async () => {
    const community = await buildPlaceAccount(t, await buildCommunity(t), 'community')
    const p = await buildProject(t, community)
    const cancelled = await acted(community.token, p, 'cancel', { reason: '居民需求已变化' })
    expect(cancelled.status).toBe('cancelled')
    const n = await getNeed(community.token, cancelled.needs[0]!.id)
    expect(n).toMatchObject({ status: 'open', project: null, allowedActions: ['close'] })
  })
})

describe('the quarterly review (季度梳理)', () => {
  it('shows open needs, unclaimed projects and a late project with their counts; only for the community and above', async () => {
    const place = await buildCommunity(t)
    const community = await buildPlaceAccount(t, place, 'community')
    const [dept] = await buildDepartments(t)
    const open = await buildNeed(t, community.token, { title: '小区路灯不亮' })
    const unclaimed = await buildProject(t, community, { body: { title: '儿童四点半课堂' } })
    let late = await buildProject(t, community, { body: { title: '楼道扶手安装' } })
    late = await acted(dept.token, late, 'claim')
    late = await acted(dept.token, late, 'start', { owner: '王刚', deadline: '2026-11-30' })

    t.clock.set('2026-12-03T10:00:00+08:00')
    const token = await relogin(t, community)
    const res = await t.request(token, 'GET', `/api/v1/projects/review?community=${place.code}&quarter=2026Q4`)
    expect(res.statusCode, res.body).toBe(200)
    const r = res.json<QuarterlyReview>()
    expect(r).toMatchObject({ community: { code: place.code }, quarter: '2026Q4', from: '2026-10-01', to: '2026-12-31' })
    expect(r.counts).toEqual({
      needsCollected: 3,
      needsDone: 0,
      needsOpen: 1,
      projectsPublished: 2,
      projectsClaimed: 1,
      projectsAccepted: 0,
      projectsUnclaimed: 1,
      projectsLate: 1,
      resourcesActive: 0,
    })
    expect(r.openNeeds.map((n) => n.id)).toEqual([open.id])
    expect(r.unclaimedProjects.map((p) => p.id)).toEqual([unclaimed.id])
    expect(r.lateProjects.map((p) => [p.id, p.isLate, p.deadline])).toEqual([[late.id, true, '2026-11-30']])
    // the late list of the project page says the same
    const lateList = (await t.request(token, 'GET', '/api/v1/projects?late=true')).json<{ items: Project[] }>()
    expect(lateList.items.map((p) => p.id)).toEqual([late.id])

    const street = await buildStreetAccount(t)
    expect((await t.request(street.token, 'GET', `/api/v1/projects/review?community=${place.code}&quarter=2026Q4`)).statusCode).toBe(200)
    const stranger = await buildPlaceAccount(t, await buildCommunity(t), 'community')
    expect((await t.request(stranger.token, 'GET', `/api/v1/projects/review?community=${place.code}&quarter=2026Q4`)).statusCode).toBe(404)
    const bad = await t.request(token, 'GET', `/api/v1/projects/review?community=${place.code}&quarter=2026Q5`)
    expect(bad.statusCode).toBe(400)
  })
})

describe('the demo county', () => {
  it('北街社区 has the seeds\' figures: 28 needs collected, 14 done, a late project and resources from several departments', async () => {
    const community = await buildPlaceAccount(t, { code: '520423002013' }, 'community')
    const all = (await t.request(community.token, 'GET', '/api/v1/needs?withTotal=true&limit=1')).json<{ total: number }>()
    const done = (await t.request(community.token, 'GET', '/api/v1/needs?withTotal=true&limit=1&status=done')).json<{ total: number }>()
    expect([all.total, done.total]).toEqual([28, 14])
    const late = (await t.request(community.token, 'GET', '/api/v1/projects?late=true')).json<{ items: Project[] }>()
    expect(late.items.map((p) => p.title)).toEqual(['龙城印象雨污管网疏通'])
    const projects = (await t.request(community.token, 'GET', '/api/v1/projects?limit=100')).json<{ items: Project[] }>()
    expect(new Set(projects.items.map((p) => p.status))).toEqual(new Set(['accepted', 'done', 'in_progress', 'claimed', 'published']))
    const accepted = (await t.request(community.token, 'GET', `/api/v1/projects/${projects.items.find((p) => p.status === 'accepted')!.id}`)).json<Project>()
    expect(accepted.events!.map((e) => e.action)).toEqual(['publish', 'claim', 'start', 'progress', 'complete', 'accept'])
    const resources = (await t.request(community.token, 'GET', '/api/v1/resources?limit=100')).json<{ items: Resource[] }>()
    expect(new Set(resources.items.filter((r) => r.owner.kind === 'department').map((r) => r.owner.id)).size).toBeGreaterThanOrEqual(5)
  })
})

describe('resources (资源清单)', () => {
  it('the community registers a department\'s offer; only that department or the community withdraws it; an unknown department is 400 and nothing is written', async () => {
    const place = await buildCommunity(t)
    const community = await buildPlaceAccount(t, place, 'community')
    const [zjj, zhzfj] = await buildDepartments(t)
    const res = await t.request(community.token, 'POST', '/api/v1/resources', { kind: 'venue', title: '住建局职工活动室', quantity: '80 平方米', ownerKind: 'department', ownerId: '520423-zjj' })
    expect(res.statusCode, res.body).toBe(201)
    const r = res.json<Resource>()
    expect(r).toMatchObject({ owner: { kind: 'department', id: '520423-zjj', name: '镇宁自治县住房和城乡建设局' }, community: { code: place.code } })
    expect((await t.request(zjj.token, 'GET', `/api/v1/resources/${r.id}`)).json<Resource>().allowedActions).toEqual(['withdraw'])
    const notTheirs = await t.request(zhzfj.token, 'POST', `/api/v1/resources/${r.id}/actions`, { action: 'withdraw', version: r.version })
    expect(notTheirs.statusCode).toBe(403)
    const withdrawn = await t.request(zjj.token, 'POST', `/api/v1/resources/${r.id}/actions`, { action: 'withdraw', version: r.version, reason: '活动室装修' })
    expect(withdrawn.statusCode, withdrawn.body).toBe(200)
    expect(withdrawn.json<Resource>()).toMatchObject({ status: 'withdrawn', statusName: '已撤回', allowedActions: [] })

    const before = await count(sql`SELECT count(*) AS n FROM resource`)
    const unknown = await t.request(community.token, 'POST', '/api/v1/resources', { kind: 'funds', title: '补贴', ownerKind: 'department', ownerId: '999999-xxx' })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_DEPARTMENT', message: '部门不存在或不在本县' })
    const noCommunity = await t.request(zjj.token, 'POST', '/api/v1/resources', { kind: 'funds', title: '补贴' })
    expect(noCommunity.statusCode).toBe(400)
    expect(await count(sql`SELECT count(*) AS n FROM resource`)).toBe(before)
  })
})

describe('a 报到单位 in the lists (资源 and 认领)', () => {
  it('offers a resource to a community it is paired with, never to another (422, nothing written), and sees only its paired communities\' resources', async () => {
    const unit = await buildRegisteredUnit(t)
    const ua = await buildUnitAccount(t, unit)
    const elsewhere = await buildCommunity(t)
    const res = await t.request(ua.token, 'POST', '/api/v1/resources', { communityCode: unit.community.code, kind: 'venue', title: '单位会议室（周末开放）' })
    expect(res.statusCode, res.body).toBe(201)
    const r = res.json<Resource>()
    expect(r).toMatchObject({ owner: { kind: 'unit', kindName: '驻区单位', id: String(unit.id), name: unit.name }, community: { code: unit.community.code }, allowedActions: ['withdraw'] })
    const before = await count(sql`SELECT count(*) AS n FROM resource`)
    const refused = await t.request(ua.token, 'POST', '/api/v1/resources', { communityCode: elsewhere.code, kind: 'venue', title: '会议室' })
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toMatchObject({ code: 'UNIT_NOT_PAIRED', message: '本单位尚未在该社区报到，不能提供资源' })
    expect(await count(sql`SELECT count(*) AS n FROM resource`)).toBe(before)
    // the community is told and sees the offer; a unit not paired with it does not
    const community = await buildPlaceAccount(t, unit.community, 'community')
    expect((await t.request(community.token, 'GET', `/api/v1/resources/${r.id}`)).statusCode).toBe(200)
    const stranger = await buildUnitAccount(t, await buildRegisteredUnit(t))
    expect((await t.request(stranger.token, 'GET', `/api/v1/resources/${r.id}`)).statusCode).toBe(404)
    const mine = (await t.request(ua.token, 'GET', '/api/v1/resources')).json<{ items: Resource[] }>()
    expect(mine.items.map((x) => x.id)).toEqual([r.id])
    expect((await t.request(stranger.token, 'GET', '/api/v1/resources')).json<{ items: Resource[] }>().items).toEqual([])
  })

  it('claims a published project of its paired community and carries it out like a department; the community accepts it', async () => {
    const unit = await buildRegisteredUnit(t)
    const ua = await buildUnitAccount(t, unit)
    const community = await buildPlaceAccount(t, unit.community, 'community')
    let p = await buildProject(t, community, { body: { title: '社区儿童托管' } })
    // a unit not paired with the community neither sees nor claims it
    const stranger = await buildUnitAccount(t, await buildRegisteredUnit(t))
    expect((await t.request(stranger.token, 'GET', `/api/v1/projects/${p.id}`)).statusCode).toBe(404)
    expect((await act(stranger.token, p, 'claim')).statusCode).toBe(404)
    expect((await t.request(stranger.token, 'GET', '/api/v1/projects')).json<{ items: Project[] }>().items).toEqual([])
    // the paired unit sees it with 认领 offered
    const listed = (await t.request(ua.token, 'GET', '/api/v1/projects')).json<{ items: Project[] }>()
    expect(listed.items.map((x) => [x.id, x.allowedActions])).toEqual([[p.id, ['claim']]])
    p = await acted(ua.token, p, 'claim')
    expect(p).toMatchObject({ status: 'claimed', claimant: { kind: 'unit', kindName: '驻区单位', id: String(unit.id), name: unit.name }, allowedActions: ['release', 'start'] })
    p = await acted(ua.token, p, 'start', { owner: '张志强', deadline: '2026-12-30' })
    p = await acted(ua.token, p, 'progress', { note: '已安排 4 名党员轮值' })
    const photo = await uploadPhoto(t, ua.token)
    p = await acted(ua.token, p, 'complete', { summary: '托管班已开班', photoIds: [photo] })
    expect(p).toMatchObject({ status: 'done', allowedActions: [] })
    const mine = (await t.request(ua.token, 'GET', '/api/v1/projects?mine=true')).json<{ items: Project[] }>()
    expect(mine.items.map((x) => x.id)).toEqual([p.id])
    p = await acted(community.token, p, 'accept')
    expect(p.status).toBe('accepted')
    const inbox = (await t.request(await relogin(t, ua), 'GET', '/api/v1/notifications?limit=100')).json<{ items: { kind: string; title: string }[] }>()
    expect(inbox.items.filter((x) => x.kind === 'project').map((x) => x.title)).toContain('项目已验收：社区儿童托管')
  })

  it('a unit and a department claim at once: exactly one wins, the other gets 409, and nothing else is written', async () => {
    const unit = await buildRegisteredUnit(t)
    const ua = await buildUnitAccount(t, unit)
    const community = await buildPlaceAccount(t, unit.community, 'community')
    const [dept] = await buildDepartments(t)
    const p = await buildProject(t, community)
    const before = await footprint()
    const results = await Promise.all([act(ua.token, p, 'claim'), act(dept.token, p, 'claim')])
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409])
    expect(results.find((r) => r.statusCode === 409)!.json()).toEqual({ code: 'PROJECT_ALREADY_CLAIMED', message: '该项目已被其他单位认领' })
    expect(await footprint()).toEqual({ ...before, events: before.events + 1, audit: before.audit + 1 })
  })

  it('a unit without a confirmed registration is offered nothing to claim', async () => {
    const ua = await buildUnitAccount(t, await buildUnit(t))
    expect((await t.request(ua.token, 'GET', '/api/v1/projects')).json<{ items: Project[] }>().items).toEqual([])
  })
})

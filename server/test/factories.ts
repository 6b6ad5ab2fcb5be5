/**
 * Test factories (in the spirit of outline's server/test/factories.ts): each builds a real row —
 * and whatever it hangs from — through the seed's own insert functions, and the people come with
 * logged-in clients. A test that needs "a resident of some grid" builds one instead of borrowing a
 * demo account, so a change to the demo county never ripples through the suite.
 *
 * New places live under the demo county's 环翠街道 (so its departments and calendar apply) with
 * serials in the 9xx range, which no real code uses; every name says it was made by a test.
 */
import { expect } from 'vitest'
import type { Appeal } from '#contracts/appeals'
import type { Role } from '#contracts/roles'
import { hashPassword } from '../src/lib/password'
import { Prng } from '../src/lib/prng'
import { placePath } from '../src/permissions'
import { makePerson } from '../src/seed/people'
import {
  insertAccount,
  insertBuilding,
  insertCompound,
  insertGrids,
  insertHouseholdGroup,
  insertHouseholds,
  insertPartyMembers,
  insertPropertyCompany,
  insertRegions,
  insertResidents,
  setHouseholdGroup,
} from '../src/seed/queries'
import type { TestApp } from './setup'

export const FACTORY_PASSWORD = 'Factory@2026'
const COUNTY = '520423'
const STREET = '520423002'

let hash: Promise<string> | undefined
const passwordHash = () => (hash ??= hashPassword(FACTORY_PASSWORD))

/** One counter per test file (each file runs in its own process with its own database). */
let counter = 0
const next = () => ++counter
const prng = new Prng('factories')
const takenIds = new Set<string>()

export interface BuiltPlace {
  code: string
  path: string
  name: string
}

/** A community (社区) under 环翠街道, with a fresh 9xx serial. */
export async function buildCommunity(t: TestApp): Promise<BuiltPlace> {
  const n = next()
  if (n > 99) throw new Error('factories: more than 99 communities in one file')
  const code = `${STREET}${900 + n}`
  const name = `测试社区${n}`
  await insertRegions(t.database.db, [
    { code, name, level: 'community', kind: '社区', parentCode: STREET, path: placePath(code), provinceCode: '52', cityCode: '5204' },
  ])
  return { code, path: placePath(code), name }
}

/** A grid (网格) in a community (a new one unless given). */
export async function buildGrid(t: TestApp, o: { community?: BuiltPlace } = {}): Promise<BuiltPlace & { community: BuiltPlace }> {
  const community = o.community ?? (await buildCommunity(t))
  const serial = next()
  const code = `${community.code}${String(serial).padStart(3, '0')}`
  const name = `测试网格${serial}`
  await insertGrids(t.database.db, [{ code, communityCode: community.code, serial, name, functions: ['党建', '综治'], path: placePath(code) }])
  return { code, path: placePath(code), name, community }
}

export interface BuiltAccount {
  id: number
  username: string
  role: Role
  scope: string
  /** a bearer token of a fresh session */
  token: string
}

/** An account with a role and scope, logged in. */
export async function buildAccount(
  t: TestApp,
  o: { role: Role; scope: string; displayName?: string; residentId?: number; partyMemberId?: number },
): Promise<BuiltAccount> {
  const username = `f_${o.role}_${next()}`
  const row = await insertAccount(t.database.db, {
    username,
    passwordHash: await passwordHash(),
    role: o.role,
    scope: o.scope,
    displayName: o.displayName ?? username,
    residentId: o.residentId ?? null,
    partyMemberId: o.partyMemberId ?? null,
    passwordChangedAt: t.clock.now(),
  })
  return { id: row!.id, username, role: o.role, scope: o.scope, token: await t.login(username, FACTORY_PASSWORD) }
}

/** A fresh session for an account (after the clock has jumped past the idle logout). */
export const relogin = (t: TestApp, a: Pick<BuiltAccount, 'username'>) => t.login(a.username, FACTORY_PASSWORD)

/** A grid worker (or grid head) of a grid. */
export const buildGridWorker = (t: TestApp, grid: BuiltPlace, role: 'gridWorker' | 'gridHead' = 'gridWorker') =>
  buildAccount(t, { role, scope: grid.path, displayName: `${grid.name}网格员` })

/** The account of a place (社区, 街道, 县). */
export const buildPlaceAccount = (t: TestApp, place: BuiltPlace | { code: string }, role: 'community' | 'street' | 'county') =>
  buildAccount(t, { role, scope: placePath(place.code) })

export interface BuiltResident {
  id: number
  name: string
  grid: BuiltPlace & { community: BuiltPlace }
  buildingId: number
  householdId: number
  /** the resident's own account, logged in */
  account: BuiltAccount
}

/** A resident of a grid (a new one unless given), living in a household of a new building, with an account. */
export async function buildResident(t: TestApp, o: { grid?: BuiltPlace & { community: BuiltPlace }; phone?: string } = {}): Promise<BuiltResident> {
  const grid = o.grid ?? (await buildGrid(t))
  const db = t.database.db
  const n = next()
  const bld = await insertBuilding(db, { gridCode: grid.code, name: `测试楼${n}栋`, address: `测试路${n}号`, floors: 6 })
  const [hh] = await insertHouseholds(db, [{ gridCode: grid.code, buildingId: bld.id, room: '101', address: `测试路${n}号101` }])
  const person = makePerson(prng, COUNTY, 2026, { minAge: 25, maxAge: 80, taken: takenIds })
  const [r] = await insertResidents(db, t.deps.pii, [
    { ...person, ...(o.phone ? { phone: o.phone } : {}), gridCode: grid.code, householdId: hh!.id, relation: 'householder', tags: [], isDemo: false },
  ])
  const account = await buildAccount(t, { role: 'resident', scope: grid.path, displayName: r!.name, residentId: r!.id })
  return { id: r!.id, name: r!.name, grid, buildingId: bld.id, householdId: hh!.id, account }
}

/** A 联户长 (ten-household leader) of a grid: a building of three households in one 十联户 group, led by a resident of it. */
export async function buildHouseholdLeader(t: TestApp, o: { grid?: BuiltPlace & { community: BuiltPlace } } = {}) {
  const grid = o.grid ?? (await buildGrid(t))
  const db = t.database.db
  const n = next()
  const bld = await insertBuilding(db, { gridCode: grid.code, name: `联户楼${n}栋`, address: `联户路${n}号`, floors: 3 })
  const households = await insertHouseholds(
    db,
    ['101', '201', '301'].map((room) => ({ gridCode: grid.code, buildingId: bld.id, room, address: `联户路${n}号${room}` })),
  )
  const person = makePerson(prng, COUNTY, 2026, { minAge: 40, maxAge: 70, taken: takenIds })
  const [leader] = await insertResidents(db, t.deps.pii, [
    { ...person, gridCode: grid.code, householdId: households[0]!.id, relation: 'householder', tags: [], isDemo: false },
  ])
  const group = await insertHouseholdGroup(db, { gridCode: grid.code, name: `十联户第${n}组`, leaderResidentId: leader!.id })
  await setHouseholdGroup(db, households.map((h) => h.id), group.id)
  const account = await buildAccount(t, { role: 'householdLeader', scope: grid.path, displayName: leader!.name, residentId: leader!.id })
  return { grid, buildingId: bld.id, householdIds: households.map((h) => h.id), groupId: group.id, residentId: leader!.id, account }
}

/** A property company serving a compound of a community, with one account. */
export async function buildPropertyCompany(t: TestApp, community: BuiltPlace) {
  const db = t.database.db
  const n = next()
  const company = await insertPropertyCompany(db, { name: `测试物业${n}有限公司`, countyCode: COUNTY })
  await insertCompound(db, { communityCode: community.code, name: `测试小区${n}`, propertyCompanyId: company.id })
  const account = await buildAccount(t, { role: 'property', scope: `property:${company.id}` })
  return { id: company.id, name: company.name, account }
}

/** An in-service party member of a community, with an account. */
export async function buildPartyMember(t: TestApp, community: BuiltPlace, workUnit = '县直机关') {
  const n = next()
  const [m] = await insertPartyMembers(t.database.db, [{ name: `测试党员${n}`, kind: 'inService', workUnit, communityCode: community.code }])
  const account = await buildAccount(t, { role: 'partyMember', scope: community.path, displayName: m!.name, partyMemberId: m!.id })
  return { id: m!.id, name: m!.name, account }
}

/** The people an appeal of a new grid passes through. */
export interface AppealCast {
  resident: BuiltResident
  gridWorker: BuiltAccount
  community: BuiltAccount
}

/** A grid with a resident, its grid worker and its community account. */
export async function buildCast(t: TestApp): Promise<AppealCast> {
  const resident = await buildResident(t)
  return {
    resident,
    gridWorker: await buildGridWorker(t, resident.grid),
    community: await buildPlaceAccount(t, resident.grid.community, 'community'),
  }
}

async function act(t: TestApp, token: string, a: Appeal, action: string, fields: Record<string, unknown> = {}): Promise<Appeal> {
  const res = await t.request(token, 'POST', `/api/v1/appeals/${a.id}/actions`, { action, version: a.version, ...fields })
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
  return res.json<Appeal>()
}

export type LoopStatus = 'submitted' | 'accepted' | 'assigned' | 'in_progress' | 'resolved' | 'verified' | 'replied' | 'closed' | 'reopened'

/**
 * An appeal raised by a resident of a new grid and driven through the real API to `status`: the
 * grid worker accepts, the community dispatches it to the grid worker, who claims and resolves it; the
 * grid worker verifies, the community replies, the resident rates (satisfied → closed, unsatisfied →
 * reopened). Returns the appeal as its last actor saw it, and the cast.
 */
export async function buildAppeal(
  t: TestApp,
  o: { status?: LoopStatus; cast?: AppealCast; body?: Record<string, unknown> } = {},
): Promise<{ appeal: Appeal } & AppealCast> {
  const cast = o.cast ?? (await buildCast(t))
  const { resident, gridWorker, community } = cast
  const status = o.status ?? 'submitted'
  const res = await t.request(resident.account.token, 'POST', '/api/v1/appeals', {
    categoryCode: 'elevator.fault',
    title: '楼道电梯坏了',
    description: '电梯停在三楼不动，老人上下楼困难。',
    ...o.body,
  })
  expect(res.statusCode, res.body).toBe(201)
  let a = res.json<Appeal>()
  const done = () => ({ appeal: a, ...cast })
  if (status === 'submitted') return done()
  a = await act(t, gridWorker.token, a, 'accept')
  if (status === 'accepted') return done()
  a = await act(t, community.token, a, 'dispatch', { assigneeType: 'gridWorker', assigneeId: String(gridWorker.id) })
  if (status === 'assigned') return done()
  a = await act(t, gridWorker.token, a, 'claim')
  if (status === 'in_progress') return done()
  a = await act(t, gridWorker.token, a, 'resolve', { result: '已联系维保单位修复' })
  if (status === 'resolved') return done()
  a = await act(t, gridWorker.token, a, 'verify')
  if (status === 'verified') return done()
  a = await act(t, community.token, a, 'reply', { message: '电梯已修复，请知悉' })
  if (status === 'replied') return done()
  a = await act(t, resident.account.token, a, 'rate', { rating: status === 'reopened' ? 'unsatisfied' : 'satisfied' })
  return done()
}

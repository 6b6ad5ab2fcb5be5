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
import { specialGroupCategory, type SpecialGroupKind } from '#contracts/ledger-names'
import { hashPassword } from '../src/lib/password'
import { enrolSecondFactor, loadActorByUsername, roleRequiresMfa } from '../src/modules/auth'
import { creditService, type CreditResult, type ServiceCredit } from '../src/modules/points'
import { makeCtx } from '../src/context'
import { inTransaction } from '../src/core'
import { Prng } from '../src/lib/prng'
import { insertVolunteerTeam, insertVolunteerTeamMember } from '../src/modules/volunteers'
import { placePath } from '../src/permissions'
import { insertUnit, insertUnitRegistration } from '../src/modules/units'
import { makePerson } from '../src/seed/people'
import { openStays } from '../src/modules/population'
import {
  insertAccount,
  insertBuilding,
  insertCompound,
  insertGrids,
  insertHouseholdGroup,
  insertHouseholds,
  insertPartyMembers,
  insertPartyOrgs,
  insertPropertyCompany,
  insertRegions,
  insertResidents,
  insertTeam,
  insertUnits,
  setHouseholdGroup,
  insertSpecialGroups,
} from '../src/seed/queries'
import type { Db } from '../src/db/client'
import type { Pii } from '../src/lib/pii'
import type { Env } from '../src/env'
import type { KnownFactor, TestApp } from './setup'

/**
 * What the place and people factories need: a database handle, a clock, the PII keys and a way to log
 * in. A `TestApp` is one; so is a real server process a test started (server/test/pg-restart.test.ts).
 */
export interface FactoryHost {
  database: { db: Db }
  clock: { now(): Date }
  /** `env` says which roles must use a second factor (none without it) */
  deps: { pii: Pii; env?: Pick<Env, 'mfaRequiredRoles'> }
  login(username: string, password?: string): Promise<string>
  /** second factors the host answers at login (a TestApp's), by username */
  factors?: Map<string, KnownFactor>
}

export const FACTORY_PASSWORD = 'Factory@2026'
/** The demo county (镇宁) and the street (环翠街道) every built community hangs from. */
export const FACTORY_COUNTY = '520423'
export const FACTORY_STREET = '520423002'
const COUNTY = FACTORY_COUNTY
const STREET = FACTORY_STREET

let hash: Promise<string> | undefined
const passwordHash = () => (hash ??= hashPassword(FACTORY_PASSWORD))

/** Counters per test file (each file runs in its own process with its own database). */
const counters = { community: 0, grid: 0, other: 0 }
const next = (kind: keyof typeof counters = 'other') => ++counters[kind]
const prng = new Prng('factories')
const takenIds = new Set<string>()

export interface BuiltPlace {
  code: string
  path: string
  name: string
}

/** A community (社区) under 环翠街道, with a fresh 9xx serial. */
export async function buildCommunity(t: FactoryHost): Promise<BuiltPlace> {
  const n = next('community')
  if (n > 99) throw new Error('factories: more than 99 communities in one file')
  const code = `${STREET}${900 + n}`
  const name = `测试社区${n}`
  await insertRegions(t.database.db, [
    { code, name, level: 'community', kind: '社区', parentCode: STREET, path: placePath(code), provinceCode: '52', cityCode: '5204' },
  ])
  return { code, path: placePath(code), name }
}

/** A grid (网格) in a community (a new one unless given). */
export async function buildGrid(t: FactoryHost, o: { community?: BuiltPlace } = {}): Promise<BuiltPlace & { community: BuiltPlace }> {
  const community = o.community ?? (await buildCommunity(t))
  const serial = next('grid')
  if (serial > 999) throw new Error('factories: more than 999 grids in one file')
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
  displayName: string
  /** a bearer token of a fresh session */
  token: string
  /** log in again (a new session, e.g. after the clock has moved past the idle timeout) */
  login(): Promise<string>
}

/**
 * An account with a role and scope, logged in. An account whose role must use a second factor
 * (MFA_REQUIRED_ROLES: the three administrators and county accounts by default) is built enrolled, its
 * secret known to the test app so that logging in answers the code step; `mfa: false` builds it without
 * one (its logins are then confined to enrolling), `mfa: true` gives any role one.
 */
export async function buildAccount(
  t: FactoryHost,
  o: { role: Role; scope: string; displayName?: string; residentId?: number; partyMemberId?: number; mfa?: boolean },
): Promise<BuiltAccount> {
  const username = `f_${o.role}_${next()}`
  const displayName = o.displayName ?? username
  const row = await insertAccount(t.database.db, {
    username,
    passwordHash: await passwordHash(),
    role: o.role,
    scope: o.scope,
    displayName,
    residentId: o.residentId ?? null,
    partyMemberId: o.partyMemberId ?? null,
    passwordChangedAt: t.clock.now(),
  })
  if (o.mfa ?? (t.deps.env !== undefined && roleRequiresMfa(t.deps.env, o.role))) await giveSecondFactor(t, { id: row!.id, username })
  const login = () => t.login(username, FACTORY_PASSWORD)
  return { id: row!.id, username, role: o.role, scope: o.scope, displayName, token: await login(), login }
}

/**
 * Enrol an existing account in a second factor (TOTP and recovery codes, stored as enrolment stores
 * them) and let the test app know it, so that its logins answer the code step.
 */
export async function giveSecondFactor(t: FactoryHost, account: { id: number; username: string }): Promise<void> {
  if (!t.factors) throw new Error('this host cannot answer a second factor: build the account with mfa: false')
  const enrol = () => enrolSecondFactor(t.database.db, t.deps.pii, account.id, t.clock.now())
  t.factors.set(account.username, { ...(await enrol()), lastStep: -Infinity, renew: enrol })
}

/** A fresh session for an account (after the clock has jumped past the idle logout). */
export const relogin = (t: TestApp, a: Pick<BuiltAccount, 'username'>) => t.login(a.username, FACTORY_PASSWORD)

/** A grid worker (or grid head) of a grid. */
export const buildGridWorker = (t: TestApp, grid: BuiltPlace, role: 'gridWorker' | 'gridHead' = 'gridWorker') =>
  buildAccount(t, { role, scope: grid.path, displayName: `${grid.name}${role === 'gridHead' ? '网格长' : '网格员'}` })

/** The account of a place (社区, 街道, 县). */
export const buildPlaceAccount = (t: TestApp, place: BuiltPlace | { code: string }, role: 'community' | 'street' | 'county', o: { mfa?: boolean } = {}) =>
  buildAccount(t, { role, scope: placePath(place.code), ...o })

/** A street account: of 环翠街道, where every built community lies, unless another street is named. */
export const buildStreetAccount = (t: TestApp, code: string = STREET) => buildPlaceAccount(t, { code }, 'street')

/** An account of one of the county's departments (seeded with the county), e.g. `520423-zjj` (住建局). */
export const buildDepartmentAccount = (t: TestApp, code: string) => buildAccount(t, { role: 'department', scope: `department:${code}` })

/** One of the county's three separated administrators (三员). */
export const buildAdmin = (t: TestApp, role: 'systemAdmin' | 'securityAdmin' | 'auditAdmin', o: { mfa?: boolean } = {}) => buildAccount(t, { role, scope: COUNTY, ...o })

type BuiltGrid = BuiltPlace & { community: BuiltPlace }

export interface BuiltResident {
  id: number
  name: string
  grid: BuiltGrid
  buildingId: number
  householdId: number
  /** the resident's own account, logged in */
  account: BuiltAccount
}

/**
 * A resident with no account: the householder of a new household of a grid (a new one unless given),
 * in a given building, or in a new building (of a given compound, if any).
 */
export async function buildResidentRecord(
  t: FactoryHost,
  o: { grid?: BuiltGrid; phone?: string; buildingId?: number; compoundId?: number } = {},
): Promise<Omit<BuiltResident, 'account'>> {
  const grid = o.grid ?? (await buildGrid(t))
  return { ...(await insertHouseholder(t, grid, o)), grid }
}

/** A householder in a new household of a building (a new one, in a compound if given, unless given). */
async function insertHouseholder(
  t: FactoryHost,
  grid: BuiltGrid,
  o: { buildingId?: number; compoundId?: number; phone?: string },
): Promise<{ id: number; name: string; buildingId: number; householdId: number }> {
  const db = t.database.db
  const n = next()
  const buildingId =
    o.buildingId ??
    (await insertBuilding(db, { gridCode: grid.code, compoundId: o.compoundId ?? null, name: `测试楼${n}栋`, address: `测试路${n}号`, floors: 6 })).id
  const [hh] = await insertHouseholds(db, [{ gridCode: grid.code, buildingId, room: `${n}01`, address: `测试路${n}号${n}01` }])
  const person = makePerson(prng, COUNTY, 2026, { minAge: 25, maxAge: 80, taken: takenIds })
  const [r] = await insertResidents(db, t.deps.pii, [
    { ...person, ...(o.phone ? { phone: o.phone } : {}), gridCode: grid.code, householdId: hh!.id, relation: 'householder', tags: [], isDemo: false },
  ])
  await openStays(db, [r!], { fromDate: '2020-01-01', reason: 'initial' })
  return { id: r!.id, name: r!.name, buildingId, householdId: hh!.id }
}

/**
 * A resident of a grid (a new one unless given) with an account, the householder of a new household —
 * in a given building, or in a new building (of a given compound, if any).
 */
export async function buildResident(
  t: FactoryHost,
  o: { grid?: BuiltGrid; phone?: string; buildingId?: number; compoundId?: number } = {},
): Promise<BuiltResident> {
  const r = await buildResidentRecord(t, o)
  const account = await buildAccount(t, { role: 'resident', scope: r.grid.path, displayName: r.name, residentId: r.id })
  return { ...r, account }
}

/**
 * A 联户长: a householder of the first covered resident's building, leading a 十联户 group of their own
 * household and the covered residents' households (so they see those buildings' appeals), with an account.
 */
export async function buildHouseholdLeader(t: TestApp, covers: BuiltResident[]): Promise<BuiltResident & { groupId: number }> {
  const first = covers[0]
  if (!first) throw new Error('factories: a 联户长 covers at least one resident')
  const grid = first.grid
  const leader = await insertHouseholder(t, grid, { buildingId: first.buildingId })
  const group = await insertHouseholdGroup(t.database.db, { gridCode: grid.code, name: `测试十联户${next()}组`, leaderResidentId: leader.id })
  await setHouseholdGroup(t.database.db, [leader.householdId, ...covers.map((c) => c.householdId)], group.id)
  const account = await buildAccount(t, { role: 'householdLeader', scope: grid.path, displayName: leader.name, residentId: leader.id })
  return { ...leader, grid, account, groupId: group.id }
}

export interface BuiltPropertyCompany {
  id: number
  name: string
  compoundId: number
  compoundName: string
  account: BuiltAccount
}

/** A 联户长 (ten-household leader) of a grid: a new building of three households in one 十联户 group, led by a resident of it. */
export async function buildLeaderBuilding(t: TestApp, o: { grid?: BuiltPlace & { community: BuiltPlace } } = {}) {
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
  await openStays(db, [leader!], { fromDate: '2020-01-01', reason: 'initial' })
  const group = await insertHouseholdGroup(db, { gridCode: grid.code, name: `十联户第${n}组`, leaderResidentId: leader!.id })
  await setHouseholdGroup(db, households.map((h) => h.id), group.id)
  const account = await buildAccount(t, { role: 'householdLeader', scope: grid.path, displayName: leader!.name, residentId: leader!.id })
  return { grid, buildingId: bld.id, householdIds: households.map((h) => h.id), groupId: group.id, residentId: leader!.id, account }
}

/** A property company serving a compound of a community, with one account. */
export async function buildPropertyCompany(t: TestApp, community: BuiltPlace): Promise<BuiltPropertyCompany> {
  const db = t.database.db
  const n = next()
  const company = await insertPropertyCompany(db, { name: `测试物业${n}有限公司`, countyCode: COUNTY })
  const compound = await insertCompound(db, { communityCode: community.code, name: `测试小区${n}`, propertyCompanyId: company.id })
  const account = await buildAccount(t, { role: 'property', scope: `property:${company.id}`, displayName: company.name })
  return { id: company.id, name: company.name, compoundId: compound.id, compoundName: compound.name, account }
}

/** An in-service party member registered at a community (双报到), without an account yet. */
export async function buildPartyMemberRecord(t: TestApp, community: BuiltPlace, workUnit = '县直机关') {
  const n = next()
  const [m] = await insertPartyMembers(t.database.db, [{ name: `测试党员${n}`, kind: 'inService', workUnit, communityCode: community.code }])
  return { id: m!.id, name: m!.name }
}

/** An in-service party member of a community, with an account. */
export async function buildPartyMember(t: TestApp, community: BuiltPlace, workUnit = '县直机关') {
  const m = await buildPartyMemberRecord(t, community, workUnit)
  const account = await buildAccount(t, { role: 'partyMember', scope: community.path, displayName: m.name, partyMemberId: m.id })
  return { ...m, account }
}

/** A volunteer team (志愿服务队) of a community with the given accounts as its members. */
export async function buildTeam(t: TestApp, community: BuiltPlace, members: BuiltAccount[]) {
  const row = await insertTeam(t.database.db, { communityCode: community.code, name: `测试志愿服务队${next()}` }, members.map((m) => m.id))
  return { id: row.id, name: row.name }
}

/**
 * The people an appeal of a new grid passes through — the demo's 北街 grid in small: a resident living
 * in a compound, the grid's worker and head, the community's account, and the compound's property company.
 */
export interface AppealCast {
  resident: BuiltResident
  gridWorker: BuiltAccount
  gridHead: BuiltAccount
  community: BuiltAccount
  property: BuiltPropertyCompany
}

/** A new community and grid with its cast (a grid given: its community's cast, with a new resident). */
export async function buildCast(t: TestApp, o: { grid?: BuiltGrid } = {}): Promise<AppealCast> {
  const grid = o.grid ?? (await buildGrid(t))
  const property = await buildPropertyCompany(t, grid.community)
  const resident = await buildResident(t, { grid, compoundId: property.compoundId })
  return {
    resident,
    gridWorker: await buildGridWorker(t, grid),
    gridHead: await buildGridWorker(t, grid, 'gridHead'),
    community: await buildPlaceAccount(t, grid.community, 'community'),
    property,
  }
}

async function act(t: TestApp, token: string, a: Appeal, action: string, fields: Record<string, unknown> = {}): Promise<Appeal> {
  const res = await t.request(token, 'POST', `/api/v1/appeals/${a.id}/actions`, { action, version: a.version, ...fields })
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200)
  return res.json<Appeal>()
}

export type LoopStatus = 'submitted' | 'accepted' | 'assigned' | 'in_progress' | 'resolved' | 'verified' | 'replied' | 'closed' | 'reopened'

/**
 * An appeal raised by the cast's resident (of a new grid unless a cast is given) and driven through the
 * real API to `status`: the grid worker accepts, the community dispatches it to the handler — the grid
 * worker, or the compound's property company — who claims and resolves it; the grid worker verifies,
 * the community replies, the resident rates (satisfied → closed, unsatisfied → reopened). Each actor
 * logs in afresh, so the clock may have moved since the cast was built. Returns the appeal as its last
 * actor saw it, and the cast.
 */
export async function buildAppeal(
  t: TestApp,
  o: { status?: LoopStatus; cast?: AppealCast; body?: Record<string, unknown>; handler?: 'gridWorker' | 'property' } = {},
): Promise<{ appeal: Appeal } & AppealCast> {
  const cast = o.cast ?? (await buildCast(t))
  const status = o.status ?? 'submitted'
  const resident = await cast.resident.account.login()
  const res = await t.request(resident, 'POST', '/api/v1/appeals', {
    categoryCode: 'elevator.fault',
    title: '楼道电梯坏了',
    description: '电梯停在三楼不动，老人上下楼困难。',
    ...o.body,
  })
  expect(res.statusCode, res.body).toBe(201)
  let a = res.json<Appeal>()
  const done = () => ({ appeal: a, ...cast })
  if (status === 'submitted') return done()
  const gridWorker = await cast.gridWorker.login()
  a = await act(t, gridWorker, a, 'accept')
  if (status === 'accepted') return done()
  const community = await cast.community.login()
  const byProperty = o.handler === 'property'
  a = await act(t, community, a, 'dispatch', {
    assigneeType: byProperty ? 'property' : 'gridWorker',
    assigneeId: String(byProperty ? cast.property.id : cast.gridWorker.id),
  })
  if (status === 'assigned') return done()
  const handler = byProperty ? await cast.property.account.login() : gridWorker
  a = await act(t, handler, a, 'claim')
  if (status === 'in_progress') return done()
  a = await act(t, handler, a, 'resolve', { result: '已联系维保单位修复' })
  if (status === 'resolved') return done()
  a = await act(t, gridWorker, a, 'verify')
  if (status === 'verified') return done()
  a = await act(t, community, a, 'reply', { message: '电梯已修复，请知悉' })
  if (status === 'replied') return done()
  a = await act(t, resident, a, 'rate', { rating: status === 'reopened' ? 'unsatisfied' : 'satisfied' })
  return done()
}

// ---- units (双报到: 报到单位) ----------------------------------------------------------------------

export interface BuiltUnit {
  id: number
  name: string
  partyOrgName: string
}

/** A unit (报到单位) of the demo county, not registered anywhere yet. */
export async function buildUnit(t: FactoryHost, o: { kind?: string } = {}): Promise<BuiltUnit> {
  const n = next()
  const row = await insertUnit(t.database.db, {
    countyCode: COUNTY,
    name: `测试单位${n}`,
    kind: o.kind ?? 'organ',
    partyOrgName: `测试单位${n}党支部`,
    createdAt: t.clock.now(),
  })
  return { id: row!.id, name: row!.name, partyOrgName: row!.partyOrgName }
}

/**
 * A unit with a confirmed registration at a community (a new one unless given) — what a member's
 * registration needs. Written straight to the table: the registration flow itself is tested over HTTP.
 */
export async function buildRegisteredUnit(t: FactoryHost, o: { community?: BuiltPlace } = {}): Promise<BuiltUnit & { community: BuiltPlace }> {
  const unit = await buildUnit(t)
  const community = o.community ?? (await buildCommunity(t))
  const now = t.clock.now()
  await insertUnitRegistration(t.database.db, {
    unitId: unit.id,
    communityCode: community.code,
    status: 'confirmed',
    termStart: '2026-01-01',
    termEnd: '2028-12-31',
    resources: ['党员志愿者'],
    submittedByUserId: 0,
    submittedAt: now,
    decidedAt: now,
    updatedAt: now,
  })
  return { ...unit, community }
}

/** The account of a unit's party organisation (role `unit`, scope `unit:<id>`). */
export const buildUnitAccount = (t: FactoryHost, unit: BuiltUnit) => buildAccount(t, { role: 'unit', scope: `unit:${unit.id}`, displayName: unit.partyOrgName })
// ---- points (党建+积分) -------------------------------------------------------------------------

/** A confirmed 双报到 member (see buildRegisteredMember), registered at `at` when given. */
export const buildConfirmedMember = (t: TestApp, community: BuiltPlace, communityAccount: BuiltAccount, o: { at?: string } = {}) =>
  buildRegisteredMember(t, community, communityAccount, o)

/**
 * Credit a service as the module recording it would: `creditService` inside a transaction, with the
 * context of the account that recorded the work (an organiser's check-out, a community's visit record).
 */
export async function creditServiceAs(t: TestApp, recordedBy: Pick<BuiltAccount, 'username'>, credit: ServiceCredit): Promise<CreditResult> {
  const ctx = makeCtx(t.deps, await loadActorByUsername(t.database.db, recordedBy.username), null)
  return inTransaction(ctx, (tx) => creditService(ctx, tx, credit))
}

// ---- pledges (包保) ----------------------------------------------------------------------------------

/**
 * A building of a grid with `floors` floors of one unit, two rooms a floor (1单元101, 1单元102, 1单元201 …),
 * and, if asked, its 楼栋党小组.
 */
export async function buildBuildingWithHouseholds(t: TestApp, grid: BuiltGrid, o: { floors?: number; partyGroup?: boolean } = {}) {
  const db = t.database.db
  const n = next()
  const bld = await insertBuilding(db, { gridCode: grid.code, name: `包保楼${n}栋`, address: `包保路${n}号`, floors: o.floors ?? 6 })
  const [unit] = await insertUnits(db, bld.id, ['1单元'])
  const rows = []
  for (let f = 1; f <= (o.floors ?? 6); f++) {
    for (const d of [1, 2]) rows.push({ gridCode: grid.code, buildingId: bld.id, unitId: unit!.id, room: `1单元${f}0${d}`, address: `包保路${n}号1单元${f}0${d}` })
  }
  const households = await insertHouseholds(db, rows)
  if (o.partyGroup) {
    await insertPartyOrgs(db, [{ kind: 'buildingGroup', name: `包保楼${n}栋楼栋党小组`, placeCode: grid.code, buildingId: bld.id }])
  }
  return { id: bld.id, name: bld.name, grid, households: households.map((h) => ({ id: h.id, room: h.room! })) }
}

/**
 * An in-service party member with an account who registered at a community (双报到) through the API, naming a
 * unit registered there; the community's account confirms it unless `confirm: false` — at `at` when given (the
 * clock is moved there and back: the account itself is made at the clock's time, so its password is not older
 * than the test's present).
 */
export async function buildRegisteredMember(
  t: TestApp,
  community: BuiltPlace,
  communityAccount: BuiltAccount,
  o: { confirm?: boolean; post?: string; at?: string } = {},
) {
  const m = await buildPartyMember(t, community)
  const present = t.clock.now()
  if (o.at) t.clock.set(o.at)
  try {
    const unit = await buildRegisteredUnit(t, { community })
    const res = await t.request(await m.account.login(), 'POST', '/api/v1/registrations', { communityCode: community.code, unitId: String(unit.id), workUnit: '镇宁自治县住建局', post: o.post ?? 'volunteer' })
    expect(res.statusCode, res.body).toBe(201)
    const reg = res.json<{ id: string; version: number }>()
    if (o.confirm !== false) {
      const ok = await t.request(await communityAccount.login(), 'POST', `/api/v1/registrations/${reg.id}/actions`, { action: 'confirm', version: reg.version })
      expect(ok.statusCode, ok.body).toBe(200)
    }
    return { ...m, registrationId: reg.id }
  } finally {
    t.clock.set(present)
  }
}

// ---- three lists (三张清单) and micro-wishes (微心愿) -----------------------------------------------

/** Two departments of the factory county (seeded with it), logged in: the parties that claim projects. */
export async function buildDepartments(t: TestApp): Promise<[BuiltAccount, BuiltAccount]> {
  return [await buildDepartmentAccount(t, `${COUNTY}-zjj`), await buildDepartmentAccount(t, `${COUNTY}-zhzfj`)]
}

/** A need raised through the API by an account (a community account: for its community, or a grid of it). */
export async function buildNeed(t: TestApp, token: string, body: Record<string, unknown> = {}): Promise<{ id: string; version: number; status: string }> {
  const res = await t.request(token, 'POST', '/api/v1/needs', { title: '楼道照明损坏', category: 'facility', beneficiaries: '3栋住户', ...body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

/** A project published through the API by a community account, over new needs of its own unless given. */
export async function buildProject(
  t: TestApp,
  community: BuiltAccount,
  o: { needIds?: string[]; body?: Record<string, unknown> } = {},
): Promise<{ id: string; version: number; status: string }> {
  const needIds = o.needIds ?? [(await buildNeed(t, community.token)).id]
  const res = await t.request(community.token, 'POST', '/api/v1/projects', { title: '老旧小区楼道照明改造', needIds, ...o.body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

/** A wish published through the API by a community account (for a named wisher unless given). */
export async function buildWish(t: TestApp, community: BuiltAccount, body: Record<string, unknown> = {}): Promise<{ id: string; version: number; status: string }> {
  const res = await t.request(community.token, 'POST', '/api/v1/wishes', { title: '想要一台收音机', category: 'goods', group: 'elderly', beneficiaryName: '王秀英', ...body })
  expect(res.statusCode, res.body).toBe(201)
  return res.json()
}

// ---- volunteers (志愿服务) ------------------------------------------------------------------------

/** A volunteer team of a community with a kind, a leader (who is a member) and members. */
export async function buildVolunteerTeam(
  t: TestApp,
  community: BuiltPlace,
  o: { kind?: 'vanguard' | 'wish' | 'mediation' | 'knock' | 'volunteer'; leader?: BuiltAccount; members?: BuiltAccount[] } = {},
) {
  const db = t.database.db
  const row = await insertVolunteerTeam(db, { communityCode: community.code, name: `测试服务队${next()}`, kind: o.kind ?? 'volunteer', leaderUserId: o.leader?.id ?? null })
  for (const m of [...(o.leader ? [o.leader] : []), ...(o.members ?? [])]) await insertVolunteerTeamMember(db, row.id, m.id)
  return { id: row.id, name: row.name }
}

// ---- ledger-stats (台账统计) -----------------------------------------------------------------------
// Register rows as the ledger modules would leave them, inserted directly (the figures only read them).
import { eq as tallyEq } from 'drizzle-orm'
import { resident as tallyResident, household as tallyHousehold } from '../src/db/schema'
import { rental as tallyRental, rentalTenant as tallyTenant, residenceHistory as tallyStay, specialGroup as tallyGroup, venue as tallyVenue, visit as tallyVisit } from '../src/db/schema/ledger'

/**
 * A person of a grid's register: a householder of a new household (in a building if given) with one stay from
 * `fromDate` (ended on `toDate` for `endReason`, the person then movedOut / deceased); born 1990-01-01 unless given.
 */
export async function buildTallyPerson(
  t: FactoryHost,
  grid: BuiltGrid,
  o: {
    fromDate?: string
    toDate?: string
    endReason?: 'moveOut' | 'death' | 'transfer'
    startReason?: 'initial' | 'moveIn' | 'birth' | 'import' | 'transfer'
    residenceType?: 'registered' | 'floating' | 'overseas'
    birthDate?: string
    sameAsHukou?: boolean
    buildingId?: number
    withoutHistory?: boolean
  } = {},
) {
  const db = t.database.db
  const r = await insertHouseholder(t, grid, o.buildingId ? { buildingId: o.buildingId } : {})
  const status = o.endReason === 'moveOut' ? 'movedOut' : o.endReason === 'death' ? 'deceased' : 'present'
  // the stay the householder factory opened is replaced by the one these figures need (or none)
  await db.delete(tallyStay).where(tallyEq(tallyStay.residentId, r.id))
  await db
    .update(tallyResident)
    .set({ residenceType: o.residenceType ?? 'registered', sameAsHukou: o.sameAsHukou ?? true, status, birthDate: o.birthDate ?? '1990-01-01' })
    .where(tallyEq(tallyResident.id, r.id))
  if (!o.withoutHistory) {
    await db.insert(tallyStay).values({
      residentId: r.id,
      householdId: r.householdId,
      gridCode: grid.code,
      address: `测试地址${r.householdId}`,
      residenceType: o.residenceType ?? 'registered',
      fromDate: o.fromDate ?? '2020-01-01',
      toDate: o.toDate ?? null,
      startReason: o.startReason ?? 'initial',
      endReason: o.endReason ?? null,
    })
  }
  return { ...r, grid }
}

/** A household's use (自住 · 出租 · 空置 · 其他). */
export async function setTallyOccupancy(t: FactoryHost, householdId: number, occupancy: 'owner' | 'rented' | 'vacant' | 'other') {
  await t.database.db.update(tallyHousehold).set({ occupancy }).where(tallyEq(tallyHousehold.id, householdId))
}

/** A rental (出租房屋) of a household from `startDate` (ended on `endDate`), with tenants from the same day. */
export async function buildTallyRental(
  t: FactoryHost,
  o: { householdId: number; gridCode: string; startDate: string; endDate?: string; tenantIds?: number[] },
) {
  const db = t.database.db
  const [row] = await db
    .insert(tallyRental)
    .values({
      householdId: o.householdId,
      gridCode: o.gridCode,
      landlordName: '测试房东',
      startDate: o.startDate,
      endDate: o.endDate ?? null,
      status: o.endDate ? 'ended' : 'active',
    })
    .returning()
  for (const residentId of o.tenantIds ?? []) {
    await db.insert(tallyTenant).values({ rentalId: row!.id, residentId, fromDate: o.startDate, toDate: o.endDate ?? null })
  }
  return row!
}

/** A venue (单位场所) of a grid, registered at `createdAt` (closed on `closedAt`). */
export async function buildTallyVenue(
  t: FactoryHost,
  o: { gridCode: string; kind: string; smallVenueType?: string; keyTypes?: string[]; createdAt?: Date; closedAt?: string },
) {
  const [row] = await t.database.db
    .insert(tallyVenue)
    .values({
      gridCode: o.gridCode,
      name: `测试场所${next()}`,
      kind: o.kind,
      smallVenueType: o.smallVenueType ?? null,
      keyTypes: o.keyTypes ?? [],
      address: '测试路1号',
      responsibleName: '测试负责人',
      status: o.closedAt ? 'closed' : 'open',
      closedAt: o.closedAt ?? null,
      ...(o.createdAt ? { createdAt: o.createdAt } : {}),
    })
    .returning()
  return row!
}

/** A special-group record (特殊人群) of a resident, from `since` (ended on `until`). */
export async function buildTallySpecialGroup(
  t: FactoryHost,
  o: { residentId: number; gridCode: string; kind: string; since?: string; until?: string; createdAt?: Date },
) {
  const category = ['communityCorrection', 'released', 'severeMental', 'drugUser', 'keyYouth'].includes(o.kind) ? 'managed' : 'care'
  const [row] = await t.database.db
    .insert(tallyGroup)
    .values({
      residentId: o.residentId,
      gridCode: o.gridCode,
      kind: o.kind,
      category,
      since: o.since ?? '2025-01-01',
      until: o.until ?? null,
      status: o.until ? 'ended' : 'active',
      ...(o.createdAt ? { createdAt: o.createdAt } : {}),
    })
    .returning()
  return row!
}

/** A recorded visit (走访) of a household by a grid worker. */
export async function buildTallyVisit(
  t: FactoryHost,
  o: { gridCode: string; visitorUserId: number; householdId: number; visitedAt: Date; outcome?: 'normal' | 'problem' | 'absent' },
) {
  const [row] = await t.database.db
    .insert(tallyVisit)
    .values({
      subjectType: 'household',
      subjectId: o.householdId,
      householdId: o.householdId,
      gridCode: o.gridCode,
      visitorUserId: o.visitorUserId,
      visitedAt: o.visitedAt,
      outcome: o.outcome ?? 'normal',
    })
    .returning()
  return row!
}

/** A present resident of an existing household (its householder unless `relation` says otherwise). */
export async function buildTallyHouseholdMember(
  t: FactoryHost,
  o: { gridCode: string; householdId: number; phone?: string; birthYear?: number; relation?: string; name?: string },
) {
  const person = makePerson(prng, COUNTY, 2026, { minAge: 30, maxAge: 60, taken: takenIds })
  const [r] = await insertResidents(t.database.db, t.deps.pii, [
    {
      ...person,
      ...(o.name ? { name: o.name } : {}),
      ...(o.birthYear ? { birthDate: `${o.birthYear}-06-01` } : {}),
      ...(o.phone ? { phone: o.phone } : {}),
      gridCode: o.gridCode,
      householdId: o.householdId,
      relation: o.relation ?? 'householder',
      tags: [],
      isDemo: false,
    },
  ])
  return r!
}

// ---- visits (走访) ---------------------------------------------------------------------------------------------

/**
 * A special-group record (特殊人群) of a resident, of their grid, entered into the register at `since` (the
 * clock's time unless given) — what the visit lists are generated from.
 */
export async function buildSpecialGroupRecord(
  t: FactoryHost,
  r: { id: number; grid: { code: string } },
  kind: SpecialGroupKind,
  o: { since?: Date } = {},
): Promise<{ id: number }> {
  const at = o.since ?? t.clock.now()
  const [row] = await insertSpecialGroups(t.database.db, [
    { residentId: r.id, gridCode: r.grid.code, kind, category: specialGroupCategory(kind), createdAt: at, since: at.toISOString().slice(0, 10) },
  ])
  return row!
}

// ---- population (实有人口) ----------------------------------------------------------------------------

/** An empty household (no one registered yet) in a new building of a grid: where a person is registered or moves to. */
export async function buildEmptyHousehold(t: FactoryHost, grid: BuiltGrid): Promise<{ id: number; buildingId: number; address: string }> {
  const db = t.database.db
  const n = next()
  const bld = await insertBuilding(db, { gridCode: grid.code, name: `人口楼${n}栋`, address: `人口路${n}号`, floors: 6 })
  const [hh] = await insertHouseholds(db, [{ gridCode: grid.code, buildingId: bld.id, room: '101', address: `人口路${n}号101` }])
  return { id: hh!.id, buildingId: bld.id, address: hh!.address }
}

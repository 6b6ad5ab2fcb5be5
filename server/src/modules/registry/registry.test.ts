/**
 * 基础信息登记 over HTTP, on a county seeded the way `yiwang seed --county` does (西秀区 520402, with
 * its three administrators): a fresh grid of a community is filled from nothing — a property company,
 * a compound, a building with units, households, residents, a 十联户 group with its leader, the grid's
 * party group, party members, accounts, a service team — and then works: a resident's appeal goes
 * round the loop through the property company, the grid's iron triangle (铁三角) lists what was bound,
 * the 联户长 resolves a report in their building on the spot. Another community's account gets 404, a
 * resident 403, and every write left its audit row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Appeal, Candidate } from '#contracts/appeals'
import type { PartyOrgTree, Place, PlaceSummary } from '#contracts/places'
import type {
  Building,
  Compound,
  Department,
  Household,
  HouseholdGroup,
  PartyMember,
  PartyOrg,
  PropertyCompany,
  RegisteredResident,
  Team,
  Unit,
} from '#contracts/registry'
import type { Role } from '#contracts/roles'
import { makeIdNumber } from '../../lib/id-number'
import { seedCounty } from '../../seed/county'
import { buildAccount, type BuiltAccount } from '../../../test/factories'
import { act, uploadPhoto } from '../../../test/appeal-helpers'
import { createTestApp, type TestApp } from '../../../test/setup'

const XIXIU = '520402' // 西秀区, 安顺市
const CHOSEN = 'Chosen#2026'
const OWN = 'MyOwn#2026x'

let t: TestApp
let sys: BuiltAccount
let sec: BuiltAccount
let aud: BuiltAccount

beforeAll(async () => {
  t = await createTestApp()
  // what `yiwang seed --county 520402` does: the places, grids, departments and party-org tree, and three administrators
  await seedCounty(t.database.db, XIXIU)
  sys = await buildAccount(t, { role: 'systemAdmin', scope: XIXIU, displayName: '系统管理员' })
  sec = await buildAccount(t, { role: 'securityAdmin', scope: XIXIU, displayName: '安全管理员' })
  aud = await buildAccount(t, { role: 'auditAdmin', scope: XIXIU, displayName: '审计管理员' })
}, 120_000)
afterAll(async () => t?.close())

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

/** A request that must answer `status`; returns the body. */
async function call<T>(token: string, method: Method, url: string, body: unknown, status: number): Promise<T> {
  const res = await t.request(token, method, `/api/v1${url}`, body)
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status)
  return res.json<T>()
}
const get = <T>(token: string, url: string) => call<T>(token, 'GET', url, undefined, 200)
const post = <T>(token: string, url: string, body: unknown) => call<T>(token, 'POST', url, body, 201)
const patch = <T>(token: string, url: string, body: unknown) => call<T>(token, 'PATCH', url, body, 200)

let usernames = 0
/** An account made by the county's security administrator, logged in once with its own new password. */
async function account(role: Role, scope: string, extra: { residentId?: string; partyMemberId?: string; displayName?: string } = {}) {
  const username = `xx_${role}_${++usernames}`
  const u = await post<{ id: string }>(sec.token, '/users', { username, password: CHOSEN, displayName: extra.displayName ?? username, role, scope, ...extra })
  const first = await t.login(username, CHOSEN)
  const { token } = await call<{ token: string }>(first, 'POST', '/auth/password', { oldPassword: CHOSEN, newPassword: OWN }, 200)
  return { id: u.id, token }
}

async function auditActions(entityType: string, entityId: string): Promise<string[]> {
  const page = await get<{ items: { action: string }[] }>(aud.token, `/audit-logs?entityType=${entityType}&entityId=${entityId}&limit=100`)
  return page.items.map((i) => i.action).reverse()
}

/** An ID number of the county that no one else in this file has. */
let idSerial = 100
/** A fresh ID number; its sequence's parity says the gender (odd: male), whatever ran before. */
const idNumber = (birth: string, gender: 'male' | 'female' = 'male') => {
  idSerial += 1
  if ((idSerial % 2 === 1) !== (gender === 'male')) idSerial += 1
  return makeIdNumber(XIXIU, birth, idSerial)
}

// A story: each step builds on the one before, so its steps keep their order (the story as a whole is shuffled among the others).
describe('a county seeded from the CLI is filled through the API and works', { shuffle: false }, () => {
  let community: PlaceSummary
  let otherCommunity: PlaceSummary
  let grid: Place
  let communityAcc: { id: string; token: string }
  let company: PropertyCompany
  let compound: Compound
  let building: Building
  let units: Unit[]
  const households: Household[] = []
  const residents: RegisteredResident[] = []
  let group: HouseholdGroup
  let partyGroup: PartyOrg
  let member: PartyMember
  let team: Team
  const acc: Record<string, { id: string; token: string }> = {}

  it('the places are there, with their party organisations and no people', async () => {
    const streets = await get<PlaceSummary[]>(sys.token, `/places/${XIXIU}/children`)
    expect(streets.length).toBeGreaterThan(5)
    const communities = await get<PlaceSummary[]>(sys.token, `/places/${streets[0]!.code}/children`)
    ;[community, otherCommunity] = communities as [PlaceSummary, PlaceSummary]
    expect(otherCommunity).toBeDefined()
    const tree = await get<PartyOrgTree>(sys.token, `/places/${community.code}/party-orgs`)
    expect(tree.items[0]).toMatchObject({ kind: 'communityCommittee', placeCode: community.code, depth: 0 })
    expect(tree.items.slice(1).every((o) => o.kind === 'gridGroup' && o.depth === 1)).toBe(true)
  })

  it('the system administrator opens a grid and registers a property company; the security administrator makes the community account', async () => {
    grid = await post<Place>(sys.token, `/places/${community.code}/grids`, { name: '安居网格' })
    expect(grid.code).toMatch(new RegExp(`^${community.code}\\d{3}$`))
    company = await post<PropertyCompany>(sys.token, '/registry/property-companies', { name: '西秀区安居物业服务有限公司', contactPhone: '0851-33221100' })
    expect(company).toMatchObject({ countyCode: XIXIU, compoundCount: 0, version: 1 })
    communityAcc = await account('community', community.code)
    // the new grid has no team yet
    const bare = await get<Place>(communityAcc.token, `/places/${grid.code}`)
    expect(bare.team).toEqual({ partyGroup: null, gridHeads: [], gridWorkers: [], householdGroups: [] })
  })

  it('the community registers a compound, a building with units, households and residents', async () => {
    const companies = await get<{ items: PropertyCompany[] }>(communityAcc.token, '/registry/property-companies')
    expect(companies.items.map((c) => c.id)).toContain(company.id)
    compound = await post<Compound>(communityAcc.token, '/registry/compounds', {
      communityCode: community.code,
      name: '安居苑',
      address: `西秀区${community.name}安居苑`,
      propertyCompanyId: company.id,
    })
    expect(compound).toMatchObject({ propertyCompany: { id: company.id, name: company.name }, buildingCount: 0 })
    building = await post<Building>(communityAcc.token, '/registry/buildings', {
      gridCode: grid.code,
      compoundId: compound.id,
      name: '1栋',
      floors: 6,
      units: ['1单元', '2单元'],
    })
    expect(building).toMatchObject({ gridCode: grid.code, compound: { id: compound.id }, address: `西秀区${community.name}安居苑1栋`, unitCount: 2 })
    units = (await get<{ items: Unit[] }>(communityAcc.token, `/registry/units?buildingId=${building.id}`)).items
    expect(units.map((u) => u.name)).toEqual(['1单元', '2单元'])
    for (const [unit, room] of [[units[0]!, '101'], [units[0]!, '102'], [units[1]!, '201'], [units[1]!, '202']] as const) {
      households.push(await post<Household>(communityAcc.token, '/registry/households', { buildingId: building.id, unitId: unit.id, room }))
    }
    expect(households[0]).toMatchObject({ gridCode: grid.code, unit: { name: '1单元' }, room: '101', address: `${building.address}1单元101` })
    expect((await get<Place>(communityAcc.token, `/places/${grid.code}`)).householdCount).toBe(4)

    const people = [
      { householdId: households[0]!.id, name: '罗正华', idNumber: idNumber('19660312'), phone: '13908530001', relation: 'householder', tags: ['退役军人'] },
      { householdId: households[1]!.id, name: '杨秀英', idNumber: idNumber('19780520', 'female'), phone: '13908530002', relation: 'householder' },
      { householdId: households[2]!.id, name: '王德明', idNumber: idNumber('19520101'), relation: 'householder', tags: ['独居老人'] },
    ]
    for (const p of people) residents.push(await post<RegisteredResident>(communityAcc.token, '/registry/residents', p))
    // personal data leaves masked; birth date and gender come from the ID number
    expect(residents[0]).toMatchObject({ name: '罗正华', gender: 'male', birthDate: '1966-**-**', phone: '139****0001', relation: 'householder', relationName: '户主' })
    expect(residents[0]!.idNumber).toMatch(/^520402\*{8}\d{3}[0-9X]$/)
    expect(JSON.stringify(residents)).not.toContain(people[0]!.idNumber)
    // the residents module finds the same people
    const found = await get<{ items: { id: string }[] }>(communityAcc.token, `/residents?place=${grid.code}`)
    expect(found.items.map((r) => r.id).sort()).toEqual(residents.map((r) => r.id).sort())
  })

  it('the community binds a 十联户 group with its leader, the grid party group and a party member', async () => {
    group = await post<HouseholdGroup>(communityAcc.token, '/registry/household-groups', {
      gridCode: grid.code,
      name: '十联户第1组',
      householdIds: households.map((h) => h.id),
      leaderResidentId: residents[0]!.id,
    })
    expect(group).toMatchObject({ householdCount: 4, leader: { residentId: residents[0]!.id, name: '罗正华', householdId: households[0]!.id, accountId: null } })

    partyGroup = await post<PartyOrg>(communityAcc.token, '/registry/party-orgs', { kind: 'gridGroup', placeCode: grid.code, name: `${community.name}安居网格党小组` })
    const tree = await get<PartyOrgTree>(communityAcc.token, `/places/${community.code}/party-orgs`)
    // hung under the community's committee by default
    expect(partyGroup.parentId).toBe(tree.items[0]!.id)
    expect(partyGroup).toMatchObject({ kind: 'gridGroup', kindName: '网格党小组', memberCount: 0 })

    member = await post<PartyMember>(communityAcc.token, '/registry/party-members', {
      communityCode: community.code,
      name: '王德明',
      kind: 'retired',
      partyOrgId: partyGroup.id,
      residentId: residents[2]!.id,
    })
    expect(member).toMatchObject({ kindName: '离退休党员', partyOrg: { id: partyGroup.id }, accountId: null })
  })

  it('the security administrator makes the accounts; the community forms a team of them', async () => {
    acc.worker = await account('gridWorker', grid.code, { displayName: '陈网格' })
    acc.head = await account('gridHead', grid.code, { displayName: '周网长' })
    acc.resident = await account('resident', grid.code, { residentId: residents[1]!.id, displayName: '杨秀英' })
    acc.leader = await account('householdLeader', grid.code, { residentId: residents[0]!.id, displayName: '罗正华' })
    acc.property = await account('property', `property:${company.id}`, { displayName: company.name })
    acc.member = await account('partyMember', community.code, { partyMemberId: member.id, displayName: '王德明' })
    team = await post<Team>(communityAcc.token, '/registry/teams', { communityCode: community.code, name: '安居志愿服务队', memberUserIds: [acc.member.id] })
    expect(team.members).toEqual([{ userId: acc.member.id, name: '王德明', role: 'partyMember' }])
    expect((await get<PartyMember>(communityAcc.token, `/registry/party-members/${member.id}`)).accountId).toBe(acc.member.id)
  })

  it('the grid shows its iron triangle (铁三角): party group, grid head and worker, 联户长 with the group', async () => {
    const g = await get<Place>(acc.resident!.token, `/places/${grid.code}`)
    expect(g.team).toEqual({
      partyGroup: { id: partyGroup.id, name: partyGroup.name, memberCount: 1 },
      gridHeads: [{ userId: acc.head!.id, name: '周网长' }],
      gridWorkers: [{ userId: acc.worker!.id, name: '陈网格' }],
      householdGroups: [{ id: group.id, name: '十联户第1组', householdCount: 4, leader: { residentId: residents[0]!.id, name: '罗正华', accountId: acc.leader!.id } }],
    })
    const tree = await get<PartyOrgTree>(acc.resident!.token, `/places/${grid.code}/party-orgs`)
    expect(tree).toEqual({ place: grid.code, items: [expect.objectContaining({ id: partyGroup.id, depth: 0, memberCount: 1 })] })
  })

  it("a resident's appeal goes round the loop: accepted, dispatched to the compound's property company, resolved, verified, replied, rated", async () => {
    const res = await t.request(acc.resident!.token, 'POST', '/api/v1/appeals', {
      categoryCode: 'elevator.fault',
      title: '1栋电梯坏了',
      description: '1单元电梯停在三楼不动，老人上下楼困难。',
    })
    expect(res.statusCode, res.body).toBe(201)
    let a = res.json<Appeal>()
    expect(a.place).toMatchObject({ gridCode: grid.code, communityCode: community.code })
    expect(a.address).toBe(households[1]!.address)
    expect(a.number).toMatch(/^XX\d{8}-\d{6}$/)
    a = await act(t, acc.worker!.token, a, 'accept')
    const candidates = await get<Candidate[]>(communityAcc.token, `/appeals/${a.id}/candidates?action=dispatch`)
    expect(candidates[0]).toEqual({ id: company.id, type: 'property', name: company.name, detail: '安居苑物业' })
    expect(candidates).toContainEqual({ id: team.id, type: 'team', name: '安居志愿服务队' })
    a = await act(t, communityAcc.token, a, 'dispatch', { assigneeType: 'property', assigneeId: company.id })
    a = await act(t, acc.property!.token, a, 'claim')
    a = await act(t, acc.property!.token, a, 'resolve', { result: '已更换电梯控制板，运行正常' })
    a = await act(t, acc.worker!.token, a, 'verify')
    a = await act(t, communityAcc.token, a, 'reply', { message: '电梯已修复，请知悉' })
    a = await act(t, acc.resident!.token, a, 'rate', { rating: 'satisfied' })
    expect(a).toMatchObject({ status: 'closed' })
  })

  it('the 联户长 reports a problem in the group’s building and resolves it on the spot', async () => {
    const res = await t.request(acc.leader!.token, 'POST', '/api/v1/appeals', {
      categoryCode: 'sanitation.garbage',
      title: '楼道堆放杂物',
      description: '2单元楼道堆满纸箱，影响通行。',
      householdId: households[3]!.id,
    })
    expect(res.statusCode, res.body).toBe(201)
    const a = res.json<Appeal>()
    expect(a.channel).toBe('householdLeader')
    expect(a.allowedActions).toContain('resolveOnSpot')
    const photo = await uploadPhoto(t, acc.leader!.token)
    const done = await act(t, acc.leader!.token, a, 'resolveOnSpot', { result: '已组织邻居清理杂物', photoIds: [photo] })
    expect(done).toMatchObject({ status: 'verified', resolutionLevel: 'building' })
  })

  it("another community's account gets 404 for every record of this one, and cannot write into it", async () => {
    const other = await account('community', otherCommunity.code)
    for (const url of [
      `/registry/compounds/${compound.id}`,
      `/registry/buildings/${building.id}`,
      `/registry/households/${households[0]!.id}`,
      `/registry/residents/${residents[0]!.id}`,
      `/registry/household-groups/${group.id}`,
      `/registry/teams/${team.id}`,
      `/registry/party-orgs/${partyGroup.id}`,
      `/registry/party-members/${member.id}`,
      `/registry/buildings?place=${community.code}`,
      `/registry/units?buildingId=${building.id}`,
    ]) {
      const res = await t.request(other.token, 'GET', `/api/v1${url}`)
      expect(res.statusCode, url).toBe(404)
    }
    for (const [url, body] of [
      [`/registry/buildings/${building.id}`, { version: building.version, name: '改名' }],
      [`/registry/household-groups/${group.id}`, { version: group.version, name: '改名' }],
      [`/registry/party-orgs/${partyGroup.id}`, { version: partyGroup.version, name: '改名' }],
    ] as const) {
      const res = await t.request(other.token, 'PATCH', `/api/v1${url}`, body)
      expect(res.statusCode, url).toBe(404)
    }
    const into = await t.request(other.token, 'POST', '/api/v1/registry/buildings', { gridCode: grid.code, name: '2栋' })
    expect(into.statusCode).toBe(404)
    expect(into.json()).toEqual({ code: 'NOT_FOUND', message: '记录不存在或不在您的辖区内' })
    const removal = await t.request(other.token, 'DELETE', `/api/v1/registry/households/${households[0]!.id}?version=1`)
    expect(removal.statusCode).toBe(404)
  })

  it('a resident, a grid worker or a property company may keep nothing: 403; grid staff read their grid', async () => {
    for (const who of ['resident', 'worker', 'property'] as const) {
      const res = await t.request(acc[who]!.token, 'POST', '/api/v1/registry/buildings', { gridCode: grid.code, name: '2栋' })
      expect(res.statusCode, who).toBe(403)
      expect(res.json().code).toBe('FORBIDDEN')
    }
    expect((await t.request(acc.resident!.token, 'GET', '/api/v1/registry/households')).statusCode).toBe(403)
    expect((await t.request(acc.resident!.token, 'PATCH', `/api/v1/registry/buildings/${building.id}`, { version: 1, name: 'x' })).statusCode).toBe(403)
    const seen = await get<{ items: Household[] }>(acc.worker!.token, '/registry/households')
    expect(seen.items.map((h) => h.id)).toEqual(households.map((h) => h.id))
  })

  it('every write left its audit row, naming who did it', async () => {
    const expected: [string, string, string][] = [
      ['propertyCompany', company.id, 'propertyCompany.create'],
      ['compound', compound.id, 'compound.create'],
      ['building', building.id, 'building.create'],
      ...households.map((h): [string, string, string] => ['household', h.id, 'household.create']),
      ...residents.map((r): [string, string, string] => ['resident', r.id, 'resident.create']),
      ['householdGroup', group.id, 'householdGroup.create'],
      ['partyOrg', partyGroup.id, 'partyOrg.create'],
      ['partyMember', member.id, 'partyMember.create'],
      ['team', team.id, 'team.create'],
    ]
    for (const [type, id, action] of expected) expect(await auditActions(type, id), `${type} ${id}`).toEqual([action])
    const rows = await get<{ items: { actor: { role: string }; after: Record<string, unknown> }[] }>(
      aud.token,
      `/audit-logs?entityType=householdGroup&entityId=${group.id}`,
    )
    expect(rows.items[0]).toMatchObject({ actor: { role: 'community' }, after: { householdIds: households.map((h) => Number(h.id)), leaderResidentId: Number(residents[0]!.id) } })
    // the resident's audit row keeps the ID number masked, never in the clear
    const r = await get<{ items: { after: Record<string, unknown> }[] }>(aud.token, `/audit-logs?entityType=resident&entityId=${residents[0]!.id}`)
    expect(r.items[0]!.after).toMatchObject({ name: '罗正华', phone: '139****0001' })
    expect(JSON.stringify(r.items)).not.toMatch(/a1\.|19660312/)
  })
})

/** A community of the seeded county (the n-th, street by street), a grid newly opened in it and its community account. */
const communities: PlaceSummary[] = []
async function freshCommunity(n: number) {
  for (const street of await get<PlaceSummary[]>(sys.token, `/places/${XIXIU}/children`)) {
    if (communities.length > n) break
    communities.push(...(await get<PlaceSummary[]>(sys.token, `/places/${street.code}/children`)))
  }
  const community = communities[n]!
  const grid = await post<Place>(sys.token, `/places/${community.code}/grids`, {})
  return { community, grid, keeper: await account('community', community.code) }
}

/** A building of `grid` with one household per room. */
async function buildingWith(token: string, gridCode: string, rooms: string[]) {
  const b = await post<Building>(token, '/registry/buildings', { gridCode, name: `${rooms.length}户楼`, address: '西秀区测试路1号' })
  const hs: Household[] = []
  for (const room of rooms) hs.push(await post<Household>(token, '/registry/households', { buildingId: b.id, room }))
  return { building: b, households: hs }
}

const resident = (token: string, householdId: string, name: string) =>
  post<RegisteredResident>(token, '/registry/residents', { householdId, name, relation: 'householder', idNumber: idNumber('19800101') })

describe('changes are versioned, and nothing that people or appeals refer to is removed', () => {
  it('a stale version is 409 and changes nothing; the current one updates, audited with before and after', async () => {
    const { grid, keeper } = await freshCommunity(2)
    const { building } = await buildingWith(keeper.token, grid.code, ['101'])
    const renamed = await patch<Building>(keeper.token, `/registry/buildings/${building.id}`, { version: 1, name: '东楼', floors: 7 })
    expect(renamed).toMatchObject({ name: '东楼', floors: 7, version: 2 })
    const stale = await t.request(keeper.token, 'PATCH', `/api/v1/registry/buildings/${building.id}`, { version: 1, name: '西楼' })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().code).toBe('VERSION_CONFLICT')
    expect((await get<Building>(keeper.token, `/registry/buildings/${building.id}`)).name).toBe('东楼')
    const empty = await t.request(keeper.token, 'PATCH', `/api/v1/registry/buildings/${building.id}`, { version: 2 })
    expect(empty.statusCode).toBe(400)
    const rows = await get<{ items: { action: string; before: unknown; after: unknown }[] }>(aud.token, `/audit-logs?entityType=building&entityId=${building.id}`)
    expect(rows.items[0]).toMatchObject({ action: 'building.update', before: { name: '1户楼', floors: null }, after: { name: '东楼', floors: 7 } })
  })

  it('a building with households, a household with residents or an appeal, a unit with households: 422; empty ones go, audited', async () => {
    const { grid, keeper } = await freshCommunity(3)
    const { building, households } = await buildingWith(keeper.token, grid.code, ['101', '102', '103'])
    const refused = await t.request(keeper.token, 'DELETE', `/api/v1/registry/buildings/${building.id}?version=${building.version}`)
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toEqual({ code: 'BUILDING_IN_USE', message: '楼栋还有住户、诉求记录或楼栋党小组，不能删除' })

    // a household someone lives in, and one an appeal names, stay
    const r = await resident(keeper.token, households[0]!.id, '张三')
    const lived = await t.request(keeper.token, 'DELETE', `/api/v1/registry/households/${households[0]!.id}?version=1`)
    expect(lived.statusCode).toBe(422)
    expect(lived.json().code).toBe('HOUSEHOLD_IN_USE')
    const worker = await account('gridWorker', grid.code)
    const appeal = await t.request(worker.token, 'POST', '/api/v1/appeals', { categoryCode: 'sanitation.garbage', title: '门口垃圾', description: '门口垃圾无人清运', householdId: households[1]!.id })
    expect(appeal.statusCode, appeal.body).toBe(201)
    expect((await t.request(keeper.token, 'DELETE', `/api/v1/registry/households/${households[1]!.id}?version=1`)).json().code).toBe('HOUSEHOLD_IN_USE')

    // a mistaken entry nobody refers to goes; a stale version first is 409
    expect((await t.request(keeper.token, 'DELETE', `/api/v1/registry/households/${households[2]!.id}?version=7`)).statusCode).toBe(409)
    expect(await call(keeper.token, 'DELETE', `/registry/households/${households[2]!.id}?version=1`, undefined, 200)).toEqual({ id: households[2]!.id, removed: true })
    expect((await t.request(keeper.token, 'GET', `/api/v1/registry/households/${households[2]!.id}`)).statusCode).toBe(404)
    expect((await get<Place>(keeper.token, `/places/${grid.code}`)).householdCount).toBe(2)
    expect(await auditActions('household', households[2]!.id)).toEqual(['household.create', 'household.remove'])

    // a unit with a household stays; an empty building goes with its empty units
    const unit = await post<Unit>(keeper.token, '/registry/units', { buildingId: building.id, name: '1单元' })
    await patch<Household>(keeper.token, `/registry/households/${households[0]!.id}`, { version: 1, unitId: unit.id })
    expect((await t.request(keeper.token, 'DELETE', `/api/v1/registry/units/${unit.id}?version=1`)).json().code).toBe('UNIT_IN_USE')
    const empty = await post<Building>(keeper.token, '/registry/buildings', { gridCode: grid.code, name: '空楼', units: ['1单元'] })
    await call(keeper.token, 'DELETE', `/registry/buildings/${empty.id}?version=1`, undefined, 200)
    expect(await auditActions('building', empty.id)).toEqual(['building.create', 'building.remove'])
    expect(r.id).toBeDefined()
  })

  it('a compound with buildings and a property company serving one are not removed; changing the company is audited', async () => {
    const { community, grid, keeper } = await freshCommunity(4)
    const a = await post<PropertyCompany>(sys.token, '/registry/property-companies', { name: '甲物业有限公司' })
    const b = await post<PropertyCompany>(sys.token, '/registry/property-companies', { name: '乙物业有限公司', creditCode: '91520402MA6D111111' })
    const cmp = await post<Compound>(keeper.token, '/registry/compounds', { communityCode: community.code, name: '丙小区', propertyCompanyId: a.id })
    await post<Building>(keeper.token, '/registry/buildings', { gridCode: grid.code, compoundId: cmp.id, name: '1栋' })
    expect((await t.request(keeper.token, 'DELETE', `/api/v1/registry/compounds/${cmp.id}?version=1`)).json().code).toBe('COMPOUND_IN_USE')
    expect((await t.request(sys.token, 'DELETE', `/api/v1/registry/property-companies/${a.id}?version=1`)).json().code).toBe('PROPERTY_COMPANY_IN_USE')
    const changed = await patch<Compound>(keeper.token, `/registry/compounds/${cmp.id}`, { version: 1, propertyCompanyId: b.id })
    expect(changed).toMatchObject({ propertyCompany: { id: b.id, name: '乙物业有限公司' }, buildingCount: 1, version: 2 })
    const rows = await get<{ items: { action: string; before: unknown; after: unknown }[] }>(aud.token, `/audit-logs?entityType=compound&entityId=${cmp.id}`)
    expect(rows.items[0]).toMatchObject({ action: 'compound.update', before: { propertyCompanyId: Number(a.id) }, after: { propertyCompanyId: Number(b.id) } })
    // a company of another county, or none at all, cannot serve it
    const bad = await t.request(keeper.token, 'PATCH', `/api/v1/registry/compounds/${cmp.id}`, { version: 2, propertyCompanyId: '999999' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'UNKNOWN_PROPERTY_COMPANY', details: [{ field: 'propertyCompanyId' }] })
    // the company no longer serving anything may go
    expect(await call(sys.token, 'DELETE', `/registry/property-companies/${a.id}?version=1`, undefined, 200)).toEqual({ id: a.id, removed: true })
  })
})

describe('十联户: one grid, a household in one group, a leader who lives in it', () => {
  let grid: Place
  let keeper: { id: string; token: string }
  let hs: Household[]
  let leader: RegisteredResident
  let neighbour: RegisteredResident

  beforeAll(async () => {
    ;({ grid, keeper } = await freshCommunity(5))
    hs = (await buildingWith(keeper.token, grid.code, ['101', '102', '201', '202', '301'])).households
    leader = await resident(keeper.token, hs[0]!.id, '刘联户')
    neighbour = await resident(keeper.token, hs[4]!.id, '赵邻居')
  })

  it('refuses a leader from outside the group, a household of another group or grid', async () => {
    // a building and a would-be leader of its own: the other tests' groups do not touch them
    const own = (await buildingWith(keeper.token, grid.code, ['101', '102', '201'])).households
    const lead = await resident(keeper.token, own[0]!.id, '孙联户')
    const outside = await t.request(keeper.token, 'POST', '/api/v1/registry/household-groups', {
      gridCode: grid.code,
      name: '第1组',
      householdIds: [own[1]!.id, own[2]!.id],
      leaderResidentId: lead.id,
    })
    expect(outside.statusCode).toBe(422)
    expect(outside.json()).toMatchObject({ code: 'LEADER_NOT_IN_GROUP', message: '联户长须是本组某一户的居民' })

    const first = await post<HouseholdGroup>(keeper.token, '/registry/household-groups', { gridCode: grid.code, name: '第1组', householdIds: [own[0]!.id, own[1]!.id] })
    const taken = await t.request(keeper.token, 'POST', '/api/v1/registry/household-groups', { gridCode: grid.code, name: '第2组', householdIds: [own[1]!.id, own[2]!.id] })
    expect(taken.statusCode).toBe(422)
    expect(taken.json()).toMatchObject({ code: 'HOUSEHOLD_IN_OTHER_GROUP', details: [{ field: 'householdIds' }] })

    const otherGrid = await post<Place>(sys.token, `/places/${grid.parentCode}/grids`, {})
    const far = (await buildingWith(keeper.token, otherGrid.code, ['101'])).households[0]!
    const mixed = await t.request(keeper.token, 'PATCH', `/api/v1/registry/household-groups/${first.id}`, { version: first.version, householdIds: [own[0]!.id, far.id] })
    expect(mixed.statusCode).toBe(422)
    expect(mixed.json().code).toBe('GROUP_HOUSEHOLDS_NOT_IN_GRID')
    const unknown = await t.request(keeper.token, 'PATCH', `/api/v1/registry/household-groups/${first.id}`, { version: first.version, householdIds: ['999999'] })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json().code).toBe('UNKNOWN_HOUSEHOLD')
    await call(keeper.token, 'DELETE', `/registry/household-groups/${first.id}?version=${first.version}`, undefined, 200)
  })

  it("changing the households or the leader is audited, and the leader's account follows the group's buildings", async () => {
    let g = await post<HouseholdGroup>(keeper.token, '/registry/household-groups', { gridCode: grid.code, name: '第3组', householdIds: [hs[0]!.id, hs[1]!.id], leaderResidentId: leader.id })
    const leaderAcc = await account('householdLeader', grid.code, { residentId: leader.id })
    expect((await get<HouseholdGroup>(keeper.token, `/registry/household-groups/${g.id}`)).leader!.accountId).toBe(leaderAcc.id)

    // the group grows by a household; a household of the group is named by the leader's report
    g = await patch<HouseholdGroup>(keeper.token, `/registry/household-groups/${g.id}`, { version: g.version, householdIds: [hs[0]!.id, hs[1]!.id, hs[4]!.id] })
    expect(g).toMatchObject({ householdCount: 3, version: 2 })
    expect(g.households!.map((h) => h.id)).toEqual([hs[0]!.id, hs[1]!.id, hs[4]!.id])
    const report = await t.request(leaderAcc.token, 'POST', '/api/v1/appeals', { categoryCode: 'sanitation.garbage', title: '楼道杂物', description: '三楼楼道堆放杂物', householdId: hs[4]!.id })
    expect(report.statusCode, report.body).toBe(201)

    // the leader moving out of the group is refused until another leads it
    const move = await t.request(keeper.token, 'PATCH', `/api/v1/registry/residents/${leader.id}`, { version: leader.version, householdId: hs[2]!.id })
    expect(move.statusCode).toBe(422)
    expect(move.json().code).toBe('LEADER_NOT_IN_GROUP')
    g = await patch<HouseholdGroup>(keeper.token, `/registry/household-groups/${g.id}`, { version: g.version, leaderResidentId: neighbour.id })
    expect(g.leader).toMatchObject({ residentId: neighbour.id, name: '赵邻居', accountId: null })
    const moved = await patch<RegisteredResident>(keeper.token, `/registry/residents/${leader.id}`, { version: leader.version, householdId: hs[2]!.id, phone: '13908531234' })
    expect(moved).toMatchObject({ householdId: hs[2]!.id, phone: '139****1234', version: 2 })

    const rows = await get<{ items: { action: string; before: Record<string, unknown>; after: Record<string, unknown> }[] }>(
      aud.token,
      `/audit-logs?entityType=householdGroup&entityId=${g.id}&limit=10`,
    )
    expect(rows.items.map((r) => [r.action, r.before, r.after]).reverse()).toEqual([
      ['householdGroup.create', null, expect.objectContaining({ householdIds: [Number(hs[0]!.id), Number(hs[1]!.id)], leaderResidentId: Number(leader.id) })],
      ['householdGroup.update', { householdIds: [Number(hs[0]!.id), Number(hs[1]!.id)] }, { householdIds: [Number(hs[0]!.id), Number(hs[1]!.id), Number(hs[4]!.id)] }],
      ['householdGroup.update', { leaderResidentId: Number(leader.id) }, { leaderResidentId: Number(neighbour.id) }],
    ])
    const residentRows = await get<{ items: { before: Record<string, unknown>; after: Record<string, unknown> }[] }>(aud.token, `/audit-logs?entityType=resident&entityId=${leader.id}`)
    expect(residentRows.items[0]).toMatchObject({ before: { householdId: Number(hs[0]!.id), phone: null }, after: { householdId: Number(hs[2]!.id), phone: '139****1234' } })
  })

  it('a resident is registered once: a bad ID number is 400, the same one again is 409', async () => {
    const bad = await t.request(keeper.token, 'POST', '/api/v1/registry/residents', { householdId: hs[3]!.id, name: '钱五', relation: 'householder', idNumber: '520402198001010000' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'idNumber', message: '身份证号校验不通过，请核对' }] })
    const id = idNumber('19900909')
    await post(keeper.token, '/registry/residents', { householdId: hs[3]!.id, name: '钱五', relation: 'householder', idNumber: id })
    const again = await t.request(keeper.token, 'POST', '/api/v1/registry/residents', { householdId: hs[2]!.id, name: '钱五', relation: 'other', idNumber: id.toLowerCase() })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('RESIDENT_ALREADY_REGISTERED')
  })
})

describe('party organisations, teams, departments', () => {
  it('a grid has one party group; a kind must fit its place; an organisation with members stays', async () => {
    const { community, grid, keeper } = await freshCommunity(6)
    const tree = await get<PartyOrgTree>(keeper.token, `/places/${community.code}/party-orgs`)
    const seededGrid = tree.items.find((o) => o.kind === 'gridGroup')!
    const second = await t.request(keeper.token, 'POST', '/api/v1/registry/party-orgs', { kind: 'gridGroup', placeCode: seededGrid.placeCode, name: '又一个党小组' })
    expect(second.statusCode).toBe(422)
    expect(second.json().code).toBe('GRID_PARTY_GROUP_EXISTS')
    const misplaced = await t.request(keeper.token, 'POST', '/api/v1/registry/party-orgs', { kind: 'gridGroup', placeCode: community.code, name: '错位党小组' })
    expect(misplaced.statusCode).toBe(422)
    expect(misplaced.json().code).toBe('PARTY_ORG_MISPLACED')
    // the street's working committee is the street's to keep
    const streetOrg = await t.request(keeper.token, 'POST', '/api/v1/registry/party-orgs', { kind: 'streetWorkingCommittee', placeCode: community.code.slice(0, 9), name: '街道党工委' })
    expect(streetOrg.statusCode).toBe(404)

    // a branch at the new grid; its party group then hangs under the branch, and a building group under the group
    const branch = await post<PartyOrg>(keeper.token, '/registry/party-orgs', { kind: 'gridBranch', placeCode: grid.code, name: '网格党支部' })
    const group = await post<PartyOrg>(keeper.token, '/registry/party-orgs', { kind: 'gridGroup', placeCode: grid.code, name: '网格党小组' })
    expect(group.parentId).toBe(branch.id)
    const { building } = await buildingWith(keeper.token, grid.code, ['101'])
    const bg = await post<PartyOrg>(keeper.token, '/registry/party-orgs', { kind: 'buildingGroup', placeCode: grid.code, buildingId: building.id, name: '1栋党小组' })
    expect(bg).toMatchObject({ parentId: group.id, buildingId: building.id, kindName: '楼栋党小组' })
    const upward = await t.request(keeper.token, 'PATCH', `/api/v1/registry/party-orgs/${branch.id}`, { version: 1, parentId: group.id })
    expect(upward.statusCode).toBe(422)

    const m = await post<PartyMember>(keeper.token, '/registry/party-members', { communityCode: community.code, name: '孙党员', kind: 'inService', workUnit: '西秀区教育局', partyOrgId: group.id })
    expect((await t.request(keeper.token, 'DELETE', `/api/v1/registry/party-orgs/${group.id}?version=1`)).json().code).toBe('PARTY_ORG_IN_USE')
    const moved = await patch<PartyMember>(keeper.token, `/registry/party-members/${m.id}`, { version: 1, partyOrgId: branch.id })
    expect(moved.partyOrg).toEqual({ id: branch.id, name: '网格党支部' })
    await call(keeper.token, 'DELETE', `/registry/party-orgs/${bg.id}?version=1`, undefined, 200)

    // the tree of the grid, parents before children
    const gridTree = await get<PartyOrgTree>(keeper.token, `/places/${grid.code}/party-orgs`)
    expect(gridTree.items.map((o) => [o.kind, o.depth, o.memberCount])).toEqual([
      ['gridBranch', 0, 1],
      ['gridGroup', 1, 0],
    ])
  })

  it('a team takes accounts of its community only; one dispatched to stays', async () => {
    const { community, grid, keeper } = await freshCommunity(7)
    const worker = await account('gridWorker', grid.code)
    const stranger = await account('gridWorker', (await freshCommunity(8)).grid.code)
    const refused = await t.request(keeper.token, 'POST', '/api/v1/registry/teams', { communityCode: community.code, name: '应急队', memberUserIds: [worker.id, stranger.id] })
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toMatchObject({ code: 'UNKNOWN_ACCOUNT', details: [{ field: 'memberUserIds', message: `账号 ${stranger.id} 不存在、已停用或不在本社区` }] })
    let team = await post<Team>(keeper.token, '/registry/teams', { communityCode: community.code, name: '应急队', memberUserIds: [worker.id] })
    team = await patch<Team>(keeper.token, `/registry/teams/${team.id}`, { version: 1, memberUserIds: [], name: '应急服务队' })
    expect(team).toMatchObject({ name: '应急服务队', members: [], version: 2 })
    const rows = await get<{ items: { before: unknown; after: unknown }[] }>(aud.token, `/audit-logs?entityType=team&entityId=${team.id}`)
    expect(rows.items[0]).toMatchObject({ before: { name: '应急队', memberUserIds: [Number(worker.id)] }, after: { name: '应急服务队', memberUserIds: [] } })

    // a team an appeal was dispatched to stays; an unused one goes
    let a = (await t.request(worker.token, 'POST', '/api/v1/appeals', { categoryCode: 'sanitation.garbage', title: '路口垃圾', description: '路口垃圾堆放三天' })).json<Appeal>()
    a = await act(t, worker.token, a, 'accept')
    await act(t, keeper.token, a, 'dispatch', { assigneeType: 'team', assigneeId: team.id })
    const inUse = await t.request(keeper.token, 'DELETE', `/api/v1/registry/teams/${team.id}?version=2`)
    expect(inUse.statusCode).toBe(422)
    expect(inUse.json()).toEqual({ code: 'TEAM_IN_USE', message: '该队伍已有分派给它的诉求，不能删除' })
    const unused = await post<Team>(keeper.token, '/registry/teams', { communityCode: community.code, name: '临时队' })
    expect(await call(keeper.token, 'DELETE', `/registry/teams/${unused.id}?version=1`, undefined, 200)).toEqual({ id: unused.id, removed: true })
    expect(await auditActions('team', unused.id)).toEqual(['team.create', 'team.remove'])
  })

  it('departments are the county system administrator’s: others 403, another county 404, a code once, one in use stays', async () => {
    const list = await get<{ items: Department[]; nextCursor: string | null; total: number }>(sys.token, '/registry/departments?limit=5&withTotal=true')
    expect(list.items).toHaveLength(5)
    expect(list.total).toBeGreaterThan(5)
    const rest = await get<{ items: Department[] }>(sys.token, `/registry/departments?limit=100&cursor=${list.nextCursor}`)
    expect(rest.items).toHaveLength(list.total - 5)
    expect(rest.items[0]!.code > list.items[4]!.code).toBe(true)

    const created = await post<Department>(sys.token, '/registry/departments', { suffix: 'xfj', name: '西秀区信访局' })
    expect(created).toEqual({ code: `${XIXIU}-xfj`, name: '西秀区信访局', countyCode: XIXIU, version: 1 })
    const taken = await t.request(sys.token, 'POST', '/api/v1/registry/departments', { suffix: 'zjj', name: '重复' })
    expect(taken.statusCode).toBe(409)
    expect(taken.json().code).toBe('DEPARTMENT_CODE_TAKEN')
    const community = (await freshCommunity(9)).keeper
    const byCommunity = await t.request(community.token, 'POST', '/api/v1/registry/departments', { suffix: 'abc', name: '社区建的部门' })
    expect(byCommunity.statusCode).toBe(403)
    expect(byCommunity.json()).toEqual({ code: 'FORBIDDEN', message: '部门和物业公司由本县系统管理员维护' })
    expect((await get<{ items: Department[] }>(community.token, '/registry/departments?limit=100')).items.map((d) => d.code)).toContain(created.code)
    // the demo county's system administrator does not see 西秀's
    const zn = await t.login('sysadmin')
    expect((await t.request(zn, 'PATCH', `/api/v1/registry/departments/${created.code}`, { version: 1, name: '改名' })).statusCode).toBe(404)
    expect((await t.request(zn, 'GET', `/api/v1/registry/departments?county=${XIXIU}`)).statusCode).toBe(404)

    await patch<Department>(sys.token, `/registry/departments/${created.code}`, { version: 1, name: '西秀区信访局（群众来访接待中心）' })
    await account('department', `department:${created.code}`)
    expect((await t.request(sys.token, 'DELETE', `/api/v1/registry/departments/${created.code}?version=2`)).json().code).toBe('DEPARTMENT_IN_USE')
    expect(await auditActions('department', created.code)).toEqual(['department.create', 'department.update'])
  })
})

/**
 * The demo county: 镇宁布依族苗族自治县 (520423) with every street and community, grids for every
 * community, and people, buildings and accounts in depth for 北街社区 (its four compounds 龙城印象,
 * 锦绘新都, 翡翠丽都, 安庄卫安置回迁房 — seven grids and about 96 十联户, as the seed report says), and
 * lighter for 烟棚社区 next door. Deterministic: the same seed gives the same data.
 * Demo people are not real; every row carries isDemo.
 */
import type { Db } from '../db/client'
import { hashPassword } from '../lib/password'
import type { Pii } from '../lib/pii'
import { Prng } from '../lib/prng'
import { seedListsDemo } from './demo-lists'
import { ROLE_NAMES, type Role } from '#contracts/roles'
import { DEFAULT_MFA_REQUIRED_ROLES } from '../env'
import { describeScope, enrolSecondFactor, revealTotpSecret } from '../modules/auth'
import { seedDemoPledges } from '../modules/pledges'
import { seedDemoHousing } from './demo-housing'
import { seedCounty } from './county'
import { seedDemoPoints } from './demo-points'
import { makePerson } from './people'
import {
  accountExists,
  insertAccount,
  insertBuilding,
  insertCompound,
  insertHouseholdGroup,
  insertHouseholds,
  insertPartyMembers,
  insertPropertyCompany,
  insertResidents,
  insertTeam,
  insertUnits,
  listDemoAccountRows,
  listPartyOrgsOfKind,
  refreshHouseholdCounts,
  setGridBoundary,
  setHouseholdGroup,
  type ResidentSpec,
} from './queries'
import { WORK_UNITS } from './names'
import { seedDemoUnits } from './demo-units'
import { seedDemoVolunteers } from './demo-volunteers'
import { seedDemoGroups } from './demo-groups'
import { seedDemoVisits } from './demo-visits'
import { seedDemoPopulation } from './demo-population'
import { openStays } from '../modules/population'

export const DEMO_COUNTY = '520423'
export const HUANCUI_STREET = '520423002'
export const BAIMAHU_STREET = '520423001'
export const BEIJIE = '520423002013'
export const YANPENG = '520423002014'
export const DEMO_PASSWORD = 'Yiwang@2026'

export interface DemoAccount {
  username: string
  password: string
  role: Role
  scope: string
  label: string
  /** the TOTP secret of an account with a second factor (the three administrators and the county account) */
  totpSecret?: string
}

const path = (...codes: string[]) => codes.join('.')
const gridCode = (community: string, serial: number) => `${community}${String(serial).padStart(3, '0')}`
const gridPath = (community: string, serial: number) =>
  path(DEMO_COUNTY, community.slice(0, 9), community, gridCode(community, serial))

interface CompoundPlan {
  name: string
  company: string
  grids: number[]
  buildings: number
  floors: [number, number]
  /** rough centre for the map */
  lat: number
  lng: number
}

const BEIJIE_COMPOUNDS: CompoundPlan[] = [
  { name: '龙城印象', company: '镇宁龙城物业服务有限公司', grids: [1, 2], buildings: 12, floors: [6, 7], lat: 26.0612, lng: 105.7688 },
  { name: '锦绘新都', company: '贵州锦绘物业管理有限公司', grids: [3, 4], buildings: 10, floors: [6, 7], lat: 26.0601, lng: 105.7721 },
  { name: '翡翠丽都', company: '安顺翡翠丽都物业服务有限公司', grids: [5], buildings: 6, floors: [6, 7], lat: 26.0589, lng: 105.7745 },
  { name: '安庄卫安置回迁房', company: '镇宁自治县城投物业管理有限公司', grids: [6, 7], buildings: 8, floors: [5, 6], lat: 26.0575, lng: 105.7702 },
]

/** A small rectangle per grid so the grid map has something to draw (GeoJSON, lng/lat). */
function gridBoundary(serial: number) {
  const col = (serial - 1) % 4
  const row = Math.floor((serial - 1) / 4)
  const x0 = 105.766 + col * 0.0035
  const y0 = 26.062 - row * 0.003
  const r = (n: number) => Math.round(n * 1e6) / 1e6
  return {
    type: 'Polygon',
    coordinates: [[[r(x0), r(y0)], [r(x0 + 0.0035), r(y0)], [r(x0 + 0.0035), r(y0 - 0.003)], [r(x0), r(y0 - 0.003)], [r(x0), r(y0)]]],
  }
}

interface Household {
  id: number
  gridCode: string
  buildingId: number
}

interface PeopleResult {
  residents: Awaited<ReturnType<typeof insertResidents>>
  households: Household[]
  /** group id → household ids in order */
  groups: { id: number; gridCode: string; householdIds: number[] }[]
}

/** Build residents for a list of households (1–5 people each), tags and all. */
/** When the demo's people were first registered where they live (their residence history starts there). */
const DEMO_SETTLED = (asOfYear: number) => `${asOfYear - 6}-03-01`

function planResidents(prng: Prng, households: Household[], asOfYear: number, taken: Set<string>): ResidentSpec[] {
  const specs: ResidentSpec[] = []
  const migrantHousehold = new Set(households.filter(() => prng.chance(0.08)).map((h) => h.id))
  for (const h of households) {
    const size = prng.weighted([
      [1, 15],
      [2, 30],
      [3, 30],
      [4, 20],
      [5, 5],
    ] as const)
    const head = makePerson(prng, DEMO_COUNTY, asOfYear, { minAge: size === 1 ? 55 : 28, maxAge: size === 1 ? 88 : 75, taken })
    const headAge = asOfYear - Number(head.birthDate.slice(0, 4))
    const surname = head.name.slice(0, 1)
    const members: (ReturnType<typeof makePerson> & { relation: string })[] = [{ ...head, relation: 'householder' }]
    if (size >= 2)
      members.push({
        ...makePerson(prng, DEMO_COUNTY, asOfYear, {
          gender: head.gender === 'male' ? 'female' : 'male',
          minAge: Math.max(22, headAge - 5),
          maxAge: headAge + 3,
          taken,
        }),
        relation: 'spouse',
      })
    for (let i = 2; i < size; i++) {
      const isParent = i === 4
      // a parent 22–30 years older than the head, but no older than 95
      const parentMax = Math.min(headAge + 30, 95)
      members.push({
        ...makePerson(prng, DEMO_COUNTY, asOfYear, {
          surname,
          minAge: isParent ? Math.min(headAge + 22, parentMax) : 1,
          maxAge: isParent ? parentMax : Math.max(2, headAge - 22),
          withPhone: isParent || headAge - 22 > 18,
          taken,
        }),
        relation: isParent ? 'parent' : 'child',
      })
    }
    for (const m of members) {
      const age = asOfYear - Number(m.birthDate.slice(0, 4))
      const tags: string[] = []
      if (size === 1 && age >= 65) tags.push('独居老人')
      if (prng.chance(0.02)) tags.push('低保')
      if (prng.chance(0.02)) tags.push('残疾')
      if (m.gender === 'male' && age >= 40 && prng.chance(0.04)) tags.push('退役军人')
      if (migrantHousehold.has(h.id)) tags.push('流动人口')
      if (age < 16 && prng.chance(0.05)) tags.push('留守儿童')
      specs.push({
        ...m,
        phone: age < 16 ? null : m.phone,
        gridCode: h.gridCode,
        householdId: h.id,
        relation: m.relation,
        tags,
      })
    }
  }
  return specs
}

async function seedBeijiePeople(db: Db, pii: Pii, prng: Prng, asOfYear: number, taken: Set<string>) {
  const households: Household[] = []
  const companyIds: Record<string, number> = {}
  for (const c of BEIJIE_COMPOUNDS) {
    const company = await insertPropertyCompany(db, { name: c.company, countyCode: DEMO_COUNTY, isDemo: true })
    companyIds[c.name] = company.id
    const cmp = await insertCompound(db, {
      communityCode: BEIJIE,
      name: c.name,
      address: `镇宁自治县环翠街道北街社区${c.name}`,
      propertyCompanyId: company.id,
      isDemo: true,
    })
    for (let b = 1; b <= c.buildings; b++) {
      const serial = c.grids[Math.floor(((b - 1) * c.grids.length) / c.buildings)]!
      const g = gridCode(BEIJIE, serial)
      const bName = `${b}栋`
      const bld = await insertBuilding(db, {
        gridCode: g,
        compoundId: cmp.id,
        name: bName,
        address: `${cmp.address}${bName}`,
        floors: prng.int(c.floors[0], c.floors[1]),
        lat: c.lat + (b % 4) * 0.0002,
        lng: c.lng + Math.floor(b / 4) * 0.0002,
        isDemo: true,
      })
      const units = await insertUnits(db, bld.id, ['1单元', '2单元'])
      const rows = []
      for (const u of units) {
        for (let f = 1; f <= (bld.floors ?? 6); f++) {
          for (let d = 1; d <= 2; d++) {
            const room = `${u.name}${f}0${d}`
            rows.push({ gridCode: g, buildingId: bld.id, unitId: u.id, room, address: `${bld.address}${room}`, isDemo: true })
          }
        }
      }
      const inserted = await insertHouseholds(db, rows)
      households.push(...inserted.map((h) => ({ id: h.id, gridCode: h.gridCode, buildingId: h.buildingId! })))
    }
  }
  const residents = await insertResidents(db, pii, planResidents(prng, households, asOfYear, taken))
  await openStays(db, residents, { fromDate: DEMO_SETTLED(asOfYear), reason: 'initial' })
  return { households, residents, companyIds }
}

/** 十联户: every ten neighbouring households of a grid form a group led by a 联户长. */
async function seedHouseholdGroups(db: Db, households: Household[], residents: PeopleResult['residents']) {
  const groups: PeopleResult['groups'] = []
  const byGrid = new Map<string, Household[]>()
  for (const h of households) byGrid.set(h.gridCode, [...(byGrid.get(h.gridCode) ?? []), h])
  const headOf = new Map<number, number>()
  for (const r of residents) if (r.relation === 'householder' && r.householdId) headOf.set(r.householdId, r.id)
  for (const [g, hs] of [...byGrid.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    for (let i = 0, k = 1; i < hs.length; i += 10, k++) {
      const members = hs.slice(i, i + 10)
      const grp = await insertHouseholdGroup(db, {
        gridCode: g,
        name: `十联户第${k}组`,
        leaderResidentId: headOf.get(members[0]!.id) ?? null,
        isDemo: true,
      })
      await setHouseholdGroup(db, members.map((m) => m.id), grp.id)
      groups.push({ id: grp.id, gridCode: g, householdIds: members.map((m) => m.id) })
    }
  }
  return groups
}

const updateHouseholdCounts = refreshHouseholdCounts


/** Load the demo county; returns false when it was already there. */
export async function seedDemo(db: Db, pii: Pii, opts: { asOf?: Date } = {}): Promise<boolean> {
  const asOf = opts.asOf ?? new Date()
  const asOfYear = Number(new Date(asOf.getTime() + 8 * 3600_000).toISOString().slice(0, 4))
  await seedCounty(db, DEMO_COUNTY, { gridCounts: { [BEIJIE]: 7, [YANPENG]: 5 }, isDemo: true, seed: 'zhenning', asOf })
  if (await accountExists(db, 'bj_sq')) return false

  const prng = new Prng('beijie')
  const passwordHash = await hashPassword(DEMO_PASSWORD)

  await db.transaction(async (tx) => {
    // Grid boundaries for 北街 (the rest of the county has none until drawn).
    for (let s = 1; s <= 7; s++) {
      await setGridBoundary(tx, gridCode(BEIJIE, s), gridBoundary(s))
    }
    // ID numbers handed out so far: no two demo people share one.
    const takenIds = new Set<string>()
    const bj = await seedBeijiePeople(tx, pii, prng, asOfYear, takenIds)
    const groups = await seedHouseholdGroups(tx, bj.households, bj.residents)
    await updateHouseholdCounts(tx, BEIJIE)

    // 烟棚社区: lighter — one compound-less block of households per grid.
    const ypHouseholds: Household[] = []
    for (let s = 1; s <= 5; s++) {
      const g = gridCode(YANPENG, s)
      const bld = await insertBuilding(tx, { gridCode: g, name: `烟棚路${s * 10}号`, address: `镇宁自治县环翠街道烟棚社区烟棚路${s * 10}号`, floors: 5, isDemo: true })
      const rows = Array.from({ length: 20 }, (_, i) => ({
        gridCode: g,
        buildingId: bld.id,
        room: `${Math.floor(i / 4) + 1}0${(i % 4) + 1}`,
        address: `${bld.address}${Math.floor(i / 4) + 1}0${(i % 4) + 1}`,
        isDemo: true,
      }))
      ypHouseholds.push(...(await insertHouseholds(tx, rows)).map((h) => ({ id: h.id, gridCode: h.gridCode, buildingId: h.buildingId! })))
    }
    const ypResidents = await insertResidents(tx, pii, planResidents(new Prng('yanpeng'), ypHouseholds, asOfYear, takenIds))
    await openStays(tx, ypResidents, { fromDate: DEMO_SETTLED(asOfYear), reason: 'initial' })
    await seedHouseholdGroups(tx, ypHouseholds, ypResidents)
    await updateHouseholdCounts(tx, YANPENG)

    // Party members: residents of 北街 who are members, and in-service members registered here (双报到).
    const gridOrgs = await listPartyOrgsOfKind(tx, 'gridGroup')
    const orgOfGrid = new Map(gridOrgs.map((o) => [o.placeCode, o.id]))
    const adults = bj.residents.filter((r) => r.birthDate && asOfYear - Number(r.birthDate.slice(0, 4)) >= 25)
    const residentMembers = adults.filter(() => prng.chance(0.06))
    await insertPartyMembers(
      tx,
      residentMembers.map((r) => ({
        residentId: r.id,
        name: r.name,
        kind: asOfYear - Number(r.birthDate!.slice(0, 4)) >= 60 ? 'retired' : prng.chance(0.7) ? 'inService' : 'jobless',
        partyOrgId: orgOfGrid.get(r.gridCode) ?? null,
        communityCode: BEIJIE,
        isDemo: true,
      })),
    )
    const registered = await insertPartyMembers(
      tx,
      Array.from({ length: 40 }, () => {
        const p = makePerson(prng, DEMO_COUNTY, asOfYear, { minAge: 26, maxAge: 55 })
        return { name: p.name, kind: 'inService', workUnit: prng.pick(WORK_UNITS), communityCode: BEIJIE, isDemo: true }
      }),
    )

    // Accounts. One demo password for all; one hash (argon2id) reused.
    const add = async (
      username: string,
      role: Role,
      scope: string,
      displayName: string,
      extra: { residentId?: number; partyMemberId?: number } = {},
    ) => {
      const u = await insertAccount(tx, {
        username,
        passwordHash,
        role,
        scope,
        displayName,
        residentId: extra.residentId ?? null,
        partyMemberId: extra.partyMemberId ?? null,
        passwordChangedAt: asOf,
        createdAt: asOf,
        isDemo: true,
      })
      return u!
    }
    const staffName = () => makePerson(prng, DEMO_COUNTY, asOfYear, { minAge: 24, maxAge: 50 }).name

    // The demo resident and their 联户长: the first group of 北街 grid 001 (龙城印象 1栋).
    const group1 = groups.find((g) => g.gridCode === gridCode(BEIJIE, 1))!
    const residentOf = (householdId: number) =>
      bj.residents.find((r) => r.householdId === householdId && r.relation === 'householder' && r.phoneEnc)
    const leader = residentOf(group1.householdIds[0]!)!
    const demoResident = group1.householdIds.slice(1).map(residentOf).find((r) => r !== undefined)!

    const jm = await add('bj_jm', 'resident', gridPath(BEIJIE, 1), demoResident.name, {
      residentId: demoResident.id,
    })
    for (let s = 1; s <= 7; s++) {
      const w = staffName()
      await add(`bj_wgy${s}`, 'gridWorker', gridPath(BEIJIE, s), w)
      const h = staffName()
      await add(`bj_wgz${s}`, 'gridHead', gridPath(BEIJIE, s), h)
    }
    await add('bj_lhz', 'householdLeader', gridPath(BEIJIE, 1), leader.name, {
      residentId: leader.id,
    })
    const cw = staffName()
    const sq = await add('bj_sq', 'community', path(DEMO_COUNTY, HUANCUI_STREET, BEIJIE), cw)
    const member = registered[0]!
    const dy = await add('bj_dy', 'partyMember', path(DEMO_COUNTY, HUANCUI_STREET, BEIJIE), member.name, {
      partyMemberId: member.id,
    })
    await add('lc_wy', 'property', `property:${bj.companyIds['龙城印象']}`, '镇宁龙城物业服务有限公司')
    await add('jh_wy', 'property', `property:${bj.companyIds['锦绘新都']}`, '贵州锦绘物业管理有限公司')
    const yp = staffName()
    await add('yp_sq', 'community', path(DEMO_COUNTY, HUANCUI_STREET, YANPENG), yp)
    const ypw = staffName()
    await add('yp_wgy1', 'gridWorker', gridPath(YANPENG, 1), ypw)
    const ypr = ypResidents.find((r) => r.relation === 'householder' && r.phoneEnc && r.gridCode === gridCode(YANPENG, 1))!
    await add('yp_jm', 'resident', gridPath(YANPENG, 1), ypr.name, { residentId: ypr.id })
    const hc = staffName()
    await add('hc_jd', 'street', path(DEMO_COUNTY, HUANCUI_STREET), hc)
    const bm = staffName()
    await add('bmh_jd', 'street', path(DEMO_COUNTY, BAIMAHU_STREET), bm)
    // 综治中心 and 司法所 of 环翠街道: the managed special groups
    await add('hc_zz', 'publicSafety', path(DEMO_COUNTY, HUANCUI_STREET), '环翠街道综治中心')
    await add('hc_sfs', 'judicialOffice', path(DEMO_COUNTY, HUANCUI_STREET), '环翠街道司法所')
    const xn = staffName()
    const xianAccount = await add('zn_xian', 'county', DEMO_COUNTY, xn)
    await add('zn_zjj', 'department', `department:${DEMO_COUNTY}-zjj`, '镇宁自治县住房和城乡建设局')
    await add('zn_zfj', 'department', `department:${DEMO_COUNTY}-zhzfj`, '镇宁自治县综合行政执法局')
    const adminAccounts = [
      await add('sysadmin', 'systemAdmin', DEMO_COUNTY, '系统管理员'),
      await add('secadmin', 'securityAdmin', DEMO_COUNTY, '安全管理员'),
      await add('auditadmin', 'auditAdmin', DEMO_COUNTY, '审计管理员'),
    ]

    await insertTeam(tx, { communityCode: BEIJIE, name: '北街社区红色志愿服务队', isDemo: true }, [dy.id])
    await seedDemoUnits(tx, pii, { asOf, asOfYear, countyCode: DEMO_COUNTY, communityCode: BEIJIE, communityUserId: sq.id, members: registered, memberAccount: { id: dy.id, partyMemberId: member.id }, passwordHash })
    // accounts for six more registered in-service members (bj_dy2 … bj_dy7): they serve, earn and redeem in the demo
    const memberAccounts: { id: number; partyMemberId: number }[] = []
    for (const [i, m] of registered.slice(1, 7).entries()) {
      const a = await add(`bj_dy${i + 2}`, 'partyMember', path(DEMO_COUNTY, HUANCUI_STREET, BEIJIE), m.name, { partyMemberId: m.id })
      memberAccounts.push({ id: a.id, partyMemberId: m.id })
    }
    // 三张清单 and 微心愿 of 北街 (demo-lists.ts)
    await seedListsDemo(tx, { asOf, prng: new Prng('beijie-lists'), communityCode: BEIJIE, gridCodes: [1, 2, 3, 4, 5, 6, 7].map((s) => gridCode(BEIJIE, s)), community: { userId: sq.id, role: 'community', name: cw }, residents: bj.residents, members: registered.map((m, i) => ({ id: m.id, name: m.name, userId: i === 0 ? dy.id : null })), demoResident })
    await seedDemoVolunteers(tx, { asOf, members: memberAccounts, partyMember: dy, resident: jm, community: sq })

    // 两步验证: the accounts whose roles require it by default are enrolled already; their secrets are
    // printed at start and written to data/demo-accounts.json (add one to any authenticator app).
    for (const a of [xianAccount, ...adminAccounts]) {
      if (DEFAULT_MFA_REQUIRED_ROLES.includes(a.role as Role)) await enrolSecondFactor(tx, pii, a.id, asOf)
    }
  })
  await seedDemoPledges(db, pii, { communityCode: BEIJIE, asOf, communityUsername: 'bj_sq' })
  await seedDemoPopulation(db, pii, { asOf, communityCode: BEIJIE })
  await seedDemoHousing(db, pii, { communityCode: BEIJIE, asOf })
  await seedDemoGroups(db, pii, { communityCode: BEIJIE, asOf })
  // 党建+积分 last: credited from the service recorded above (sign-ups, wishes) and the pledges' visits
  await seedDemoPoints(db, { asOf })
  // 走访 last: after any demo that files special groups (its lists are generated from them)
  await seedDemoVisits(db, { asOf })
  return true
}

/** The demo accounts as written to data/demo-accounts.json, labelled from what the database holds. */
export async function listDemoAccounts(db: Db, pii: Pii): Promise<DemoAccount[]> {
  const rows = await listDemoAccountRows(db)
  const out: DemoAccount[] = []
  for (const r of rows) {
    const scopeName = await describeScope(db, r.scope)
    const who = r.displayName === scopeName || r.displayName === ROLE_NAMES[r.role as Role] ? '' : ` · ${r.displayName}`
    out.push({
      username: r.username,
      password: DEMO_PASSWORD,
      role: r.role as Role,
      scope: r.scope,
      label: `${ROLE_NAMES[r.role as Role]} · ${scopeName}${who}`,
      ...(r.totpSecretEnc ? { totpSecret: revealTotpSecret(pii, r)! } : {}),
    })
  }
  return out
}

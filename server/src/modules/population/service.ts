/**
 * 实有人口 reads: the register with its search, a person's card (person, household, housing, residence history,
 * appeals about them), the full ID number and phone (audited), and the household lookup by building for the
 * grid worker's phone. Everything scoped by the caller's place; masked by the presenter.
 */
import type { Ctx } from '../../context'
import { recordAudit } from '../../core'
import { AppError, invalidInput, notFound } from '../../errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { normalizeIdNumber } from '../../lib/id-number'
import { shanghaiDate } from '../../lib/time'
import { authorize, can } from '../../permissions'
import type { PageOf } from '#contracts/common'
import { managedGroupTagIn, OCCUPANCY_NAMES } from '#contracts/ledger-names'
import type { BuildingHouseholds, ExportPeopleQuery, ListPeopleQuery, MyBuilding, MyBuildingsQuery, Person, PersonAction, PersonCard, PersonIdentity } from '#contracts/population'
import { listAppealsAboutResident } from '../appeals'
import { presentHousing, presentMember, presentPerson, presentPersonAppeal, presentStay } from './presenter'
import {
  countPeopleRows,
  findActiveRental,
  findBuilding,
  findHouseholdWithPlace,
  findPersonRow,
  listBuildingHouseholdRows,
  listBuildingsUnder,
  listPeopleRows,
  listPresentMembers,
  listStays,
  type PeopleFilter,
  type PersonWithPlace,
} from './queries'

export const OUT_OF_SCOPE = '人员不存在或不在您的辖区内'
export const today = (ctx: Ctx) => shanghaiDate(ctx.now)

/** The place a read covers: the caller's own, or a place under it (404 otherwise). */
function readPlace(ctx: Ctx, placeCode: string | undefined): string {
  authorize(ctx.actor, 'population.read')
  const code = placeCode ?? ctx.actor.placeCode!
  authorize(ctx.actor, 'population.place', code)
  return code
}

/** The search box: an ID number or a phone is an exact match by blind index, anything else a name prefix. */
function filterOf(ctx: Ctx, q: ExportPeopleQuery): PeopleFilter {
  const placePrefix = readPlace(ctx, q.placeCode)
  const box = q.q?.trim()
  const f: PeopleFilter = { placePrefix }
  if (box) {
    const id = normalizeIdNumber(box)
    if (/^[0-9]{17}[0-9X]$/.test(id)) f.idNumberIdx = ctx.deps.pii.blindIndex(id)
    else if (/^1[3-9][0-9]{9}$/.test(box)) f.phoneIdx = ctx.deps.pii.blindIndex(box)
    else if (/^[0-9]{15,}$/.test(box)) throw invalidInput([{ field: 'q', message: '身份证号应为 18 位' }])
    else f.namePrefix = box
  }
  if (q.address?.trim()) f.address = q.address.trim()
  if (managedGroupTagIn(q.tags)) throw new AppError('MANAGED_GROUP_TAG', undefined, [{ field: 'tags', message: `「${managedGroupTagIn(q.tags)}」不是人口台账的标签` }])
  if (q.tags?.length) f.tags = q.tags
  if (q.residenceType) f.residenceType = q.residenceType
  const status = q.status ?? 'present'
  if (status !== 'all') f.status = status
  if (q.buildingId) f.buildingId = Number(q.buildingId)
  if (q.householdId) f.householdId = Number(q.householdId)
  return f
}

/** 人口台账: one page of the register for a filter. */
export async function listPeople(ctx: Ctx, q: ListPeopleQuery): Promise<PageOf<Person>> {
  const f = filterOf(ctx, q)
  const limit = q.limit ?? 20
  const cursor = decodeCursor(q.cursor, { id: 'id' })
  const rows = await listPeopleRows(ctx.db, { ...f, limit, ...(cursor ? { afterId: cursor.id } : {}) })
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  const day = today(ctx)
  return {
    items: page.map((r) => presentPerson(ctx.deps.pii, r, day)),
    nextCursor: rows.length > limit && last ? encodeCursor({ id: last.resident.id }) : null,
    ...(q.withTotal ? { total: await countPeopleRows(ctx.db, f) } : {}),
  }
}

/** A person the caller may read: 403 for a role that reads no register, 404 missing or outside the place. */
export async function visiblePerson(ctx: Ctx, id: number): Promise<PersonWithPlace> {
  authorize(ctx.actor, 'population.read')
  const r = await findPersonRow(ctx.db, id)
  if (!r) throw notFound(OUT_OF_SCOPE)
  authorize(ctx.actor, 'population.place', r.resident.gridCode)
  return r
}

function allowedActions(ctx: Ctx, r: PersonWithPlace): PersonAction[] {
  const out: PersonAction[] = []
  const status = r.resident.status
  if (can(ctx.actor, 'population.keep')) out.push('update')
  if (can(ctx.actor, 'population.record')) {
    if (status === 'present') out.push('moveOut', 'death', 'transfer')
    if (status === 'movedOut') out.push('moveIn')
  }
  if (can(ctx.actor, 'population.keep') && status === 'present' && r.resident.householdId !== null) out.push('setHead')
  if (can(ctx.actor, 'population.identity')) out.push('identity')
  return out
}

/** 人员档案: the whole picture of one resident on one page (masked). */
export async function getPersonCard(ctx: Ctx, id: number): Promise<PersonCard> {
  const r = await visiblePerson(ctx, id)
  const day = today(ctx)
  const pii = ctx.deps.pii
  const householdId = r.resident.householdId
  const h = householdId !== null ? await findHouseholdWithPlace(ctx.db, householdId) : undefined
  const members = h ? await listPresentMembers(ctx.db, [h.household.id]) : []
  const head = h?.household.headResidentId ?? null
  const headRow = head !== null ? (members.find((m) => m.id === head) ?? (await findPersonRow(ctx.db, head))?.resident) : undefined
  const rental = h ? await findActiveRental(ctx.db, h.household.id) : undefined
  const [stays, appeals] = await Promise.all([listStays(ctx.db, id), listAppealsAboutResident(ctx, id)])
  return {
    person: presentPerson(pii, r, day),
    household: h
      ? {
          id: String(h.household.id),
          address: h.household.address,
          gridCode: h.household.gridCode,
          headResidentId: head === null ? null : String(head),
          headName: headRow?.name ?? null,
          members: members.map((m) => presentMember(pii, m, head, day)),
          version: h.household.version,
        }
      : null,
    housing: h ? presentHousing(h, rental) : null,
    history: stays.map(presentStay),
    appeals: appeals.map(presentPersonAppeal),
    allowedActions: allowedActions(ctx, r),
  }
}

/** The full ID number and phone, for community and above in scope; every read audited. */
export async function getPersonIdentity(ctx: Ctx, id: number): Promise<PersonIdentity> {
  const r = await visiblePerson(ctx, id)
  authorize(ctx.actor, 'population.identity')
  const pii = ctx.deps.pii
  await recordAudit(ctx, ctx.db, { action: 'person.identity', entityType: 'resident', entityId: id, detail: { fields: ['idNumber', 'phone'] } })
  return {
    idNumber: r.resident.idNumberEnc ? pii.decrypt(r.resident.idNumberEnc) : null,
    phone: r.resident.phoneEnc ? pii.decrypt(r.resident.phoneEnc) : null,
  }
}

/** The buildings of the caller's place (a grid worker: their grid), with households and people living there. */
export async function listMyBuildings(ctx: Ctx, q: MyBuildingsQuery): Promise<MyBuilding[]> {
  const place = readPlace(ctx, q.placeCode)
  const rows = await listBuildingsUnder(ctx.db, place)
  return rows.map((b) => ({ id: String(b.id), name: b.name, address: b.address, householdCount: b.householdCount, peopleCount: b.peopleCount }))
}

/** 按楼栋查户: a building's units, rooms and each household's members now (masked). */
export async function getBuildingHouseholds(ctx: Ctx, buildingId: number): Promise<BuildingHouseholds> {
  authorize(ctx.actor, 'population.read')
  const b = await findBuilding(ctx.db, buildingId)
  if (!b) throw notFound('楼栋不存在或不在您的辖区内')
  authorize(ctx.actor, 'population.place', b.gridCode)
  const rows = await listBuildingHouseholdRows(ctx.db, buildingId)
  const members = await listPresentMembers(
    ctx.db,
    rows.map((r) => r.household.id),
  )
  const day = today(ctx)
  const units = new Map<string, BuildingHouseholds['units'][number]>()
  for (const r of rows) {
    const unitName = r.unitName ?? '未分单元'
    if (!units.has(unitName)) units.set(unitName, { name: unitName, households: [] })
    units.get(unitName)!.households.push({
      id: String(r.household.id),
      room: r.household.room,
      address: r.household.address,
      occupancyName: OCCUPANCY_NAMES[r.household.occupancy as keyof typeof OCCUPANCY_NAMES] ?? r.household.occupancy,
      members: members.filter((m) => m.householdId === r.household.id).map((m) => presentMember(ctx.deps.pii, m, r.household.headResidentId, day)),
    })
  }
  return { building: { id: String(b.id), name: b.name, address: b.address, gridCode: b.gridCode }, units: [...units.values()] }
}

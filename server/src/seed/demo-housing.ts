/**
 * 实有房屋, 出租房屋 and 单位场所 of 北街社区 in the demo: each room's use (most owner-occupied, some vacant, a few
 * other), about fifteen rentals — the rooms where 流动人口 live first — with landlords (a registered resident, or a
 * name with phone and ID number) and the room's residents as tenants (set floating), one of them with a tenant who
 * already left; and about twenty-five venues — shops, restaurants, several 九小场所, a few key units — across 北街's
 * grids. Deterministic (the seed PRNG); every row is a demo row.
 */
import type { Db } from '../db/client'
import type { Pii } from '../lib/pii'
import { makeCreditCode } from '../lib/credit-code'
import { Prng } from '../lib/prng'
import { insertDemoRental, insertDemoTenant, listRoomsWithPeople, setRoomOccupancy } from '../modules/housing'
import { insertDemoVenue } from '../modules/venues'
import { makePerson } from './people'
import { setResidenceType } from './queries'

const day = (d: Date) => d.toISOString().slice(0, 10)
const DAY = 24 * 3600_000

interface VenuePlan {
  name: string
  kind: 'shop' | 'restaurant' | 'smallVenue' | 'enterprise' | 'institution' | 'other'
  smallVenueType?: string
  keyTypes?: string[]
  street: string
}

const VENUES: VenuePlan[] = [
  { name: '北街百货便利店', kind: 'shop', street: '北街' },
  { name: '龙城印象生鲜超市', kind: 'shop', street: '龙城路', keyTypes: ['fire'] },
  { name: '布依人家酸汤鱼', kind: 'restaurant', street: '北街' },
  { name: '老字号牛肉粉', kind: 'restaurant', street: '环翠路' },
  { name: '镇宁波波糖铺', kind: 'shop', street: '北街' },
  { name: '锦绘新都药房', kind: 'shop', street: '锦绘路' },
  { name: '翡翠丽都五金店', kind: 'shop', street: '翡翠路' },
  { name: '阿姐小炒', kind: 'smallVenue', smallVenueType: 'eatery', street: '北街' },
  { name: '安庄卫小卖部', kind: 'smallVenue', smallVenueType: 'store', street: '安庄路' },
  { name: '顺心旅社', kind: 'smallVenue', smallVenueType: 'hotel', keyTypes: ['security', 'fire'], street: '北街' },
  { name: '极速网咖', kind: 'smallVenue', smallVenueType: 'internetCafe', keyTypes: ['security'], street: '环翠路' },
  { name: '美丽坊美发', kind: 'smallVenue', smallVenueType: 'beauty', street: '锦绘路' },
  { name: '欢乐谷 KTV', kind: 'smallVenue', smallVenueType: 'entertainment', keyTypes: ['fire', 'security'], street: '龙城路' },
  { name: '小太阳幼儿园', kind: 'smallVenue', smallVenueType: 'school', keyTypes: ['fire'], street: '翡翠路' },
  { name: '仁心诊所', kind: 'smallVenue', smallVenueType: 'clinic', street: '北街' },
  { name: '黄果树蜡染加工坊', kind: 'smallVenue', smallVenueType: 'workshop', keyTypes: ['safety'], street: '安庄路' },
  { name: '便民早餐店', kind: 'smallVenue', smallVenueType: 'eatery', street: '环翠路' },
  { name: '镇宁顺达物流北街网点', kind: 'enterprise', keyTypes: ['safety'], street: '龙城路' },
  { name: '北街加油站', kind: 'enterprise', keyTypes: ['safety', 'fire'], street: '环翠路' },
  { name: '贵州镇宁农村商业银行北街支行', kind: 'enterprise', keyTypes: ['security'], street: '北街' },
  { name: '环翠街道便民服务中心', kind: 'institution', street: '北街' },
  { name: '北街社区卫生服务站', kind: 'institution', street: '北街' },
  { name: '锦绘新都物业服务中心', kind: 'other', street: '锦绘路' },
  { name: '北街菜市场', kind: 'shop', keyTypes: ['fire'], street: '北街' },
  { name: '镇宁快递驿站', kind: 'shop', street: '翡翠路' },
]

export async function seedDemoHousing(db: Db, pii: Pii, o: { communityCode: string; asOf: Date }): Promise<void> {
  const prng = new Prng('beijie-housing')
  const asOfYear = Number(day(o.asOf).slice(0, 4))
  const { rooms, people } = await listRoomsWithPeople(db, o.communityCode)
  const living = new Map<number, typeof people>()
  for (const p of people) if (p.householdId) living.set(p.householdId, [...(living.get(p.householdId) ?? []), p])

  // 出租房屋: the rooms of migrant households first, then a few more, fifteen in all
  const migrant = rooms.filter((r) => (living.get(r.id) ?? []).some((p) => p.tags.includes('流动人口')))
  const others = rooms.filter((r) => !migrant.includes(r) && (living.get(r.id)?.length ?? 0) > 0)
  const rented = [...migrant.slice(0, 12)]
  while (rented.length < 15 && others.length) rented.push(others.splice(prng.int(0, others.length - 1), 1)[0]!)
  const rentedIds = new Set(rented.map((r) => r.id))
  // landlords who are residents: householders of owner-occupied rooms
  const owners = people.filter((p) => p.relation === 'householder' && p.householdId !== null && !rentedIds.has(p.householdId))
  const purposes = ['residence', 'residence', 'residence', 'mixed', 'business', 'dormitory'] as const
  const tenants: number[] = []
  const taken = new Set<string>()
  for (const [i, room] of rented.entries()) {
    const start = new Date(o.asOf.getTime() - prng.int(20, 700) * DAY)
    const fromResident = i % 3 !== 2 && owners.length > 0
    const person = fromResident ? null : makePerson(prng, '520423', asOfYear, { minAge: 35, maxAge: 70, taken })
    const owner = fromResident ? owners.splice(prng.int(0, owners.length - 1), 1)[0]! : null
    const rental = await insertDemoRental(db, pii, {
      householdId: room.id,
      gridCode: room.gridCode,
      landlord: owner ? { residentId: owner.id } : { name: person!.name, phone: person!.phone ?? `139${String(prng.int(10000000, 99999999))}`, idNumber: person!.idNumber },
      purpose: prng.pick(purposes),
      startDate: day(start),
      securityPledgeSigned: prng.chance(0.8),
      createdAt: start,
    })
    // let from the rental's start: lived in by its owner before (the change of use the room's history shows)
    await setRoomOccupancy(db, room.id, 'owner')
    await setRoomOccupancy(db, room.id, 'rented', day(start))
    const here = living.get(room.id) ?? []
    for (const p of here) {
      await insertDemoTenant(db, { rentalId: rental.id, residentId: p.id, fromDate: day(new Date(start.getTime() + prng.int(0, 10) * DAY)) })
      tenants.push(p.id)
    }
    // one earlier tenant who already left: history kept
    if (i === 0 && here.length) {
      const gone = people.find((p) => p.householdId !== room.id && !rentedIds.has(p.householdId ?? -1) && p.relation !== 'householder')
      if (gone) await insertDemoTenant(db, { rentalId: rental.id, residentId: gone.id, fromDate: day(start), toDate: day(new Date(start.getTime() + 9 * DAY)) })
    }
  }
  await setResidenceType(db, tenants, 'floating')

  // 实有房屋: the rest mostly owner-occupied; empty rooms vacant, and some stand empty while their people stay
  // registered there (人户分离); a few used otherwise (storage, an office)
  for (const r of rooms) {
    if (rentedIds.has(r.id)) continue
    const empty = (living.get(r.id)?.length ?? 0) === 0
    if (empty || prng.chance(0.06)) await setRoomOccupancy(db, r.id, prng.chance(0.9) ? 'vacant' : 'other')
    else if (prng.chance(0.015)) await setRoomOccupancy(db, r.id, 'other')
  }

  // 单位场所 across 北街's seven grids
  for (const [i, v] of VENUES.entries()) {
    const grid = `${o.communityCode}${String((i % 7) + 1).padStart(3, '0')}`
    const boss = makePerson(prng, '520423', asOfYear, { minAge: 28, maxAge: 60, taken })
    const hasCode = v.kind === 'enterprise' || v.kind === 'institution' || prng.chance(0.6)
    const org = v.kind === 'institution' ? '12' : v.kind === 'enterprise' ? '91' : '92'
    await insertDemoVenue(db, pii, {
      gridCode: grid,
      name: v.name,
      kind: v.kind,
      smallVenueType: v.smallVenueType ?? null,
      keyTypes: v.keyTypes ?? [],
      address: `镇宁自治县环翠街道${v.street}${prng.int(1, 120)}号`,
      creditCode: hasCode ? makeCreditCode(`${org}520423MA6H${String(3000 + i).padStart(4, '0')}${prng.int(0, 9)}`) : null,
      responsibleName: boss.name,
      responsiblePhone: boss.phone ?? `138${String(prng.int(10000000, 99999999))}`,
      employees: prng.int(1, v.kind === 'enterprise' ? 60 : 12),
      ...(i === VENUES.length - 1 ? { status: 'closed', closedAt: day(new Date(o.asOf.getTime() - 30 * DAY)) } : {}),
    })
  }
}

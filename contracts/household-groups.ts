/**
 * 十联户 maintained from the households (issue 13): a proposal of groups of about ten neighbouring households of a
 * building (by unit and room) not yet in a group, which the community confirms with a leader per group; the
 * buildings of a place with how many of their households are grouped; and the printable list per building
 * (联户长 with the phone masked unless they agreed to show it, rooms and the heads' surnames only, the grid staff).
 */
import { Id, Nullable, Obj, PlaceCode, Text, Type, type Static } from './common'
import { HouseholdGroup, MAX_GROUP_HOUSEHOLDS } from './registry'

/** About ten households a group (十联户). */
export const GROUP_TARGET_SIZE = 10

export const GroupBuildingsQuery = Obj({ placeCode: Type.Optional(PlaceCode) })
export type GroupBuildingsQuery = Static<typeof GroupBuildingsQuery>

export const GroupBuilding = Type.Object({
  id: Id,
  name: Type.String(),
  compoundName: Nullable(Type.String()),
  gridCode: Type.String(),
  gridName: Type.String(),
  households: Type.Integer({ minimum: 0, description: '本楼住户' }),
  grouped: Type.Integer({ minimum: 0, description: '已编入十联户的住户' }),
  groups: Type.Integer({ minimum: 0, description: '有住户在本楼的十联户' }),
})
export type GroupBuilding = Static<typeof GroupBuilding>
export const GroupBuildings = Type.Object({ items: Type.Array(GroupBuilding), truncated: Type.Boolean({ description: '超过 500 栋时只列前 500 栋' }) })
export type GroupBuildings = Static<typeof GroupBuildings>

export const ArrangeGroupsBody = Obj({ buildingId: Id })
export type ArrangeGroupsBody = Static<typeof ArrangeGroupsBody>

const ProposedHousehold = Type.Object({
  id: Id,
  room: Nullable(Type.String()),
  unitName: Nullable(Type.String()),
  address: Type.String(),
  headName: Nullable(Type.String({ description: '户主姓名（社区维护台账所用）' })),
})

export const ProposedGroup = Type.Object({
  name: Type.String(),
  households: Type.Array(ProposedHousehold),
  candidates: Type.Array(
    Type.Object({ residentId: Id, name: Type.String(), householdId: Id, room: Nullable(Type.String()), age: Nullable(Type.Integer()), isHead: Type.Boolean() }),
    { description: '可任联户长的本组在住居民（户主在前）' },
  ),
  leaderResidentId: Nullable(Id, '建议的联户长：本组 25–70 岁的户主，没有时为任一户主；无人时为 null'),
})
export type ProposedGroup = Static<typeof ProposedGroup>

export const GroupArrangement = Type.Object({
  building: Type.Object({ id: Id, name: Type.String(), gridCode: Type.String(), gridName: Type.String() }),
  households: Type.Integer({ minimum: 0, description: '本楼住户' }),
  alreadyGrouped: Type.Integer({ minimum: 0, description: '已在十联户中的住户（不重新编组）' }),
  groups: Type.Array(ProposedGroup, { description: '建议的编组：按单元、房号相邻，每组约 10 户' }),
})
export type GroupArrangement = Static<typeof GroupArrangement>

export const ConfirmGroupsBody = Obj({
  buildingId: Id,
  groups: Type.Array(
    Obj({
      name: Text(30, '组名'),
      householdIds: Type.Array(Id, { minItems: 1, maxItems: MAX_GROUP_HOUSEHOLDS, uniqueItems: true }),
      leaderResidentId: Type.Optional(Nullable(Id, '联户长：本组某户的居民')),
    }),
    { minItems: 1, maxItems: 50 },
  ),
})
export type ConfirmGroupsBody = Static<typeof ConfirmGroupsBody>

export const ConfirmedGroups = Type.Object({ items: Type.Array(HouseholdGroup) })
export type ConfirmedGroups = Static<typeof ConfirmedGroups>

export const GroupPrintQuery = Obj({ buildingId: Id })
export type GroupPrintQuery = Static<typeof GroupPrintQuery>

export const GroupPrint = Type.Object({
  building: Type.Object({ id: Id, name: Type.String(), address: Nullable(Type.String()), compoundName: Nullable(Type.String()) }),
  grid: Type.Object({ code: Type.String(), name: Type.String() }),
  communityName: Type.String(),
  streetName: Type.String(),
  gridStaff: Type.Array(Type.Object({ name: Type.String(), role: Type.String({ description: '网格长 · 网格员' }) })),
  groups: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      leader: Nullable(
        Type.Object({
          name: Type.String(),
          phone: Nullable(Type.String({ description: '联户长同意公示时为完整号码，否则为掩码' })),
          phonePublic: Type.Boolean({ description: '联户长已同意在名单上公示完整号码' }),
        }),
      ),
      households: Type.Array(Type.Object({ room: Type.String(), headSurname: Nullable(Type.String({ description: '户主姓氏（如"王"），不印全名' })) })),
    }),
  ),
  ungrouped: Type.Integer({ minimum: 0, description: '本楼尚未编组的住户' }),
  asOf: Type.String({ format: 'date-time' }),
})
export type GroupPrint = Static<typeof GroupPrint>

/** The 联户长's consent, recorded by the community: show the phone in full on the printed list. */
export const LeaderContactBody = Obj({ phonePublic: Type.Boolean({ description: '联户长同意在十联户名单上公示完整号码' }) })
export type LeaderContactBody = Static<typeof LeaderContactBody>

export const LeaderContact = Type.Object({ groupId: Id, leaderResidentId: Id, phonePublic: Type.Boolean() })
export type LeaderContact = Static<typeof LeaderContact>

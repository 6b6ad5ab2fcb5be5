/**
 * "三亮" 楼栋公示: posted in the stairwell, it names the building's grid team (网格长, 网格员, the grid's and
 * building's party groups, the 十联户 leaders) and each pledged member with post, phone and the rooms
 * they serve. A phone is shown in full only where the member agreed to it (pledge_contact.phonePublic);
 * otherwise masked. A notice showing any full phone is audited as an unmasked read.
 */
import type { Ctx } from '../../context'
import { recordAudit } from '../../core'
import { isoShanghai } from '../../lib/time'
import { maskPhone } from '../../lib/pii'
import { placePath } from '../../permissions'
import type { BuildingNotice } from '#contracts/pledges'
import { visibleBuilding } from './coverage'
import { postName } from './presenter'
import { findRegionName, listBuildingGroupLeaders, listGridStaff, listNoticePledges, listPartyGroupsOf } from './queries'

const ORG_KIND_NAMES: Record<string, string> = { gridBranch: '网格党支部', gridGroup: '网格党小组', buildingGroup: '楼栋党小组' }

export async function getBuildingNotice(ctx: Ctx, buildingId: number): Promise<BuildingNotice> {
  const { building: b } = await visibleBuilding(ctx, buildingId)
  const [communityName, streetName, staff, orgs, leaders, pledges] = await Promise.all([
    findRegionName(ctx.db, b.communityCode),
    findRegionName(ctx.db, b.communityCode.slice(0, 9)),
    listGridStaff(ctx.db, placePath(b.gridCode)),
    listPartyGroupsOf(ctx.db, b.gridCode, buildingId),
    listBuildingGroupLeaders(ctx.db, buildingId),
    listNoticePledges(ctx.db, buildingId),
  ])
  const members = new Map<number, BuildingNotice['members'][number]>()
  let unmasked = 0
  for (const p of pledges) {
    let m = members.get(p.partyMemberId)
    if (!m) {
      const enc = p.contactPhoneEnc ?? p.residentPhoneEnc
      const phone = enc ? ctx.deps.pii.decrypt(enc) : null
      const phonePublic = phone !== null && p.contactPhoneEnc !== null && p.phonePublic === true
      if (phonePublic) unmasked++
      m = { name: p.name, postName: postName(p.post), workUnit: p.workUnit, phone: phonePublic ? phone : maskPhone(phone), phonePublic, rooms: [] }
      members.set(p.partyMemberId, m)
    }
    if (p.room) m.rooms.push(p.room)
  }
  if (unmasked > 0) {
    await recordAudit(ctx, ctx.db, { action: 'pledgeNotice.read', entityType: 'pledgeNotice', entityId: buildingId, detail: { fullPhones: unmasked } })
  }
  return {
    building: { id: String(b.id), name: b.name, address: b.address, compoundName: b.compoundName },
    grid: { code: b.gridCode, name: b.gridName },
    communityName: communityName ?? '',
    streetName: streetName ?? '',
    team: {
      heads: staff.filter((s) => s.role === 'gridHead').map((s) => ({ name: s.name })),
      workers: staff.filter((s) => s.role === 'gridWorker').map((s) => ({ name: s.name })),
      partyGroups: orgs.map((o) => ({ name: o.name, kind: ORG_KIND_NAMES[o.kind] ?? o.kind })),
      householdLeaders: leaders.map((l) => ({ group: l.group, name: l.name })),
    },
    members: [...members.values()],
    asOf: isoShanghai(ctx.now),
  }
}

/** Who an appeal can be dispatched to (社区分单): grid staff, the party-member pool and members, teams, property companies. */
import type { Ctx } from '../../context'
import type { Candidate } from '#contracts/appeals'
import { ROLE_NAMES, type Role } from '#contracts/roles'
import type { AppealRow } from './queries'
import {
  findCompoundOfBuilding,
  listGridNames,
  listGridStaffOfCommunity,
  listPartyMembersWithAccounts,
  listPropertyCompaniesOfCommunity,
  listTeamsOfCommunity,
} from './queries'

export const PARTY_POOL_ID = 'pool'

export async function dispatchCandidates(ctx: Ctx, a: AppealRow): Promise<Candidate[]> {
  const communityPath = `${a.countyCode}.${a.streetCode}.${a.communityCode}`
  const [staff, gridNames, members, teams, companies, compound] = await Promise.all([
    listGridStaffOfCommunity(ctx.db, communityPath),
    listGridNames(ctx.db, a.communityCode),
    listPartyMembersWithAccounts(ctx.db, a.communityCode),
    listTeamsOfCommunity(ctx.db, a.communityCode),
    listPropertyCompaniesOfCommunity(ctx.db, a.communityCode),
    a.buildingId ? findCompoundOfBuilding(ctx.db, a.buildingId) : Promise.resolve(undefined),
  ])
  const gridName = new Map(gridNames.map((g) => [g.code, g.name]))
  const out: Candidate[] = []
  // The appeal's own compound's property company first: it is usually the one to act.
  const sortedCompanies = [...companies].sort(
    (x, y) => Number(y.id === compound?.propertyCompanyId) - Number(x.id === compound?.propertyCompanyId),
  )
  for (const c of sortedCompanies) {
    out.push({
      id: String(c.id),
      type: 'property',
      name: c.name,
      ...(c.id === compound?.propertyCompanyId ? { detail: `${compound.compoundName}物业` } : {}),
    })
  }
  // Grid staff of the appeal's own grid first.
  const staffSorted = [...staff].sort(
    (x, y) => Number(y.scope.endsWith(a.gridCode)) - Number(x.scope.endsWith(a.gridCode)),
  )
  for (const s of staffSorted) {
    const code = s.scope.slice(-15)
    out.push({
      id: String(s.id),
      type: 'gridWorker',
      name: s.name,
      detail: `${gridName.get(code) ?? code} ${ROLE_NAMES[s.role as Role]}`,
    })
  }
  out.push({ id: PARTY_POOL_ID, type: 'partyMember', name: '党员接单池', detail: '本社区报到党员抢单，先领先办' })
  for (const m of members) {
    out.push({ id: String(m.id), type: 'partyMember', name: m.name, ...(m.workUnit ? { detail: m.workUnit } : {}) })
  }
  for (const t of teams) out.push({ id: String(t.id), type: 'team', name: t.name })
  return out
}

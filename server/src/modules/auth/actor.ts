/** Turning an account row into the Actor every service sees. */
import type { Role } from '#contracts/roles'
import type { Db } from '../../db/client'
import { parseScope, type Actor } from '../../permissions'
import { findAccountActor, findUserByUsername, type SessionActorRow } from './queries'

export function actorFromRow(row: SessionActorRow): Actor {
  const scope = parseScope(row.scope)
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    scope: row.scope,
    placeCode: scope?.kind === 'place' ? scope.code : null,
    departmentCode: scope?.kind === 'department' ? scope.code : null,
    propertyCompanyId: scope?.kind === 'property' ? scope.id : null,
    unitId: scope?.kind === 'unit' ? scope.id : null,
    residentId: row.resident_id,
    partyMemberId: row.party_member_id,
    teamIds: row.team_ids ?? [],
    leaderBuildingIds: row.leader_building_ids ?? [],
    pairedCommunityCodes: row.paired_community_codes ?? [],
  }
}

/** The Actor of an account by username, without a session (background jobs, demo history). */
export async function loadActorByUsername(db: Db, username: string): Promise<Actor> {
  const user = await findUserByUsername(db, username)
  const row = user ? await findAccountActor(db, user.id) : undefined
  if (!row) throw new Error(`no account ${username}`)
  return actorFromRow(row)
}

/**
 * Who a relation names, as accounts: the one place the recipient rules live. A grid's staff are its
 * grid workers and grid head; a place role is the account of that place; a handler is the assigned
 * person, every account of the assigned team, property company or department, or — for the party-member
 * pool — every party member of the community. Disabled accounts are told nothing.
 */
import type { Recipient } from '../../core/outbox'
import type { Db } from '../../db/client'
import {
  filterActiveAccounts,
  findAccountsAtPlace,
  findAccountsWithRole,
  findAccountsWithScope,
  findPartyMemberAccounts,
  findPartyMemberAccountsOfCommunity,
  findTeamMemberAccounts,
} from './queries'

async function accountsOf(db: Db, r: Recipient): Promise<number[]> {
  switch (r.kind) {
    case 'user':
      return [r.userId]
    case 'gridStaff':
      return findAccountsAtPlace(db, ['gridWorker', 'gridHead'], r.gridCode)
    case 'place':
      return findAccountsAtPlace(db, [r.role], r.code)
    case 'department':
      return findAccountsWithScope(db, `department:${r.code}`)
    case 'role':
      return findAccountsWithRole(db, r.role)
    case 'assignee': {
      if (!r.type || !r.id) return []
      switch (r.type) {
        case 'gridWorker':
        case 'householdLeader':
          return [Number(r.id)]
        case 'property':
          return findAccountsWithScope(db, `property:${r.id}`)
        case 'department':
          return findAccountsWithScope(db, `department:${r.id}`)
        case 'unit':
          return findAccountsWithScope(db, `unit:${r.id}`)
        case 'team':
          return findTeamMemberAccounts(db, Number(r.id))
        case 'partyMember':
          if (r.id !== 'pool') return findPartyMemberAccounts(db, Number(r.id))
          return r.communityPath ? findPartyMemberAccountsOfCommunity(db, r.communityPath) : []
        default:
          return []
      }
    }
  }
}

/**
 * The accounts some recipients name. `memo` keeps what one drain has already looked up (a burst of
 * appeals in one grid names the same grid staff again and again).
 */
export async function resolveRecipients(db: Db, recipients: Recipient[], memo = new Map<string, Promise<number[]>>()): Promise<number[]> {
  const ids = new Set<number>()
  for (const r of recipients) {
    const key = JSON.stringify(r)
    if (!memo.has(key)) memo.set(key, accountsOf(db, r).then((found) => filterActiveAccounts(db, found)))
    for (const id of await memo.get(key)!) ids.add(id)
  }
  // Named users, handlers and team members come by id: a disabled account is told nothing.
  return [...ids].sort((a, b) => a - b)
}

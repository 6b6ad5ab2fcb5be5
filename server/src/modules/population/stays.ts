/**
 * Opening a stay (居住史): the one way a person's residence history starts — registering a person here, the
 * registry's resident creation, the demo and the test factories all call `openStays`, so every person has
 * history. The address is a snapshot of the household's at the time.
 */
import type { Db } from '../../db/client'
import { closeStay, findHouseholdAddresses, findOpenStay, insertStays, type StayRow } from './queries'

/** A person a stay is opened for (a resident row, or what was just inserted of one). */
export interface StayPerson {
  id: number
  householdId: number | null
  gridCode: string
  relationCode?: string | null
  relation?: string | null
  residenceType?: string | null
}

/** GB/T 4761 code of the registry's older relation words (householder, spouse …). */
const RELATION_CODES: Record<string, string> = { householder: '02', spouse: '10', child: '20', parent: '50', other: '97' }

/** The registry's relation word for a GB/T 4761 code (kept in step for pages that read it). */
export function relationWordOf(code: string): string {
  if (code === '02' || code === '01') return 'householder'
  if (code.startsWith('1')) return 'spouse'
  if (code.startsWith('2') || code.startsWith('3')) return 'child'
  if (code.startsWith('5')) return 'parent'
  return 'other'
}

/**
 * Open a stay for each person at their household (in `db`, which may be a transaction): from `fromDate`, for
 * `reason` (initial 登记 · moveIn 迁入 · birth 出生 · import 台账导入 · transfer 户内变动).
 */
export async function openStays(
  db: Db,
  people: readonly StayPerson[],
  o: { fromDate: string; reason: 'initial' | 'moveIn' | 'birth' | 'import' | 'transfer'; recordedByUserId?: number | null; note?: string | null },
): Promise<StayRow[]> {
  if (!people.length) return []
  const ids = [...new Set(people.map((p) => p.householdId).filter((h): h is number => h !== null))]
  const addresses = new Map((await findHouseholdAddresses(db, ids)).map((h) => [h.id, h.address]))
  return insertStays(
    db,
    people.map((p) => ({
      residentId: p.id,
      householdId: p.householdId,
      gridCode: p.gridCode,
      address: (p.householdId !== null ? addresses.get(p.householdId) : undefined) ?? '',
      relationCode: p.relationCode ?? (p.relation ? (RELATION_CODES[p.relation] ?? null) : null),
      residenceType: p.residenceType ?? 'registered',
      fromDate: o.fromDate,
      startReason: o.reason,
      note: o.note ?? null,
      recordedByUserId: o.recordedByUserId ?? null,
    })),
  )
}

/**
 * A person moved to another household by another register's edit (the registry's 修改居民): the open stay closes
 * as a transfer on `date` and the next one opens at the new household — the history keeps both.
 */
export async function moveStay(db: Db, person: StayPerson, o: { date: string; recordedByUserId?: number | null }): Promise<void> {
  const open = await findOpenStay(db, person.id)
  if (open) await closeStay(db, open.id, { toDate: o.date < open.fromDate ? open.fromDate : o.date, endReason: 'transfer', note: null })
  await openStays(db, [person], { fromDate: o.date, reason: 'transfer', ...(o.recordedByUserId !== undefined ? { recordedByUserId: o.recordedByUserId } : {}) })
}

/** The demo seed's writes to the venues register (seed/demo-housing.ts), through this module's queries. */
import type { Db } from '../../db/client'
import type { Pii } from '../../lib/pii'
import { insertVenue, type VenueInsert } from './queries'

export async function insertDemoVenue(db: Db, pii: Pii, o: Omit<VenueInsert, 'responsiblePhoneEnc' | 'responsiblePhoneIdx' | 'isDemo'> & { responsiblePhone: string }) {
  const { responsiblePhone, ...rest } = o
  return insertVenue(db, { ...rest, responsiblePhoneEnc: pii.encrypt(responsiblePhone), responsiblePhoneIdx: pii.blindIndex(responsiblePhone), isDemo: true })
}

/**
 * Demo people, made up: ID numbers use the county area code, plausible birth dates, sequence codes in
 * the 9xx range and valid GB 11643 check digits; phones are plausible mobile numbers.
 */
import { makeIdNumber } from '../lib/id-number'
import type { Prng } from '../lib/prng'
import { GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from './names'

export interface PersonSpec {
  name: string
  gender: 'male' | 'female'
  birthDate: string
  idNumber: string
  phone: string | null
}

const PHONE_PREFIXES = ['135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '182', '187', '188', '189', '199']

/**
 * A plausible demo person born in [minAge, maxAge] years before `asOfYear`. Pass the same `taken`
 * set to every call of one seed so that no two demo people share an ID number.
 */
export function makePerson(
  prng: Prng,
  area: string,
  asOfYear: number,
  o: { surname?: string; gender?: 'male' | 'female'; minAge: number; maxAge: number; withPhone?: boolean; taken?: Set<string> },
): PersonSpec {
  const gender = o.gender ?? (prng.chance(0.5) ? 'male' : 'female')
  const surname = o.surname ?? prng.pick(SURNAMES)
  const given = prng.pick(gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE)
  const year = asOfYear - prng.int(o.minAge, o.maxAge)
  const month = prng.int(1, 12)
  const day = prng.int(1, 28)
  const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`
  // 9xx sequence codes; the last digit of the sequence is odd for men, even for women.
  const pair = prng.int(0, 49)
  let idNumber = ''
  // Same birth date and sequence as someone already made: take the next free sequence of the same
  // parity (50 per birth date and gender). No extra draws, so the rest of the stream is unchanged.
  for (let k = 0; k < 50; k++) {
    idNumber = makeIdNumber(area, birth, 900 + ((pair + k) % 50) * 2 + (gender === 'male' ? 1 : 0))
    if (!o.taken?.has(idNumber)) break
  }
  o.taken?.add(idNumber)
  return {
    name: surname + given,
    gender,
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    idNumber,
    phone: o.withPhone === false ? null : `${prng.pick(PHONE_PREFIXES)}${String(prng.int(0, 99_999_999)).padStart(8, '0')}`,
  }
}


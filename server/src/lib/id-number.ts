/** GB 11643 citizen ID numbers: 6-digit area, 8-digit birth date, 3-digit sequence, check digit. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export function idCheckDigit(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK[sum % 11]!
}

/**
 * The canonical form of a typed ID number: full-width digits (from a Chinese IME) become ASCII,
 * spaces and hyphens go, a lowercase check character x becomes X. Validate and store this form.
 */
export function normalizeIdNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()
}

/** A canonical ID number (see normalizeIdNumber) with a real birth date and a matching check digit. */
export function isValidIdNumber(id: string): boolean {
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return false
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false
  return idCheckDigit(id.slice(0, 17)) === id[17]
}

/** Build an ID number; the 17th digit is odd for men and even for women. */
export function makeIdNumber(area: string, birth: string /* YYYYMMDD */, sequence: number): string {
  const first17 = `${area}${birth}${String(sequence).padStart(3, '0')}`
  return first17 + idCheckDigit(first17)
}

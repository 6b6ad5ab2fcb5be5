/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters — registration authority (1), organisation kind (1),
 * the registering authority's division code (6 digits), the organisation code (9), and a check character
 * computed mod 31 over a 31-character alphabet without I, O, S, V, Z.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** The canonical form of a typed code: full-width folded, spaces and hyphens gone, upper case. */
export function normalizeCreditCode(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase()
}

/** The check character of the first 17 characters (undefined when one is outside the alphabet). */
export function creditCodeCheckChar(first17: string): string | undefined {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i] ?? '')
    if (v < 0) return undefined
    sum += v * WEIGHTS[i]!
  }
  return ALPHABET[(31 - (sum % 31)) % 31]
}

/** Why a canonical code is refused, in Chinese — or null when it is a valid 统一社会信用代码. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return '统一社会信用代码应为 18 位'
  if (![...code].every((c) => ALPHABET.includes(c))) return '统一社会信用代码含有不允许的字符（不使用 I、O、S、V、Z）'
  if (!/^[0-9]{6}$/.test(code.slice(2, 8))) return '统一社会信用代码第 3–8 位应为行政区划代码'
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return '统一社会信用代码校验位不正确，请核对（GB 32100）'
  return null
}

export const isValidCreditCode = (code: string): boolean => creditCodeProblem(code) === null

/** Build a valid code from its first 17 characters (tests and the demo). */
export const makeCreditCode = (first17: string): string => first17 + creditCodeCheckChar(first17)!

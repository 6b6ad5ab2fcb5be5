/** Grid numbering (DOMAIN §6): community code + 3-digit serial, named 第N网格 in Chinese numerals. */
import { chineseNumber } from '../../lib/chinese-number'

export const MAX_GRID_SERIAL = 999

/** 520423002013 + 7 → 520423002013007 */
export function gridCodeOf(communityCode: string, serial: number): string {
  return `${communityCode}${String(serial).padStart(3, '0')}`
}

/** 7 → 第七网格: the default name of a new grid, the same for seeded and newly opened grids. */
export function gridName(serial: number): string {
  return `第${chineseNumber(serial)}网格`
}

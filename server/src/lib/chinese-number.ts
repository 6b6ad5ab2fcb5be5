/** Chinese numerals for names people read: 1 → 一, 12 → 十二, 27 → 二十七, 105 → 一百零五. */
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九']

/** 0–999 in Chinese numerals (larger numbers stay Arabic). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) return String(n)
  if (n < 10) return DIGITS[n]!
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`
  const hundreds = `${DIGITS[Math.floor(n / 100)]}百`
  const rest = n % 100
  if (rest === 0) return hundreds
  // 一百零五; 一百一十 (not 一百十)
  if (rest < 10) return `${hundreds}零${DIGITS[rest]}`
  return `${hundreds}${DIGITS[Math.floor(rest / 10)]}十${rest % 10 ? DIGITS[rest % 10] : ''}`
}

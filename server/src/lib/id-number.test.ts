/** GB 11643 citizen ID numbers: check digit (mod 11, X for 10) and a real birth date. */
import { describe, expect, it } from 'vitest'
import { idCheckDigit, isValidIdNumber, makeIdNumber, normalizeIdNumber } from './id-number'

describe('idCheckDigit', () => {
  it('matches the worked examples of GB 11643', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X')
    expect(idCheckDigit('44052418800101001')).toBe('4')
  })

  it('gives every check character 0–9 and X over consecutive sequence codes', () => {
    const seen = new Set<string>()
    for (let seq = 900; seq <= 999; seq++) seen.add(idCheckDigit(`52042319800101${seq}`))
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'])
  })
})

describe('isValidIdNumber', () => {
  it('accepts numbers with a correct check digit, X included', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
    expect(isValidIdNumber('440524188001010014')).toBe(true)
  })

  it('checks the canonical form only: a lowercase x or full-width digits must be normalised first', () => {
    expect(isValidIdNumber('11010519491231002x')).toBe(false)
    expect(isValidIdNumber(normalizeIdNumber('11010519491231002x'))).toBe(true)
  })

  it('rejects a wrong check digit', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false)
    expect(isValidIdNumber('440524188001010015')).toBe(false)
    // X where a digit belongs
    expect(isValidIdNumber('44052418800101001X')).toBe(false)
  })

  it('rejects a single mistyped digit or two swapped digits', () => {
    const good = makeIdNumber('520423', '19870615', 913)
    expect(isValidIdNumber(good)).toBe(true)
    for (let i = 0; i < 17; i++) {
      const d = Number(good[i])
      const typo = good.slice(0, i) + String((d + 1) % 10) + good.slice(i + 1)
      expect(isValidIdNumber(typo), typo).toBe(false)
    }
    const swapped = good.slice(0, 14) + good[15] + good[14] + good.slice(16)
    if (good[14] !== good[15]) expect(isValidIdNumber(swapped)).toBe(false)
  })

  it('rejects impossible birth dates even with a matching check digit', () => {
    const withCheck = (first17: string) => first17 + idCheckDigit(first17)
    expect(isValidIdNumber(withCheck('52042319900230901'))).toBe(false) // 30 February
    expect(isValidIdNumber(withCheck('52042320230229901'))).toBe(false) // 2023 is not a leap year
    expect(isValidIdNumber(withCheck('52042319901301901'))).toBe(false) // month 13
    expect(isValidIdNumber(withCheck('52042319900000901'))).toBe(false) // month 0
    expect(isValidIdNumber(withCheck('52042319900100901'))).toBe(false) // day 0
    expect(isValidIdNumber(withCheck('52042319900431901'))).toBe(false) // 31 April
    expect(isValidIdNumber(withCheck('52042320240229901'))).toBe(true) // 2024 is a leap year
    expect(isValidIdNumber(withCheck('52042320000229901'))).toBe(true) // so is 2000
  })

  it('rejects the wrong length or characters', () => {
    expect(isValidIdNumber('')).toBe(false)
    expect(isValidIdNumber('11010519491231002')).toBe(false)
    expect(isValidIdNumber('11010519491231002X0')).toBe(false)
    expect(isValidIdNumber('1101051949123100 X')).toBe(false)
    expect(isValidIdNumber('X10105194912310021')).toBe(false)
    expect(isValidIdNumber('１１０１０５１９４９１２３１００２Ｘ')).toBe(false) // full-width digits
  })
})

describe('normalizeIdNumber', () => {
  it('turns what people type into the canonical form', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe('11010519491231002X')
    expect(normalizeIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X') // full-width (IME)
    expect(normalizeIdNumber('110105 19491231 002X')).toBe('11010519491231002X')
    expect(normalizeIdNumber('110105-19491231-002X')).toBe('11010519491231002X')
  })

  it('leaves a canonical number unchanged and does not make garbage valid', () => {
    expect(normalizeIdNumber('440524188001010014')).toBe('440524188001010014')
    expect(isValidIdNumber(normalizeIdNumber('4405241880010100１5'))).toBe(false)
  })
})

describe('makeIdNumber', () => {
  it('builds area + birth date + 3-digit sequence + check digit', () => {
    const id = makeIdNumber('520423', '19800101', 7)
    expect(id).toMatch(/^52042319800101007[0-9X]$/)
    expect(isValidIdNumber(id)).toBe(true)
  })

  it('every 9xx demo sequence gives a valid number', () => {
    for (let seq = 900; seq <= 999; seq++) expect(isValidIdNumber(makeIdNumber('520423', '19661231', seq))).toBe(true)
  })
})

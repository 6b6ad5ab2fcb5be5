/** 统一社会信用代码 (GB 32100): the mod-31 check character over its 31-character alphabet. */
import { describe, expect, it } from 'vitest'
import { creditCodeCheckChar, creditCodeProblem, isValidCreditCode, makeCreditCode, normalizeCreditCode } from './credit-code'

describe('creditCodeCheckChar', () => {
  it('matches published codes (the standard’s example and two listed companies)', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3')
    expect(creditCodeCheckChar('91440300192203821')).toBe('6')
    expect(creditCodeCheckChar('9144030071526726X')).toBe('G')
  })
  it('refuses characters outside the alphabet', () => {
    expect(creditCodeCheckChar('9135010OM000100Y4')).toBeUndefined()
  })
})

describe('creditCodeProblem', () => {
  it('accepts valid codes', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true)
    expect(isValidCreditCode('9144030071526726XG')).toBe(true)
    expect(isValidCreditCode(makeCreditCode('92520423MA6H00010'))).toBe(true)
  })
  it('says why a code is refused, in Chinese', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toMatch('18 位')
    expect(creditCodeProblem('91350100M000100Y44')).toMatch('校验位')
    expect(creditCodeProblem('91350100M00010OY43')).toMatch('不允许的字符')
    expect(creditCodeProblem('91ABCDEFM000100Y43')).toMatch('行政区划')
  })
  it('normalizes what people type', () => {
    expect(normalizeCreditCode(' ９１350100m000100y43 ')).toBe('91350100M000100Y43')
  })
})

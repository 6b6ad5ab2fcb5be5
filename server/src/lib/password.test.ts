/**
 * The 等保 password rules (DOMAIN §6): at least 8 characters, at most 128, three of the four character
 * classes; stored as argon2id with the OWASP parameters; changed every 90 days.
 */
import { describe, expect, it } from 'vitest'
import { burnVerify, hashPassword, PASSWORD_MAX_AGE_DAYS, passwordPolicyProblem, verifyPassword } from './password'

describe('the password policy', () => {
  it('asks for at least 8 characters, and no more than 128', () => {
    expect(passwordPolicyProblem('Ab1!xyz')).toBe('密码至少 8 位')
    expect(passwordPolicyProblem('')).toBe('密码至少 8 位')
    expect(passwordPolicyProblem('Ab1!xyzw')).toBeNull()
    expect(passwordPolicyProblem(`Ab1!${'x'.repeat(124)}`)).toBeNull() // 128
    expect(passwordPolicyProblem(`Ab1!${'x'.repeat(125)}`)).toBe('密码不能超过 128 位')
  })

  it('asks for three of: lower case, upper case, digits, symbols — any three', () => {
    const classProblem = '密码需包含大写字母、小写字母、数字、符号中的至少三类'
    for (const p of ['abcdefgh', 'ABCDEFGH', '12345678', '!@#$%^&*', 'abcdEFGH', 'abcd1234', 'abcd!@#$', 'ABCD1234', 'ABCD!@#$', '1234!@#$']) {
      expect(passwordPolicyProblem(p), p).toBe(classProblem)
    }
    for (const p of ['abcdEF12', 'abcdEF!@', 'abcd12!@', 'ABCD12!@', 'aB3!aB3!', '密码abc123']) {
      expect(passwordPolicyProblem(p), p).toBeNull()
    }
  })

  it('must be changed every 90 days', () => {
    expect(PASSWORD_MAX_AGE_DAYS).toBe(90)
  })
})

describe('hashing', () => {
  it('stores argon2id with m=19456 KiB, t=2, p=1, salted: the same password hashes differently', async () => {
    const a = await hashPassword('Yiwang@2026')
    const b = await hashPassword('Yiwang@2026')
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/)
    expect(a).not.toBe(b)
  })

  it('verifies the right password, refuses a wrong one, and a broken hash is a refusal, not an error', async () => {
    const h = await hashPassword('Yiwang@2026')
    expect(await verifyPassword(h, 'Yiwang@2026')).toBe(true)
    expect(await verifyPassword(h, 'Yiwang@2027')).toBe(false)
    expect(await verifyPassword('not-a-hash', 'Yiwang@2026')).toBe(false)
  })

  it('spends a real verification on unknown users, and never throws', async () => {
    await expect(burnVerify('whatever')).resolves.toBeUndefined()
    await expect(burnVerify('timing-equaliser-Aa1!')).resolves.toBeUndefined()
  })
})

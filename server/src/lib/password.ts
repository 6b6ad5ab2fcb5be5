/** Passwords: argon2id (OWASP parameters) and the 等保 policy — ≥ 8 characters, 3 character classes. */
import argon2 from 'argon2'

const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, OPTIONS)
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | undefined
/** Spend the same time on unknown usernames as on known ones. */
export async function burnVerify(plain: string): Promise<void> {
  dummyHash ??= hashPassword('timing-equaliser-Aa1!')
  await verifyPassword(await dummyHash, plain)
}

/** Returns a Chinese reason when the password breaks the policy, or null. */
export function passwordPolicyProblem(plain: string): string | null {
  if (plain.length < 8) return '密码至少 8 位'
  if (plain.length > 128) return '密码不能超过 128 位'
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(plain)).length
  if (classes < 3) return '密码需包含大写字母、小写字母、数字、符号中的至少三类'
  return null
}

export const PASSWORD_MAX_AGE_DAYS = 90

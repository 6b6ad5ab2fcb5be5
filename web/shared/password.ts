/**
 * The 等保 password rule, checked before the server is asked so the message comes at once.
 * The server (server/src/lib/password.ts) stays the authority and repeats the check.
 */
export function passwordProblem(plain: string): string | null {
  if (plain.length < 8) return '密码至少 8 位'
  if (plain.length > 128) return '密码不能超过 128 位'
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(plain)).length
  if (classes < 3) return '密码需包含大写字母、小写字母、数字、符号中的至少三类'
  return null
}

export const PHONE_PATTERN = /^1[3-9][0-9]{9}$/

/** Mutation testing, part 2: the lockout lines of auth/service.ts and the code step against the login tests (docs/TESTING.md). */
import { defineConfig } from 'vitest/config'
import base from './vitest.config'

export default defineConfig({
  ...base,
  test: { ...base.test, include: ['server/src/modules/auth/auth.test.ts', 'server/src/modules/auth/mfa.test.ts'] },
})

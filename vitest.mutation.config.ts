/**
 * The test set Stryker runs against mutants of the rule files (npm run test:mutation, docs/TESTING.md).
 *
 * Not the whole suite: most of the HTTP suite builds its data in beforeAll, so Stryker sees the rule
 * code it exercises as "static" (covered outside any one test) and would run every test for each such
 * mutant — about 100 hours on 2 cores. This set is the unit tests beside the rules plus the counters
 * evaluated by the database. Every static mutant that survives runs the whole set, so the set must stay
 * cheap: with auth.test.ts in it (many logins, argon2) the estimate was 1h40m; the lockout lines are
 * mutated on their own against auth.test.ts (vitest.mutation-auth.config.ts). The full suite still runs
 * in CI on both databases.
 *
 * Files run cheapest first, so a mutant killed by a unit test stops there (Stryker bails at the first
 * failure) before the files that start an application.
 */
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'
import base from './vitest.config'

export const MUTATION_TESTS = [
  // pure logic, milliseconds
  'contracts/workflow.test.ts',
  'server/src/permissions/policies/appeal.test.ts',
  'server/src/modules/appeals/deadlines.test.ts',
  'server/src/modules/calendar/working-time.test.ts',
  'server/src/lib/pii.test.ts',
  'server/src/lib/scrub.test.ts',
  'server/src/modules/stats/counters.test.ts',
  'server/src/lib/password.test.ts',
  // a database, no HTTP data in beforeAll
  'server/src/modules/stats/counter-definitions.test.ts',
]

class CheapestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => MUTATION_TESTS.findIndex((p) => f.moduleId.endsWith(p))
    return [...files].sort((a, b) => rank(a) - rank(b))
  }
}

// (not mergeConfig: it would append to the suite's include list instead of replacing it)
export default defineConfig({
  ...base,
  test: { ...base.test, include: MUTATION_TESTS, sequence: { sequencer: CheapestFirst } },
})

import { defineConfig } from 'vitest/config'

/** `npm run test:e2e`: one server on a fresh data folder, Debian Chromium, the flows one after another. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    pool: 'forks',
    sequence: { concurrent: false },
  },
})

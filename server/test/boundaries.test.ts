/**
 * The boundary and SQL checks that `npm run lint` runs in CI must fail on the violations they exist to
 * catch. Each case plants one in a scratch tree shaped like the server (or, for the SQL rule, lints a
 * text as if it were a file of the server) and expects the check to name it; the real tree must pass.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'
import { ROOT } from './template'

const CHECK = path.join(ROOT, 'scripts/check-boundaries.mjs')
const scratch: string[] = []
afterAll(() => {
  for (const d of scratch) fs.rmSync(d, { recursive: true, force: true })
})

/** A scratch repository with the real dependency-cruiser config and the given files. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yiwang-boundaries-'))
  scratch.push(dir)
  fs.copyFileSync(path.join(ROOT, '.dependency-cruiser.cjs'), path.join(dir, '.dependency-cruiser.cjs'))
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } }))
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text)
  }
  return dir
}

function check(dir: string): { ok: boolean; out: string } {
  try {
    return { ok: true, out: execFileSync('node', [CHECK, 'server'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' }) }
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string }
    return { ok: false, out: `${err.stdout ?? ''}${err.stderr ?? ''}` }
  }
}

/** Two modules that keep to the rules: b is used through its index. */
const CLEAN = {
  'server/src/modules/a/index.ts': "export { useB } from './service'\n",
  'server/src/modules/a/service.ts': "import { readB } from '../b'\nexport const useB = () => readB()\n",
  'server/src/modules/b/index.ts': "export { readB } from './service'\n",
  'server/src/modules/b/service.ts': "import { findB } from './queries'\nexport const readB = () => findB()\n",
  'server/src/modules/b/queries.ts': 'export const findB = () => 1\n',
}

describe('module boundaries (dependency-cruiser)', () => {
  it('a tree that keeps to the rules passes', () => {
    const r = check(tree(CLEAN))
    expect(r.out).toContain('boundaries: ok')
    expect(r.ok).toBe(true)
  })

  it("fails when a module imports another module's queries.ts", () => {
    const r = check(tree({ ...CLEAN, 'server/src/modules/a/service.ts': "import { findB } from '../b/queries'\nexport const useB = () => findB()\n" }))
    expect(r.ok).toBe(false)
    expect(r.out).toContain('module-through-index: server/src/modules/a/service.ts → server/src/modules/b/queries.ts')
  })

  it('fails when a job imports queries directly', () => {
    const r = check(tree({ ...CLEAN, 'server/src/jobs/tick.ts': "import { findB } from '../modules/b/queries'\nexport const tick = () => findB()\n" }))
    expect(r.ok).toBe(false)
    expect(r.out).toContain('jobs-no-queries: server/src/jobs/tick.ts → server/src/modules/b/queries.ts')
  })

  it('fails on a cycle between modules, even through their index files', () => {
    const r = check(
      tree({
        ...CLEAN,
        'server/src/modules/b/service.ts': "import { useB } from '../a'\nimport { findB } from './queries'\nexport const readB = () => findB()\nexport const again = () => useB()\n",
      }),
    )
    expect(r.ok).toBe(false)
    expect(r.out).toContain('no-circular')
  })

  it('fails on a cycle between modules that no single file closes', () => {
    // a/service → b (index) → b/service; b/report → a (index) → a/other: no file loop, but a and b use each other
    const r = check(
      tree({
        ...CLEAN,
        'server/src/modules/a/index.ts': "export { useB } from './service'\nexport { other } from './other'\n",
        'server/src/modules/a/other.ts': 'export const other = () => 2\n',
        'server/src/modules/b/index.ts': "export { readB } from './service'\nexport { report } from './report'\n",
        'server/src/modules/b/report.ts': "import { other } from '../a'\nexport const report = () => other()\n",
      }),
    )
    expect(r.ok).toBe(false)
    expect(r.out).toContain('module-cycle: a → b → a')
  })

  it('the real tree passes', () => {
    const out = execFileSync('node', [CHECK], { cwd: ROOT, encoding: 'utf8' })
    expect(out).toContain('boundaries: ok')
  })
})

describe('SQL lives only in queries files (eslint)', () => {
  const eslint = new ESLint({ cwd: ROOT })
  const lint = async (file: string, text: string) => (await eslint.lintText(text, { filePath: path.join(ROOT, file) }))[0]!.messages.map((m) => m.message)

  it('fails on a drizzle import or a statement in a service', async () => {
    const text = "import { sql } from 'drizzle-orm'\nexport const q = () => sql`SELECT id FROM appeal WHERE id = 1`\n"
    const messages = await lint('server/src/modules/appeals/service-probe.ts', text)
    expect(messages.some((m) => m.includes('SQL lives in queries.ts files'))).toBe(true)
    expect(messages.filter((m) => m.includes('SQL lives in queries.ts files')).length).toBeGreaterThanOrEqual(2)
  })

  it('fails on a raw statement in a plain string', async () => {
    const messages = await lint('server/src/jobs/probe.ts', "export const q = 'DELETE FROM session WHERE 1 = 1'\n")
    expect(messages).toContain('SQL lives in queries.ts files.')
  })

  it('allows the same text in a queries file', async () => {
    const text = "import { sql } from 'drizzle-orm'\nexport const q = () => sql`SELECT id FROM appeal WHERE id = 1`\n"
    expect(await lint('server/src/modules/appeals/probe-queries.ts', text)).toEqual([])
  })
})

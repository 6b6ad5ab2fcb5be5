/**
 * The project's docs stand on their own: nothing points outside the repository for what the code relies
 * on, and every `DOMAIN §n` a comment cites is a section of docs/DOMAIN.md.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from './template'

const tracked = execFileSync('git', ['ls-files', 'server', 'contracts', 'scripts', 'bench', 'docs', 'README.md', 'web', 'e2e'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx|mjs|md)$/.test(f))
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8')

describe('the docs stand on their own', () => {
  it('no file points at a design document outside the repository', () => {
    // the read-only folder beside the repository (seeds, design, tools) — not the web's own web/shared/ imports
    const outside = tracked.filter((f) => f !== 'server/test/docs.test.ts' && /\.\.\/shared\/(seeds|DESIGN|DEVELOPERS|tools)|DESIGN\.md|DESIGN §/.test(read(f)))
    expect(outside).toEqual([])
  })

  it('every DOMAIN § cited is a section of docs/DOMAIN.md', () => {
    const sections = new Set([...read('docs/DOMAIN.md').matchAll(/^#{2,3} ([0-9]+(?:\.[0-9]+)?)\.? /gm)].map((m) => m[1]))
    const cited = new Set(tracked.flatMap((f) => [...read(f).matchAll(/DOMAIN §([0-9]+(?:\.[0-9]+)?)/g)].map((m) => m[1]!)))
    expect(cited.size).toBeGreaterThan(3)
    expect([...cited].filter((c) => !sections.has(c))).toEqual([])
  })
})

// The boundaries of one core and many modules, checked in CI (`npm run lint`):
// - the rules in .dependency-cruiser.cjs (a module is used through its index.ts; jobs call no
//   queries; the core and the permissions know no module; no cycles between files);
// - no cycles between modules: module A using B (through B's index) while B uses A, directly or
//   round a longer loop — which a file-level check misses when the two directions go through
//   different files.
// Usage: node scripts/check-boundaries.mjs [root …]   (default: server bench scripts contracts)
// Exits 1 and lists every violation when one is found.
import path from 'node:path'
import { createRequire } from 'node:module'
import { cruise } from 'dependency-cruiser'

const require = createRequire(import.meta.url)
const roots = process.argv.slice(2)
const cwd = process.cwd()
const config = require(path.join(cwd, '.dependency-cruiser.cjs'))

const result = await cruise(roots.length ? roots : ['server', 'bench', 'scripts', 'contracts'], {
  ...config.options,
  validate: true,
  ruleSet: { forbidden: config.forbidden },
})
const output = result.output
const problems = []

for (const v of output.summary.violations) {
  const via = v.cycle?.length ? ` (cycle: ${[v.from, ...v.cycle.map((c) => c.name ?? c)].join(' → ')})` : ''
  problems.push(`${v.rule.name}: ${v.from} → ${v.to}${via}`)
}

// Module-level cycles.
const moduleOf = (file) => /^server\/src\/modules\/([^/]+)\//.exec(file)?.[1]
const edges = new Map()
for (const m of output.modules) {
  const from = moduleOf(m.source)
  if (!from) continue
  for (const d of m.dependencies) {
    const to = moduleOf(d.resolved)
    if (!to || to === from || d.dependencyTypes.includes('type-only')) continue
    if (/\.test\.ts$/.test(m.source)) continue
    if (!edges.has(from)) edges.set(from, new Map())
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${m.source} → ${d.resolved}`)
  }
}
const seen = new Set()
const onPath = []
function visit(mod) {
  if (onPath.includes(mod)) {
    const loop = [...onPath.slice(onPath.indexOf(mod)), mod]
    const how = loop.slice(0, -1).map((a, i) => edges.get(a).get(loop[i + 1]))
    problems.push(`module-cycle: ${loop.join(' → ')} (${how.join('; ')})`)
    return
  }
  if (seen.has(mod)) return
  seen.add(mod)
  onPath.push(mod)
  for (const next of edges.get(mod)?.keys() ?? []) visit(next)
  onPath.pop()
}
for (const mod of [...edges.keys()].sort()) visit(mod)

if (problems.length) {
  console.error(`boundaries: ${problems.length} violation(s)`)
  for (const p of problems) console.error(`  ${p}`)
  process.exit(1)
}
const modules = new Set(output.modules.map((m) => moduleOf(m.source)).filter(Boolean))
console.log(`boundaries: ok (${output.summary.totalCruised} files, ${modules.size} modules, no cycles between modules)`)

/**
 * node --import tsx bench/table.ts bench/results/appeals-100000.json bench/results/appeals-1000000.json …
 *
 * The cost-growth table of the README: one column per result file (`npm run bench` keeps the latest run
 * of each size as bench/results/appeals-<N>.json), one row per figure, and the growth from the first
 * size to the last.
 */
import fs from 'node:fs'
import type { BenchResult } from './run'

interface Run {
  appeals: number
  results: BenchResult[]
}

const files = process.argv.slice(2)
if (files.length === 0) {
  console.error('usage: bench/table.ts <result.json> …')
  process.exit(2)
}
const runs: Run[] = files.map((f) => {
  const results = JSON.parse(fs.readFileSync(f, 'utf8')) as BenchResult[]
  return { appeals: Number(/appeals-(\d+)\.json$/.exec(f)?.[1] ?? 0), results }
})
const names = [...new Set(runs.flatMap((r) => r.results.map((x) => x.name)))]
const fmt = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n))

console.log(`| figure | target | ${runs.map((r) => fmt(r.appeals)).join(' | ')} | growth ${fmt(runs[0]!.appeals)} → ${fmt(runs.at(-1)!.appeals)} |`)
console.log(`|---|---|${runs.map(() => '---').join('|')}|---|`)
for (const name of names) {
  const cells = runs.map((r) => r.results.find((x) => x.name === name))
  const first = cells[0]
  const last = cells.at(-1)
  const growth = first && last && first.value > 0 ? `×${(last.value / first.value).toFixed(1)}` : ''
  const target = cells.find((c) => c)?.target ?? ''
  console.log(`| ${name} | ${target} | ${cells.map((c) => (c ? `${c.value} ${c.unit}${c.met ? '' : ' ✗'}` : '—')).join(' | ')} | ${growth} |`)
}

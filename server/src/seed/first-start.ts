/**
 * What the first start does after migrating — and `yiwang seed --demo` the same way: reference data,
 * the demo county, its appeal history, and data/demo-accounts.json, saying what it is doing as it goes
 * (the whole takes most of a minute on a small machine).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Stack } from '../bootstrap'
import { systemClock } from '../clock'
import { assembleDeps } from '../deps'
import type { Env } from '../env'
import { loadCalendarStore } from '../modules/calendar'
import { seedReferenceData } from './county'
import { DEMO_COUNTY, listDemoAccounts, seedDemo, type DemoAccount } from './demo'
import { ensureCountyGridBoundaries } from '../modules/grid-maps'
import { hasDemoHistory, seedDemoHistory } from './history'

export type Progress = (step: string) => () => void

/** Prints "step …" and, when the step is done, how long it took. */
export function consoleProgress(): Progress {
  return (step) => {
    const started = Date.now()
    process.stdout.write(`${step} … `)
    return () => console.log(`完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）`)
  }
}

/** Reference data, and with `demo` the demo county and its history; writes the demo accounts file. */
export async function prepareData(env: Env, stack: Stack, o: { demo: boolean; progress: Progress }): Promise<DemoAccount[]> {
  const db = stack.database.db
  let done = o.progress('载入参考数据（诉求分类、工作日历）')
  await seedReferenceData(db)
  done()
  if (!o.demo) return []
  done = o.progress('载入演示县：镇宁自治县的街道、村社区、网格，北街社区的小区、住户、居民和账号')
  const created = await seedDemo(db, stack.pii)
  done()
  if (created || !(await hasDemoHistory(db))) {
    done = o.progress('生成北街社区近两个月的诉求历史')
    const calendar = await loadCalendarStore(db)
    const deps = assembleDeps({ env, database: stack.database, clock: systemClock, pii: stack.pii, calendar, fileStore: stack.fileStore })
    // One transaction for the whole history: a start killed half-way leaves none of it, and the next
    // start makes it again (every change inside still commits through the core, as savepoints).
    const appeals = await db.transaction((tx) => seedDemoHistory({ ...deps, database: { ...stack.database, db: tx } }, { asOf: new Date() }))
    await deps.outbox.idle()
    deps.outbox.kick()
    await deps.outbox.idle()
    done()
    console.log(`  共 ${appeals} 件诉求`)
  }
  await ensureCountyGridBoundaries(db, DEMO_COUNTY)
  const accounts = await listDemoAccounts(db, stack.pii)
  fs.mkdirSync(env.dataDir, { recursive: true })
  fs.writeFileSync(path.join(env.dataDir, 'demo-accounts.json'), `${JSON.stringify(accounts, null, 2)}\n`)
  return accounts
}

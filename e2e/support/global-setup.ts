import type { TestProject } from 'vitest/node'
import { startServer } from './server'

export default async function setup(project: TestProject) {
  const started = Date.now()
  const server = await startServer()
  console.log(`e2e server ${server.baseURL} (data ${server.dataDir}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  project.provide('baseURL', server.baseURL)
  project.provide('dataDir', server.dataDir)
  return async () => server.stop()
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
    dataDir: string
  }
}

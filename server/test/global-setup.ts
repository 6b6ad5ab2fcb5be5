/** Vitest global setup: make sure the template database exists before any test file runs. */
import fs from 'node:fs'
import { buildPgliteTemplate, buildPgTemplate, pgliteTemplatePath, pgTemplateName, templateFingerprint } from './template'

export default async function setup(): Promise<void> {
  const fp = templateFingerprint()
  const url = process.env.DATABASE_URL
  if (url) {
    await buildPgTemplate(url, pgTemplateName(fp))
  } else {
    const file = pgliteTemplatePath(fp)
    if (!fs.existsSync(file)) await buildPgliteTemplate(file)
  }
  process.env.YIWANG_TEST_FINGERPRINT = fp
}

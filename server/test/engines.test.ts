/**
 * The Node.js range package.json declares is honest: the oldest version it admits satisfies every
 * installed package's own `engines.node` (so npm installs without warnings there), and the Node that
 * runs the tests — CI's — is inside it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import semver from 'semver'
import { ROOT } from './template'

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string }; optional?: boolean; os?: string[]; cpu?: string[] }>
}

describe('the engine range', () => {
  it('the Node running this suite is inside the declared range', () => {
    expect(semver.satisfies(process.version, pkg.engines.node), `${process.version} in ${pkg.engines.node}`).toBe(true)
  })

  it('every installed package accepts the oldest Node the range admits', () => {
    const oldest = semver.minVersion(pkg.engines.node)!.version
    const refusing = Object.entries(lock.packages)
      .filter(([name, p]) => name && p.engines?.node && !(p.optional && (p.os || p.cpu)))
      .filter(([, p]) => !semver.satisfies(oldest, p.engines!.node!, { includePrerelease: true }))
      .map(([name, p]) => `${name.replace(/^node_modules\//, '')} wants ${p.engines!.node}`)
    expect(refusing).toEqual([])
  })
})

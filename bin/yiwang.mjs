#!/usr/bin/env node
// The `yiwang` command-line tool (npx yiwang …): TypeScript sources run through tsx.
import { register } from 'tsx/esm/api'

register()
await import('../server/src/cli/main.ts')

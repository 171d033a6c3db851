#!/usr/bin/env node
// The `mira` command: the TypeScript CLI run through tsx, so `npx mira` works right after `npm ci`.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))

#!/usr/bin/env node
// Runs a TypeScript entry point with tsx, so the CLI and scripts need no build step.
import { register } from 'tsx/esm/api'
import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'

const [entry, ...rest] = process.argv.slice(2)
if (!entry) {
  console.error('usage: run-ts.mjs FILE.ts [args...]')
  process.exit(64)
}
process.argv = [process.argv[0], resolve(entry), ...rest]
register()
await import(pathToFileURL(resolve(entry)).href)

#!/usr/bin/env node
// The `mira` command: the CLI built as plain JavaScript into out/cli (by `npm ci`, or here when out of date).
import { importBuilt } from './built.mjs'

const { main } = await importBuilt('main')
process.exitCode = await main(process.argv.slice(2))

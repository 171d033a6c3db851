#!/usr/bin/env node
// `npm start`: the Electron app when this machine can run it, else web mode (see start/main.ts), built as
// plain JavaScript into out/cli like the `mira` command.
import { importBuilt } from '../bin/built.mjs'

const { main } = await importBuilt('start')
process.exitCode = await main(process.argv.slice(2))

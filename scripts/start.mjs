#!/usr/bin/env node
// `npm start`: the Electron app when this machine can run it, else web mode (see start/main.ts).
import { register } from 'tsx/esm/api'

register()
const { main } = await import('./start/main.ts')
process.exitCode = await main(process.argv.slice(2))

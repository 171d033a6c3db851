/**
 * One start of the companion on a given data folder, for the history start-up bench
 * (bench/server/history-start.ts): times `startCompanionServer`, reads the process's memory after
 * a full garbage collection, reports both over IPC, closes the server and exits.
 */
import { performance } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { startCompanionServer } from '../../src/server'
import { messageOf } from '../../src/shared/errors'
import type { StartFigure } from './history-ipc'

const dataDir = process.argv[2]
if (!process.send || !dataDir) {
  console.error('bench/server/history-host.ts DATA_DIR is started by the server bench (npm run bench -- server)')
  process.exit(64)
}

/** Resolves once the message is handed over, so it is not lost to `process.exit`. */
const report = (message: StartFigure | { error: string }): Promise<void> =>
  new Promise((resolve) => process.send?.(message, undefined, {}, () => resolve()))

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

try {
  const start = performance.now()
  const server = await startCompanionServer({ dataDir, port: 0 })
  const startMs = performance.now() - start
  gc()
  const { rss, heapUsed } = process.memoryUsage()
  // Closing waits for a fresh folder's backgrounds, so the next start finds them painted.
  await server.close()
  await report({ startMs, rss, heapUsed })
} catch (error) {
  await report({ error: messageOf(error) })
}
process.exit(0)

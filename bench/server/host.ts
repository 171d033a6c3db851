/**
 * The companion server under bench, run as a child of the bench (bench/server/process.ts) so the
 * 50 clients do not share its event loop: 127.0.0.1, a free port, the demo brain without token
 * delay, the default espeak-ng TTS, a fresh data folder that is removed on exit. It reports its
 * URLs over IPC and stops when told to or when the bench goes away.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDemoBrain, startCompanionServer, type CompanionServer } from '../../src/server'
import { messageOf } from '../../src/shared/errors'
import { STOP, type HostMessage } from './ipc'

/** Resolves once the message is handed over, so a failure report is not lost to `process.exit`. */
const report = (message: HostMessage): Promise<void> =>
  new Promise((resolve) => {
    // The callback runs also when the channel is already closed.
    if (process.send) process.send(message, undefined, {}, () => resolve())
    else resolve()
  })

if (!process.send) {
  console.error('bench/server/host.ts is started by the server bench (npm run bench -- server)')
  process.exit(64)
}

const dataDir = await mkdtemp(join(tmpdir(), 'mira-bench-'))
let server: CompanionServer | undefined
let stopping: Promise<void> | undefined

const stop = (): Promise<void> => {
  stopping ??= (async () => {
    await server?.close()
    await rm(dataDir, { recursive: true, force: true })
    process.exit(0)
  })()
  return stopping
}

process.on('message', (message) => {
  if (message === STOP) void stop()
})
// The bench died or was stopped with Ctrl-C: do not outlive it, and leave no temp folder behind.
process.on('disconnect', () => void stop())
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop())

try {
  server = await startCompanionServer({ dataDir, port: 0, brain: createDemoBrain({ tokenDelayMs: 0 }) })
  await report({ type: 'ready', url: server.url, restBase: server.restBase })
} catch (error) {
  await report({ type: 'failed', error: messageOf(error) })
  await stop()
}

/**
 * A child for the kill -9 test: the web host's core on `dataDir`, sending messages as the page
 * does (`sendMessage`, several at once) and printing `ack <text>` for each one acknowledged as
 * queued, until it is killed or has sent `MAX`. With `--deliver` it only runs, so the outbox left
 * by the killed runs goes to the server.
 *   node --import tsx outbox-child.ts <dataDir> <serverUrl> <run> [--deliver]
 */
import { createMiraCore } from '../../../src/main/core/host/mira-core'
import { dispatchCommand } from '../../../src/main/core/host/dispatch'

const [dataDir, serverUrl, run, mode] = process.argv.slice(2)
if (!dataDir || !serverUrl || !run) throw new Error('usage: outbox-child.ts <dataDir> <serverUrl> <run> [--deliver]')
const MAX = 400
const BATCH = 4

const core = await createMiraCore({ dataDir, transport: 'web', overrides: { serverUrl, token: 'test-token' }, log: () => {} })
process.stdout.write('started\n')
if (mode !== '--deliver') {
  for (let sent = 0; sent < MAX; sent += BATCH) {
    const texts = Array.from({ length: BATCH }, (_, i) => `m-${run}-${sent + i}`)
    await Promise.all(
      texts.map(async (text) => {
        const result = await dispatchCommand(core.handlers, 'sendMessage', { text })
        if (result.ok && (result.response as { state: string }).state === 'queued') process.stdout.write(`ack ${text}\n`)
      }),
    )
  }
  process.stdout.write('done\n')
}

/**
 * `mira chat --protocol auto` against a dead port: the CLI probes once and exits 3 at once (the
 * app's retrying of Automatic, host/kind-retry.ts, is not the CLI's).
 */
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'
import { tempDir } from './cli-process'
import { memoryIo } from './memory-io'

describe('mira chat --protocol auto at a dead port', () => {
  it('exits 3 after one probe, saying it could not reach the address', async () => {
    const io = memoryIo({ env: { MIRA_DATA_DIR: tempDir() } })
    expect(await main(['chat', '--protocol', 'auto', '--server', 'ws://127.0.0.1:1/ws', 'hello'], io)).toBe(3)
    expect(io.err).toContain('Automatic: could not reach ws://127.0.0.1:1/ws')
    expect(io.err).toContain('pass --protocol')
  })
})

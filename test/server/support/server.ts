/** Starts a companion on a random loopback port with a temp data folder; `stop()` cleans up. */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startCompanionServer, type CompanionOptions, type CompanionServer } from '../../../src/server'
import { createToolRegistry } from '../../../src/server/tools'
import type { SynthesisRequest, TtsEngine } from '../../../src/server/tts/types'
import { buildWav } from '../../../src/server/tts/wav'

export interface TestServer extends CompanionServer {
  dataDir: string
  logs: string[]
  /** Closes the server and removes the data folder (unless `keepData`). */
  stop(options?: { keepData?: boolean }): Promise<void>
}

/** A TTS engine that answers a short tone at once and records what it was asked. */
export function fakeTts(): TtsEngine & { requests: SynthesisRequest[] } {
  const requests: SynthesisRequest[] = []
  const data = new Uint8Array(200)
  for (let i = 0; i < 100; i++) new DataView(data.buffer).setInt16(i * 2, Math.round(Math.sin(i / 3) * 8000), true)
  return {
    kind: 'fake',
    maxChars: 50,
    requests,
    describe: () => 'fake tts',
    synthesize: async (request) => {
      requests.push(request)
      return buildWav({ audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 }, data)
    },
    close: async () => {},
  }
}

/**
 * Default: a fake TTS, no speech recognition, no tools, and an existing empty `backgrounds/` so the default art is not
 * painted (`seed: true` paints it, as on a real first start).
 */
export async function startTestServer(
  options: Partial<CompanionOptions> & { seed?: boolean; dataDir?: string } = {},
): Promise<TestServer> {
  const { seed, ...rest } = options
  const dataDir = rest.dataDir ?? (await mkdtemp(join(tmpdir(), 'mira-companion-')))
  if (!seed) await mkdir(join(dataDir, 'backgrounds'), { recursive: true })
  const logs: string[] = []
  const server = await startCompanionServer({
    port: 0,
    tts: fakeTts(),
    tools: createToolRegistry([]),
    log: (line) => logs.push(line),
    // No speech recognition unless a test gives one: what is installed here must not change answers.
    stt: null,
    ...rest,
    dataDir,
  })
  return {
    ...server,
    dataDir,
    logs,
    async stop(stopOptions = {}) {
      await server.close()
      if (!stopOptions.keepData) await rm(dataDir, { recursive: true, force: true })
    },
  }
}

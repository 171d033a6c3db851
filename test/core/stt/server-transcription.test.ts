/**
 * `transcribe` through the host with the default provider, the server in use: the built-in
 * companion recognises with PocketSphinx (a grammar of the test sentences makes it exact), with its
 * own token; without an engine the page is told so. whisper.cpp's errors reach the page by code.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMiraCore, type MiraCore } from '../../../src/main/core/host/mira-core'
import { dispatchCommand } from '../../../src/main/core/host/dispatch'
import { pocketsphinxEngine, startCompanionServer, type SttEngine } from '../../../src/server'
import { missingSpeechTools, speechWav, writeGrammar } from '../../support/speech-audio'
import { makeToneWav } from '../../support/wav'

const missing = missingSpeechTools()
if (missing) console.log(`[stt] built-in recogniser test skipped — ${missing}`)

let dir: string
let core: MiraCore | undefined
afterEach(async () => {
  await core?.close()
  core = undefined
  await rm(dir, { recursive: true, force: true })
})

/** The core with its built-in companion, whose recogniser `stt` makes (given the test's folder). */
async function start(stt: (dir: string) => SttEngine | null): Promise<MiraCore> {
  dir = await mkdtemp(join(tmpdir(), 'mira-stt-core-'))
  const engine = stt(dir)
  core = await createMiraCore({ dataDir: dir, transport: 'web', log: () => undefined, startCompanion: (options) => startCompanionServer({ ...options, stt: engine }) })
  return core
}

async function call(name: string, request?: unknown): Promise<unknown> {
  const result = await dispatchCommand(core!.handlers, name, request)
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
  return result.response
}

describe('transcribe on the server in use', () => {
  it.skipIf(missing !== undefined)('the built-in companion recognises the page’s WAV', { timeout: 60_000 }, async () => {
    await start((folder) => pocketsphinxEngine({ grammar: writeGrammar(folder) }))
    const wav = speechWav('what is the weather like today')
    expect(await call('transcribe', { audioBase64: wav.toString('base64') })).toEqual({ text: 'what is the weather like today', engine: 'pocketsphinx (grammar)', provider: 'server' })
  })

  it('a server without a recogniser: the page is told to choose another place', async () => {
    await start(() => null)
    await expect(call('transcribe', { audioBase64: makeToneWav().toString('base64') })).rejects.toMatchObject({ textCode: 'sttNoEngine' })
  })

  it('whisper.cpp here: a missing program or model is named by code', async () => {
    await start(() => null)
    await call('updateSettings', { stt: { provider: 'whisper-cpp' } })
    await expect(call('transcribe', { audioBase64: makeToneWav().toString('base64') })).rejects.toMatchObject({ textCode: 'sttProgramMissing' })
    const notModel = join(dir, 'notes.txt')
    await writeFile(notModel, 'hello')
    await call('updateSettings', { stt: { whisperBinary: '/bin/true', whisperModel: notModel } })
    await expect(call('transcribe', { audioBase64: makeToneWav().toString('base64') })).rejects.toMatchObject({ textCode: 'sttBadModel' })
    await call('updateSettings', { stt: { whisperModel: join(dir, 'gone.bin') } })
    await expect(call('transcribe', { audioBase64: makeToneWav().toString('base64') })).rejects.toMatchObject({ textCode: 'sttModelMissing' })
  })
})

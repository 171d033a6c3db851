/**
 * Settings → Listening's engine lines and Test buttons, through the host's validating dispatch: the
 * server's advertised engine (the built-in companion with PocketSphinx, or none), the OpenAI-compatible
 * endpoint (unset, answering, key refused, unreachable), whisper.cpp (program found or not, model ready,
 * missing or not a model); Test transcribes the built-in espeak-ng sample exactly; and the model list
 * with a download whose file fails the published checksum, told as events.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createMiraCore, type MiraCore } from '../../../src/main/core/host/mira-core'
import { dispatchCommand } from '../../../src/main/core/host/dispatch'
import { WHISPER_MODELS } from '../../../src/main/core/stt/models/catalogue'
import type { HostEvent } from '../../../src/shared/host'
import { pocketsphinxEngine, startCompanionServer, type SttEngine } from '../../../src/server'
import { deadPort } from '../../cli/cli-process'
import { FileServer } from '../../support/file-server'
import { missingSpeechTools, writeGrammar } from '../../support/speech-audio'

const missing = missingSpeechTools()
if (missing) console.log(`[stt] engine Test with PocketSphinx skipped — ${missing}`)

let dir: string
let core: MiraCore | undefined
const closers: Array<() => Promise<void>> = []
const events: HostEvent[] = []
afterEach(async () => {
  await core?.close()
  core = undefined
  for (const close of closers.splice(0)) await close()
  events.length = 0
  await rm(dir, { recursive: true, force: true })
})

async function start(stt: (dir: string) => SttEngine | null, modelBaseUrl?: string): Promise<MiraCore> {
  dir = await mkdtemp(join(tmpdir(), 'mira-stt-engines-'))
  const engine = stt(dir)
  core = await createMiraCore({ dataDir: dir, transport: 'web', log: () => undefined, modelBaseUrl, startCompanion: (options) => startCompanionServer({ ...options, stt: engine }) })
  core.onEvents((batch) => events.push(...batch))
  return core
}

async function call(name: string, request?: unknown): Promise<unknown> {
  const result = await dispatchCommand(core!.handlers, name, request)
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
  return result.response
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
}

describe('engine status', () => {
  it('names the engine the server advertises, and says when it has none', async () => {
    await start(() => pocketsphinxEngine({ grammar: '/nonexistent.jsgf' }))
    expect(await call('getSttStatus')).toMatchObject({ server: { state: 'ready', engine: 'pocketsphinx (grammar)' } })
    await core?.close()
    await start(() => null)
    expect(await call('getSttStatus')).toMatchObject({ server: { state: 'none' } })
  })

  it('the OpenAI-compatible endpoint: unset, answering with the saved key, refusing it, unreachable', async () => {
    await start(() => null)
    expect(await call('getSttStatus')).toMatchObject({ openai: { state: 'unset', hasKey: false } })
    const seen: Array<string | undefined> = []
    const good = await listen((req, res) => {
      seen.push(req.headers.authorization)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}')
    })
    await call('updateSettings', { stt: { baseUrl: good } })
    await call('setSttApiKey', { apiKey: 'sk-status' })
    expect(await call('getSttStatus')).toMatchObject({ openai: { state: 'reachable', hasKey: true } })
    expect(seen).toEqual(['Bearer sk-status'])
    const refusing = await listen((_req, res) => res.writeHead(401).end())
    await call('updateSettings', { stt: { baseUrl: refusing } })
    // The key was saved for the other server: it is not sent here.
    expect(await call('getSttStatus')).toMatchObject({ openai: { state: 'refused', hasKey: false, detail: 'HTTP 401' } })
    await call('updateSettings', { stt: { baseUrl: `http://127.0.0.1:${await deadPort()}/v1` } })
    expect(await call('getSttStatus')).toMatchObject({ openai: { state: 'unreachable', detail: expect.stringMatching(/ECONNREFUSED/) } })
  })

  it('whisper.cpp: the program found or missing, the model ready, missing or not a model', async () => {
    await start(() => null)
    expect(await call('getSttStatus')).toMatchObject({ whisper: { program: 'unset', model: 'unset' } })
    const model = join(dir, 'ggml-test.bin')
    await writeFile(model, Buffer.concat([Buffer.from('lmgg', 'latin1'), Buffer.alloc(64)]))
    await call('updateSettings', { stt: { whisperBinary: 'sh', whisperModel: model } })
    expect(await call('getSttStatus')).toMatchObject({ whisper: { program: 'found', model: 'ready' } })
    await writeFile(model, 'not a model')
    await call('updateSettings', { stt: { whisperBinary: join(dir, 'whisper-cli') } })
    expect(await call('getSttStatus')).toMatchObject({ whisper: { program: 'missing', model: 'bad' } })
    await call('updateSettings', { stt: { whisperModel: join(dir, 'gone.bin') } })
    expect(await call('getSttStatus')).toMatchObject({ whisper: { model: 'missing', detail: expect.stringMatching(/cannot be read: ENOENT/) } })
  })
})

describe('Test an engine', () => {
  it.skipIf(missing !== undefined)('transcribes the built-in sample on the server exactly', { timeout: 60_000 }, async () => {
    await start((folder) => pocketsphinxEngine({ grammar: writeGrammar(folder) }))
    expect(await call('testStt', { provider: 'server' })).toEqual({ text: 'tell me a story about the sea', said: 'tell me a story about the sea', engine: 'pocketsphinx (grammar)', provider: 'server' })
  })

  it('says why an engine cannot be tested', async () => {
    await start(() => null)
    await expect(call('testStt', { provider: 'server' })).rejects.toMatchObject({ textCode: 'sttNoEngine' })
    await expect(call('testStt', { provider: 'whisper-cpp' })).rejects.toMatchObject({ textCode: 'sttProgramMissing' })
    await expect(call('testStt', { provider: 'cloud' })).rejects.toMatchObject({ code: 'invalid-request' })
  })
})

describe('whisper.cpp models through the host', () => {
  it('lists the catalogue; a download whose file fails the published checksum ends failed, told as events', async () => {
    const files = await FileServer.start({ 'ggml-tiny.en.bin': Buffer.from('not the real model') })
    closers.push(() => files.close())
    await start(() => null, files.baseUrl)
    const list = (await call('listWhisperModels')) as Array<{ id: string; state: string; path: string }>
    expect(list.map((m) => m.id)).toEqual(WHISPER_MODELS.map((m) => m.id))
    expect(list.every((m) => m.state === 'absent' && m.path.startsWith(join(dir, 'models')))).toBe(true)
    expect(await call('downloadWhisperModel', { id: 'tiny.en' })).toEqual({ ok: true })
    const tinyEn = () => events.flatMap((e) => (e.type === 'whisper-models' ? e.models.filter((m) => m.id === 'tiny.en') : []))
    await expect.poll(() => tinyEn().at(-1)?.state, { timeout: 30_000 }).toBe('failed')
    expect(tinyEn()[0]?.state).toBe('downloading')
    expect(tinyEn().at(-1)?.error).toMatchObject({ kind: 'checksum' })
    await expect(call('downloadWhisperModel', { id: 'huge' })).rejects.toMatchObject({ code: 'invalid-request' })
  })
})

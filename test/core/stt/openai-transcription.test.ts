/**
 * The OpenAI-compatible provider, end to end through the host command: the page's WAV goes out as
 * a multipart upload (file, model, language, response_format) with the key saved for that server,
 * and the text comes back; refused keys, unreachable servers and servers of another origin are told apart.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMiraCore, type MiraCore } from '../../../src/main/core/host/mira-core'
import { dispatchCommand } from '../../../src/main/core/host/dispatch'
import { FakeOpenAiServer } from '../../support/fake-openai-server'
import { makeToneWav } from '../../support/wav'

let dir: string
let core: MiraCore
let fake: FakeOpenAiServer
const heard: Buffer[] = []

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mira-stt-'))
  heard.length = 0
  fake = await FakeOpenAiServer.start({
    transcriber: (upload) => {
      heard.push(upload.file?.bytes ?? Buffer.alloc(0))
      return ' hello from the fake '
    },
  })
  core = await createMiraCore({ dataDir: dir, transport: 'web', startCompanion: async () => Promise.reject(new Error('no companion in this test')), log: () => undefined })
})

afterEach(async () => {
  await core.close()
  await fake.close()
  await rm(dir, { recursive: true, force: true })
})

/** A command through the same validating dispatch both transports use; a host error is thrown as its info. */
async function call(name: string, request?: unknown): Promise<unknown> {
  const result = await dispatchCommand(core.handlers, name, request)
  if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
  return result.response
}

describe('transcribe with an OpenAI-compatible endpoint', () => {
  it('uploads the WAV as multipart with the model, language and the key saved for that server', async () => {
    await call('updateSettings', { stt: { provider: 'openai', baseUrl: fake.baseUrl, model: 'whisper-large-v3', language: 'en' } })
    const view = (await call('setSttApiKey', { apiKey: 'sk-test-123' })) as { hasSttApiKey: boolean }
    expect(view.hasSttApiKey).toBe(true)
    const wav = makeToneWav({ durationMs: 400 })
    const result = await call('transcribe', { audioBase64: wav.toString('base64') })
    expect(result).toEqual({ text: 'hello from the fake', engine: 'whisper-large-v3', provider: 'openai' })

    const [upload] = fake.uploads
    expect(upload?.contentType).toMatch(/^multipart\/form-data; boundary=/)
    expect(upload?.fields).toEqual({ model: 'whisper-large-v3', response_format: 'json', language: 'en' })
    expect(upload?.file).toMatchObject({ name: 'speech.wav', type: 'audio/wav' })
    expect(heard[0]?.equals(wav)).toBe(true)
    const request = fake.requests.find((r) => r.path === '/v1/audio/transcriptions')
    expect(request?.headers.authorization).toBe('Bearer sk-test-123')
  })

  it('never sends the key to a server it was not saved for', async () => {
    await call('updateSettings', { stt: { provider: 'openai', baseUrl: 'http://127.0.0.1:9/v1' } })
    await call('setSttApiKey', { apiKey: 'sk-for-the-other-one' })
    await call('updateSettings', { stt: { baseUrl: fake.baseUrl } })
    expect(((await call('getSettings')) as { hasSttApiKey: boolean }).hasSttApiKey).toBe(false)
    await call('transcribe', { audioBase64: makeToneWav().toString('base64') })
    expect(fake.requests.at(-1)?.headers.authorization).toBeUndefined()
    expect(fake.uploads[0]?.fields.language).toBeUndefined()
  })

  it('tells a refused key, a failing server and an unreachable one apart', async () => {
    await call('updateSettings', { stt: { provider: 'openai', baseUrl: fake.baseUrl } })
    const closed = await FakeOpenAiServer.start()
    const deadUrl = closed.baseUrl
    await closed.close()
    const wav = makeToneWav().toString('base64')

    const failing = await FakeOpenAiServer.start({ transcriber: () => Promise.reject(new Error('model overloaded')) })
    await call('updateSettings', { stt: { baseUrl: failing.baseUrl } })
    await expect(call('transcribe', { audioBase64: wav })).rejects.toMatchObject({ textCode: 'sttFailed', message: expect.stringContaining('model overloaded') })
    await failing.close()

    await call('updateSettings', { stt: { baseUrl: deadUrl } })
    await expect(call('transcribe', { audioBase64: wav })).rejects.toMatchObject({ textCode: 'sttUnreachable' })

    const refusing = createServer((_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"Incorrect API key"}}'))
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve))
    await call('updateSettings', { stt: { baseUrl: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/v1` } })
    await expect(call('transcribe', { audioBase64: wav })).rejects.toMatchObject({ textCode: 'sttBadKey' })
    await new Promise((resolve) => refusing.close(resolve))
  })

  it('refuses what is not base64 audio before anything is sent', async () => {
    await call('updateSettings', { stt: { provider: 'openai', baseUrl: fake.baseUrl } })
    await expect(call('transcribe', { audioBase64: 'not base64!' })).rejects.toMatchObject({ code: 'invalid-request' })
    await expect(call('setSttApiKey', { apiKey: '' })).rejects.toMatchObject({ code: 'invalid-request' })
    expect(fake.uploads).toEqual([])
  })
})

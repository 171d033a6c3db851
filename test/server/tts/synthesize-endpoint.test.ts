/** `POST /v1/tts/synthesize` with the real offline engine (espeak-ng WASM) and with a recording fake. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { EspeakEngine } from '../../../src/server/tts'
import { parseWav } from '../../../src/server/tts/wav'
import { MAX_TTS_TEXT } from '../../../src/server/http/routes/tts'
import { fakeTts, startTestServer, type TestServer } from '../support/server'

/** RMS of 16-bit PCM samples, 0..1. */
function rms(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  let sum = 0
  const n = Math.floor(data.length / 2)
  for (let i = 0; i < n; i++) sum += (view.getInt16(i * 2, true) / 32768) ** 2
  return Math.sqrt(sum / Math.max(1, n))
}

const post = (base: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${base}/tts/synthesize`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })

describe('with espeak-ng', () => {
  let server: TestServer
  const engine = new EspeakEngine()
  beforeAll(async () => {
    server = await startTestServer({ tts: engine })
  })
  afterAll(async () => {
    await server.stop()
    await engine.close()
  })

  it('returns a base64 WAV whose RIFF header is valid and whose samples are not silence', async () => {
    const res = await post(server.restBase, { text: 'Hello! I am Mira, and this is my offline voice.' })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { audio_data: string; format: string }
    expect(body.format).toBe('base64')
    const bytes = Buffer.from(body.audio_data, 'base64')
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF')
    expect(bytes.readUInt32LE(4)).toBe(bytes.length - 8)
    expect(bytes.toString('ascii', 8, 12)).toBe('WAVE')
    const wav = parseWav(bytes)
    expect(wav.format).toEqual({ audioFormat: 1, channels: 1, sampleRate: 22_050, bitsPerSample: 16 })
    // About a second of speech or more, clearly above silence.
    expect(wav.data.length / 2 / wav.format.sampleRate).toBeGreaterThan(1)
    expect(rms(wav.data)).toBeGreaterThan(0.02)
  })

  it('falls back to the default voice for an unknown reference_id, and answers raw bytes on request', async () => {
    const res = await post(server.restBase, { text: 'Voice test.', reference_id: 'xx-unknown', output_format: 'bytes' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('audio/wav')
    expect(rms(parseWav(new Uint8Array(await res.arrayBuffer())).data)).toBeGreaterThan(0.02)
  })
})

describe('request handling', () => {
  let server: TestServer | undefined
  afterEach(async () => {
    await server?.stop()
    server = undefined
  })

  it('answers 422 with a detail for empty, blank or missing text, 415/400 for bad bodies', async () => {
    server = await startTestServer()
    for (const body of [{ text: '' }, { text: '   ' }, {}]) {
      const res = await post(server.restBase, body)
      expect(res.status).toBe(422)
      expect(await res.json()).toEqual({ detail: expect.any(String) })
    }
    expect((await post(server.restBase, '{broken')).status).toBe(400)
    expect((await post(server.restBase, { text: 'hi' }, { 'Content-Type': 'text/plain' })).status).toBe(415)
  })

  it('refuses text above MAX_TTS_TEXT with 413 and a clear message, synthesizing nothing', async () => {
    const tts = fakeTts()
    server = await startTestServer({ tts })
    const res = await post(server.restBase, { text: 'Words. '.repeat(20_000 / 7) })
    expect(res.status).toBe(413)
    expect(((await res.json()) as { detail: string }).detail).toBe(
      `Text too long to speak in one request: ${'Words. '.repeat(20_000 / 7).length} characters, the limit is ${MAX_TTS_TEXT}. Send it in parts (by sentences).`,
    )
    expect(tts.requests).toHaveLength(0)
    expect((await post(server.restBase, { text: 'x'.repeat(MAX_TTS_TEXT) })).status).toBe(200)
  })

  it('splits long text by sentences, synthesizes every piece and joins them: nothing is dropped', async () => {
    const tts = fakeTts()
    server = await startTestServer({ tts })
    const sentences = Array.from({ length: 12 }, (_, i) => `This is sentence number ${i + 1}.`)
    const res = await post(server.restBase, { text: `[happy] ${sentences.join(' ')} 🎉 **Done**.`, reference_id: 'en-gb' })
    const wav = parseWav(Buffer.from(((await res.json()) as { audio_data: string }).audio_data, 'base64'))
    const spoken = tts.requests.map((r) => r.text)
    expect(spoken.length).toBeGreaterThan(1)
    for (const piece of spoken) expect(piece.length).toBeLessThanOrEqual(tts.maxChars)
    expect(spoken.join(' ')).toBe(`${sentences.join(' ')} Done.`)
    expect(tts.requests.every((r) => r.voice === 'en-gb')).toBe(true)
    // Each fake piece is 200 bytes of samples.
    expect(wav.data.length).toBe(200 * spoken.length)
  })

  it('answers a silent WAV for text with nothing to say', async () => {
    const tts = fakeTts()
    server = await startTestServer({ tts })
    const res = await post(server.restBase, { text: '🎉👍' })
    expect(res.status).toBe(200)
    const wav = parseWav(Buffer.from(((await res.json()) as { audio_data: string }).audio_data, 'base64'))
    expect(rms(wav.data)).toBe(0)
    expect(tts.requests).toEqual([])
  })

  it('answers 500 with the engine failure as detail', async () => {
    const tts = fakeTts()
    tts.synthesize = async () => {
      throw new Error('engine exploded')
    }
    server = await startTestServer({ tts })
    const res = await post(server.restBase, { text: 'Hello.' })
    expect(res.status).toBe(500)
    expect(((await res.json()) as { detail: string }).detail).toMatch(/engine exploded/)
  })
})

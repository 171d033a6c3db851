/** WAV joining, and the OpenAI-compatible speech engine against a local fake `/audio/speech`. */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { OpenAiSpeechEngine, TtsError } from '../../../src/server/tts'
import { buildWav, concatWavs, parseWav } from '../../../src/server/tts/wav'

const format = { audioFormat: 1, channels: 1, sampleRate: 16_000, bitsPerSample: 16 }

describe('wav', () => {
  it('joins pieces of one format and refuses mixed formats', () => {
    const a = buildWav(format, new Uint8Array([1, 2, 3, 4]))
    const b = buildWav(format, new Uint8Array([5, 6]))
    expect(parseWav(concatWavs([a, b]))).toEqual({ format, data: new Uint8Array([1, 2, 3, 4, 5, 6]) })
    expect(() => concatWavs([a, buildWav({ ...format, sampleRate: 8_000 }, new Uint8Array(2))])).toThrow(TtsError)
  })

  it('reads streamed WAVs whose data size is unknown (0xFFFFFFFF)', () => {
    const wav = buildWav(format, new Uint8Array([9, 9, 8, 8]))
    new DataView(wav.buffer).setUint32(40, 0xffffffff, true)
    expect(parseWav(wav).data).toEqual(new Uint8Array([9, 9, 8, 8]))
    expect(() => parseWav(new TextEncoder().encode('not a wav file'))).toThrow(TtsError)
  })
})

describe('OpenAiSpeechEngine', () => {
  let upstream: Server | undefined
  afterEach(async () => {
    await new Promise((resolve) => upstream?.close(resolve))
    upstream = undefined
  })

  async function serve(handler: (req: IncomingMessage, body: string) => { status: number; body: Uint8Array | string }): Promise<string> {
    upstream = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        const answer = handler(req, body)
        res.writeHead(answer.status)
        res.end(answer.body)
      })
    })
    await new Promise<void>((resolve) => upstream!.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`
  }

  it('posts model, voice, input and wav format with the API key, and returns the audio', async () => {
    const seen: Array<{ url?: string; auth?: string; body: unknown }> = []
    const wav = buildWav(format, new Uint8Array([1, 2]))
    const baseUrl = await serve((req, body) => {
      seen.push({ url: req.url, auth: req.headers.authorization, body: JSON.parse(body) })
      return { status: 200, body: wav }
    })
    const engine = new OpenAiSpeechEngine({ baseUrl, apiKey: 'sk-test', model: 'kokoro', voice: 'af_sky' })
    expect(await engine.synthesize({ text: 'Hi there.', voice: 'bf_emma' })).toEqual(wav)
    expect(seen).toEqual([
      { url: '/v1/audio/speech', auth: 'Bearer sk-test', body: { model: 'kokoro', voice: 'bf_emma', input: 'Hi there.', response_format: 'wav' } },
    ])
  })

  it('turns upstream errors and unreachable servers into TtsError', async () => {
    const baseUrl = await serve(() => ({ status: 401, body: '{"error":"bad key"}' }))
    await expect(new OpenAiSpeechEngine({ baseUrl }).synthesize({ text: 'x' })).rejects.toThrow(/401.*bad key/)
    await expect(new OpenAiSpeechEngine({ baseUrl: 'http://127.0.0.1:1/v1' }).synthesize({ text: 'x' })).rejects.toBeInstanceOf(TtsError)
  })
})

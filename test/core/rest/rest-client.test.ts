import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ServerUrlError } from '../../../src/shared/server-url'
import { RestClient, RestError } from '../../../src/main/core/rest/rest-client'
import { sniffAudioType } from '../../../src/main/core/rest/audio-format'
import { FakeAgentServer } from '../../support/fake-agent-server'

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void

let server: Server
let base: string
let handler: Handler
const seen: { method: string; url: string; auth: string | undefined; body: string }[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', auth: req.headers.authorization, body })
      handler(req, body, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  seen.length = 0
})

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(typeof body === 'string' ? body : JSON.stringify(body))
}
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))))
const audioAnswer = (audio: Buffer): Handler => (_req, _body, res) => json(res, 200, { audio_data: audio.toString('base64'), format: 'base64' })

describe('RestClient.synthesize', () => {
  it('posts the text, sends the token, and decodes the audio', async () => {
    const wav = bytes('RIFF', [36, 0, 0, 0], 'WAVEfmt ', [16, 0, 0, 0])
    handler = audioAnswer(wav)
    const client = new RestClient({ restBase: base, token: 'tok-1' })
    const result = await client.synthesize('Hello.', { referenceId: 'voice-a' })
    expect(Buffer.from(result.bytes)).toEqual(wav)
    expect(result.mimeType).toBe('audio/wav')
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/tts/synthesize', auth: 'Bearer tok-1' })
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ text: 'Hello.', reference_id: 'voice-a', output_format: 'bytes' })
  })

  it.each([
    ['mp3 with ID3', bytes('ID3', [4, 0, 0, 0, 0, 0, 0]), 'audio/mpeg'],
    ['bare mp3 frame', bytes([0xff, 0xfb, 0x90, 0x64, 0, 0]), 'audio/mpeg'],
    ['ogg', bytes('OggS', [0, 2, 0, 0]), 'audio/ogg'],
    ['flac', bytes('fLaC', [0, 0, 0, 34]), 'audio/flac'],
    ['unknown', bytes('hello world'), 'application/octet-stream'],
  ])('sniffs %s', async (_name, audio, type) => {
    handler = audioAnswer(audio)
    expect((await new RestClient({ restBase: base }).synthesize('x')).mimeType).toBe(type)
    expect(seen[0]?.auth).toBeUndefined()
  })

  it('takes raw audio when the server ignores output_format', async () => {
    const ogg = bytes('OggS', [0, 2, 1, 1])
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'audio/ogg' })
      res.end(ogg)
    }
    const result = await new RestClient({ restBase: base }).synthesize('x')
    expect(result).toEqual({ bytes: new Uint8Array(ogg), mimeType: 'audio/ogg' })
  })

  it('explains a 422 with the field and message', async () => {
    handler = (_req, _body, res) => json(res, 422, { detail: [{ loc: ['body', 'text'], msg: 'String should have at least 1 character' }] })
    const error = await new RestClient({ restBase: base }).synthesize('').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RestError)
    expect(error).toMatchObject({ kind: 'http', status: 422, unsupported: false })
    expect((error as RestError).message).toBe(
      'Speech synthesis: the server rejected the request (HTTP 422): text: String should have at least 1 character',
    )
  })

  it.each([
    [401, { detail: 'Invalid token' }, /refused the token \(HTTP 401\): Invalid token/, false],
    [500, 'Internal Server Error', /the server failed \(HTTP 500\): Internal Server Error/, false],
    [404, { detail: 'Not Found' }, /does not offer this \(HTTP 404\)/, true],
  ])('turns HTTP %i into a RestError', async (status, body, message, unsupported) => {
    handler = (_req, _body, res) => json(res, status, body)
    const error = await new RestClient({ restBase: base }).synthesize('x').catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'http', status, unsupported, message: expect.stringMatching(message) })
  })

  it.each([
    ['not JSON', 'oops', /not JSON/],
    ['no audio_data', { format: 'base64' }, /unexpected answer.*audio_data/],
    ['bad base64', { audio_data: '***' }, /not valid base64/],
  ])('rejects a bad answer: %s', async (_name, body, message) => {
    handler = (_req, _body, res) => json(res, 200, body)
    await expect(new RestClient({ restBase: base }).synthesize('x')).rejects.toMatchObject({ kind: 'bad-response', message: expect.stringMatching(message) })
  })

  it('times out, including a body that never finishes', async () => {
    handler = () => undefined // never answers
    const client = new RestClient({ restBase: base, timeoutMs: 100 })
    await expect(client.synthesize('x')).rejects.toMatchObject({ kind: 'timeout', message: 'Speech synthesis: the server did not answer within 0.1 s' })
    handler = (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"audio_data":"')
    }
    await expect(client.synthesize('x')).rejects.toMatchObject({ kind: 'timeout' })
  })

  it('reports an unreachable server as a network error', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const error = await new RestClient({ restBase: `http://127.0.0.1:${port}/v1` }).synthesize('x').catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'network', message: expect.stringContaining(`cannot reach the server at http://127.0.0.1:${port}`) })
  })
})

describe('RestClient: paths, history, health', () => {
  it('resolves server paths inside the REST base and refuses the rest', () => {
    const client = new RestClient({ restBase: 'http://127.0.0.1:5500/v1/' })
    expect(client.resolve('/bg/night.jpg')).toBe('http://127.0.0.1:5500/v1/bg/night.jpg')
    expect(client.resolve('/live2d/mao/runtime/mao.model3.json')).toBe('http://127.0.0.1:5500/v1/live2d/mao/runtime/mao.model3.json')
    for (const hostile of ['//evil.example/x', 'https://evil.example/x', '/bg/../../secret', 'file:///etc/passwd', 'http://127.0.0.1:5501/v1/x', '']) {
      expect(() => client.resolve(hostile), hostile).toThrow(ServerUrlError)
    }
  })

  it('lists STM sessions and reads a chat history', async () => {
    handler = (req, _body, res) => {
      const url = new URL(req.url ?? '', 'http://x')
      if (url.pathname === '/v1/stm/sessions') {
        return json(res, 200, {
          sessions: [
            { session_id: 's1', user_id: 'u', agent_id: 'a', created_at: '2025-01-01T00:00:00Z', updated_at: null, metadata: { title: 'Trip' } },
            { session_id: 's2', metadata: {} },
          ],
        })
      }
      json(res, 200, {
        session_id: 's1',
        messages: [
          { role: 'user', content: 'hi' },
          { role: 'system', content: 'hidden' },
          { role: 'assistant', content: 'hello' },
        ],
      })
    }
    const client = new RestClient({ restBase: base })
    expect(await client.sessions('u', 'a')).toEqual([
      { sessionId: 's1', userId: 'u', agentId: 'a', createdAt: '2025-01-01T00:00:00Z', title: 'Trip' },
      { sessionId: 's2' },
    ])
    expect(seen[0]?.url).toBe('/v1/stm/sessions?user_id=u&agent_id=a')
    expect(await client.chatHistory('u', 'a', 's1', 20)).toEqual({
      sessionId: 's1',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
      ],
    })
    expect(seen[1]?.url).toBe('/v1/stm/chat-history?user_id=u&agent_id=a&session_id=s1&limit=20')
  })

  it('marks a server without STM as unsupported, and a malformed list as a bad answer', async () => {
    handler = (_req, _body, res) => json(res, 503, { detail: 'Short-term memory is not enabled' })
    await expect(new RestClient({ restBase: base }).sessions('u', 'a')).rejects.toMatchObject({ unsupported: true, status: 503 })
    handler = (_req, _body, res) => json(res, 200, { sessions: [{ id: 1 }] })
    await expect(new RestClient({ restBase: base }).sessions('u', 'a')).rejects.toMatchObject({ kind: 'bad-response' })
  })

  it('returns the health answer', async () => {
    handler = (_req, _body, res) => json(res, 200, { status: 'ok' })
    expect(await new RestClient({ restBase: base }).health()).toEqual({ status: 'ok' })
    expect(seen[0]?.url).toBe('/v1/health')
  })
})

describe('sniffAudioType', () => {
  it('needs the whole magic, not just a prefix', () => {
    expect(sniffAudioType(new Uint8Array())).toBe('application/octet-stream')
    expect(sniffAudioType(bytes('RIFF', [0, 0, 0, 0], 'AVI '))).toBe('application/octet-stream')
    expect(sniffAudioType(bytes([0xff, 0xe0]))).toBe('application/octet-stream')
  })
})

describe('RestClient against the fake agent server', () => {
  it('gets WAV audio, degrades on missing STM, and checks health', async () => {
    const agent = await FakeAgentServer.start()
    try {
      const client = new RestClient({ restBase: agent.restBase, token: agent.token })
      const audio = await client.synthesize('Hello there.')
      expect(audio.mimeType).toBe('audio/wav')
      expect(audio.bytes.length).toBeGreaterThan(44)
      await expect(client.synthesize('')).rejects.toMatchObject({ status: 422, message: expect.stringContaining('text: String should have at least 1 character') })
      await expect(client.sessions('u', 'a')).rejects.toMatchObject({ unsupported: true })
      expect(await client.health()).toEqual({ status: 'ok' })
    } finally {
      await agent.stop()
    }
  })
})

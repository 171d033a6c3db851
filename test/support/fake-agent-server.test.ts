/** The fake agent server behaves like chat-stream.md says the real one does (raw `ws` client). */
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { FakeAgentServer, longAnswer, longAnswerText } from './fake-agent-server'

type Json = Record<string, unknown>

interface RawClient {
  ws: WebSocket
  frames: Json[]
  send(frame: Json): void
  next(predicate: (f: Json) => boolean, timeoutMs?: number): Promise<Json>
  closed: Promise<{ code: number; reason: string }>
}

async function connect(url: string): Promise<RawClient> {
  const ws = new WebSocket(url)
  const frames: Json[] = []
  const waiters = new Set<() => void>()
  ws.on('message', (data, isBinary) => {
    frames.push(isBinary ? { binary: true } : (JSON.parse(String(data)) as Json))
    for (const w of [...waiters]) w()
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  )
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  let seen = 0
  return {
    ws,
    frames,
    closed,
    send: (frame) => ws.send(JSON.stringify(frame)),
    next: (predicate, timeoutMs = 3000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          for (; seen < frames.length; seen++) {
            const f = frames[seen]
            if (f && predicate(f)) {
              seen++
              waiters.delete(check)
              clearTimeout(timer)
              resolve(f)
              return
            }
          }
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error('no such frame'))
        }, timeoutMs)
        waiters.add(check)
        check()
      }),
  }
}

const type = (t: string) => (f: Json) => f.type === t
const chat = (content: string, extra: Json = {}) => ({ type: 'chat_message', content, agent_id: 'a', user_id: 'u', ...extra })

let server: FakeAgentServer | undefined
const clients: RawClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate()
  await server?.stop()
  server = undefined
})

async function authorized(s: FakeAgentServer): Promise<RawClient> {
  const c = await connect(s.url)
  clients.push(c)
  c.send({ type: 'authorize', token: 'test-token' })
  await c.next(type('authorize_success'))
  return c
}

describe('FakeAgentServer', () => {
  it('ignores frames before authorize, then streams an echo answer with the real quirks', async () => {
    server = await FakeAgentServer.start()
    const c = await connect(server.url)
    clients.push(c)
    c.send(chat('hi'))
    expect(await c.next(type('error'))).toEqual({ type: 'error', error: 'Authentication required', code: null, id: null, timestamp: null })
    c.send({ type: 'authorize', token: 'test-token' })
    const ok = await c.next(type('authorize_success'))
    expect(ok.connection_id).toMatch(/^[0-9a-f-]{36}$/)
    c.send(chat('hello there', { conversation_id: 'conv-1' }))
    const start = await c.next(type('stream_start'))
    expect(start.conversation_id).toBe('conv-1')
    const end = await c.next(type('stream_end'))
    expect(end).toMatchObject({ turn_id: start.turn_id, conversation_id: 'conv-1', content: 'You said: hello there' })
    const tokens = c.frames.filter(type('stream_token'))
    expect(tokens.map((t) => t.chunk).join('')).toBe('You said: hello there')
    expect(tokens.every((t) => !('turn_id' in t) && t.id === null && t.timestamp === null && t.node === null)).toBe(true)
    expect(c.frames.filter(type('tts_ready_chunk'))).toEqual([
      { type: 'tts_ready_chunk', chunk: 'You said: hello there', emotion: null, id: null, timestamp: null },
    ])
  })

  it('refuses a wrong token with authorize_error and close 4001', async () => {
    server = await FakeAgentServer.start()
    const c = await connect(server.url)
    clients.push(c)
    c.send({ type: 'authorize', token: 'nope' })
    expect((await c.next(type('authorize_error'))).error).toBeTypeOf('string')
    expect((await c.closed).code).toBe(4001)
  })

  it('answers requests and reports errors with their codes', async () => {
    server = await FakeAgentServer.start()
    const c = await authorized(server)
    c.send({ type: 'chat_message', content: 'x', agent_id: ' ', user_id: 'u' })
    expect(await c.next(type('error'))).toMatchObject({ code: 400 })
    c.send({ type: 'interrupt_stream' })
    expect(await c.next(type('error'))).toMatchObject({ code: 4004 })
    c.send({ type: 'fetch_backgrounds' })
    expect((await c.next(type('background_files'))).files).toContain('/bg/night.jpg')
    c.send({ type: 'switch_avatar_config', file: 'mira.yaml' })
    expect((await c.next(type('set_model_and_conf'))).model_info).toMatchObject({ url: '/live2d/mira/runtime/mira.model3.json' })
    expect(await c.next(type('avatar_config_switched'))).toMatchObject({ file: 'mira.yaml' })
    c.send({ type: 'switch_avatar_config', file: 'x' })
    expect(await c.next(type('error'))).toMatchObject({ error: 'Config file not found: x', code: null })
    c.send({ type: 'bogus' })
    expect(await c.next(type('error'))).toMatchObject({ error: 'Unsupported message type: bogus' })
  })

  it('interrupts a hanging turn (4003) and sends tool frames as JSON strings', async () => {
    server = await FakeAgentServer.start({ answer: () => [{ tool: 'clock', args: { tz: 'UTC' }, result: { time: 1 } }, { hang: true }] })
    const c = await authorized(server)
    c.send(chat('x'))
    const start = await c.next(type('stream_start'))
    expect((await c.next(type('tool_call'))).args).toBe('{"tz":"UTC"}')
    expect((await c.next(type('tool_result'))).result).toBe('{"time":1}')
    c.send({ type: 'interrupt_stream', turn_id: start.turn_id })
    expect(await c.next(type('error'))).toMatchObject({ code: 4003, error: `Turn ${String(start.turn_id)} interrupted` })
    expect(c.frames.some(type('stream_end'))).toBe(false)
  })

  it('closes 4000 when a ping goes unanswered', async () => {
    server = await FakeAgentServer.start({ pingIntervalMs: 30, pongTimeoutMs: 30 })
    const c = await authorized(server)
    await c.next(type('ping'))
    expect(await c.closed).toEqual({ code: 4000, reason: 'Ping timeout' })
  })

  it('streams a long answer completely and restarts on the same port', async () => {
    server = await FakeAgentServer.start({ answer: longAnswer(2000) })
    const c = await authorized(server)
    c.send(chat('go'))
    expect((await c.next(type('stream_end'))).content).toBe(longAnswerText(2000))
    const url = server.url
    await server.restart()
    expect(server.url).toBe(url)
    expect((await c.closed).code).toBe(1006)
    await authorized(server)
    expect(server.connectionCount).toBe(2)
  })

  it('serves the REST side', async () => {
    server = await FakeAgentServer.start()
    const tts = await fetch(`${server.restBase}/tts/synthesize`, { method: 'POST', body: JSON.stringify({ text: 'Hi.' }) })
    const body = (await tts.json()) as { audio_data: string; format: string }
    expect(body.format).toBe('base64')
    expect(Buffer.from(body.audio_data, 'base64').subarray(0, 4).toString()).toBe('RIFF')
    expect((await fetch(`${server.restBase}/tts/synthesize`, { method: 'POST', body: '{"text":""}' })).status).toBe(422)
    expect((await fetch(`${server.restBase}/bg/night.jpg`)).headers.get('content-type')).toBe('image/png')
    expect((await fetch(`${server.restBase}/stm/sessions?user_id=u`)).status).toBe(503)
    expect((await fetch(`${server.restBase}/health`)).status).toBe(200)
  })
})

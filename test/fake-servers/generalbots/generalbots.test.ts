/** The General Bots fake behaves as generalbots-websocket.md says, driven the way the guide's BotClient does. */
import { afterEach, describe, expect, it } from 'vitest'
import { closeAllRaw, connectRaw, where, type RawClient } from '../shared/raw-client'
import { FakeGeneralBotsServer } from './server'

let server: FakeGeneralBotsServer | undefined
afterEach(async () => {
  closeAllRaw()
  await server?.stop()
  server = undefined
})

const type = (t: string) => where('type', t)

/** The guide's BotClient: `${url}?token=${token}`, then `{ type, ...payload }` frames. */
async function botClient(s: FakeGeneralBotsServer): Promise<{ c: RawClient; sessionId: string }> {
  const c = await connectRaw(`${s.url}?token=${s.token}`)
  const sessionId = String((await c.next(type('session_created'))).session_id)
  return { c, sessionId }
}
const send = (c: RawClient, t: string, payload: Record<string, unknown>) => c.send({ type: t, ...payload })

describe('FakeGeneralBotsServer', () => {
  it('logs in by query token, creates a session, and streams an answer keyed by message_id', async () => {
    server = await FakeGeneralBotsServer.start({ answer: () => [{ say: "I'd be happy to help! What's your order number?" }] })
    const { c, sessionId } = await botClient(server)
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/)
    send(c, 'subscribe', { session_id: sessionId })
    send(c, 'message', { session_id: sessionId, content: 'Hello, I need help with my order' })
    const end = await c.next(type('stream_end'))
    const start = c.frames.find(type('stream_start'))
    expect(start).toEqual({ type: 'stream_start', session_id: sessionId, message_id: end.message_id })
    const chunks = c.frames.filter(type('stream_chunk'))
    expect(chunks.every((f) => f.message_id === end.message_id)).toBe(true)
    expect(chunks.map((f) => f.content).join('')).toBe(end.content)
    expect(end.content).toBe("I'd be happy to help! What's your order number?")
    expect(await c.next(type('bot_typing'))).toEqual({ type: 'bot_typing', session_id: sessionId, is_typing: false })
    expect(c.frames[1]).toEqual({ type: 'bot_typing', session_id: sessionId, is_typing: true })
  })

  it('logs in by a first auth frame; refuses a wrong token or a first frame that is not auth', async () => {
    server = await FakeGeneralBotsServer.start({ token: 'T' })
    const byFrame = await connectRaw(server.url)
    byFrame.send({ type: 'auth', token: 'T' })
    await byFrame.next(type('session_created'))
    const wrong = await connectRaw(server.urlWithToken('nope'))
    expect(await wrong.next(type('error'))).toEqual({ type: 'error', code: 'AUTH_FAILED', message: 'Invalid or expired token' })
    expect((await wrong.closed).code).toBe(1008)
    const early = await connectRaw(server.url)
    early.send({ type: 'ping' })
    expect((await early.next(type('error'))).code).toBe('AUTH_FAILED')
    expect((await early.closed).code).toBe(1008)
  })

  it('answers with one whole message when not streaming, and sends tool frames with the session', async () => {
    server = await FakeGeneralBotsServer.start({
      answer: () => [{ tool: 'search_orders', args: { order_id: '12345' }, result: { status: 'shipped' } }, { say: '[happy] Shipped!' }],
    })
    server.streaming = false
    const { c, sessionId } = await botClient(server)
    send(c, 'message', { session_id: sessionId, content: 'where is 12345?' })
    const whole = await c.next(type('message'))
    expect(whole).toMatchObject({ session_id: sessionId, role: 'assistant', content: '[happy] Shipped!' })
    expect(Date.parse(String(whole.timestamp))).not.toBeNaN()
    expect(c.frames.find(type('tool_call'))).toEqual({ type: 'tool_call', session_id: sessionId, tool: 'search_orders', arguments: { order_id: '12345' } })
    expect(c.frames.find(type('tool_result'))).toEqual({ type: 'tool_result', session_id: sessionId, tool: 'search_orders', result: { status: 'shipped' } })
    expect(c.frames.some((f) => String(f.type).startsWith('stream_'))).toBe(false)
  })

  it('keeps sessions across connections, shares a turn with subscribers, and reports unknown or expired sessions', async () => {
    server = await FakeGeneralBotsServer.start({ answer: (m) => [{ say: `turn ${m.history.length / 2 + 1}` }] })
    const first = await botClient(server)
    send(first.c, 'message', { session_id: first.sessionId, content: 'one' })
    expect((await first.c.next(type('stream_end'))).content).toBe('turn 1')
    first.c.ws.terminate()
    const second = await botClient(server)
    const watcher = await botClient(server)
    send(second.c, 'subscribe', { session_id: first.sessionId })
    send(watcher.c, 'subscribe', { session_id: first.sessionId })
    await server.waitUntil(() => server!.framesWhere('type', 'subscribe').length === 2)
    send(second.c, 'message', { session_id: first.sessionId, content: 'two' })
    expect((await second.c.next(type('stream_end'))).content).toBe('turn 2')
    expect((await watcher.c.next(type('stream_end'))).content).toBe('turn 2')
    send(second.c, 'subscribe', { session_id: 'no-such' })
    expect(await second.c.next(type('error'))).toMatchObject({ code: 'SESSION_NOT_FOUND' })
    server.expireSession(first.sessionId)
    expect(await watcher.c.next(type('session_closed'))).toEqual({ type: 'session_closed', session_id: first.sessionId, reason: 'expired' })
    send(second.c, 'message', { session_id: first.sessionId, content: 'three' })
    expect(await second.c.next(type('error'))).toMatchObject({ code: 'SESSION_NOT_FOUND' })
  })

  it('answers ping with pong and closes a connection idle past the timeout', async () => {
    server = await FakeGeneralBotsServer.start()
    const { c } = await botClient(server)
    send(c, 'ping', {})
    expect(Date.parse(String((await c.next(type('pong'))).timestamp))).not.toBeNaN()
    server.idleTimeoutMs = 50
    send(c, 'ping', {})
    expect(await c.closed).toEqual({ code: 1000, reason: 'Idle timeout' })
  })

  it('refuses a frame over 64 KB with MESSAGE_TOO_LARGE and keeps the connection; far larger closes 1009', async () => {
    server = await FakeGeneralBotsServer.start()
    const { c, sessionId } = await botClient(server)
    send(c, 'message', { session_id: sessionId, content: 'x'.repeat(65_536) })
    expect(await c.next(type('error'))).toEqual({ type: 'error', code: 'MESSAGE_TOO_LARGE', message: 'Message exceeds 64 KB limit' })
    const fits = 'y'.repeat(65_536 - JSON.stringify({ type: 'message', session_id: sessionId, content: '' }).length)
    send(c, 'message', { session_id: sessionId, content: fits })
    expect((await c.next(type('stream_end'))).content).toBe(`You said: ${fits}`)
    send(c, 'message', { session_id: sessionId, content: 'z'.repeat(2 * 1024 * 1024) })
    expect((await c.closed).code).toBe(1009)
  })

  it('rate-limits with RATE_LIMITED on a test clock and rejects malformed frames with INVALID_FORMAT', async () => {
    let now = 0
    server = await FakeGeneralBotsServer.start({ rateLimit: { max: 1, windowMs: 1000 }, now: () => now })
    const { c, sessionId } = await botClient(server)
    send(c, 'message', { session_id: sessionId, content: 'a' })
    send(c, 'message', { session_id: sessionId, content: 'b' })
    expect(await c.next(type('error'))).toMatchObject({ code: 'RATE_LIMITED' })
    now = 1000
    send(c, 'message', { session_id: sessionId, content: 'c' })
    expect((await c.next((f) => f.type === 'stream_end' && f.content === 'You said: c')).content).toBe('You said: c')
    c.sendRaw('{"type":')
    expect(await c.next(type('error'))).toMatchObject({ code: 'INVALID_FORMAT' })
    send(c, 'message', { content: 'no session' })
    expect(await c.next(type('error'))).toMatchObject({ code: 'INVALID_FORMAT' })
    send(c, 'teleport', {})
    expect(await c.next(type('error'))).toMatchObject({ code: 'INVALID_FORMAT', message: 'Unknown message type: teleport' })
  })

  it('faults: server error frame, drop mid-stream, malformed frames from the server, never answering', async () => {
    server = await FakeGeneralBotsServer.start({ answer: () => [{ say: 'Looking' }, { fail: 'SUBSCRIPTION_FAILED', message: 'nope' }] })
    const a = await botClient(server)
    send(a.c, 'message', { session_id: a.sessionId, content: 'x' })
    expect(await a.c.next(type('error'))).toEqual({ type: 'error', code: 'SUBSCRIPTION_FAILED', message: 'nope' })
    expect((await a.c.next(type('bot_typing'))).is_typing).toBe(false)

    server.answer = () => [{ say: 'Half ' }, { raw: '{"type":"stream_chunk",' }, { drop: true }]
    send(a.c, 'message', { session_id: a.sessionId, content: 'y' })
    await a.c.next((f) => f.unparsed === '{"type":"stream_chunk",')
    expect((await a.c.closed).code).toBe(1006)
    expect(a.c.frames.some(type('stream_end'))).toBe(false)

    const b = await botClient(server)
    server.dropMessages = true
    send(b.c, 'message', { session_id: b.sessionId, content: 'lost' })
    send(b.c, 'ping', {})
    await b.c.next(type('pong'))
    expect(b.c.frames.map((f) => f.type)).toEqual(['session_created', 'pong'])
  })
})

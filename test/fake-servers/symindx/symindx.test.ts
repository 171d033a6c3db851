/** The SYMindX fake behaves as symindx-websocket.md says, driven the way the guide's own client does. */
import { afterEach, describe, expect, it } from 'vitest'
import { closeAllRaw, connectRaw, where, type RawClient } from '../shared/raw-client'
import { FakeSymindxServer } from './server'

let server: FakeSymindxServer | undefined
afterEach(async () => {
  closeAllRaw()
  await server?.stop()
  server = undefined
})

const type = (t: string) => where('type', t)
const chat = (message: string, extra: Record<string, unknown> = {}) => ({ type: 'chat', data: { message }, targetAgent: 'nyx', ...extra })

async function client(s: FakeSymindxServer, path = ''): Promise<RawClient> {
  return connectRaw(s.url + path)
}

describe('FakeSymindxServer', () => {
  it('answers the guide example chat with one whole chat_response carrying the id, agent and emotion', async () => {
    server = await FakeSymindxServer.start()
    const c = await client(server)
    c.send({ id: 'msg_123', type: 'chat', data: { message: 'Hello, agent!' }, targetAgent: 'nyx', priority: 'normal', timestamp: new Date().toISOString() })
    const reply = await c.next(type('chat_response'))
    expect(reply).toMatchObject({ id: 'msg_123', data: { response: 'You said: Hello, agent!', agentId: 'nyx', emotion: 'neutral' } })
    expect(reply.data).toHaveProperty('processingTime')
    expect(Date.parse(String(reply.timestamp))).not.toBeNaN()
    expect(c.frames.filter(type('chat_response'))).toHaveLength(1)
    expect(server.framesWhere('type', 'chat')[0]?.frame).toMatchObject({ targetAgent: 'nyx', data: { message: 'Hello, agent!' } })
  })

  it('refuses other paths', async () => {
    server = await FakeSymindxServer.start()
    await expect(connectRaw(server.url.replace('/ws', '/'))).rejects.toThrow(/404/)
  })

  it('sends emotion_change events to subscribers and puts the last emotion on the response', async () => {
    server = await FakeSymindxServer.start({ answer: () => [{ emotion: 'curious' }, { say: 'Hmm. ' }, { emotion: 'excited', intensity: 0.9 }, { say: 'Got it!' }] })
    const listener = await client(server)
    const quiet = await client(server)
    listener.send({ type: 'subscribe', data: { events: ['agent_status', 'emotion_change', 'memory_update'] } })
    await server.waitForFrame((r) => r.frame?.type === 'subscribe')
    quiet.send(chat('tell me', { data: { message: 'tell me', conversationId: 'conv_123' } }))
    expect((await quiet.next(type('chat_response'))).data).toMatchObject({ response: 'Hmm. Got it!', emotion: 'excited' })
    const first = await listener.next(type('event'))
    const second = await listener.next(type('event'))
    expect(first.data).toEqual({ eventType: 'emotion_change', agentId: 'nyx', previousEmotion: 'neutral', currentEmotion: 'curious', intensity: 0.8 })
    expect(second.data).toMatchObject({ previousEmotion: 'curious', currentEmotion: 'excited', intensity: 0.9 })
    expect(quiet.frames.some(type('event'))).toBe(false)
  })

  it('reports errors in the standard format with the guide codes', async () => {
    server = await FakeSymindxServer.start({ answer: () => [{ say: 'partial' }, { fail: 'INTERNAL_ERROR', message: 'LLM down' }] })
    const c = await client(server)
    c.send({ type: 'chat', data: { message: 'x' } })
    expect((await c.next(type('error'))).data).toEqual({ code: 'INVALID_MESSAGE', message: 'Message format is invalid', details: 'Missing required field: targetAgent' })
    c.send(chat('x', { targetAgent: 'ghost' }))
    expect((await c.next(type('error'))).data).toMatchObject({ code: 'AGENT_NOT_FOUND' })
    c.sendRaw('{not json')
    expect((await c.next(type('error'))).data).toMatchObject({ code: 'INVALID_MESSAGE' })
    c.send({ type: 'bogus' })
    expect((await c.next(type('error'))).data).toMatchObject({ code: 'INVALID_MESSAGE', message: 'Unknown message type' })
    c.send(chat('go'))
    expect((await c.next(type('error'))).data).toMatchObject({ code: 'INTERNAL_ERROR', message: 'LLM down' })
    c.send({ type: 'status', targetAgent: 'nyx' })
    await c.next(type('status_update'))
    expect(c.frames.some(type('chat_response'))).toBe(false)
    expect(server.framesWhere('type', 'chat').at(-1)?.raw).toBe('{"type":"chat","data":{"message":"go"},"targetAgent":"nyx"}')
  })

  it('reports status for one agent or every agent', async () => {
    server = await FakeSymindxServer.start({ agents: [{ id: 'nyx' }, { id: 'aria', status: 'idle' }] })
    const c = await client(server)
    c.send({ type: 'status', targetAgent: 'aria' })
    expect((await c.next(type('status_update'))).data).toMatchObject({ agentId: 'aria', status: 'idle' })
    c.send({ type: 'status' })
    expect((await c.next(type('status_update'))).data).toMatchObject({ agentId: 'nyx', status: 'active' })
    expect((await c.next(type('status_update'))).data).toMatchObject({ agentId: 'aria' })
    c.send({ type: 'status', targetAgent: 'ghost' })
    expect((await c.next(type('error'))).data).toMatchObject({ code: 'AGENT_NOT_FOUND' })
  })

  it('pings; a client answering pong as in the guide keeps chatting', async () => {
    server = await FakeSymindxServer.start({ pingIntervalMs: 20 })
    const good = await client(server)
    good.ws.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type?: string }).type === 'ping') good.ws.send(JSON.stringify({ type: 'pong' }))
    })
    await server.waitUntil(() => server!.framesWhere('type', 'pong').length >= 3)
    good.send(chat('still here?'))
    expect((await good.next(type('chat_response'))).data).toMatchObject({ response: 'You said: still here?' })
  })

  it('terminates a client that leaves a ping unanswered', async () => {
    server = await FakeSymindxServer.start({ pingIntervalMs: 20, pongTimeoutMs: 20 })
    const silent = await client(server)
    expect(await silent.next(type('ping'))).toMatchObject({ type: 'ping' })
    expect((await silent.closed).code).toBe(1006)
  })

  it('with a token set, refuses a connection without it (UNAUTHORIZED, close 1008) and accepts query or bearer', async () => {
    server = await FakeSymindxServer.start({ token: 's3cret' })
    const refused = await client(server)
    expect((await refused.next(type('error'))).data).toMatchObject({ code: 'UNAUTHORIZED' })
    expect((await refused.closed).code).toBe(1008)
    const byQuery = await client(server, '?token=s3cret')
    byQuery.send(chat('hi'))
    await byQuery.next(type('chat_response'))
    const byHeader = await connectRaw(server.url, { headers: { Authorization: 'Bearer s3cret' } })
    byHeader.send(chat('hi'))
    await byHeader.next(type('chat_response'))
  })

  it('keeps history per agent conversation and limits the rate on a test clock', async () => {
    let now = 0
    server = await FakeSymindxServer.start({
      rateLimit: { max: 2, windowMs: 1000 },
      now: () => now,
      answer: (m) => [{ say: `turn ${m.history.length / 2 + 1} of ${m.conversation}` }],
    })
    const c = await client(server)
    c.send(chat('a', { data: { message: 'a', conversationId: 'c1' } }))
    expect((await c.next(type('chat_response'))).data).toMatchObject({ response: 'turn 1 of nyx:c1' })
    c.send(chat('b', { data: { message: 'b', conversationId: 'c1' } }))
    expect((await c.next(type('chat_response'))).data).toMatchObject({ response: 'turn 2 of nyx:c1' })
    c.send(chat('c'))
    expect((await c.next(type('error'))).data).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED' })
    now = 1000
    c.send(chat('d'))
    expect((await c.next(type('chat_response'))).data).toMatchObject({ response: 'turn 1 of nyx:default' })
  })

  it('faults: drop mid-answer, malformed frames, never answering, and steps the protocol lacks', async () => {
    server = await FakeSymindxServer.start()
    const c = await client(server)
    server.answer = () => [{ raw: '{"type":"chat_resp' }, { raw: Buffer.from([1, 2, 3]) }, { say: 'cut' }, { drop: true }]
    c.send(chat('x'))
    expect(await c.next((f) => f.unparsed === '{"type":"chat_resp')).toBeTruthy()
    expect((await c.closed).code).toBe(1006)
    expect(c.frames.some(type('chat_response'))).toBe(false)

    let hung = false
    server.answer = async function* () {
      hung = true
      yield { hang: true }
    }
    const d = await client(server)
    d.send(chat('y'))
    await server.waitUntil(() => hung)
    server.answer = () => [{ tool: 'clock', args: {}, result: 1 }]
    d.send(chat('z'))
    expect((await d.next(type('error'))).data).toMatchObject({ code: 'FAKE_SCRIPT_ERROR', message: 'SYMindX has no tool frames' })
    expect(d.frames.some(type('chat_response'))).toBe(false)
  })
})

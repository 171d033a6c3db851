/**
 * The SYMindX adapter through the real link and session against the fake SYMindX runtime
 * (test/fake-servers/symindx): whole answers spoken sentence by sentence on the client, the agent's
 * emotions, each error code, refused credentials, a drop with the outbox, bad frames, and Stop.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { symindxProtocol } from '../../../src/main/core/protocols/symindx'
import { FakeSymindxServer, type FakeSymindxOptions } from '../../fake-servers/symindx/server'
import { openProtocolSession } from './protocol-session'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 5_000, interval: 10 })

async function setup(options: FakeSymindxOptions = {}, client: { token?: string; agentId?: string } = {}) {
  const server = await FakeSymindxServer.start(options)
  cleanups.push(() => server.stop())
  const identity = () => ({ agentId: client.agentId ?? 'nyx', userId: 'tester' })
  const opened = await openProtocolSession({ url: server.url, protocol: symindxProtocol(), getToken: () => client.token, identity, cleanups })
  const stateOf = (id: string) => opened.last(id)?.state
  const chats = () => server.framesWhere('type', 'chat').map((r) => r.frame)
  opened.link.start()
  return { server, ...opened, stateOf, chats }
}

const ready = async (t: Awaited<ReturnType<typeof setup>>) => waitFor(() => expect(t.link.status.state).toBe('ready'))

describe('the SYMindX adapter in a session', () => {
  it('speaks a whole answer sentence by sentence with the agent’s emotion, and continues the conversation', async () => {
    const t = await setup({ answer: () => [{ emotion: 'curious' }, { say: 'Good question. Let me see! It is noon.' }] })
    await ready(t)
    // The handshake subscribed to the agent's emotions and asked the server's status.
    expect(t.server.received.map((r) => r.frame?.type)).toEqual(['subscribe', 'status'])
    const first = t.session.send({ text: 'what time is it?' })
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(1))

    const chat = t.chats()[0]
    expect(chat).toMatchObject({ type: 'chat', targetAgent: 'nyx', data: { message: 'what time is it?' } })
    const conversationId = (chat?.data as { conversationId?: unknown }).conversationId
    expect(typeof conversationId).toBe('string')
    const turnId = t.of('turn-start')[0]?.turnId
    expect(t.of('turn-start')[0]).toMatchObject({ messageId: first.id, conversationId })
    // The emotion_change event and the answer's own emotion both reach the avatar, before any speech.
    expect(t.of('turn-emotion')).toEqual([
      { type: 'turn-emotion', turnId, emotion: 'curious' },
      { type: 'turn-emotion', turnId, emotion: 'curious' },
    ])
    expect(t.of('turn-speech').map((e) => [e.chunk, e.emotion])).toEqual([
      ['Good question.', 'curious'],
      ['Let me see!', 'curious'],
      ['It is noon.', 'curious'],
    ])
    const order = t.events.map((e) => e.type)
    expect(order.lastIndexOf('turn-emotion')).toBeLessThan(order.indexOf('turn-speech'))
    expect(order.lastIndexOf('turn-speech')).toBeLessThan(order.indexOf('turn-end'))
    expect(t.of('turn-end')[0]).toMatchObject({ turnId, content: 'Good question. Let me see! It is noon.', conversationId })
    await waitFor(() => expect(t.stateOf(first.id)).toBe('answered'))

    t.session.send({ text: 'thanks', conversationKey: first.conversationKey })
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(2))
    expect(t.chats()[1]).toMatchObject({ targetAgent: 'nyx', data: { message: 'thanks', conversationId } })
    expect(t.server.history.get(`nyx:${String(conversationId)}`)).toHaveLength(4)
    // No sentence twice: the second answer's are its own.
    expect(t.of('turn-speech').map((e) => e.chunk).slice(3)).toEqual(['Good question.', 'Let me see!', 'It is noon.'])
  })

  it.each([
    ['AGENT_NOT_FOUND', { agentId: 'ghost' }, {}, 'Agent ghost not found'],
    ['INTERNAL_ERROR', {}, { answer: () => [{ say: 'Half' }, { fail: 'INTERNAL_ERROR', message: 'Model down' }] }, 'Model down: agent nyx'],
    ['INVALID_MESSAGE', {}, { answer: () => [{ frame: { type: 'error', data: { code: 'INVALID_MESSAGE', message: 'Message format is invalid', details: 'Missing required field: data.message' } } }, { hang: true }] }, 'Message format is invalid: Missing required field: data.message'],
  ] as const)('fails the message on %s with the server’s words and code, on its own turn', async (code, client, options, words) => {
    const t = await setup(options as FakeSymindxOptions, client)
    await ready(t)
    const message = t.session.send({ text: 'hello' })
    await waitFor(() => expect(t.stateOf(message.id)).toBe('failed'))
    const turnId = t.of('turn-start')[0]?.turnId
    expect(t.of('turn-start')[0]?.messageId).toBe(message.id)
    expect(t.of('turn-error')).toEqual([{ type: 'turn-error', turnId, messageId: message.id, code, error: words }])
    expect(t.link.status.state).toBe('ready')
  })

  it('fails only the message over the rate limit, and the next one goes through', async () => {
    let now = 0
    const t = await setup({ rateLimit: { max: 1, windowMs: 1_000 }, now: () => now })
    await ready(t)
    const first = t.session.send({ text: 'one' })
    await waitFor(() => expect(t.stateOf(first.id)).toBe('answered'))
    const second = t.session.send({ text: 'two', conversationKey: first.conversationKey })
    await waitFor(() => expect(t.stateOf(second.id)).toBe('failed'))
    expect(t.of('turn-error').map((e) => e.code)).toEqual(['RATE_LIMIT_EXCEEDED'])
    now = 5_000
    const third = t.session.send({ text: 'three', conversationKey: first.conversationKey })
    await waitFor(() => expect(t.stateOf(third.id)).toBe('answered'))
    expect(t.of('turn-end').map((e) => e.content)).toEqual(['You said: one', 'You said: three'])
  })

  it.each([
    ['a wrong token', 'wrong', 'linkTokenRefused'],
    ['no token', undefined, 'linkNoToken'],
  ])('goes auth-failed on %s without a retry loop', async (_, token, reasonCode) => {
    const t = await setup({ token: 'right' }, token === undefined ? {} : { token })
    const states: string[] = []
    t.link.on('status', (s) => states.push(s.state))
    await waitFor(() => expect(t.link.status.state).toBe('auth-failed'))
    expect(t.link.status.reasonCode).toBe(reasonCode)
    expect(t.link.status.reason).toContain('Authentication required')
    // Refused, not lost: the link never went to reconnect (auth-failed waits for new credentials).
    expect(states).not.toContain('reconnecting')
    expect(t.server.connectionCount).toBe(1)
    const queued = t.session.send({ text: 'kept' })
    expect(t.stateOf(queued.id)).toBe('queued')
    expect(t.chats()).toEqual([])
  })

  it('accepts the right token as a Bearer header', async () => {
    const t = await setup({ token: 'right' }, { token: 'right' })
    await ready(t)
    const message = t.session.send({ text: 'hi' })
    await waitFor(() => expect(t.stateOf(message.id)).toBe('answered'))
  })

  it('marks a message cut off by a drop interrupted, and sends one queued meanwhile exactly once', async () => {
    const t = await setup({ answer: (m) => (m.text === 'first' ? [{ drop: true }] : [{ say: 'Whole answer.' }]) })
    await ready(t)
    const cut = t.session.send({ text: 'first' })
    await waitFor(() => expect(t.stateOf(cut.id)).toBe('interrupted'))
    // Offline now: the server is gone until it restarts; the message waits in the outbox.
    await t.server.stop()
    await waitFor(() => expect(t.link.status.state).not.toBe('ready'))
    const queued = t.session.send({ text: 'second' })
    expect(t.stateOf(queued.id)).toBe('queued')
    await t.server.restart()
    await waitFor(() => expect(t.stateOf(queued.id)).toBe('answered'))
    expect(t.chats().map((c) => (c?.data as { message: string }).message)).toEqual(['first', 'second'])
    expect(t.server.chatMessages().map((m) => m.text)).toEqual(['first', 'second'])
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Whole answer.'])
  })

  it('answers the server’s ping with pong, so it keeps the connection', async () => {
    const t = await setup({ pingIntervalMs: 30, pongTimeoutMs: 2_000 })
    await ready(t)
    await waitFor(() => expect(t.server.framesWhere('type', 'pong').length).toBeGreaterThanOrEqual(3))
    expect(t.server.connectionCount).toBe(1)
    expect(t.link.status.state).toBe('ready')
  })

  it('reports malformed, binary and invalid frames, and survives an oversize one, without failing the answer', async () => {
    const t = await setup({
      answer: () => [
        { raw: '{not json' },
        { raw: Buffer.from([1, 2, 3]) },
        { frame: { type: 'chat_response', data: { agentId: 'nyx' } } },
        { frame: { type: 'memory_update', data: {} } },
        { say: 'Fine.' },
      ],
    })
    await ready(t)
    const message = t.session.send({ text: 'x' })
    await waitFor(() => expect(t.stateOf(message.id)).toBe('answered'))
    expect(t.of('turn-end').map((e) => e.content)).toEqual(['Fine.'])
    expect(t.of('notice').map((n) => n.textCode)).toEqual(expect.arrayContaining(['badFrameInvalid']))
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Fine.'])

    // Over the link's 16 MiB: the socket is closed (1009), Mira reconnects, and the next answer arrives.
    t.server.answer = (m) => (m.text === 'big' ? [{ raw: 'x'.repeat(16 * 1024 * 1024 + 1) }, { hang: true }] : [{ say: 'Back.' }])
    const big = t.session.send({ text: 'big', conversationKey: message.conversationKey })
    await waitFor(() => expect(t.stateOf(big.id)).toBe('interrupted'))
    const after = t.session.send({ text: 'after', conversationKey: message.conversationKey })
    await waitFor(() => expect(t.stateOf(after.id)).toBe('answered'))
    expect(t.server.connectionCount).toBe(2)
  })

  it('Stop ends an answer at once for the user though SYMindX cannot interrupt, and ignores its rest', async () => {
    // The agent's mood changes first (the turn opens), the words come later.
    let release: () => void = () => {}
    const later = new Promise<void>((resolve) => (release = resolve))
    const t = await setup({
      answer: async function* (m) {
        if (m.text !== 'story') return yield { say: 'Hello!' }
        yield { emotion: 'excited' }
        await later
        yield { say: 'Once upon a time there was a dragon.' }
      },
    })
    await ready(t)
    const message = t.session.send({ text: 'story' })
    await waitFor(() => expect(t.of('turn-emotion')).toHaveLength(1))
    t.session.interrupt()
    const turnId = t.of('turn-start')[0]?.turnId
    expect(t.of('turn-interrupted')).toEqual([{ type: 'turn-interrupted', turnId, reason: 'interrupted', content: '' }])
    expect(t.of('notice').map((n) => n.textCode)).toEqual(['stoppedLocally'])
    await waitFor(() => expect(t.stateOf(message.id)).toBe('answered'))

    release()
    await t.server.waitUntil(() => t.server.history.size > 0 && [...t.server.history.values()][0]!.length === 2)
    t.session.send({ text: 'hi', conversationKey: message.conversationKey })
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(1))
    expect(t.of('turn-token').map((e) => e.chunk)).toEqual(['Hello!'])
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Hello!'])
    expect(t.of('turn-end')[0]?.turnId).not.toBe(turnId)
    // Nothing was sent to stop it: the protocol has no such frame.
    expect(t.server.received.map((r) => r.frame?.type)).toEqual(['subscribe', 'status', 'chat', 'chat'])
  })

  it('Stop before the answer arrives ends it at once: the message is marked stopped, the late chat_response is neither shown nor spoken', async () => {
    let release: () => void = () => {}
    const later = new Promise<void>((resolve) => (release = resolve))
    const t = await setup({
      answer: async function* (m) {
        if (m.text !== 'slow') return yield { say: 'Hello!' }
        await later
        yield { say: 'A late answer. It must not be heard.' }
      },
    })
    await ready(t)
    const message = t.session.send({ text: 'slow' })
    await t.server.waitForFrame((r) => r.frame?.type === 'chat')
    await waitFor(() => expect(t.stateOf(message.id)).toBe('sent'))
    t.session.interrupt()
    // At once, before anything comes from the server: marked stopped, saying the server may still be working.
    const stopped = t.of('message').filter((e) => e.message.id === message.id).at(-1)?.message
    expect(stopped).toMatchObject({ state: 'interrupted', reasonCode: 'messageStoppedBeforeAnswer' })
    expect(t.of('notice').map((n) => n.textCode)).toEqual(['stoppedLocally'])

    // The answer comes late: nothing of it reaches the user; the next message is answered as usual.
    release()
    await t.server.waitUntil(() => [...t.server.history.values()].some((h) => h.length === 2))
    t.session.send({ text: 'hi', conversationKey: message.conversationKey })
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(1))
    expect(t.of('turn-start')).toHaveLength(1)
    expect(t.of('turn-token').map((e) => e.chunk)).toEqual(['Hello!'])
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Hello!'])
    // Only the answer to "hi" moves the face (the fake gives every answer an emotion).
    const answered = t.of('turn-start')[0]?.turnId
    expect(t.of('turn-emotion').map((e) => e.turnId)).toEqual([answered])
    expect(t.stateOf(message.id)).toBe('interrupted')
    expect(t.of('notice').map((n) => n.textCode)).toEqual(['stoppedLocally'])
  })
})

/**
 * The General Bots adapter through the real link and session against the fake General Bots server
 * (test/fake-servers/generalbots): streamed and whole answers spoken sentence by sentence on the
 * client, tool cards, the session a conversation lives in, Stop without an interrupt, a drop
 * mid-answer, the outbox, and the keep-alive.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { FakeStep } from '../../fake-servers/shared/script'
import { cleanUp, gate, ready, setup, waitFor } from './generalbots-setup'

afterEach(cleanUp)

describe('the General Bots adapter in a session', () => {
  it('streams an answer with a tool card, speaks it sentence by sentence while it streams, and continues in the same session', async () => {
    const more = gate()
    async function* answer(): AsyncGenerator<FakeStep> {
      yield { say: '[happy] Let me look. ' }
      await more.opened
      yield { tool: 'search_orders', args: { order_id: '12345' }, result: { status: 'shipped' } }
      yield { say: 'It has shipped. Anything else?' }
    }
    const t = await setup({ fake: { answer } })
    await ready(t)
    const first = t.session.send({ text: 'Where is my order?' })
    await waitFor(() => expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Let me look.']))
    expect(t.of('turn-end')).toHaveLength(0) // spoken while the answer still streams
    expect(t.of('turn-speech')[0]?.emotion).toBe('happy')
    more.open()
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(1))

    const sessionId = [...t.bots.sessions.keys()][0]
    const turnId = t.of('turn-start')[0]?.turnId
    expect(t.bots.chatMessages()[0]?.frame).toEqual({ type: 'message', session_id: sessionId, content: 'Where is my order?' })
    expect(t.of('turn-start')[0]).toMatchObject({ conversationId: sessionId, messageId: first.id })
    expect(t.of('turn-tool-call')).toEqual([{ type: 'turn-tool-call', turnId, toolName: 'search_orders', args: { order_id: '12345' } }])
    expect(t.of('turn-tool-result')).toEqual([{ type: 'turn-tool-result', turnId, toolName: 'search_orders', result: { status: 'shipped' } }])
    expect(t.of('turn-end')[0]).toMatchObject({ turnId, content: '[happy] Let me look. It has shipped. Anything else?', conversationId: sessionId })
    // Every sentence once, in order; the last before the turn ends.
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Let me look.', 'It has shipped.', 'Anything else?'])
    const order = t.events.map((e) => e.type)
    expect(order.lastIndexOf('turn-speech')).toBeLessThan(order.indexOf('turn-end'))
    await waitFor(() => expect(t.last(first.id)?.state).toBe('answered'))

    t.bots.answer = (m) => [{ say: `${m.history.length} earlier lines.` }]
    t.session.send({ text: 'and then?', conversationKey: first.conversationKey })
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(2))
    expect(t.bots.chatMessages()[1]?.frame).toEqual({ type: 'message', session_id: sessionId, content: 'and then?' })
    expect(t.of('turn-end')[1]?.content).toBe('2 earlier lines.')
    expect(t.bots.sessions.size).toBe(1)
  })

  it('shows and speaks a whole `message` answer', async () => {
    const t = await setup({ fake: { answer: () => [{ say: 'One. Two! Three?' }] } })
    t.bots.streaming = false
    await ready(t)
    const message = t.session.send({ text: 'count' })
    await waitFor(() => expect(t.last(message.id)?.state).toBe('answered'))
    expect(t.of('turn-token')).toHaveLength(0)
    expect(t.of('turn-end')[0]?.content).toBe('One. Two! Three?')
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['One.', 'Two!', 'Three?'])
  })

  it('stops at once on Stop although General Bots cannot interrupt, and ignores the rest of that answer', async () => {
    const rest = gate()
    const t = await setup({
      fake: {
        answer: async function* (m) {
          if (m.text !== 'long story') return yield { say: 'Hello!' }
          yield { say: 'Once upon a time' }
          await rest.opened
          yield { say: ' there was a dragon.' }
        },
      },
    })
    await ready(t)
    const message = t.session.send({ text: 'long story' })
    await waitFor(() => expect(t.of('turn-token').map((e) => e.chunk).join('')).toBe('Once upon a time'))
    t.session.interrupt()
    const turnId = t.of('turn-start')[0]?.turnId
    expect(t.of('turn-interrupted')).toEqual([{ type: 'turn-interrupted', turnId, reason: 'interrupted', content: 'Once upon a time' }])
    expect(t.of('notice').map((n) => n.textCode)).toEqual(['stoppedLocally'])
    await waitFor(() => expect(t.last(message.id)?.state).toBe('answered'))

    // The bot goes on; none of it reaches the user, and the next answer is attributed right.
    rest.open()
    await t.bots.waitUntil(() => t.bots.received.length > 0 && t.bots.sessions.values().next().value?.history.length === 2)
    t.session.send({ text: 'hi', conversationKey: message.conversationKey })
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(1))
    expect(t.of('turn-end')[0]).toMatchObject({ content: 'Hello!' })
    expect(t.of('turn-end')[0]?.turnId).not.toBe(turnId)
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Hello!'])
    // Nothing was sent to stop it: the protocol has no such frame.
    expect(t.bots.received.map((r) => r.frame?.type)).toEqual(['message', 'message'])
  })

  it('marks an answer cut off by a lost connection interrupted, and sends a message queued meanwhile once, in the same session', async () => {
    const t = await setup({ fake: { answer: (m) => (m.text === 'first' ? [{ say: 'Half an ' }, { drop: true }] : [{ say: 'Whole answer.' }]) } })
    await ready(t)
    const cut = t.session.send({ text: 'first' })
    await waitFor(() => expect(t.last(cut.id)?.state).toBe('interrupted'))
    expect(t.of('turn-interrupted')[0]).toMatchObject({ reason: 'connection-lost', content: 'Half an ' })
    const sessionId = t.bots.chatMessages()[0]?.frame.session_id

    const queued = t.session.send({ text: 'second', conversationKey: cut.conversationKey })
    await waitFor(() => expect(t.last(queued.id)?.state).toBe('answered'))
    expect(t.bots.connectionCount).toBe(2)
    expect(t.texts()).toEqual(['first', 'second'])
    // Sessions outlive connections: the conversation goes on in its session.
    expect(t.bots.chatMessages()[1]?.frame.session_id).toBe(sessionId)
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Whole answer.'])
  })

  it('subscribes to a fixed session, and ignores the rest of an answer begun before a reconnection', async () => {
    const fixed = 'b9a4c5f0-0000-4000-8000-000000000001'
    const more = gate()
    const t = await setup({
      fake: {
        answer: async function* (m) {
          if (m.text === 'first') return yield* [{ say: 'Begun ' }, { hang: true }] satisfies FakeStep[]
          yield { say: 'Fresh ' }
          await more.opened
          yield { say: 'answer.' }
        },
      },
      protocol: { sessionId: fixed },
      prepare: (bots) => bots.sessions.set(fixed, { id: fixed, history: [] }),
    })
    const streams: unknown[] = []
    t.link.on('frame', (f) => f.type === 'stream_start' && streams.push(f.message_id))
    await ready(t)
    await t.bots.waitForFrame((r) => r.frame?.type === 'subscribe')
    expect(t.bots.received[0]?.frame).toEqual({ type: 'subscribe', session_id: fixed })
    const first = t.session.send({ text: 'first' })
    await waitFor(() => expect(t.of('turn-token')).toHaveLength(1))
    t.bots.dropAll()
    await waitFor(() => expect(t.last(first.id)?.state).toBe('interrupted'))
    await t.bots.waitUntil(() => t.bots.framesWhere('type', 'subscribe').length === 2)
    await ready(t)

    // A bot that goes on sending the old answer to its session's subscribers, into the new answer: it is no one's now.
    const second = t.session.send({ text: 'second', conversationKey: first.conversationKey })
    await waitFor(() => expect(t.of('turn-token').map((e) => e.chunk)).toEqual(['Begun ', 'Fresh ']))
    expect(t.bots.chatMessages()[1]?.frame).toEqual({ type: 'message', session_id: fixed, content: 'second' })
    t.bots.send({ type: 'stream_chunk', message_id: streams[0], content: 'and finished.' })
    t.bots.send({ type: 'stream_end', message_id: streams[0], content: 'Begun and finished.' })
    more.open()
    await waitFor(() => expect(t.last(second.id)?.state).toBe('answered'))
    expect(t.of('turn-end').map((e) => e.content)).toEqual(['Fresh answer.'])
    expect(t.of('turn-token').map((e) => e.chunk)).toEqual(['Begun ', 'Fresh ', 'answer.'])
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Fresh answer.'])
  })

  it('pings every interval and takes the pong as a sign of life, not as a frame for the chat', async () => {
    const t = await setup({ protocol: { pingIntervalMs: 20 } })
    await ready(t)
    await t.bots.waitUntil(() => t.bots.framesWhere('type', 'ping').length >= 3)
    await waitFor(() => expect(t.link.status.lastFrameAt).toBeGreaterThan(t.link.status.since))
    expect(t.bots.connectionCount).toBe(1)
    expect(t.events.filter((e) => e.type === 'notice')).toEqual([])
  })
})

/**
 * The Lexicon adapter through the real link and session against the fake Lexicon server
 * (test/fake-servers/lexicon): the chat created over REST once per conversation, streamed answers
 * spoken sentence by sentence on the client, Stop without an interrupt, a drop mid-answer and the
 * outbox, coming back to a conversation's chat (also after a restart).
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Outbox } from '../../../src/main/core/session/outbox'
import type { FakeStep } from '../../fake-servers/shared/script'
import { cleanUp, gate, ready, setup, waitFor } from './lexicon-setup'

afterEach(cleanUp)

describe('the Lexicon adapter in a session', () => {
  it('creates the chat over REST, streams the answer and speaks it sentence by sentence while it streams', async () => {
    const more = gate()
    async function* answer(): AsyncGenerator<FakeStep> {
      yield { say: '[happy] Hello there. ' }
      await more.opened
      yield { say: 'How can I help? Ask away!' }
    }
    const t = await setup({ fake: { answer } })
    await ready(t)
    expect(t.creations()).toHaveLength(1)
    const chatId = t.chats.current
    expect(chatId).toBeDefined()
    expect(t.server.chats.get(chatId!)?.user_id).toBe('tester')
    // In headers, as the guide allows from a server-side client: the key stays out of the address.
    expect(t.server.upgrades[0]?.headers).toMatchObject({ 'x-api-key': t.server.apiKey, 'x-user-id': 'tester', 'x-chat-id': chatId })
    expect(t.server.upgrades[0]?.path).toBe('/ws/chat')

    const message = t.session.send({ text: 'hi' })
    await waitFor(() => expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Hello there.']))
    expect(t.of('turn-end')).toHaveLength(0) // spoken while the answer still streams
    expect(t.of('turn-speech')[0]?.emotion).toBe('happy')
    more.open()
    await waitFor(() => expect(t.last(message.id)?.state).toBe('answered'))
    const turnId = t.of('turn-start')[0]?.turnId
    expect(t.of('turn-start')[0]).toMatchObject({ conversationId: chatId, messageId: message.id })
    expect(t.of('turn-end')[0]).toMatchObject({ turnId, content: '[happy] Hello there. How can I help? Ask away!', conversationId: chatId })
    // Every sentence once, in order; the last before the turn ends.
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Hello there.', 'How can I help?', 'Ask away!'])
    const order = t.events.map((e) => e.type)
    expect(order.lastIndexOf('turn-speech')).toBeLessThan(order.indexOf('turn-end'))
    expect(t.server.chatMessages()[0]?.frame).toEqual({ content: 'hi' })
    expect(t.server.chats.get(chatId!)?.messages.map((m) => m.role)).toEqual(['user', 'assistant'])
  })

  it('gives a new conversation a new chat, and a conversation it comes back to its own chat again', async () => {
    const t = await setup({ fake: { answer: (m) => [{ say: `${m.conversation}:${m.history.length}` }] } })
    await ready(t)
    const first = t.session.send({ text: 'one' })
    await waitFor(() => expect(t.last(first.id)?.state).toBe('answered'))
    const chatA = t.outbox.conversationId(first.conversationKey)
    expect(chatA).toBe(t.chats.current)

    const second = t.session.send({ text: 'two' })
    await waitFor(() => expect(t.last(second.id)?.state).toBe('answered'))
    const chatB = t.outbox.conversationId(second.conversationKey)
    expect(chatB).toBeDefined()
    expect(chatB).not.toBe(chatA)
    expect(t.creations()).toHaveLength(2)
    expect(t.of('turn-end')[1]?.content).toBe(`${chatB}:0`)

    const again = t.session.send({ text: 'three', conversationKey: first.conversationKey })
    await waitFor(() => expect(t.last(again.id)?.state).toBe('answered'))
    expect(t.of('turn-end')[2]?.content).toBe(`${chatA}:2`)
    expect(t.creations()).toHaveLength(2) // the old conversation's chat again, none created
    expect(t.server.chats.size).toBe(2)
  })

  it('moves a message of another conversation to its own chat once the answer in progress has ended, not in the middle of it', async () => {
    const rest = gate()
    const t = await setup({
      fake: {
        answer: async function* (m) {
          if (m.text !== 'slow') return yield { say: `Quick answer to ${m.text}.` }
          yield { say: 'Slow ' }
          await rest.opened
          yield { say: 'answer.' }
        },
      },
    })
    await ready(t)
    const slow = t.session.send({ text: 'slow' })
    await waitFor(() => expect(t.of('turn-token')).toHaveLength(1))
    const other = t.session.send({ text: 'elsewhere' })
    // Held while the first answer streams: the connection stays in the first chat.
    await waitFor(() => expect(t.last(other.id)?.state).toBe('queued'))
    expect(t.server.upgrades).toHaveLength(1)
    rest.open()
    await waitFor(() => expect(t.last(other.id)?.state).toBe('answered'))
    expect(t.last(slow.id)?.state).toBe('answered')
    expect(t.of('turn-end').map((e) => e.content)).toEqual(['Slow answer.', 'Quick answer to elsewhere.'])
    expect(t.of('turn-interrupted')).toEqual([])
    expect(t.outbox.conversationId(other.conversationKey)).not.toBe(t.outbox.conversationId(slow.conversationKey))
    expect(t.creations()).toHaveLength(2)
  })

  it('keeps a conversation’s chat across a restart (the outbox remembers it)', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'mira-lexicon-')), 'outbox.json')
    const t = await setup({ outbox: await Outbox.open(file) })
    await ready(t)
    const first = t.session.send({ text: 'before' })
    await waitFor(() => expect(t.last(first.id)?.state).toBe('answered'))
    const chatA = t.outbox.conversationId(first.conversationKey)!
    await t.outbox.flush()
    const chat = t.server.chats.get(chatA)!
    await cleanUp()

    // The app starts again: another process, the same server's chats, the outbox read from disk.
    const u = await setup({ outbox: await Outbox.open(file), prepare: (server) => server.chats.set(chatA, chat) })
    await ready(u)
    const created = u.creations().length
    const after = u.session.send({ text: 'after', conversationKey: first.conversationKey })
    await waitFor(() => expect(u.last(after.id)?.state).toBe('answered'))
    expect(u.of('turn-start')[0]?.conversationId).toBe(chatA)
    expect(u.server.chats.get(chatA)?.messages.map((m) => m.content)).toEqual(['before', 'You said: before', 'after', 'You said: after'])
    expect(u.creations()).toHaveLength(created)
  })

  it('stops at once on Stop although Lexicon cannot interrupt, and ignores the rest of that answer', async () => {
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

    // The server goes on; none of it reaches the user, and the next answer is attributed right.
    rest.open()
    const chat = t.server.chats.get(t.chats.current!)!
    await t.server.waitUntil(() => chat.messages.length === 2)
    t.session.send({ text: 'hi', conversationKey: message.conversationKey })
    await waitFor(() => expect(t.of('turn-end')).toHaveLength(1))
    expect(t.of('turn-end')[0]).toMatchObject({ content: 'Hello!' })
    expect(t.of('turn-end')[0]?.turnId).not.toBe(turnId)
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Hello!'])
    // Nothing was sent to stop it: the protocol has no such frame.
    expect(t.server.received.map((r) => r.frame)).toEqual([{ content: 'long story' }, { content: 'hi' }])
  })

  it('marks an answer cut off by a lost connection interrupted, and sends a message queued meanwhile exactly once, in the same chat', async () => {
    const t = await setup({ fake: { answer: (m) => (m.text === 'first' ? [{ say: 'Half an ' }, { drop: true }] : [{ say: 'Whole answer.' }]) } })
    await ready(t)
    const cut = t.session.send({ text: 'first' })
    await waitFor(() => expect(t.last(cut.id)?.state).toBe('interrupted'))
    expect(t.of('turn-interrupted')[0]).toMatchObject({ reason: 'connection-lost', content: 'Half an ' })
    const chatId = t.outbox.conversationId(cut.conversationKey)

    const queued = t.session.send({ text: 'second', conversationKey: cut.conversationKey })
    await waitFor(() => expect(t.last(queued.id)?.state).toBe('answered'))
    expect(t.server.connectionCount).toBe(2)
    expect(t.texts()).toEqual(['first', 'second'])
    // The chat outlives the connection: the conversation goes on in it, and no chat was created again.
    expect(t.server.upgrades.map((u) => u.headers['x-chat-id'])).toEqual([chatId, chatId])
    expect(t.creations()).toHaveLength(1)
    expect(t.of('turn-speech').map((e) => e.chunk)).toEqual(['Whole answer.'])
  })

  it('sends a message typed while the server is down once it is back, exactly once', async () => {
    const t = await setup()
    await ready(t)
    await t.server.stop()
    await waitFor(() => expect(t.link.status.state).toBe('reconnecting'))
    const offline = t.session.send({ text: 'while down' })
    expect(t.last(offline.id)?.state).toBe('queued')
    await t.server.restart()
    await waitFor(() => expect(t.last(offline.id)?.state).toBe('answered'))
    expect(t.texts()).toEqual(['while down'])
  })

  it('pings every interval and takes the pong as a sign of life, not as a frame for the chat', async () => {
    const t = await setup({ pingIntervalMs: 20 })
    await ready(t)
    await t.server.waitUntil(() => t.server.framesWhere('type', 'ping').length >= 3)
    await waitFor(() => expect(t.link.status.lastFrameAt).toBeGreaterThan(t.link.status.since))
    expect(t.server.connectionCount).toBe(1)
    expect(t.events.filter((e) => e.type === 'notice')).toEqual([])
  })
})

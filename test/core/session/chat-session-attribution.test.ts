/**
 * Errors without `turn_id` and `stream_start`s carry no request id: they are pinned on a message
 * or request only when what they say, or the one request they can follow, tells which.
 */
import { describe, expect, it } from 'vitest'
import { harness, settle, until } from './session-harness'

describe('ChatSession: attributing errors without turn_id', () => {
  it('leaves two waiting messages and a fetch alone on an error that could answer any of them', async () => {
    const h = await harness({ state: 'ready', requestTimeoutMs: 60_000 })
    const first = h.session.send({ text: 'first', conversationKey: 'a' })
    const second = h.session.send({ text: 'second', conversationKey: 'b' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(2))
    const backgrounds = h.session.fetchBackgrounds()

    h.link.push({ type: 'error', error: 'Failed to process message: boom', code: null })
    expect(h.of('turn-error')).toEqual([])
    expect([h.outbox.get(first.id)?.state, h.outbox.get(second.id)?.state]).toEqual(['sent', 'sent'])
    expect(h.of('notice')).toEqual([expect.objectContaining({ level: 'error', textCode: 'serverError', code: null })])

    // The answers that do come go where they belong.
    h.link.push({ type: 'stream_start', turn_id: 't1', conversation_id: 'c1' })
    h.link.push({ type: 'stream_start', turn_id: 't2', conversation_id: 'c2' })
    expect(h.of('turn-start').map((e) => [e.turnId, e.messageId])).toEqual([
      ['t1', first.id],
      ['t2', second.id],
    ])
    h.link.push({ type: 'background_files', files: ['/bg/a.jpg'] })
    await expect(backgrounds).resolves.toEqual([{ path: '/bg/a.jpg', url: 'http://127.0.0.1:5500/v1/bg/a.jpg' }])
  })

  it('fails the one request waiting at once, instead of letting it time out', async () => {
    const h = await harness({ state: 'ready', requestTimeoutMs: 60_000 })
    const backgrounds = h.session.fetchBackgrounds()
    h.link.push({ type: 'error', error: 'Failed to process message: disk error', code: null })
    await expect(backgrounds).rejects.toMatchObject({ code: 'server-error', message: 'Failed to process message: disk error' })
    expect(h.of('notice')).toEqual([])
  })

  it('fails the one message waiting when nothing else waits', async () => {
    const h = await harness({ state: 'ready' })
    const only = h.session.send({ text: 'only' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(1))
    h.link.push({ type: 'error', error: 'Failed to process message: brain down', code: 500 })
    expect(h.of('turn-error')).toEqual([{ type: 'turn-error', messageId: only.id, code: 500, error: 'Failed to process message: brain down' }])
    expect(h.outbox.get(only.id)?.state).toBe('failed')
  })

  it('pins an error naming a conversation on the message sent in it, not on the oldest', async () => {
    const h = await harness({ state: 'ready' })
    h.outbox.setConversationId('b', 'srv-b')
    const first = h.session.send({ text: 'new one', conversationKey: 'a' })
    const second = h.session.send({ text: 'follow-up', conversationKey: 'b' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(2))
    h.link.push({ type: 'error', error: 'Conversation srv-b belongs to another user or agent', code: 400 })
    expect(h.of('turn-error')).toEqual([expect.objectContaining({ messageId: second.id, code: 400 })])
    expect(h.outbox.get(first.id)?.state).toBe('sent')
  })

  it('fails the oldest waiting message on an identity error (every message carried the same identity)', async () => {
    const h = await harness({ state: 'ready', identity: () => ({ agentId: ' ', userId: 'tester' }) })
    const first = h.session.send({ text: 'one', conversationKey: 'a' })
    const second = h.session.send({ text: 'two', conversationKey: 'b' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(2))
    h.link.push({ type: 'error', error: 'agent_id is required', code: 400 })
    h.link.push({ type: 'error', error: 'agent_id is required', code: 400 })
    expect(h.of('turn-error').map((e) => e.messageId)).toEqual([first.id, second.id])
  })

  it('does not blame a message for an error about another kind of frame', async () => {
    const h = await harness({ state: 'ready' })
    const waiting = h.session.send({ text: 'waiting' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(1))
    h.link.push({ type: 'error', error: 'Unsupported message type: pong', code: null })
    expect(h.of('turn-error')).toEqual([])
    expect(h.outbox.get(waiting.id)?.state).toBe('sent')
    expect(h.of('notice')).toEqual([expect.objectContaining({ textCode: 'serverError', params: { message: 'Unsupported message type: pong' } })])
  })
})

describe('ChatSession: matching stream_start to messages', () => {
  it('gives a stream_start to the message sent in its conversation, even when an older one waits', async () => {
    const h = await harness({ state: 'ready' })
    h.outbox.setConversationId('b', 'srv-b')
    const fresh = h.session.send({ text: 'new conversation', conversationKey: 'a' })
    const continued = h.session.send({ text: 'continued', conversationKey: 'b' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(2))
    h.link.push({ type: 'stream_start', turn_id: 't-b', conversation_id: 'srv-b' })
    h.link.push({ type: 'stream_start', turn_id: 't-a', conversation_id: 'srv-a' })
    expect(h.of('turn-start').map((e) => [e.turnId, e.messageId, e.conversationKey])).toEqual([
      ['t-b', continued.id, 'b'],
      ['t-a', fresh.id, 'a'],
    ])
    await settle()
    expect(h.outbox.conversationId('a')).toBe('srv-a')
  })
})

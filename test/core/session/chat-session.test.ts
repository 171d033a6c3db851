import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { OutgoingMessage } from '../../../src/shared/host/messages'
import { REASON_CONNECTION_LOST } from '../../../src/main/core/session/chat-session'
import { Outbox } from '../../../src/main/core/session/outbox'
import { harness, settle, until } from './session-harness'

describe('ChatSession: a turn', () => {
  it('sends chat_message and attributes turn_id-less frames to the open turn', async () => {
    const h = await harness({ state: 'ready', identity: () => ({ agentId: 'mira', userId: 'tester', persona: 'Be brief.', limit: 7 }) })
    const message = h.session.send({ text: 'hello', conversationKey: 'conv-a', images: ['data:image/png;base64,AA=='] })
    expect(message.state).toBe('queued')
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(1))
    expect(h.link.sentOf('chat_message')[0]).toEqual({
      type: 'chat_message',
      content: 'hello',
      agent_id: 'mira',
      user_id: 'tester',
      persona: 'Be brief.',
      images: ['data:image/png;base64,AA=='],
      limit: 7,
    })

    h.link.push({ type: 'stream_start', turn_id: 't1', conversation_id: 'srv-conv' })
    h.link.push({ type: 'stream_token', chunk: 'Hel', node: null })
    h.link.push({ type: 'tts_ready_chunk', chunk: 'Hello.', emotion: null })
    h.link.push({ type: 'tts_ready_chunk', chunk: 'Yay!', emotion: 'happy' })
    h.link.push({ type: 'tool_call', tool_name: 'search', args: '{"q":"weather"}' })
    h.link.push({ type: 'tool_result', result: '{"temp":21}' })
    h.link.push({ type: 'tool_result', result: 'plain text' })
    h.link.push({ type: 'stream_token', chunk: 'lo' })
    h.link.push({ type: 'stream_end', turn_id: 't1', conversation_id: 'srv-conv', content: 'Hello there.' })

    const turnEvents = h.events.filter((e) => e.type.startsWith('turn-'))
    expect(turnEvents).toEqual([
      { type: 'turn-start', turnId: 't1', conversationKey: 'conv-a', conversationId: 'srv-conv', messageId: message.id },
      { type: 'turn-token', turnId: 't1', chunk: 'Hel' },
      { type: 'turn-speech', turnId: 't1', chunk: 'Hello.' },
      { type: 'turn-speech', turnId: 't1', chunk: 'Yay!', emotion: 'happy' },
      { type: 'turn-tool-call', turnId: 't1', toolName: 'search', args: { q: 'weather' } },
      { type: 'turn-tool-result', turnId: 't1', toolName: 'search', result: { temp: 21 } },
      { type: 'turn-tool-result', turnId: 't1', toolName: 'search', result: 'plain text' },
      { type: 'turn-token', turnId: 't1', chunk: 'lo' },
      // stream_end's content replaces the streamed "Hello".
      { type: 'turn-end', turnId: 't1', conversationId: 'srv-conv', content: 'Hello there.' },
    ])
    expect(h.states('hello')).toEqual(['queued', 'sending', 'sent', 'sent', 'answered'])
    expect(h.session.pending()).toEqual([])
    expect(h.outbox.conversationId('conv-a')).toBe('srv-conv')
  })

  it('falls back to the streamed text when stream_end has no content', async () => {
    const h = await harness({ state: 'ready' })
    h.session.send({ text: 'q' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(1))
    h.link.push({ type: 'stream_start', turn_id: 't1', conversation_id: 'c' })
    h.link.push({ type: 'stream_token', chunk: 'a' })
    h.link.push({ type: 'stream_token', chunk: 'b' })
    h.link.push({ type: 'stream_end', turn_id: 't1', conversation_id: 'c', content: null })
    expect(h.of('turn-end')).toEqual([{ type: 'turn-end', turnId: 't1', conversationId: 'c', content: 'ab' }])
  })

  it('reports stream frames outside any turn as a warning', async () => {
    const h = await harness({ state: 'ready' })
    h.link.push({ type: 'stream_token', chunk: 'stray' })
    expect(h.of('turn-token')).toEqual([])
    expect(h.of('notice')).toEqual([
      { type: 'notice', level: 'warning', text: expect.stringMatching(/"stream_token".*no open turn/), textCode: 'orphanFrame', params: { frame: 'stream_token' } },
    ])
  })

  it('shows a turn the app did not ask for under the key of its known conversation', async () => {
    const h = await harness({ state: 'ready' })
    h.outbox.setConversationId('mine', 'srv-9')
    h.link.push({ type: 'stream_start', turn_id: 'tx', conversation_id: 'srv-9' })
    expect(h.of('turn-start')).toEqual([{ type: 'turn-start', turnId: 'tx', conversationKey: 'mine', conversationId: 'srv-9' }])
  })
})

describe('ChatSession: the queue', () => {
  it('queues while offline and sends in order, exactly once, after ready', async () => {
    const h = await harness({ state: 'connecting' })
    h.session.send({ text: 'one', conversationKey: 'a' })
    h.session.send({ text: 'two', conversationKey: 'b' })
    h.session.send({ text: 'three', conversationKey: 'c' })
    await settle()
    expect(h.link.sent).toEqual([])
    expect(h.session.pending().map((m) => m.state)).toEqual(['queued', 'queued', 'queued'])

    h.link.setState('authorizing')
    await settle()
    expect(h.link.sent).toEqual([])
    h.link.setState('ready')
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(3))
    expect(h.link.sentOf('chat_message').map((f) => f.content)).toEqual(['one', 'two', 'three'])
    // A repeated status event does not send anything again.
    h.link.repeatStatus()
    await settle()
    expect(h.link.sentOf('chat_message')).toHaveLength(3)
    expect(h.states('two')).toEqual(['queued', 'sending', 'sent'])
  })

  it('serializes one conversation: the next message waits for stream_start and carries its conversation_id', async () => {
    const h = await harness({ state: 'ready' })
    const first = h.session.send({ text: 'first' })
    h.session.send({ text: 'second', conversationKey: first.conversationKey })
    h.session.send({ text: 'other', conversationKey: 'elsewhere' })
    await until(() => expect(h.link.sentOf('chat_message').map((f) => f.content)).toEqual(['first', 'other']))
    expect(h.link.sentOf('chat_message')[0]).not.toHaveProperty('conversation_id')

    h.link.push({ type: 'stream_start', turn_id: 't1', conversation_id: 'srv-1' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(3))
    expect(h.link.sentOf('chat_message')[2]).toMatchObject({ content: 'second', conversation_id: 'srv-1' })
    // FIFO: the next stream_start belongs to "other", the one after to "second".
    h.link.push({ type: 'stream_start', turn_id: 't2', conversation_id: 'srv-2' })
    h.link.push({ type: 'stream_start', turn_id: 't3', conversation_id: 'srv-1' })
    expect(h.of('turn-start').map((e) => [e.turnId, e.conversationKey])).toEqual([
      ['t1', first.conversationKey],
      ['t2', 'elsewhere'],
      ['t3', first.conversationKey],
    ])
  })

  it('marks a message sending on disk before it is written to the socket', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mira-session-'))
    try {
      const file = join(dir, 'outbox.json')
      const h = await harness({ state: 'ready', file })
      const seen: string[] = []
      h.link.onSend = () => {
        const saved = JSON.parse(readFileSync(file, 'utf8')) as { messages: OutgoingMessage[] }
        seen.push(saved.messages[0]?.state ?? 'none')
      }
      h.session.send({ text: 'durable' })
      await until(() => expect(seen).toEqual(['sending']))
      await h.outbox.flush()
      const saved = JSON.parse(await readFile(file, 'utf8')) as { messages: OutgoingMessage[] }
      expect(saved.messages[0]?.state).toBe('sent')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('does not send a message again that an earlier run may have sent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mira-session-'))
    try {
      const file = join(dir, 'outbox.json')
      const before = await Outbox.open(file)
      const m = before.add({ conversationKey: 'k', text: 'maybe sent' })
      before.update(m.id, { state: 'sending' })
      before.add({ conversationKey: 'k2', text: 'never sent' })
      await before.flush()

      const h = await harness({ state: 'ready', outbox: await Outbox.open(file) })
      await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(1))
      await settle()
      expect(h.link.sentOf('chat_message').map((f) => f.content)).toEqual(['never sent'])
      expect(h.session.pending().find((p) => p.id === m.id)?.state).toBe('interrupted')
      h.session.dispose()
      await h.outbox.flush()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('cuts off the open turn and unanswered messages when the connection is lost; never re-sends them', async () => {
    const h = await harness({ state: 'ready' })
    const streaming = h.session.send({ text: 'streaming', conversationKey: 'a' })
    const waiting = h.session.send({ text: 'waiting', conversationKey: 'b' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(2))
    h.link.push({ type: 'stream_start', turn_id: 't1', conversation_id: 'c1' })
    h.link.push({ type: 'stream_token', chunk: 'partial' })

    h.link.setState('reconnecting')
    expect(h.of('turn-interrupted')).toEqual([{ type: 'turn-interrupted', turnId: 't1', reason: 'connection-lost', content: 'partial' }])
    for (const m of [streaming, waiting]) {
      expect(h.outbox.get(m.id)).toMatchObject({ state: 'interrupted', reason: REASON_CONNECTION_LOST })
    }

    h.link.setState('ready')
    await settle()
    expect(h.link.sentOf('chat_message')).toHaveLength(2)
    // Tokens of the dead turn cannot arrive on the new connection; stray ones are not attributed.
    h.link.push({ type: 'stream_token', chunk: 'late' })
    expect(h.of('turn-token').map((e) => e.chunk)).toEqual(['partial'])

    const again = h.session.retry(streaming.id)
    expect(again).toMatchObject({ id: streaming.id, state: 'queued' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(3))
    expect(h.link.sentOf('chat_message')[2]).toMatchObject({ content: 'streaming', conversation_id: 'c1' })
    expect(() => h.session.retry(streaming.id)).toThrow(/Only an interrupted or failed message/)
    expect(() => h.session.retry('nope')).toThrow(/no such message/)
    expect(() => h.session.retry(streaming.id)).toThrow(expect.objectContaining({ textCode: 'cannotRetry', params: { state: 'sent' } }))
  })

  it('puts a message back in the queue when the link drops before it was written', async () => {
    const h = await harness({ state: 'ready' })
    h.session.send({ text: 'x' })
    // Drop the link while the message is being marked `sending` (before the write completes).
    h.link.setState('reconnecting')
    await settle()
    expect(h.link.sent).toEqual([])
    expect(h.session.pending()[0]?.state).toBe('queued')
    h.link.setState('ready')
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(1))
  })

  it('discards queued or failed messages but not one being answered', async () => {
    const h = await harness({ state: 'ready' })
    const sent = h.session.send({ text: 'sent', conversationKey: 'a' })
    const queued = h.session.send({ text: 'queued', conversationKey: 'a' })
    await until(() => expect(h.outbox.get(sent.id)?.state).toBe('sent'))
    expect(() => h.session.discard(sent.id)).toThrow(/being answered/)
    expect(() => h.session.discard(sent.id)).toThrow(expect.objectContaining({ code: 'invalid-request', textCode: 'messageBusy' }))
    h.session.discard(queued.id)
    expect(h.of('message-removed')).toEqual([{ type: 'message-removed', id: queued.id }])
    expect(h.session.pending().map((m) => m.text)).toEqual(['sent'])
  })
})

describe('ChatSession: errors and interruptions', () => {
  it('treats 4003/4004 as information and closes the interrupted turn', async () => {
    const h = await harness({ state: 'ready' })
    const m = h.session.send({ text: 'long answer' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(1))
    h.link.push({ type: 'stream_start', turn_id: 't1', conversation_id: 'c1' })
    h.session.interrupt()
    expect(h.link.sentOf('interrupt_stream')).toEqual([{ type: 'interrupt_stream' }])
    h.link.push({ type: 'error', error: 'Interrupted 1 active turns', code: 4003 })
    h.link.push({ type: 'error', error: 'No active turns to interrupt', code: 4004 })
    expect(h.of('notice')).toEqual([
      { type: 'notice', level: 'info', code: 4003, text: 'Interrupted 1 active turns', textCode: 'interrupted', params: { message: 'Interrupted 1 active turns' } },
      {
        type: 'notice',
        level: 'info',
        code: 4004,
        text: 'No active turns to interrupt',
        textCode: 'nothingToInterrupt',
        params: { message: 'No active turns to interrupt' },
      },
    ])
    expect(h.of('turn-interrupted')).toEqual([{ type: 'turn-interrupted', turnId: 't1', reason: 'interrupted', content: '' }])
    expect(h.of('turn-error')).toEqual([])
    expect(h.outbox.get(m.id)).toBeUndefined()
    expect(h.states('long answer').at(-1)).toBe('answered')
    // A late stream_end for the stopped turn still delivers its final text.
    h.link.push({ type: 'stream_end', turn_id: 't1', conversation_id: 'c1', content: 'Partial.' })
    expect(h.of('turn-end')).toEqual([{ type: 'turn-end', turnId: 't1', conversationId: 'c1', content: 'Partial.' }])
  })

  it('sends no interrupt when nothing is running', async () => {
    const h = await harness({ state: 'ready' })
    h.session.interrupt()
    expect(h.link.sentOf('interrupt_stream')).toEqual([])
    h.session.interrupt('t-explicit')
    expect(h.link.sentOf('interrupt_stream')).toEqual([{ type: 'interrupt_stream', turn_id: 't-explicit' }])
  })

  it('reports a stream_end after a requested interrupt as interrupted', async () => {
    const h = await harness({ state: 'ready' })
    h.session.send({ text: 'q' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(1))
    h.link.push({ type: 'stream_start', turn_id: 't1', conversation_id: 'c1' })
    h.session.interrupt('t1')
    expect(h.link.sentOf('interrupt_stream')).toEqual([{ type: 'interrupt_stream', turn_id: 't1' }])
    h.link.push({ type: 'stream_end', turn_id: 't1', conversation_id: 'c1', content: 'Cut' })
    expect(h.events.filter((e) => e.type === 'turn-end' || e.type === 'turn-interrupted').map((e) => e.type)).toEqual([
      'turn-end',
      'turn-interrupted',
    ])
  })

  it('stops a turn as soon as it starts when the user stopped before stream_start', async () => {
    const h = await harness({ state: 'ready' })
    h.session.send({ text: 'q' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(1))
    h.session.interrupt()
    h.link.push({ type: 'error', error: 'No active turns to interrupt', code: 4004 })
    h.link.push({ type: 'stream_start', turn_id: 't9', conversation_id: 'c' })
    expect(h.link.sentOf('interrupt_stream')).toEqual([{ type: 'interrupt_stream' }, { type: 'interrupt_stream', turn_id: 't9' }])
  })

  it('fails the message an error answers: before its stream_start, or by turn_id', async () => {
    const h = await harness({ state: 'ready', identity: () => ({ agentId: ' ', userId: 'tester' }) })
    const early = h.session.send({ text: 'early', conversationKey: 'a' })
    const queued = h.session.send({ text: 'after', conversationKey: 'a' })
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(1))
    h.link.push({ type: 'error', error: 'agent_id is required', code: 400 })
    expect(h.of('turn-error')).toEqual([{ type: 'turn-error', messageId: early.id, code: 400, error: 'agent_id is required' }])
    expect(h.outbox.get(early.id)).toMatchObject({ state: 'failed', reason: 'agent_id is required' })

    // The failure unblocks the conversation; this one gets a turn, and then fails by turn_id.
    await until(() => expect(h.link.sentOf('chat_message')).toHaveLength(2))
    h.link.push({ type: 'stream_start', turn_id: 't2', conversation_id: 'c' })
    h.link.push({ type: 'error', error: 'Failed to process message: boom', code: 500, turn_id: 't2' })
    expect(h.of('turn-error')[1]).toEqual({ type: 'turn-error', turnId: 't2', messageId: queued.id, code: 500, error: 'Failed to process message: boom' })
    expect(h.outbox.get(queued.id)?.state).toBe('failed')
    // Tokens after the failure belong to no turn.
    h.link.push({ type: 'stream_token', chunk: 'x' })
    expect(h.of('turn-token')).toEqual([])

    // Nothing in flight: a plain error notice, the session goes on.
    h.link.push({ type: 'error', error: 'Unsupported message type: foo', code: null })
    expect(h.of('notice').at(-1)).toEqual({
      type: 'notice',
      level: 'error',
      code: null,
      text: 'Unsupported message type: foo',
      textCode: 'serverError',
      params: { message: 'Unsupported message type: foo' },
    })
    expect(h.session.retry(early.id).state).toBe('queued')
  })
})

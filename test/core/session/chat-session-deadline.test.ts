/**
 * A message whose `stream_start` never comes must not block its conversation: after the deadline
 * it is interrupted (with Retry), the next message of its conversation goes, and a late start of
 * its turn is stopped rather than given to another message. Fake timers: no wall-clock waits.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { harness, settle } from './session-harness'

beforeEach(() => {
  // Only the timers: the send loop's turns (setImmediate, promises) run as usual.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
})

/** Lets the send loop run without advancing the fake clock. */
async function sent(h: Awaited<ReturnType<typeof harness>>, count: number): Promise<void> {
  for (let i = 0; i < 50 && h.link.sentOf('chat_message').length < count; i++) await settle()
  expect(h.link.sentOf('chat_message')).toHaveLength(count)
}

describe('ChatSession: the deadline for stream_start', () => {
  it('interrupts a message whose turn never starts, unblocks its conversation, and retries it on request', async () => {
    const h = await harness({ state: 'ready', startTimeoutMs: () => 30_000 })
    const stuck = h.session.send({ text: 'stuck', conversationKey: 'a' })
    const next = h.session.send({ text: 'next', conversationKey: 'a' })
    await sent(h, 1)

    vi.advanceTimersByTime(29_999)
    await settle()
    expect(h.outbox.get(stuck.id)?.state).toBe('sent')
    expect(h.link.sentOf('chat_message')).toHaveLength(1)

    vi.advanceTimersByTime(1)
    expect(h.outbox.get(stuck.id)).toMatchObject({
      state: 'interrupted',
      reason: 'The server did not start an answer within 30 s',
      reasonCode: 'messageNoStart',
      reasonParams: { seconds: 30 },
    })
    await sent(h, 2)
    expect(h.link.sentOf('chat_message')[1]).toMatchObject({ content: 'next' })
    expect(h.outbox.get(next.id)?.state).toBe('sent')

    // Retry: sent again, and answered this time.
    h.link.push({ type: 'stream_start', turn_id: 't-next', conversation_id: 'srv-a' })
    h.session.retry(stuck.id)
    await sent(h, 3)
    expect(h.link.sentOf('chat_message')[2]).toMatchObject({ content: 'stuck', conversation_id: 'srv-a' })
    h.link.push({ type: 'stream_start', turn_id: 't-stuck', conversation_id: 'srv-a' })
    expect(h.of('turn-start').map((e) => [e.turnId, e.messageId])).toEqual([
      ['t-next', next.id],
      ['t-stuck', stuck.id],
    ])
  })

  it('stops the late turn of a message given up on, and gives it to no other message', async () => {
    const h = await harness({ state: 'ready', startTimeoutMs: () => 10_000 })
    h.outbox.setConversationId('a', 'srv-a')
    const slow = h.session.send({ text: 'slow', conversationKey: 'a' })
    await sent(h, 1)
    vi.advanceTimersByTime(10_000)
    expect(h.outbox.get(slow.id)?.state).toBe('interrupted')

    const other = h.session.send({ text: 'other', conversationKey: 'b' })
    await sent(h, 2)
    // The slow message's turn starts after all: it is not the other message's, and it is stopped.
    h.link.push({ type: 'stream_start', turn_id: 't-late', conversation_id: 'srv-a' })
    expect(h.of('turn-start')).toEqual([{ type: 'turn-start', turnId: 't-late', conversationKey: 'a', conversationId: 'srv-a' }])
    expect(h.link.sentOf('interrupt_stream')).toEqual([{ type: 'interrupt_stream', turn_id: 't-late' }])
    expect(h.outbox.get(slow.id)?.state).toBe('interrupted')
    h.link.push({ type: 'stream_start', turn_id: 't-other', conversation_id: 'srv-b' })
    expect(h.of('turn-start').at(-1)).toMatchObject({ turnId: 't-other', messageId: other.id })
  })

  it('applies a changed deadline to the next message written', async () => {
    let deadline = 60_000
    const h = await harness({ state: 'ready', startTimeoutMs: () => deadline })
    const first = h.session.send({ text: 'first', conversationKey: 'a' })
    await sent(h, 1)
    deadline = 5_000
    const second = h.session.send({ text: 'second', conversationKey: 'b' })
    await sent(h, 2)
    vi.advanceTimersByTime(5_000)
    expect([h.outbox.get(first.id)?.state, h.outbox.get(second.id)?.state]).toEqual(['sent', 'interrupted'])
  })

  it('forgets the deadline of a message whose turn started', async () => {
    const h = await harness({ state: 'ready', startTimeoutMs: () => 5_000 })
    const answered = h.session.send({ text: 'q' })
    await sent(h, 1)
    h.link.push({ type: 'stream_start', turn_id: 't1', conversation_id: 'c1' })
    vi.advanceTimersByTime(60_000)
    expect(h.outbox.get(answered.id)?.state).toBe('sent')
    expect(h.of('turn-interrupted')).toEqual([])
  })
})

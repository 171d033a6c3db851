/**
 * The send loop keeps to a protocol's message rate (Lexicon: 10 a second per connection): the 11th
 * message within a second waits until the window frees, none is lost, none reordered. Time is
 * Vitest's fake clock, so nothing depends on the machine's speed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MessageSender } from '../../../src/main/core/session/message-sender'
import { Outbox } from '../../../src/main/core/session/outbox'
import { LEXICON_RATE } from '../../../src/main/core/protocols/lexicon'

afterEach(() => vi.useRealTimers())

async function harness(rate?: { max: number; windowMs: number }) {
  vi.useFakeTimers({ now: 1_000_000 })
  const outbox = await Outbox.open(null)
  const written: { text: string; at: number }[] = []
  const sender = new MessageSender({
    outbox,
    write: (message) => {
      written.push({ text: message.text, at: Date.now() })
      return { written: true }
    },
    canSend: () => true,
    onWritten: () => {},
    notify: () => {},
    ...(rate ? { rate } : {}),
  })
  // Each message in its own conversation: nothing but the rate holds one back.
  const send = (n: number) => Array.from({ length: n }, (_, i) => outbox.add({ conversationKey: `c${i}`, text: `m${i}` }))
  /** Lets the loop's awaits (the outbox's flushes) run, without moving the clock. */
  const settle = async () => {
    for (let i = 0; i < 50; i++) await Promise.resolve()
  }
  return { outbox, sender, written, send, settle }
}

describe('the send loop’s message rate', () => {
  it('sends ten at once and holds the eleventh until a second has passed since the first, in order, none lost', async () => {
    const h = await harness(LEXICON_RATE)
    h.send(12)
    h.sender.pump()
    await h.settle()
    expect(h.written.map((w) => w.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9'])
    expect(h.outbox.list().filter((m) => m.state === 'queued').map((m) => m.text)).toEqual(['m10', 'm11'])

    await vi.advanceTimersByTimeAsync(999)
    await h.settle()
    expect(h.written).toHaveLength(10)
    await vi.advanceTimersByTimeAsync(1)
    await h.settle()
    expect(h.written.map((w) => w.text)).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`))
    // No more than ten in any second.
    for (const w of h.written) expect(h.written.filter((o) => o.at > w.at - LEXICON_RATE.windowMs && o.at <= w.at).length).toBeLessThanOrEqual(10)
    expect(h.outbox.list().map((m) => m.state)).toEqual(Array(12).fill('sent'))
  })

  it('holds nothing back for a protocol without a rate', async () => {
    const h = await harness()
    h.send(25)
    h.sender.pump()
    await h.settle()
    expect(h.written).toHaveLength(25)
  })
})

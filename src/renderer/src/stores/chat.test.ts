/** The chat store fed with host events: streamed tokens, authoritative ends, stops and resyncs. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { HostApi, HostEvent, OutgoingMessage } from '../../../shared/host'
import { LEFT_TURNS_KEPT, useChatStore } from './chat'
import { piniaWithHost } from './test-host'

let frames: (() => void)[]

const message = (state: OutgoingMessage['state'], extra: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: 'm1',
  conversationKey: 'c1',
  text: 'Hello',
  createdAt: 1,
  state,
  ...extra,
})

const interrupt = vi.fn(async () => ({ ok: true as const }))

function setup(extra: Partial<HostApi> = {}) {
  const api: Partial<HostApi> = { interrupt, ...extra }
  const pinia = piniaWithHost(api)
  const chat = useChatStore(pinia)
  const apply = (...events: HostEvent[]) => events.forEach((e) => chat.apply(e))
  return { chat, apply }
}

beforeEach(() => {
  frames = []
  vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f))
  vi.stubGlobal('cancelAnimationFrame', () => {})
  interrupt.mockClear()
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('chat store', () => {
  it('applies streamed tokens as their batch comes (the host batched them already), then the final content', () => {
    const { chat, apply } = setup()
    apply({ type: 'message', message: message('sent') }, { type: 'turn-start', turnId: 't1', conversationKey: 'c1', messageId: 'm1' })
    for (const chunk of ['Hel', 'lo ', 'there']) apply({ type: 'turn-token', turnId: 't1', chunk })
    // No second batching here: nothing waits for an animation frame.
    expect(chat.turns.t1?.text).toBe('Hello there')
    expect(frames).toHaveLength(0)
    apply({ type: 'turn-token', turnId: 't1', chunk: '!!' }, { type: 'turn-end', turnId: 't1', content: 'Hello there.' })
    expect(chat.turns.t1).toMatchObject({ text: 'Hello there.', state: 'done' })
    // A token after the end (or after a stop) changes nothing.
    apply({ type: 'turn-token', turnId: 't1', chunk: 'late' })
    expect(chat.turns.t1?.text).toBe('Hello there.')
    expect(chat.entries).toEqual([
      { kind: 'message', id: 'm1' },
      { kind: 'turn', id: 't1' },
    ])
  })

  it('stops a turn with what streamed so far; a late end brings the text but keeps it stopped', async () => {
    const { chat, apply } = setup()
    apply({ type: 'message', message: message('sent', { turnId: 't1' }) }, { type: 'turn-start', turnId: 't1', conversationKey: 'c1' })
    apply({ type: 'turn-token', turnId: 't1', chunk: 'Count' })
    expect(chat.busy).toBe(true)
    await chat.interrupt()
    expect(interrupt).toHaveBeenCalledWith({ turnId: 't1' })
    apply({ type: 'turn-interrupted', turnId: 't1', reason: 'interrupted' })
    expect(chat.turns.t1).toMatchObject({ text: 'Count', state: 'interrupted', reason: 'interrupted' })
    apply({ type: 'turn-end', turnId: 't1', content: 'Counting' }, { type: 'message', message: message('answered') })
    expect(chat.turns.t1).toMatchObject({ text: 'Counting', state: 'interrupted' })
    expect(chat.busy).toBe(false)
  })

  it('keeps the newest message state: a late command answer does not undo an event', async () => {
    // The host's `message` events can overtake the answer to sendMessage.
    const { chat, apply } = setup({
      sendMessage: async () => {
        apply({ type: 'message', message: message('queued') }, { type: 'message', message: message('sending') })
        return message('queued')
      },
    })
    expect(await chat.send('Hello')).toBe(true)
    expect(chat.messages.m1?.state).toBe('sending')
    expect(chat.conversationKey).toBe('c1')
    apply({ type: 'message-removed', id: 'm1' })
    expect(chat.entries).toEqual([])
  })

  it('after a reconnection, marks turns the host no longer runs as cut off', () => {
    const { chat, apply } = setup()
    apply({ type: 'turn-start', turnId: 't1', conversationKey: 'c1' }, { type: 'turn-start', turnId: 't2', conversationKey: 'c1' })
    chat.hydrate([message('sent', { turnId: 't2' })], true)
    expect(chat.turns.t1).toMatchObject({ state: 'interrupted', reason: 'connection-lost' })
    expect(chat.turns.t2?.state).toBe('streaming')
  })

  it('ignores late events of turns in a conversation left behind, remembering a bounded number of such turns', () => {
    const { chat, apply } = setup()
    apply({ type: 'message', message: message('sent', { conversationKey: 'old' }) }, { type: 'turn-start', turnId: 't-old', conversationKey: 'old', messageId: 'm1' })
    chat.showConversation(undefined)
    apply({ type: 'turn-token', turnId: 't-old', chunk: 'late' })
    runFrame()
    expect(chat.turns['t-old']).toBeUndefined()

    // A long session: many more conversations left while their answers ran.
    for (let i = 0; i < LEFT_TURNS_KEPT; i++) {
      apply({ type: 'turn-start', turnId: `t${i}`, conversationKey: `k${i}` })
      chat.showConversation(undefined)
    }
    apply({ type: 'turn-end', turnId: `t${LEFT_TURNS_KEPT - 1}`, content: 'late end' })
    expect(chat.turns[`t${LEFT_TURNS_KEPT - 1}`]).toBeUndefined()
    // The oldest is forgotten (the host stopped reporting on it long before): the memory stays bounded.
    apply({ type: 'turn-end', turnId: 't-old', content: 'very late end' })
    expect(chat.turns['t-old']?.text).toBe('very late end')
  })
})

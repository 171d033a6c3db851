/** The conversations store against a fake host: opening a past conversation, a new one, delete and undo. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ConversationSummary, HostApi, OutgoingMessage } from '../../../shared/host'
import { useChatStore } from './chat'
import { UNDO_LIFETIME_MS, useConversationsStore } from './conversations'
import { piniaWithHost } from './test-host'

const summary = (key: string, updatedAt: number): ConversationSummary => ({
  conversationKey: key,
  title: `Title ${key}`,
  createdAt: 1,
  updatedAt,
  source: 'local',
})

function setup() {
  const api: Partial<HostApi> = {
    listConversations: vi.fn(async () => ({ conversations: [summary('a', 2), summary('b', 1)], server: 'unsupported' as const })),
    loadConversation: vi.fn(async ({ conversationKey }: { conversationKey: string }) => ({
      conversation: summary(conversationKey, 1),
      messages: [
        { role: 'user' as const, text: 'Hi' },
        { role: 'assistant' as const, text: 'Hello!' },
      ],
    })),
    deleteConversation: vi.fn(async () => ({ ok: true as const })),
    restoreConversation: vi.fn(async ({ conversationKey }: { conversationKey: string }) => summary(conversationKey, 1)),
    interrupt: vi.fn(async () => ({ ok: true as const })),
  }
  const pinia = piniaWithHost(api)
  return { api, chat: useChatStore(pinia), store: useConversationsStore(pinia) }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('conversations store', () => {
  it('opens a past conversation into the log, and a new one empties it', async () => {
    const { chat, store } = setup()
    store.show()
    await vi.waitFor(() => expect(store.items.map((c) => c.conversationKey)).toEqual(['a', 'b']))
    expect(await store.openConversation('b')).toBe(true)
    expect(store.open).toBe(false)
    expect(chat.conversationKey).toBe('b')
    expect(chat.entries.map((e) => e.kind)).toEqual(['message', 'turn'])
    expect(Object.values(chat.turns).map((t) => [t.text, t.state])).toEqual([['Hello!', 'done']])
    await store.startNew()
    expect(chat.conversationKey).toBeUndefined()
    expect(chat.entries).toEqual([])
  })

  it('offers undo for a while after a delete', async () => {
    vi.useFakeTimers()
    const { api, chat, store } = setup()
    await store.refresh()
    await store.openConversation('a')
    await store.remove('a')
    expect(store.items.map((c) => c.conversationKey)).toEqual(['b'])
    // The shown conversation went with it.
    expect(chat.conversationKey).toBeUndefined()
    expect(store.deleted?.conversationKey).toBe('a')
    await store.undo()
    expect(api.restoreConversation).toHaveBeenCalledWith({ conversationKey: 'a' })
    expect(store.items.map((c) => c.conversationKey)).toEqual(['b', 'a'])
    await store.remove('b')
    vi.advanceTimersByTime(UNDO_LIFETIME_MS)
    expect(store.deleted).toBeUndefined()
  })

  it('switching while Mira answers stops the answer first; its late events stay out of the next conversation', async () => {
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => setTimeout(f, 0))
    const { api, chat, store } = setup()
    const sent: OutgoingMessage = { id: 'm1', conversationKey: 'a', text: 'Count', createdAt: 1, state: 'sent', turnId: 't1' }
    chat.apply({ type: 'message', message: sent })
    chat.apply({ type: 'turn-start', turnId: 't1', messageId: 'm1', conversationKey: 'a' })
    chat.apply({ type: 'turn-token', turnId: 't1', chunk: 'One, ' })
    expect(chat.busy).toBe(true)

    await store.startNew()
    expect(api.interrupt).toHaveBeenCalledWith({ turnId: 't1' })
    expect(chat.entries).toEqual([])
    expect(chat.busy).toBe(false)
    // What the stop brings back afterwards belongs to conversation a, not to the new one.
    chat.apply({ type: 'turn-token', turnId: 't1', chunk: 'two, ' })
    chat.apply({ type: 'turn-interrupted', turnId: 't1', reason: 'interrupted' })
    chat.apply({ type: 'message', message: { ...sent, state: 'answered' } })
    expect(chat.entries).toEqual([])
    expect(chat.turns).toEqual({})
    vi.unstubAllGlobals()
  })

  it('keeps a waiting message of a conversation left behind, and shows it again when that one reopens', async () => {
    const { chat, store } = setup()
    const queued: OutgoingMessage = { id: 'q1', conversationKey: 'b', text: 'Later', createdAt: 5, state: 'queued' }
    chat.apply({ type: 'message', message: queued })
    await store.openConversation('a')
    expect(chat.messages.q1).toBeUndefined()
    chat.apply({ type: 'message', message: { ...queued, state: 'failed', reason: 'Nope' } })
    expect(chat.entries.map((e) => e.id)).not.toContain('q1')
    await store.openConversation('b')
    expect(chat.entries.map((e) => e.id)).toEqual(['past:b:0', 'past:b:1', 'q1'])
    expect(chat.messages.q1?.state).toBe('failed')
  })
})

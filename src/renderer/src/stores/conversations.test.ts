/** The conversations store against a fake host: opening a past conversation, a new one, delete and undo. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ConversationSummary, HostApi } from '../../../shared/host'
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
    store.startNew()
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
})

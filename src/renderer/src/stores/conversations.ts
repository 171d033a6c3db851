/**
 * The conversations drawer: the host's merged list (the app's history plus the server's sessions),
 * opening a past conversation into the log, starting a new one, renaming, and delete with undo.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ConversationSummary, ServerHistoryState } from '../../../shared/host'
import { useHost } from '../host/inject'
import { historyLog } from '../lib/history-log'
import { hostErrorText } from '../lib/host-text'
import { key, type LocalText } from '../lib/local-text'
import { useChatStore } from './chat'
import { useConnectionStore } from './connection'

/** How long the "Undo" of a delete stays on screen. */
export const UNDO_LIFETIME_MS = 8_000

export const useConversationsStore = defineStore('conversations', () => {
  const host = useHost()
  const chat = useChatStore()
  const connection = useConnectionStore()
  const open = ref(false)
  const items = ref<ConversationSummary[]>([])
  const server = ref<ServerHistoryState>()
  const loading = ref(false)
  /** Why the list could not be loaded. */
  const problem = ref<LocalText>()
  /** The conversation being opened, for its busy state. */
  const opening = ref<string>()
  /** The last deleted conversation, while its "Undo" is offered. */
  const deleted = ref<ConversationSummary>()
  let undoTimer: ReturnType<typeof setTimeout> | undefined

  const current = computed(() => chat.conversationKey)

  /** An answer still coming is stopped first (as Stop does): it ends, kept in its own conversation's history. */
  async function stopAnswer(): Promise<void> {
    if (chat.busy) await chat.interrupt()
  }

  async function refresh(): Promise<void> {
    loading.value = true
    try {
      const listed = await host.api.listConversations()
      items.value = listed.conversations
      server.value = listed.server
      problem.value = undefined
    } catch (error) {
      problem.value = hostErrorText(error)
    } finally {
      loading.value = false
    }
  }

  function show(): void {
    open.value = true
    void refresh()
  }

  function hide(): void {
    open.value = false
  }

  async function startNew(): Promise<void> {
    await stopAnswer()
    chat.showConversation(undefined)
    hide()
  }

  async function openConversation(conversationKey: string): Promise<boolean> {
    opening.value = conversationKey
    try {
      await stopAnswer()
      const loaded = await host.api.loadConversation({ conversationKey })
      chat.showConversation(conversationKey, historyLog(conversationKey, loaded.messages))
      hide()
      return true
    } catch (error) {
      connection.notify('error', key('chat.notice.couldNotOpen', { reason: hostErrorText(error) }))
      return false
    } finally {
      opening.value = undefined
    }
  }

  async function rename(conversationKey: string, title: string): Promise<void> {
    try {
      const renamed = await host.api.renameConversation({ conversationKey, title })
      items.value = items.value.map((c) => (c.conversationKey === conversationKey ? renamed : c))
    } catch (error) {
      connection.notify('error', key('chat.notice.couldNotRename', { reason: hostErrorText(error) }))
    }
  }

  async function remove(conversationKey: string): Promise<void> {
    const item = items.value.find((c) => c.conversationKey === conversationKey)
    try {
      await host.api.deleteConversation({ conversationKey })
    } catch (error) {
      return connection.notify('error', key('chat.notice.couldNotDelete', { reason: hostErrorText(error) }))
    }
    items.value = items.value.filter((c) => c.conversationKey !== conversationKey)
    // Its messages leave the screen with it; mid-answer they stay, but the next message starts afresh.
    if (chat.conversationKey === conversationKey) {
      if (!chat.busy) chat.showConversation(undefined)
      else chat.conversationKey = undefined
    }
    deleted.value = item
    clearTimeout(undoTimer)
    undoTimer = setTimeout(() => (deleted.value = undefined), UNDO_LIFETIME_MS)
  }

  async function undo(): Promise<void> {
    const item = deleted.value
    if (!item) return
    clearTimeout(undoTimer)
    deleted.value = undefined
    try {
      const restored = await host.api.restoreConversation({ conversationKey: item.conversationKey })
      items.value = [...items.value, restored].sort((a, b) => b.updatedAt - a.updatedAt)
    } catch (error) {
      connection.notify('error', key('chat.notice.couldNotUndo', { reason: hostErrorText(error) }))
    }
  }

  return { open, items, server, loading, problem, opening, deleted, current, refresh, show, hide, startNew, openConversation, rename, remove, undo }
})

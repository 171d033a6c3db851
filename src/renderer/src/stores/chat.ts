/**
 * The chat store: the user's messages (as the host's outbox reports them) and the assistant's
 * turns (from `turn-*` events), in the order they appeared. Events are the truth; command answers
 * only fill in what no event has told yet.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { HostEvent, HostEventOf, OutgoingMessage } from '../../../shared/host'
import { useHost } from '../host/inject'
import { hostErrorText } from '../lib/host-text'
import { key } from '../lib/local-text'
import { RecentSet } from '../lib/recent-set'
import { useConnectionStore } from './connection'

export type TurnState = 'streaming' | 'done' | 'interrupted' | 'failed'

export interface ToolUse {
  name: string
  args: unknown
  result?: unknown
  /** A past answer's tool: its result was not kept in the history. */
  resultNotKept?: boolean
  done: boolean
}

export interface Turn {
  id: string
  conversationKey: string
  /** The user message this turn answers. */
  messageId?: string
  text: string
  state: TurnState
  /** Why it stopped early: `interrupted` (the user), `connection-lost`, or the server's error text. */
  reason?: string
  /** The server's `error` code when it failed (null: a generic failure). */
  errorCode?: number | string | null
  tools: ToolUse[]
}

export type Entry = { kind: 'message'; id: string } | { kind: 'turn'; id: string }

/** Turns of left conversations whose late events are ignored: the host forgets closed turns far sooner. */
export const LEFT_TURNS_KEPT = 500

/** Entries loaded from the history (lib/history-log.ts): no host event is ever about them. */
const isPast = (id: string): boolean => id.startsWith('past:')

export const useChatStore = defineStore('chat', () => {
  const host = useHost()
  const connection = useConnectionStore()
  const messages = ref<Record<string, OutgoingMessage>>({})
  const turns = ref<Record<string, Turn>>({})
  const entries = ref<Entry[]>([])
  /** The conversation new messages continue. */
  const conversationKey = ref<string>()
  /** Bumps on every visible change (new entry, streamed text): the log scrolls on it. */
  const revision = ref(0)
  /**
   * A conversation left while its answer was being stopped, or with messages still waiting: its
   * live messages wait here (kept up to date, shown again when it is reopened), and the late
   * events of its turns are ignored, so nothing of it spills into the conversation now shown.
   */
  const parked = new Map<string, OutgoingMessage>()
  const leftTurns = new RecentSet<string>(LEFT_TURNS_KEPT)

  const openTurn = computed(() => {
    for (let i = entries.value.length - 1; i >= 0; i--) {
      const entry = entries.value[i]
      if (entry?.kind === 'turn' && turns.value[entry.id]?.state === 'streaming') return turns.value[entry.id]
    }
    return undefined
  })
  /** Mira is answering, or about to: something the Stop button can stop. */
  const busy = computed(
    () => openTurn.value !== undefined || Object.values(messages.value).some((m) => m.state === 'sending' || m.state === 'sent'),
  )

  function upsertMessage(message: OutgoingMessage, fromEvent: boolean): void {
    if (parked.has(message.id)) {
      if (message.state === 'answered') parked.delete(message.id)
      else parked.set(message.id, message)
      return
    }
    const known = messages.value[message.id]
    if (known && !fromEvent) return
    messages.value[message.id] = message
    if (!known) {
      entries.value.push({ kind: 'message', id: message.id })
      conversationKey.value = message.conversationKey
    }
    revision.value++
  }

  function removeMessage(id: string): void {
    parked.delete(id)
    delete messages.value[id]
    entries.value = entries.value.filter((e) => !(e.kind === 'message' && e.id === id))
  }

  function turnFor(turnId: string): Turn {
    const known = turns.value[turnId]
    if (known) return known
    // A turn already running when this page loaded: its start (and first tokens) came before us.
    const turn: Turn = { id: turnId, conversationKey: conversationKey.value ?? '', text: '', state: 'streaming', tools: [] }
    turns.value[turnId] = turn
    entries.value.push({ kind: 'turn', id: turnId })
    return turns.value[turnId] ?? turn
  }

  function startTurn(event: HostEventOf<'turn-start'>): void {
    if (event.messageId !== undefined && parked.has(event.messageId)) leftTurns.add(event.turnId)
    if (leftTurns.has(event.turnId)) return
    const turn = turnFor(event.turnId)
    turn.conversationKey = event.conversationKey
    turn.messageId = event.messageId
    conversationKey.value = event.conversationKey
    revision.value++
  }

  /**
   * The turn's text has this one owner in the renderer. Tokens arrive in the host's batches (one
   * per frame interval), and Vue renders a batch once, so they are appended as they come.
   */
  function appendToken(event: HostEventOf<'turn-token'>): void {
    const turn = turnFor(event.turnId)
    if (turn.state !== 'streaming') return
    turn.text += event.chunk
    revision.value++
  }

  function endTurn(event: HostEventOf<'turn-end'>): void {
    const turn = turnFor(event.turnId)
    turn.text = event.content
    // A late `stream_end` after Stop brings the final text; the turn stays stopped.
    if (turn.state === 'streaming') turn.state = 'done'
    revision.value++
  }

  function stopTurn(turnId: string, state: 'interrupted' | 'failed', reason: string, errorCode?: number | string | null): void {
    const turn = turnFor(turnId)
    turn.state = state
    turn.reason = reason
    if (errorCode !== undefined) turn.errorCode = errorCode
    revision.value++
  }

  function applyToolCall(event: HostEventOf<'turn-tool-call'>): void {
    turnFor(event.turnId).tools.push({ name: event.toolName, args: event.args, done: false })
    revision.value++
  }

  function applyToolResult(event: HostEventOf<'turn-tool-result'>): void {
    const tools = turnFor(event.turnId).tools
    const open = tools.filter((t) => !t.done && (event.toolName === undefined || t.name === event.toolName)).at(0)
    if (open) Object.assign(open, { result: event.result, done: true })
    else tools.push({ name: event.toolName ?? 'tool', args: undefined, result: event.result, done: true })
    revision.value++
  }

  /** The chat's share of a host event batch; other events are ignored here. */
  function apply(event: HostEvent): void {
    if (event.type !== 'turn-start' && 'turnId' in event && event.turnId !== undefined && leftTurns.has(event.turnId)) return
    switch (event.type) {
      case 'message':
        return upsertMessage(event.message, true)
      case 'message-removed':
        return removeMessage(event.id)
      case 'turn-start':
        return startTurn(event)
      case 'turn-token':
        return appendToken(event)
      case 'turn-tool-call':
        return applyToolCall(event)
      case 'turn-tool-result':
        return applyToolResult(event)
      case 'turn-end':
        return endTurn(event)
      case 'turn-interrupted':
        return stopTurn(event.turnId, 'interrupted', event.reason)
      case 'turn-error':
        if (event.turnId !== undefined) return stopTurn(event.turnId, 'failed', event.error, event.code)
        // Without a turn, the message's own `failed` state (a `message` event) says it.
        if (event.messageId === undefined) connection.notify('error', event.error)
        return
      default:
        return
    }
  }

  /**
   * After (re)connecting: the outbox as the host has it now. After a reconnection, a turn that
   * still looks open here but answers no message the host still has `sent` ended while we were
   * away: it is marked cut off rather than left spinning.
   */
  function hydrate(snapshot: OutgoingMessage[], reconnected = false): void {
    const ordered = [...snapshot].sort((a, b) => a.createdAt - b.createdAt)
    for (const message of ordered) upsertMessage(message, true)
    if (!reconnected) return
    const running = new Set(snapshot.filter((m) => m.state === 'sent').map((m) => m.turnId))
    for (const turn of Object.values(turns.value)) {
      if (turn.state === 'streaming' && !running.has(turn.id)) stopTurn(turn.id, 'interrupted', 'connection-lost')
    }
  }

  async function send(text: string): Promise<boolean> {
    if (!text.trim()) return false
    try {
      const key = conversationKey.value
      const message = await host.api.sendMessage(key === undefined ? { text } : { text, conversationKey: key })
      upsertMessage(message, false)
      return true
    } catch (error) {
      connection.notify('error', key('chat.notice.notSent', { reason: hostErrorText(error) }))
      return false
    }
  }

  async function interrupt(): Promise<void> {
    if (!busy.value) return
    const turn = openTurn.value
    try {
      await host.api.interrupt(turn ? { turnId: turn.id } : {})
    } catch (error) {
      connection.notify('error', key('chat.notice.couldNotStop', { reason: hostErrorText(error) }))
    }
  }

  async function retry(id: string): Promise<void> {
    try {
      upsertMessage(await host.api.retryMessage({ id }), false)
    } catch (error) {
      connection.notify('error', key('chat.notice.couldNotRetry', { reason: hostErrorText(error) }))
    }
  }

  async function discard(id: string): Promise<void> {
    try {
      await host.api.discardMessage({ id })
      removeMessage(id)
    } catch (error) {
      connection.notify('error', key('chat.notice.couldNotDiscard', { reason: hostErrorText(error) }))
    }
  }

  /**
   * Shows another conversation: its past entries (none for a new one), then its messages still in
   * the outbox. New messages continue it (`undefined`: the next message starts a new one).
   * The one left behind parks its live messages and turns (see `parked`).
   */
  function showConversation(
    key: string | undefined,
    past: { messages: Record<string, OutgoingMessage>; turns: Record<string, Turn>; entries: Entry[] } = { messages: {}, turns: {}, entries: [] },
  ): void {
    const live = [...Object.values(messages.value), ...parked.values()].filter((m) => !isPast(m.id) && m.state !== 'answered')
    const pending = live.filter((m) => key !== undefined && m.conversationKey === key)
    parked.clear()
    for (const m of live) {
      if (pending.includes(m)) continue
      parked.set(m.id, m)
      if (m.turnId !== undefined) leftTurns.add(m.turnId)
    }
    for (const id of Object.keys(turns.value)) if (!isPast(id)) leftTurns.add(id)
    messages.value = { ...past.messages, ...Object.fromEntries(pending.map((m) => [m.id, m])) }
    turns.value = past.turns
    entries.value = [...past.entries, ...pending.map((m): Entry => ({ kind: 'message', id: m.id }))]
    conversationKey.value = key
    revision.value++
  }

  return { messages, turns, entries, conversationKey, revision, openTurn, busy, apply, hydrate, send, interrupt, retry, discard, showConversation }
})

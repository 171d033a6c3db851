/**
 * The app's own conversation history, kept in `<dataDir>/history/`: one append-only JSONL file per
 * conversation (see history-file.ts), fed from the host events the session emits. Deleting moves a
 * conversation to the trash (undoable while the app runs); the trash is purged on the next start.
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { HistoryMessage } from '../../../shared/host/conversations'
import type { HostEvent } from '../../../shared/host/events'
import { readJsonFile, writeFileAtomic } from '../fs/atomic-write'
import { fold, summary, type Conversation, type LocalConversation } from './conversation-record'
import { appendHistory, readHistoryFile, type HistoryRecord } from './history-file'
import { messageOf } from '../../../shared/errors'

export type { LocalConversation } from './conversation-record'

export interface HistoryStoreOptions {
  now?: () => number
  /** Write failures (the history is best effort; chatting goes on). */
  log?: (line: string) => void
}

/** A turn on its way: where it goes, and its tools (its text comes whole with its end or its interruption). */
interface OpenTurn {
  key: string
  tools: string[]
}

const HIDDEN_FILE = 'hidden.json'
const hiddenSchema = z.object({ version: z.literal(1), conversationIds: z.array(z.string()) })

export class HistoryStore {
  private readonly conversations = new Map<string, Conversation>()
  private readonly turns = new Map<string, OpenTurn>()
  private readonly userIds = new Set<string>()
  /** Server conversations deleted in an earlier run: kept out of the merged list for good. */
  private readonly hidden = new Set<string>()
  private readonly now: () => number
  private readonly log: (line: string) => void
  private writing: Promise<void> = Promise.resolve()
  private failed = false

  private constructor(
    readonly dir: string,
    options: HistoryStoreOptions,
  ) {
    this.now = options.now ?? Date.now
    this.log = options.log ?? (() => undefined)
  }

  static async open(dir: string, options: HistoryStoreOptions = {}): Promise<HistoryStore> {
    const store = new HistoryStore(dir, options)
    await mkdir(dir, { recursive: true })
    const hidden = await readJsonFile(join(dir, HIDDEN_FILE))
    const parsed = hidden.kind === 'ok' ? hiddenSchema.safeParse(hidden.value) : undefined
    for (const id of parsed?.success ? parsed.data.conversationIds : []) store.hidden.add(id)
    const hiddenBefore = store.hidden.size
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.jsonl')) continue
      const file = join(dir, name)
      // One unreadable file costs that conversation, never the app's start.
      const read = await readHistoryFile(file).catch((error: unknown) => {
        store.log(`history: cannot read ${name} (${messageOf(error)})`)
        return undefined
      })
      if (!read) continue
      const { records, skipped } = read
      if (skipped) store.log(`history: skipped ${skipped} unreadable line(s) in ${name}`)
      const conversation = fold(file, records)
      if (!conversation) continue
      if (conversation.deleted) {
        if (conversation.conversationId) store.hidden.add(conversation.conversationId)
        await rm(file, { force: true })
        continue
      }
      store.conversations.set(conversation.key, conversation)
      for (const message of conversation.messages) if (message.id) store.userIds.add(message.id)
    }
    if (store.hidden.size !== hiddenBefore) await store.saveHidden()
    return store
  }

  /** Conversations not in the trash, newest first. Empty ones (nothing said, no server id) are left out. */
  list(): LocalConversation[] {
    return [...this.conversations.values()]
      .filter((c) => !c.deleted && (c.messages.length > 0 || c.conversationId !== undefined))
      .map(summary)
      .sort((a, b) => b.updatedAt - a.updatedAt)
  }

  get(key: string): LocalConversation | undefined {
    const conversation = this.conversations.get(key)
    return conversation && !conversation.deleted ? summary(conversation) : undefined
  }

  messages(key: string): HistoryMessage[] {
    return (this.conversations.get(key)?.messages ?? []).map(({ id: _id, ...message }) => structuredClone(message))
  }

  /** The app's key for a server conversation, when the history knows it. */
  keyFor(conversationId: string): string | undefined {
    for (const c of this.conversations.values()) if (c.conversationId === conversationId) return c.key
    return undefined
  }

  /** Deleted by the user: in the trash now, or purged in an earlier run. */
  isHidden(conversationId: string): boolean {
    const key = this.keyFor(conversationId)
    return this.hidden.has(conversationId) || (key !== undefined && this.conversations.get(key)?.deleted === true)
  }

  /** Renames a conversation; a server-only one gets a local record for its title. */
  rename(key: string, title: string, conversationId?: string): LocalConversation {
    const conversation = this.ensure(key, conversationId)
    conversation.title = title
    this.append(conversation, [{ k: 'title', title }], true)
    return summary(conversation)
  }

  /** To the trash; a server-only one gets a local record so that it stays hidden. */
  delete(key: string, conversationId?: string): void {
    const conversation = this.ensure(key, conversationId)
    if (conversation.deleted) return
    conversation.deleted = true
    this.append(conversation, [{ k: 'deleted', at: this.now() }], true)
  }

  restore(key: string): LocalConversation | undefined {
    const conversation = this.conversations.get(key)
    if (!conversation) return undefined
    if (conversation.deleted) {
      conversation.deleted = false
      this.append(conversation, [{ k: 'restored', at: this.now() }], true)
    }
    return summary(conversation)
  }

  /** Takes the conversation's share of a host event batch. */
  record(events: HostEvent[]): void {
    for (const event of events) this.recordOne(event)
  }

  /** Resolves once everything recorded so far is written. */
  flush(): Promise<void> {
    return this.writing
  }

  private recordOne(event: HostEvent): void {
    switch (event.type) {
      case 'message': {
        const { id, conversationKey, text } = event.message
        // A retried message comes back `queued` with the same id: it is in the history already.
        if (this.userIds.has(id)) return
        this.userIds.add(id)
        const conversation = this.ensure(conversationKey)
        const at = event.message.createdAt
        conversation.messages.push({ role: 'user', text, at, id })
        return this.append(conversation, [{ k: 'user', id, text, at }], false)
      }
      case 'message-removed':
        return this.drop(event.id)
      case 'turn-start':
        this.turns.set(event.turnId, { key: event.conversationKey, tools: [] })
        this.ensure(event.conversationKey, event.conversationId)
        return
      case 'turn-tool-call':
        this.turns.get(event.turnId)?.tools.push(event.toolName)
        return
      case 'turn-end':
        return this.endTurn(event.turnId, event.content, false, event.conversationId)
      case 'turn-interrupted': {
        const turn = this.turns.get(event.turnId)
        const text = event.content ?? ''
        if (turn && (text || turn.tools.length)) return this.endTurn(event.turnId, text, true)
        this.turns.delete(event.turnId)
        return
      }
      case 'turn-error':
        if (event.turnId !== undefined) this.turns.delete(event.turnId)
        return
      default:
        return
    }
  }

  private endTurn(turnId: string, text: string, interrupted: boolean, conversationId?: string): void {
    const turn = this.turns.get(turnId)
    // A late `stream_end` after a stop: the cut-off answer is already recorded.
    if (!turn) return
    this.turns.delete(turnId)
    const conversation = this.ensure(turn.key, conversationId)
    const at = this.now()
    const tools = turn.tools.length ? { tools: turn.tools } : {}
    const flag = interrupted ? { interrupted: true } : {}
    conversation.messages.push({ role: 'assistant', text, at, ...tools, ...flag })
    this.append(conversation, [{ k: 'assistant', turnId, text, at, ...tools, ...flag }], true)
  }

  private drop(id: string): void {
    for (const conversation of this.conversations.values()) {
      const index = conversation.messages.findIndex((m) => m.id === id)
      if (index < 0) continue
      conversation.messages.splice(index, 1)
      return this.append(conversation, [{ k: 'drop', id }], false)
    }
  }

  /** The conversation with this key, created (with its file's first line) when new. */
  private ensure(key: string, conversationId?: string): Conversation {
    let conversation = this.conversations.get(key)
    if (!conversation) {
      const createdAt = this.now()
      const file = join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.jsonl`)
      conversation = { key, file, createdAt, updatedAt: createdAt, messages: [], deleted: false }
      this.conversations.set(key, conversation)
      this.append(conversation, [{ k: 'meta', key, createdAt, ...(conversationId ? { conversationId } : {}) }], false)
      if (conversationId) conversation.conversationId = conversationId
      return conversation
    }
    if (conversationId && conversation.conversationId !== conversationId) {
      conversation.conversationId = conversationId
      this.append(conversation, [{ k: 'id', conversationId }], false)
    }
    return conversation
  }

  private append(conversation: Conversation, records: HistoryRecord[], sync: boolean): void {
    if (records.some((r) => r.k === 'user' || r.k === 'assistant')) conversation.updatedAt = this.now()
    this.writing = this.writing
      .then(() => appendHistory(conversation.file, records, sync))
      .catch((error: unknown) => {
        // Said once: a full disk would otherwise repeat it for every message.
        if (!this.failed) this.log(`history: could not save (${messageOf(error)})`)
        this.failed = true
      })
  }

  private saveHidden(): Promise<void> {
    return writeFileAtomic(join(this.dir, HIDDEN_FILE), JSON.stringify({ version: 1, conversationIds: [...this.hidden] }))
  }
}

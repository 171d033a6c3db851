/**
 * The outbox: the single owner of "sent or not". Every user message lives here from the moment
 * it is typed until it is answered (or discarded), in send order, together with the map from the
 * app's conversation keys to the server's `conversation_id`s. Persisted as one atomic JSON file
 * (or kept in memory when `file` is null).
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { Emitter } from '../../../shared/emitter'
import { hostText } from '../../../shared/host/host-text'
import { outgoingMessageSchema, type OutgoingMessage } from '../../../shared/host/messages'
import { moveAside, readJsonFile, writeFileAtomic } from '../fs/atomic-write'

export const REASON_APP_CLOSED = 'The app closed before the answer finished'
/** Old conversation mappings are forgotten past this many (the newest are kept). */
const MAX_CONVERSATIONS = 1000

const fileSchema = z.object({
  version: z.literal(1),
  messages: z.array(z.unknown()),
  conversations: z.array(z.tuple([z.string(), z.string()])),
})

export type MessageUpdate = Partial<Pick<OutgoingMessage, 'state' | 'turnId' | ReasonField>>

type ReasonField = 'reason' | 'reasonCode' | 'reasonParams'

/** A message's `reason`, with its text code and params (shared/host/host-text.ts). */
export function messageReason(...args: Parameters<typeof hostText>): Pick<OutgoingMessage, ReasonField> {
  const { text, textCode, params } = hostText(...args)
  return params ? { reason: text, reasonCode: textCode, reasonParams: params } : { reason: text, reasonCode: textCode }
}

export class Outbox extends Emitter<{ changed: OutgoingMessage; removed: string }> {
  private readonly messages = new Map<string, OutgoingMessage>()
  /** conversationKey → server conversation_id, oldest first. */
  private readonly conversations = new Map<string, string>()
  private writing: Promise<void> = Promise.resolve()
  private pendingWrite: Promise<void> | null = null

  private constructor(
    readonly file: string | null,
    /** Where an unreadable outbox file was moved. */
    readonly recoveredFrom?: string,
  ) {
    super()
  }

  static async open(file: string | null): Promise<Outbox> {
    if (file === null) return new Outbox(null)
    const read = await readJsonFile(file)
    if (read.kind === 'missing') return new Outbox(file)
    const parsed = read.kind === 'ok' ? fileSchema.safeParse(read.value) : undefined
    if (!parsed?.success) return new Outbox(file, await moveAside(file))
    const outbox = new Outbox(file)
    let changed = false
    for (const raw of parsed.data.messages) {
      const entry = outgoingMessageSchema.safeParse(raw)
      if (!entry.success) {
        changed = true
        continue
      }
      const message = entry.data
      // Whether it reached the server is unknown, and its answer is gone with the old connection:
      // the user decides whether to send it again.
      if (message.state === 'sending' || message.state === 'sent') {
        outbox.messages.set(message.id, { ...message, state: 'interrupted', ...messageReason(REASON_APP_CLOSED, 'messageAppClosed') })
        changed = true
      } else if (message.state !== 'answered') {
        outbox.messages.set(message.id, message)
      }
    }
    for (const [key, id] of parsed.data.conversations) outbox.conversations.set(key, id)
    if (changed) await outbox.flush()
    return outbox
  }

  /** Every message the outbox owns, in send order. */
  list(): OutgoingMessage[] {
    return [...this.messages.values()].map(copy)
  }

  get(id: string): OutgoingMessage | undefined {
    const message = this.messages.get(id)
    return message && copy(message)
  }

  add(input: { conversationKey: string; text: string; images?: string[] }): OutgoingMessage {
    const message: OutgoingMessage = {
      id: randomUUID(),
      conversationKey: input.conversationKey,
      text: input.text,
      ...(input.images?.length ? { images: [...input.images] } : {}),
      createdAt: Date.now(),
      state: 'queued',
    }
    this.messages.set(message.id, message)
    this.changed(message)
    return copy(message)
  }

  /**
   * Changes a message's state (fields set to `undefined` are cleared; a new `reason` replaces its
   * code and params too). An `answered` message is announced once more and then leaves the
   * outbox: nothing about it remains to be delivered.
   */
  update(id: string, update: MessageUpdate): OutgoingMessage {
    const current = this.messages.get(id)
    if (!current) throw new Error(`No message ${id} in the outbox`)
    const next: OutgoingMessage = { ...current, ...update, state: update.state ?? current.state }
    if ('reason' in update) {
      if (!('reasonCode' in update)) delete next.reasonCode
      if (!('reasonParams' in update)) delete next.reasonParams
    }
    for (const key of ['turnId', 'reason', 'reasonCode', 'reasonParams'] as const) {
      if (key in update && update[key] === undefined) delete next[key]
    }
    if (next.state === 'answered') this.messages.delete(id)
    else this.messages.set(id, next)
    this.changed(next)
    return copy(next)
  }

  /** Queues a message again for a new attempt, behind everything already queued. */
  requeue(id: string): OutgoingMessage {
    const current = this.messages.get(id)
    if (!current) throw new Error(`No message ${id} in the outbox`)
    const { turnId: _turnId, reason: _reason, reasonCode: _code, reasonParams: _params, ...rest } = current
    const next: OutgoingMessage = { ...rest, state: 'queued' }
    this.messages.delete(id)
    this.messages.set(id, next)
    this.changed(next)
    return copy(next)
  }

  remove(id: string): boolean {
    if (!this.messages.delete(id)) return false
    void this.save()
    this.emit('removed', id)
    return true
  }

  conversationId(conversationKey: string): string | undefined {
    return this.conversations.get(conversationKey)
  }

  /** The app's key for a server conversation, when known. */
  conversationKeyFor(conversationId: string): string | undefined {
    for (const [key, id] of this.conversations) if (id === conversationId) return key
    return undefined
  }

  setConversationId(conversationKey: string, conversationId: string): void {
    if (this.conversations.get(conversationKey) === conversationId) return
    this.conversations.delete(conversationKey)
    this.conversations.set(conversationKey, conversationId)
    while (this.conversations.size > MAX_CONVERSATIONS) {
      const oldest = this.conversations.keys().next().value
      if (oldest === undefined) break
      this.conversations.delete(oldest)
    }
    void this.save()
  }

  /** Resolves once everything changed so far is on disk (rejects if that write failed). */
  flush(): Promise<void> {
    return this.pendingWrite ?? this.save()
  }

  private changed(message: OutgoingMessage): void {
    void this.save()
    this.emit('changed', copy(message))
  }

  /**
   * Coalesces changes: one write is queued at a time and takes its snapshot when it starts, so a
   * burst of changes costs one or two writes and the last write always holds the latest state.
   */
  private save(): Promise<void> {
    const file = this.file
    if (file === null) return Promise.resolve()
    if (this.pendingWrite) return this.pendingWrite
    const run = this.writing.then(() => {
      this.pendingWrite = null
      return writeFileAtomic(file, this.serialize())
    })
    this.pendingWrite = run
    this.writing = run.catch(() => undefined)
    // Callers that care (the session before sending) await `flush()`; others must not see a rejection.
    run.catch(() => undefined)
    return run
  }

  private serialize(): string {
    return JSON.stringify({ version: 1, messages: [...this.messages.values()], conversations: [...this.conversations] })
  }
}

function copy(message: OutgoingMessage): OutgoingMessage {
  return structuredClone(message)
}

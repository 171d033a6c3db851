/**
 * The last messages of recently used conversations, so a turn does not read its conversation's
 * file again. Bounded three ways: messages kept per conversation, conversations, and characters
 * in all; the least recently used conversation goes first.
 */
import type { MessageRecord } from './records'

export interface CacheLimits {
  /** Messages kept per conversation (its last ones). */
  messages: number
  conversations: number
  /** Characters of message text in all. */
  chars: number
}

export const DEFAULT_CACHE_LIMITS: CacheLimits = { messages: 200, conversations: 64, chars: 4_000_000 }

const charsOf = (messages: MessageRecord[]): number => messages.reduce((sum, m) => sum + m.content.length, 0)

export class TailCache {
  private readonly entries = new Map<string, { messages: MessageRecord[]; chars: number }>()
  private chars = 0

  constructor(private readonly limits: CacheLimits = DEFAULT_CACHE_LIMITS) {}

  /** The conversation's last messages held, oldest first (not a copy: do not change it). */
  get(id: string): readonly MessageRecord[] | undefined {
    const entry = this.entries.get(id)
    if (!entry) return undefined
    this.entries.delete(id)
    this.entries.set(id, entry)
    return entry.messages
  }

  /** Holds `messages` as the conversation's last ones. */
  set(id: string, messages: MessageRecord[]): void {
    this.drop(id)
    const kept = messages.slice(-this.limits.messages)
    const entry = { messages: kept, chars: charsOf(kept) }
    this.entries.set(id, entry)
    this.chars += entry.chars
    this.evict()
  }

  /** Adds a message to a conversation held (one not held stays so). */
  append(id: string, message: MessageRecord): void {
    const entry = this.entries.get(id)
    if (!entry) return
    entry.messages.push(message)
    entry.chars += message.content.length
    this.chars += message.content.length
    if (entry.messages.length > this.limits.messages) {
      const dropped = entry.messages.shift()?.content.length ?? 0
      entry.chars -= dropped
      this.chars -= dropped
    }
    this.evict()
  }

  private drop(id: string): void {
    const entry = this.entries.get(id)
    if (!entry) return
    this.entries.delete(id)
    this.chars -= entry.chars
  }

  /** The least recently used go until the bounds hold (a conversation bigger than all of it is not held). */
  private evict(): void {
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.limits.conversations && this.chars <= this.limits.chars) return
      this.drop(id)
    }
  }
}

/**
 * Turns for protocols that name none (Dexto, SYMindX, Lexicon): the server answers one message at a
 * time, so a turn opens at the first sign of an answer and closes with it. Each message sent waits
 * in order for its turn, which brings the conversation id the message went out with.
 */
import { randomUUID } from 'node:crypto'
import type { ProtocolEvent } from './types'

export class ImplicitTurns {
  private current: { turnId: string; conversationId?: string } | undefined
  /** Conversation ids of messages sent whose turn has not opened, oldest first. */
  private waiting: (string | undefined)[] = []

  constructor(private readonly newId: () => string = randomUUID) {}

  /** The turn open now. */
  get openTurn(): string | undefined {
    return this.current?.turnId
  }

  /** An answer is open or awaited. */
  get awaiting(): boolean {
    return this.current !== undefined || this.waiting.length > 0
  }

  /** A message went out (in the conversation `conversationId`). */
  sent(conversationId: string | undefined): void {
    this.waiting.push(conversationId)
  }

  /**
   * The open turn, opened now when there is none: `start` holds its `turn-start`, to be emitted
   * before the event that opened it. `conversationId`: what the server said, when it says.
   */
  ensure(conversationId?: string): { turnId: string; start: ProtocolEvent[] } {
    if (this.current) return { turnId: this.current.turnId, start: [] }
    const sentWith = this.waiting.shift()
    const id = conversationId ?? sentWith
    this.current = { turnId: this.newId(), ...(id === undefined ? {} : { conversationId: id }) }
    return { turnId: this.current.turnId, start: [{ kind: 'turn-start', ...this.current }] }
  }

  /** Closes the open turn, returning it. */
  end(): { turnId: string; conversationId?: string } | undefined {
    const turn = this.current
    this.current = undefined
    return turn
  }

  /** A message failed before its turn opened: it will get none. */
  failedBeforeStart(): void {
    this.waiting.shift()
  }

  /** A new connection: nothing sent on the old one is answered on it. */
  reset(): void {
    this.current = undefined
    this.waiting = []
  }
}

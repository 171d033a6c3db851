/**
 * Messages written on this connection whose `stream_start` has not come yet. The protocol has no
 * request ids, so a `stream_start` is matched by what it carries: the `conversation_id` a message
 * was sent with, else the oldest message that began a new conversation (the server made its id),
 * else the oldest of all (a server that changed the id). Each message has a deadline: one whose
 * turn never starts must not block its conversation. An expired message is remembered (a few, for
 * this connection) so that its late `stream_start` is recognized rather than given to another.
 */
export interface Awaited {
  readonly id: string
  /** The `conversation_id` the message was sent with; absent for a new conversation. */
  readonly conversationId?: string
}

/** How many expired messages are remembered for a late `stream_start`. */
const EXPIRED_KEPT = 32

interface Entry extends Awaited {
  timer: ReturnType<typeof setTimeout>
  /** The user pressed Stop before the turn began: it is stopped as soon as it starts. */
  stop: boolean
}

export class InFlight {
  /** Oldest first. */
  private queue: Entry[] = []
  /** `stopped`: the user stopped it before its turn began (a server that cannot be interrupted). */
  private expired: (Awaited & { stopped?: boolean })[] = []

  constructor(
    /** Read when each message is written, so a changed setting applies to the next one. */
    private readonly deadlineMs: () => number,
    private readonly onExpired: (id: string, afterMs: number) => void,
  ) {}

  get size(): number {
    return this.queue.length
  }

  /** Oldest first. */
  list(): Awaited[] {
    return this.queue.map(({ id, conversationId }) => (conversationId === undefined ? { id } : { id, conversationId }))
  }

  /** The oldest message still waiting. */
  oldest(): string | undefined {
    return this.queue[0]?.id
  }

  add(message: Awaited): void {
    const deadlineMs = this.deadlineMs()
    const entry: Entry = {
      ...message,
      stop: false,
      timer: setTimeout(() => {
        this.queue = this.queue.filter((e) => e !== entry)
        this.expired = [...this.expired, message].slice(-EXPIRED_KEPT)
        this.onExpired(message.id, deadlineMs)
      }, deadlineMs),
    }
    this.queue.push(entry)
  }

  /** Stop was pressed: every turn still to start is stopped when it does. Returns how many wait. */
  requestStop(): number {
    for (const entry of this.queue) entry.stop = true
    return this.queue.length
  }

  /**
   * Stop was pressed and the server cannot be interrupted: every message still waiting stops
   * waiting now, and its turn, should it still come, is recognized as stopped (`take`). Returns them.
   */
  stopWaiting(): Awaited[] {
    const stopped = this.list()
    for (const entry of this.queue) clearTimeout(entry.timer)
    this.queue = []
    this.expired = [...this.expired, ...stopped.map((m) => ({ ...m, stopped: true }))].slice(-EXPIRED_KEPT)
    return stopped
  }

  /**
   * The message a `stream_start` answers: `{ id, stop }` for one still waiting (now no longer),
   * `{ expired }` for one whose deadline passed or that was stopped before its turn, `undefined`
   * when it answers none of ours.
   */
  take(conversationId: string | undefined): { id: string; stop: boolean } | { expired: Awaited & { stopped?: boolean } } | undefined {
    const sameConversation = (m: Awaited) => conversationId !== undefined && m.conversationId === conversationId
    const newConversation = (m: Awaited) => m.conversationId === undefined
    const continued = this.queue.find(sameConversation)
    if (continued) return this.taken(continued)
    const late = this.expired.find(sameConversation)
    if (late) return this.forget(late)
    const fresh = this.queue.find(newConversation)
    if (fresh) return this.taken(fresh)
    const lateFresh = this.expired.find(newConversation)
    if (lateFresh) return this.forget(lateFresh)
    const oldest = this.queue[0]
    return oldest && this.taken(oldest)
  }

  /** Stops waiting for one message (it failed). Returns whether it was waiting. */
  drop(id: string): boolean {
    const entry = this.queue.find((e) => e.id === id)
    if (!entry) return false
    clearTimeout(entry.timer)
    this.queue = this.queue.filter((e) => e !== entry)
    return true
  }

  /** The connection is gone: nothing written on it can be answered any more. */
  clear(): void {
    for (const entry of this.queue) clearTimeout(entry.timer)
    this.queue = []
    this.expired = []
  }

  private taken(entry: Entry): { id: string; stop: boolean } {
    this.drop(entry.id)
    return { id: entry.id, stop: entry.stop }
  }

  private forget(expired: Awaited & { stopped?: boolean }): { expired: Awaited & { stopped?: boolean } } {
    this.expired = this.expired.filter((e) => e !== expired)
    return { expired }
  }
}

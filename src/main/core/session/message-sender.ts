/**
 * The session's send loop: queued messages go out in order, one at a time, each marked `sending`
 * durably before it is written once. A conversation waits while one of its messages still has no
 * turn start (the next one must carry the conversation id that turn brings).
 */
import { messageOf } from '../../../shared/errors'
import { hostText, type HostText } from '../../../shared/host/host-text'
import type { OutgoingMessage } from '../../../shared/host/messages'
import type { messageReason, Outbox } from './outbox'
import { RateWindow } from './rate-window'

/** What became of writing one message. */
export type WriteResult =
  /** On the socket, with this conversation id (the adapter may have chosen it). */
  | { written: true; conversationId?: string }
  /** Nothing reached the socket: it stays queued. */
  | { written: false }
  /** The protocol cannot carry it (too large): it fails, saying why, and nothing else is lost. */
  | { refused: ReturnType<typeof messageReason> }

export interface MessageSenderOptions {
  outbox: Outbox
  /** Writes a message as the protocol's frames (identity and conversation read from the settings and outbox now). */
  write: (message: OutgoingMessage, conversationId: string | undefined) => WriteResult
  /** The link is ready and the session not disposed. */
  canSend: () => boolean
  /** A message was written to the socket (with this `conversation_id`); its `stream_start` is now awaited. */
  onWritten: (id: string, conversationId: string | undefined) => void
  /** An error the user must hear about. */
  notify: (text: HostText) => void
  /** The protocol's message rate limit: a message past it waits (protocols/types.ts `ProtocolLimits.rate`). */
  rate?: { max: number; windowMs: number }
  /** For tests: the clock the rate limit reads. */
  now?: () => number
}

export class MessageSender {
  private pumping = false
  private persistWarned = false
  private readonly rate: RateWindow | undefined
  private wakeTimer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly options: MessageSenderOptions) {
    this.rate = options.rate && new RateWindow(options.rate, options.now)
  }

  /** Sends queued messages in order, one at a time; re-entrant calls are absorbed by the running loop. */
  pump(): void {
    if (this.pumping || !this.options.canSend()) return
    this.pumping = true
    this.drain().catch((error: unknown) => {
      const why = messageOf(error)
      this.options.notify(hostText(`Sending failed: ${why}`, 'sendFailed', { error: why }))
    })
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const next = this.options.canSend() ? this.nextToSend() : undefined
        if (!next) return
        const wait = this.rate?.wait() ?? 0
        if (wait > 0) return this.wakeAfter(wait)
        if (!(await this.deliver(next))) return
      }
    } finally {
      // Cleared in the same tick as the last check, so no later `pump()` call can be lost.
      this.pumping = false
    }
  }

  /** The oldest queued message whose conversation has no message waiting for its `stream_start`. */
  private nextToSend(): OutgoingMessage | undefined {
    const messages = this.options.outbox.list()
    const busy = new Set(messages.filter((m) => m.state === 'sending' || (m.state === 'sent' && !m.turnId)).map((m) => m.conversationKey))
    return messages.find((m) => m.state === 'queued' && !busy.has(m.conversationKey))
  }

  /** Marks `sending` durably, then writes once. Returns false when the pump should stop. */
  private async deliver(message: OutgoingMessage): Promise<boolean> {
    const { outbox } = this.options
    outbox.update(message.id, { state: 'sending' })
    try {
      await outbox.flush()
    } catch (error) {
      this.warnPersistFailure(error)
    }
    // Discarded or changed meanwhile (cannot happen through the public API, but never send blind).
    if (outbox.get(message.id)?.state !== 'sending') return true
    const result: WriteResult = this.options.canSend()
      ? this.options.write(message, outbox.conversationId(message.conversationKey))
      : { written: false }
    if ('refused' in result) {
      outbox.update(message.id, { state: 'failed', ...result.refused })
      return true
    }
    if (!result.written) {
      // Nothing reached the socket: it is still just queued.
      outbox.update(message.id, { state: 'queued' })
      return false
    }
    this.rate?.note()
    this.options.onWritten(message.id, result.conversationId)
    outbox.update(message.id, { state: 'sent' })
    return true
  }

  /** The rate limit is reached: the loop goes on once one more message fits. */
  private wakeAfter(ms: number): void {
    clearTimeout(this.wakeTimer)
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined
      this.pump()
    }, ms)
  }

  /** Sending goes on without durability rather than not at all; the user hears about it once. */
  private warnPersistFailure(error: unknown): void {
    if (this.persistWarned) return
    this.persistWarned = true
    const why = messageOf(error)
    const text = `Could not save the outbox (${why}); unsent messages may be lost if the app closes`
    this.options.notify(hostText(text, 'outboxUnsaved', { error: why }))
  }
}

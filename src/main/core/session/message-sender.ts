/**
 * The session's send loop: queued messages go out in order, one at a time, each marked `sending`
 * durably before it is written once. A conversation waits while one of its messages still has no
 * `stream_start` (the next one must carry the `conversation_id` that turn brings).
 */
import { messageOf } from '../../../shared/errors'
import { hostText, type HostText } from '../../../shared/host/host-text'
import type { OutgoingMessage } from '../../../shared/host/messages'
import type { ClientFrameInput } from '../../../shared/protocol'
import type { ChatLinkLike } from '../link/types'
import type { Outbox } from './outbox'

export interface MessageSenderOptions {
  link: ChatLinkLike
  outbox: Outbox
  /** Read when each message is written to the socket, so settings changes apply to queued messages. */
  identity: () => { agentId: string; userId: string; persona?: string; limit?: number }
  /** The link is ready and the session not disposed. */
  canSend: () => boolean
  /** A message was written to the socket (with this `conversation_id`); its `stream_start` is now awaited. */
  onWritten: (id: string, conversationId: string | undefined) => void
  /** An error the user must hear about. */
  notify: (text: HostText) => void
}

export class MessageSender {
  private pumping = false
  private persistWarned = false

  constructor(private readonly options: MessageSenderOptions) {}

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
        if (!next || !(await this.deliver(next))) return
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
    const { outbox, link } = this.options
    outbox.update(message.id, { state: 'sending' })
    try {
      await outbox.flush()
    } catch (error) {
      this.warnPersistFailure(error)
    }
    // Discarded or changed meanwhile (cannot happen through the public API, but never send blind).
    if (outbox.get(message.id)?.state !== 'sending') return true
    const frame = this.options.canSend() ? this.chatFrame(message) : undefined
    if (!frame || !link.send(frame)) {
      // Nothing reached the socket: it is still just queued.
      outbox.update(message.id, { state: 'queued' })
      return false
    }
    this.options.onWritten(message.id, frame.conversation_id ?? undefined)
    outbox.update(message.id, { state: 'sent' })
    return true
  }

  private chatFrame(message: OutgoingMessage): Extract<ClientFrameInput, { type: 'chat_message' }> {
    const { agentId, userId, persona, limit } = this.options.identity()
    const conversationId = this.options.outbox.conversationId(message.conversationKey)
    // Keys left `undefined` are not serialized: a new conversation has no conversation_id at all.
    return {
      type: 'chat_message',
      content: message.text,
      agent_id: agentId,
      user_id: userId,
      conversation_id: conversationId,
      persona: persona || undefined,
      images: message.images?.length ? message.images : undefined,
      limit,
    }
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

/**
 * The chat session: user messages out through the outbox, server frames in as `HostEvent`s. The
 * protocol adapter (protocols/types.ts; `/v1/chat/stream`'s by default) turns intents into frames
 * and frames into protocol events; what those mean for turns and messages is turn-flow.ts'. The
 * send loop is message-sender.ts; notices go out through session-notices.ts.
 */
import { randomUUID } from 'node:crypto'
import { Emitter } from '../../../shared/emitter'
import { messageOf } from '../../../shared/errors'
import { HostError } from '../../../shared/host/commands'
import type { AvatarConfig, AvatarModel, Background, HostEvent } from '../../../shared/host/events'
import type { LinkStatus } from '../../../shared/host/link-status'
import type { OutgoingMessage } from '../../../shared/host/messages'
import type { ClientFrameInput, ServerFrame } from '../../../shared/protocol'
import type { ChatLinkLike } from '../link/types'
import { dmpProtocol } from '../protocols/dmp'
import type { Identity, Intent, ProtocolEvent, ServerProtocol } from '../protocols/types'
import { InFlight } from './in-flight'
import { MessageSender, type WriteResult } from './message-sender'
import { newConversationSharedText, refusedPathsText } from './notice-texts'
import type { Outbox } from './outbox'
import { ServerRequests } from './server-requests'
import { SessionNotices } from './session-notices'
import { TurnFlow } from './turn-flow'
import { lostReason, notSavedReason, noStartReason, tooLargeReason } from './message-reasons'

export { REASON_CONNECTION_LOST } from './message-reasons'

export interface ChatSessionOptions<In = ServerFrame, Out = ClientFrameInput> {
  link: ChatLinkLike<In, Out>
  /** Default: `/v1/chat/stream` (protocols/dmp.ts); the link's adapter. */
  protocol?: ServerProtocol<In, Out>
  outbox: Outbox
  /** Read when each message is written to the socket, so settings changes apply to queued messages. */
  identity: () => Identity
  /** The server's REST base, to resolve background and model paths. */
  restBase: () => string
  /** For `fetchBackgrounds`, `fetchAvatarConfigs`, `switchAvatarConfig`. Default 10 s. */
  requestTimeoutMs?: number
  /** At most one notice per kind of bad frame per this long. Default 5 s. */
  noticeIntervalMs?: number
  /**
   * How long a written message may wait for its turn to start before it is given up as interrupted
   * (the user can retry it). Read at each write, so a changed setting applies. Default 60 s.
   */
  startTimeoutMs?: () => number
  /** For what is tolerated but worth a line in the log (unknown frame types). */
  log?: (line: string) => void
}

export class ChatSession<In = ServerFrame, Out = ClientFrameInput> extends Emitter<{ event: HostEvent }> {
  private readonly link: ChatLinkLike<In, Out>
  private readonly protocol: ServerProtocol<In, Out>
  private readonly outbox: Outbox
  private readonly options: ChatSessionOptions<In, Out>
  private readonly notices: SessionNotices
  private readonly sender: MessageSender
  private readonly flow: TurnFlow
  private readonly unsubscribe: (() => void)[]
  /** Messages written on this connection whose turn has not started yet. */
  private readonly inFlight: InFlight
  private readonly requests: ServerRequests
  private connectionId: string | undefined
  private ready: boolean
  private disposed = false

  constructor(options: ChatSessionOptions<In, Out>) {
    super()
    this.options = options
    this.link = options.link
    // Without an adapter the frame types are DMP's (the defaults of `In` and `Out`).
    this.protocol = options.protocol ?? (dmpProtocol() as unknown as ServerProtocol<In, Out>)
    this.outbox = options.outbox
    const publish = (event: HostEvent): void => this.publish(event)
    this.notices = new SessionNotices(publish, options.noticeIntervalMs ?? 5_000, options.log)
    this.inFlight = new InFlight(options.startTimeoutMs ?? (() => 60_000), (id, afterMs) => this.noStart(id, afterMs))
    const canSend = (): boolean => this.ready && !this.disposed
    this.sender = new MessageSender({
      outbox: this.outbox,
      write: (message, conversationId) => this.writeMessage(message, conversationId),
      canSend,
      onWritten: (id, conversationId) => this.inFlight.add(conversationId === undefined ? { id } : { id, conversationId }),
      notify: (text) => this.notices.tell('error', text),
      ...(this.protocol.limits.rate ? { rate: this.protocol.limits.rate } : {}),
    })
    this.requests = new ServerRequests((intent) => this.write(intent), canSend, options.requestTimeoutMs ?? 10_000)
    this.flow = new TurnFlow({
      outbox: this.outbox,
      inFlight: this.inFlight,
      sender: this.sender,
      requests: this.requests,
      notices: this.notices,
      capabilities: this.protocol.capabilities,
      publish,
      write: (intent) => void this.write(intent),
    })
    this.ready = this.link.status.state === 'ready'
    this.connectionId = this.link.status.connectionId
    // Nothing written by an earlier session can still be answered on this one.
    this.interruptUnanswered()
    this.unsubscribe = [
      this.link.on('status', (status) => this.onStatus(status)),
      this.link.on('frame', (frame) => this.onFrame(frame)),
      this.link.on('bad-frame', (bad) => this.notices.badFrame(bad)),
      this.outbox.on('changed', (message) => {
        this.publish({ type: 'message', message })
        if (message.state === 'queued') this.sender.pump()
      }),
      this.outbox.on('removed', (id) => this.publish({ type: 'message-removed', id })),
    ]
    this.sender.pump()
  }

  /** Queues a message; it goes out as soon as the link is ready and its conversation is free. */
  send(input: { text: string; conversationKey?: string; images?: string[] }): OutgoingMessage {
    if (this.disposed) throw new HostError('not-ready', 'The chat session is closed', { textCode: 'sessionClosed' })
    return this.outbox.add({ conversationKey: input.conversationKey ?? randomUUID(), text: input.text, images: input.images })
  }

  /**
   * `send`, answered once the message is on disk (fsync'd; messages sent together share one write),
   * so an acknowledged message survives a crash. A failed write leaves the message `failed`, saying why.
   */
  async submit(input: { text: string; conversationKey?: string; images?: string[] }): Promise<OutgoingMessage> {
    const message = this.send(input)
    try {
      await this.outbox.flush()
    } catch (error) {
      // Already on its way to the server (the link was ready): it is not lost, only not saved.
      if (this.outbox.get(message.id)?.state === 'queued') this.outbox.update(message.id, { state: 'failed', ...notSavedReason(messageOf(error)) })
    }
    return this.outbox.get(message.id) ?? message
  }

  /**
   * Stops one turn, or every open turn (and any message still waiting for its turn). A server that
   * cannot stop a turn is not asked: the turn ends here for the user (turn-flow.ts).
   */
  interrupt(turnId?: string): void {
    this.flow.stop(turnId)
  }

  /** An interrupted or failed message goes to the back of the queue for a new attempt. */
  retry(id: string): OutgoingMessage {
    const message = this.outbox.get(id)
    if (!message) throw new HostError('invalid-request', 'There is no such message to retry', { textCode: 'noSuchMessage' })
    if (message.state !== 'interrupted' && message.state !== 'failed') {
      const text = `Only an interrupted or failed message can be retried; this one is ${message.state}`
      throw new HostError('invalid-request', text, { textCode: 'cannotRetry', params: { state: message.state } })
    }
    return this.outbox.requeue(id)
  }

  discard(id: string): void {
    const message = this.outbox.get(id)
    if (!message) return
    if (message.state === 'sending' || message.state === 'sent') {
      throw new HostError('invalid-request', 'This message is being answered; stop the answer first', { textCode: 'messageBusy' })
    }
    this.outbox.remove(id)
  }

  /** Every message a freshly loaded UI must show: not yet answered, or needing the user's decision. */
  pending(): OutgoingMessage[] {
    return this.outbox.list().filter((m) => m.state !== 'answered')
  }

  fetchBackgrounds(): Promise<Background[]> {
    return this.requests.fetchBackgrounds()
  }

  fetchAvatarConfigs(): Promise<AvatarConfig[]> {
    return this.requests.fetchAvatarConfigs()
  }

  /** Resolves with the new model (`set_model_and_conf`); `avatar-switched` follows as an event. */
  switchAvatarConfig(file: string): Promise<AvatarModel> {
    return this.requests.switchAvatarConfig(file)
  }

  dispose(): void {
    if (this.disposed) return
    this.requests.failAll(new HostError('not-ready', 'The chat session is closed', { textCode: 'sessionClosed' }))
    this.connectionLost()
    this.disposed = true
    for (const off of this.unsubscribe) off()
  }

  private publish(event: HostEvent): void {
    this.emit('event', event)
  }

  /** Writes an intent's frames: `undefined` when the protocol has no such intent, false when the link took none. */
  private write(intent: Intent): boolean | undefined {
    const encoded = this.protocol.encode(intent)
    if (!encoded) return undefined
    return encoded.frames.every((frame) => this.link.send(frame))
  }

  private writeMessage(message: OutgoingMessage, known: string | undefined): WriteResult {
    // The first message of a conversation starts one on the server too, where the protocol can (Dexto `reset`).
    const fresh = known === undefined ? this.protocol.encode({ kind: 'new-conversation' }) : undefined
    const conversationId = known ?? fresh?.conversationId
    const intent: Intent = {
      kind: 'send',
      text: message.text,
      identity: this.options.identity(),
      ...(conversationId === undefined ? {} : { conversationId }),
      ...(message.images?.length ? { images: message.images } : {}),
    }
    const encoded = this.protocol.encode(intent)
    if (!encoded) return { written: false }
    const frames = [...(fresh?.frames ?? []), ...encoded.frames]
    const max = this.protocol.limits.maxFrameBytes
    const largest = max === undefined ? 0 : Math.max(0, ...frames.map((f) => Buffer.byteLength(this.protocol.serialize(f))))
    if (max !== undefined && largest > max) return { refused: tooLargeReason(largest, max) }
    if (!frames.every((frame) => this.link.send(frame))) return { written: false }
    if (fresh?.continues) this.notices.tell('info', newConversationSharedText())
    return encoded.conversationId === undefined ? { written: true } : { written: true, conversationId: encoded.conversationId }
  }

  /** Status events themselves are the host's to forward (it may decorate them). */
  private onStatus(status: LinkStatus): void {
    const ready = status.state === 'ready'
    // A new connection id without leaving `ready` is still a new connection.
    const replaced = ready && this.ready && status.connectionId !== this.connectionId
    if ((this.ready && !ready) || replaced) this.connectionLost()
    this.ready = ready
    this.connectionId = status.connectionId
    if (ready) this.sender.pump()
  }

  private onFrame(frame: In): void {
    for (const event of this.protocol.decode(frame)) this.onEvent(event, frame)
  }

  private onEvent(event: ProtocolEvent, frame: In): void {
    switch (event.kind) {
      case 'turn-start':
        return this.flow.onTurnStart(event)
      case 'token':
      case 'speech':
      case 'emotion':
      case 'tool-call':
      case 'tool-result':
      case 'turn-end':
        return this.flow.onStream(event, this.protocol.describe(frame))
      case 'interrupt-result':
        return this.flow.onInterruptResult(event)
      case 'error':
        return this.flow.onError(event)
      case 'notice':
        return this.notices.tell(event.level, event.text)
      case 'backgrounds':
      case 'avatar-configs':
      case 'avatar-model':
      case 'avatar-switched': {
        const { event: answer, refused } = this.requests.answer(event, this.options.restBase())
        if (refused.length) this.notices.limited('refused-path', 'warning', refusedPathsText(refused))
        return this.publish(answer)
      }
      case 'ignored':
        return this.notices.ignored(event.what)
    }
  }

  /** A written message's turn did not start in time: it stops blocking its conversation, and can be retried. */
  private noStart(id: string, afterMs: number): void {
    if (this.outbox.get(id)?.state === 'sent') this.outbox.update(id, { state: 'interrupted', ...noStartReason(afterMs) })
    this.sender.pump()
  }

  /** The link left `ready`: open turns and unanswered messages are cut off, and never re-sent on their own. */
  private connectionLost(): void {
    this.flow.connectionLost()
    this.interruptUnanswered()
    this.inFlight.clear()
    this.requests.failAll(new HostError('not-ready', 'The connection to the server was lost', { textCode: 'connectionLost' }))
  }

  private interruptUnanswered(): void {
    for (const message of this.outbox.list()) {
      if (message.state === 'sent') this.outbox.update(message.id, { state: 'interrupted', ...lostReason() })
    }
  }
}

/**
 * The chat session: user messages out through the outbox, server frames in as `HostEvent`s.
 * It owns the parts of the protocol that have no correlation ids: `stream_start`s are matched to
 * sent messages (in-flight.ts), errors to what they answer (error-attribution.ts), and stream
 * frames to the open turn. The send loop is message-sender.ts; notices go out through session-notices.ts.
 */
import { randomUUID } from 'node:crypto'
import { Emitter } from '../../../shared/emitter'
import { messageOf } from '../../../shared/errors'
import { HostError } from '../../../shared/host/commands'
import { hostText } from '../../../shared/host/host-text'
import type { AvatarConfig, AvatarModel, Background, HostEvent } from '../../../shared/host/events'
import type { LinkStatus } from '../../../shared/host/link-status'
import type { OutgoingMessage } from '../../../shared/host/messages'
import { ErrorCode, isInformationalErrorCode, type ServerFrame, type ServerFrameOf } from '../../../shared/protocol'
import type { ChatLinkLike } from '../link/types'
import { attributeError } from './error-attribution'
import { InFlight } from './in-flight'
import { MessageSender } from './message-sender'
import { orphanFrameText, refusedPathsText } from './notice-texts'
import type { MessageUpdate, Outbox } from './outbox'
import { ServerRequests } from './server-requests'
import { SessionNotices } from './session-notices'
import { TurnTracker, type StreamFrame, type Turn } from './turn-tracker'
import { lostReason, notSavedReason, noStartReason, tooLongReason } from './message-reasons'

export { REASON_CONNECTION_LOST } from './message-reasons'


export interface ChatSessionOptions {
  link: ChatLinkLike
  outbox: Outbox
  /** Read when each message is written to the socket, so settings changes apply to queued messages. */
  identity: () => { agentId: string; userId: string; persona?: string; limit?: number }
  /** The server's REST base, to resolve background and model paths. */
  restBase: () => string
  /** For `fetchBackgrounds`, `fetchAvatarConfigs`, `switchAvatarConfig`. Default 10 s. */
  requestTimeoutMs?: number
  /** At most one notice per kind of bad frame per this long. Default 5 s. */
  noticeIntervalMs?: number
  /**
   * How long a written message may wait for its `stream_start` before it is given up as interrupted
   * (the user can retry it). Read at each write, so a changed setting applies. Default 60 s.
   */
  startTimeoutMs?: () => number
  /** For what is tolerated but worth a line in the log (unknown frame types). */
  log?: (line: string) => void
}

export class ChatSession extends Emitter<{ event: HostEvent }> {
  private readonly link: ChatLinkLike
  private readonly outbox: Outbox
  private readonly options: ChatSessionOptions
  private readonly tracker = new TurnTracker()
  private readonly notices: SessionNotices
  private readonly sender: MessageSender
  private readonly unsubscribe: (() => void)[]
  /** Messages written on this connection whose `stream_start` has not come yet. */
  private readonly inFlight: InFlight
  private readonly requests: ServerRequests
  private connectionId: string | undefined
  private ready: boolean
  private disposed = false

  constructor(options: ChatSessionOptions) {
    super()
    this.options = options
    this.link = options.link
    this.outbox = options.outbox
    this.notices = new SessionNotices((event) => this.publish(event), options.noticeIntervalMs ?? 5_000, options.log)
    this.inFlight = new InFlight(options.startTimeoutMs ?? (() => 60_000), (id, afterMs) => this.noStart(id, afterMs))
    this.sender = new MessageSender({
      link: this.link,
      outbox: this.outbox,
      identity: options.identity,
      canSend: () => this.ready && !this.disposed,
      onWritten: (id, conversationId) => this.inFlight.add(conversationId === undefined ? { id } : { id, conversationId }),
      notify: (text) => this.notices.tell('error', text),
    })
    this.requests = new ServerRequests(this.link, () => this.ready && !this.disposed, options.requestTimeoutMs ?? 10_000)
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

  /** Asks the server to stop one turn, or every open turn (and any message still waiting for its turn). */
  interrupt(turnId?: string): void {
    const turns = this.tracker.requestInterrupt(turnId)
    // A stop button pressed after the answer ended must not earn a 4004 notice.
    if (turnId === undefined && this.inFlight.requestStop() === 0 && turns.length === 0) return
    this.link.send({ type: 'interrupt_stream', turn_id: turnId })
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

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'stream_start':
        return this.onStreamStart(frame)
      case 'stream_token':
      case 'tts_ready_chunk':
      case 'tool_call':
      case 'tool_result':
      case 'stream_end':
        return this.onStream(frame)
      case 'error':
        return this.onError(frame)
      case 'background_files':
      case 'avatar_config_files':
      case 'set_model_and_conf':
      case 'avatar_config_switched': {
        const { event, refused } = this.requests.answer(frame, this.options.restBase())
        if (refused.length) this.notices.limited('refused-path', 'warning', refusedPathsText(refused))
        return this.publish(event)
      }
      case 'authorize_success':
      case 'authorize_error':
      case 'ping':
        return // the link's own business
    }
  }

  private onStreamStart(frame: ServerFrameOf<'stream_start'>): void {
    const conversationId = frame.conversation_id
    const match = this.inFlight.take(conversationId)
    // A message given up on (its deadline passed) gets no turn: its turn is stopped as soon as it starts.
    const late = match && 'expired' in match ? this.outbox.get(match.expired.id) : undefined
    const message = match && 'id' in match ? this.outbox.get(match.id) : undefined
    const conversationKey =
      (message ?? late)?.conversationKey ??
      (conversationId === undefined ? undefined : (this.outbox.conversationKeyFor(conversationId) ?? conversationId)) ??
      frame.turn_id
    if (conversationId !== undefined) this.outbox.setConversationId(conversationKey, conversationId)
    this.publish(this.tracker.start({ turnId: frame.turn_id, conversationKey, conversationId, messageId: message?.id }))
    if (message) this.outbox.update(message.id, { turnId: frame.turn_id })
    if (match !== undefined && ('expired' in match || match.stop)) {
      this.tracker.requestInterrupt(frame.turn_id)
      this.link.send({ type: 'interrupt_stream', turn_id: frame.turn_id })
    }
    // The next message of this conversation may go now, carrying the conversation_id.
    if (message) this.sender.pump()
  }

  private onStream(frame: StreamFrame): void {
    const result = this.tracker.track(frame)
    if (result.kind === 'dropped') return
    if (result.kind === 'orphan') return this.notices.limited(`orphan:${frame.type}`, 'warning', orphanFrameText(frame.type))
    for (const event of result.events) this.publish(event)
    if (result.kind === 'too-long') {
      // Stop the server too; its late frames for this turn are dropped by the tracker.
      this.link.send({ type: 'interrupt_stream', turn_id: result.turn.turnId })
      return this.settle(result.turn, { state: 'interrupted', ...tooLongReason() })
    }
    if (result.kind !== 'turn' || !result.ended) return
    const { turn } = result
    if (turn.conversationId !== undefined) this.outbox.setConversationId(turn.conversationKey, turn.conversationId)
    this.settle(turn, { state: 'answered' })
  }

  private onError(frame: ServerFrameOf<'error'>): void {
    const { code, error } = frame
    if (isInformationalErrorCode(code)) {
      const textCode = code === ErrorCode.nothingToInterrupt ? 'nothingToInterrupt' : 'interrupted'
      this.notices.tell('info', hostText(error, textCode, { message: error }), code)
      if (code === ErrorCode.nothingToInterrupt) return this.tracker.cancelInterrupt(frame.turn_id)
      const { turns, events } = this.tracker.confirmInterrupt(frame.turn_id)
      for (const event of events) this.publish(event)
      // The user stopped it: the partial answer is the answer, nothing to retry.
      for (const turn of turns) this.settle(turn, { state: 'answered' })
      return
    }
    if (frame.turn_id !== undefined) {
      const turn = this.tracker.fail(frame.turn_id)
      const messageId = turn?.messageId ?? this.outbox.list().find((m) => m.turnId === frame.turn_id)?.id
      this.publish({ type: 'turn-error', turnId: frame.turn_id, ...(messageId === undefined ? {} : { messageId }), code, error })
      if (messageId !== undefined) this.fail(messageId, error)
      return
    }
    const owner = attributeError(error, this.inFlight, this.requests)
    if (owner.kind === 'request') return
    if (owner.kind === 'message') {
      // Before its stream_start (e.g. 400: missing agent_id).
      this.inFlight.drop(owner.id)
      this.publish({ type: 'turn-error', messageId: owner.id, code, error })
      this.fail(owner.id, error)
      return this.sender.pump()
    }
    this.notices.tell('error', hostText(error, 'serverError', { message: error }), code)
  }

  /** A written message's turn did not start in time: it stops blocking its conversation, and can be retried. */
  private noStart(id: string, afterMs: number): void {
    if (this.outbox.get(id)?.state === 'sent') this.outbox.update(id, { state: 'interrupted', ...noStartReason(afterMs) })
    this.sender.pump()
  }

  /** The link left `ready`: open turns and unanswered messages are cut off, and never re-sent on their own. */
  private connectionLost(): void {
    const { turns, events } = this.tracker.loseAll()
    for (const event of events) this.publish(event)
    for (const turn of turns) this.settle(turn, { state: 'interrupted', ...lostReason() })
    this.interruptUnanswered()
    this.inFlight.clear()
    this.requests.failAll(new HostError('not-ready', 'The connection to the server was lost', { textCode: 'connectionLost' }))
  }

  private interruptUnanswered(): void {
    for (const message of this.outbox.list()) {
      if (message.state === 'sent') this.outbox.update(message.id, { state: 'interrupted', ...lostReason() })
    }
  }

  private settle(turn: Turn, update: MessageUpdate & { state: 'answered' | 'interrupted' }): void {
    if (turn.messageId !== undefined && this.outbox.get(turn.messageId)?.state === 'sent') this.outbox.update(turn.messageId, update)
  }

  private fail(messageId: string, reason: string): void {
    if (this.outbox.get(messageId)) this.outbox.update(messageId, { state: 'failed', reason })
  }
}

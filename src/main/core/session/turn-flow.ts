/**
 * What the server's turn events mean for the outbox and the UI. No protocol has request ids, so
 * turn starts are matched to sent messages (in-flight.ts), errors to what they answer
 * (error-attribution.ts), and stream events to the open turn (turn-tracker.ts). Where the server
 * sends no speech chunks, the token stream is chunked here (client-speech.ts); where it cannot
 * stop a turn, Stop closes it here and the rest of it is ignored.
 */
import type { HostEvent } from '../../../shared/host/events'
import { hostText } from '../../../shared/host/host-text'
import type { Intent, ProtocolCapabilities, ProtocolEventOf } from '../protocols/types'
import { ClientSpeech } from './client-speech'
import { attributeError } from './error-attribution'
import type { InFlight } from './in-flight'
import type { MessageSender } from './message-sender'
import { lostReason, rateLimitedReason, stoppedBeforeAnswerReason, tooLongReason } from './message-reasons'
import { orphanFrameText } from './notice-texts'
import { messageReason, type MessageUpdate, type Outbox } from './outbox'
import type { ServerRequests } from './server-requests'
import type { SessionNotices } from './session-notices'
import { TurnTracker, type StreamEvent, type Turn } from './turn-tracker'

export interface TurnFlowDeps {
  outbox: Outbox
  inFlight: InFlight
  sender: MessageSender
  requests: ServerRequests
  notices: SessionNotices
  capabilities: ProtocolCapabilities
  publish: (event: HostEvent) => void
  /** Writes an intent's frames (when the protocol has them). */
  write: (intent: Intent) => void
}

/** How many turns stopped here are remembered, to ignore what the server still sends of them. */
const STOPPED_KEPT = 32

export class TurnFlow {
  private readonly tracker = new TurnTracker()
  private readonly speech: ClientSpeech | undefined
  /** Turns stopped here (the server cannot stop them): the rest of each is ignored, its end too. */
  private stoppedHere: string[] = []
  /** Messages refused for now (rate limit), waiting to go out again. */
  private readonly retries = new Set<ReturnType<typeof setTimeout>>()

  constructor(private readonly deps: TurnFlowDeps) {
    this.speech = deps.capabilities.speechChunks ? undefined : new ClientSpeech()
  }

  /** Stop: the named turn, or every open turn and every message still waiting for its turn. */
  stop(turnId?: string): void {
    const turns = this.tracker.requestInterrupt(turnId)
    if (!this.deps.capabilities.interrupt) {
      // Nothing to ask the server: what has not begun stops now too, not when its answer comes.
      const waiting = turnId === undefined ? this.deps.inFlight.stopWaiting() : []
      if (turns.length > 0 || waiting.length > 0) this.stopHere(turnId, waiting)
      return
    }
    // A stop button pressed after the answer ended must not earn a 4004 notice.
    if (turnId === undefined && this.deps.inFlight.requestStop() === 0 && turns.length === 0) return
    this.deps.write({ kind: 'interrupt', ...(turnId === undefined ? {} : { turnId }) })
  }

  onTurnStart(event: ProtocolEventOf<'turn-start'>): void {
    const { outbox, inFlight, sender } = this.deps
    const { conversationId, turnId } = event
    const match = inFlight.take(conversationId)
    // The user already stopped it before it began: its answer is ignored, not shown, not spoken.
    if (match && 'expired' in match && match.expired.stopped) {
      this.stoppedHere = [...this.stoppedHere, turnId].slice(-STOPPED_KEPT)
      return
    }
    // A message given up on (its deadline passed) gets no turn: its turn is stopped as soon as it starts.
    const late = match && 'expired' in match ? outbox.get(match.expired.id) : undefined
    const message = match && 'id' in match ? outbox.get(match.id) : undefined
    const conversationKey =
      (message ?? late)?.conversationKey ?? (conversationId === undefined ? undefined : (outbox.conversationKeyFor(conversationId) ?? conversationId)) ?? turnId
    if (conversationId !== undefined) outbox.setConversationId(conversationKey, conversationId)
    this.deps.publish(this.tracker.start({ turnId, conversationKey, conversationId, messageId: message?.id }))
    if (message) outbox.update(message.id, { turnId })
    if (match !== undefined && ('expired' in match || match.stop)) this.stop(turnId)
    // The next message of this conversation may go now, carrying the conversation id.
    if (message) sender.pump()
  }

  onStream(event: StreamEvent, frameName: string): void {
    if (event.turnId !== undefined && this.stoppedHere.includes(event.turnId)) return
    const result = this.tracker.track(event)
    if (result.kind === 'dropped') return
    if (result.kind === 'orphan') return this.deps.notices.limited(`orphan:${frameName}`, 'warning', orphanFrameText(frameName))
    if (result.kind === 'late-end') return result.events.forEach(this.deps.publish)
    const { turn } = result
    if (result.kind === 'too-long') {
      this.speech?.drop(turn.turnId)
      result.events.forEach(this.deps.publish)
      // Stop the server too; its late frames for this turn are dropped by the tracker.
      if (this.deps.capabilities.interrupt) this.deps.write({ kind: 'interrupt', turnId: turn.turnId })
      return this.settle(turn, { state: 'interrupted', ...tooLongReason() })
    }
    // What the end adds is spoken before the turn ends; a token is shown before it is spoken.
    if (this.speech && event.kind === 'turn-end') this.speech.end(turn.turnId, event.content).forEach(this.deps.publish)
    result.events.forEach(this.deps.publish)
    if (this.speech && event.kind === 'token') this.speech.token(turn.turnId, event.chunk).forEach(this.deps.publish)
    if (this.speech && event.kind === 'emotion') this.speech.emotion(turn.turnId, event.emotion)
    if (!result.ended) return
    if (turn.conversationId !== undefined) this.deps.outbox.setConversationId(turn.conversationKey, turn.conversationId)
    this.settle(turn, { state: 'answered' })
  }

  onInterruptResult(event: ProtocolEventOf<'interrupt-result'>): void {
    const textCode = event.stopped ? 'interrupted' : 'nothingToInterrupt'
    this.deps.notices.tell('info', hostText(event.message, textCode, { message: event.message }), event.code)
    if (!event.stopped) return this.tracker.cancelInterrupt(event.turnId)
    this.closeStopped(this.tracker.confirmInterrupt(event.turnId))
  }

  onError(event: ProtocolEventOf<'error'>): void {
    const { outbox, inFlight, requests, publish, notices, sender } = this.deps
    const { code, turnId } = event
    const error = event.text?.text ?? (event.fix ? `${event.message} (${event.fix})` : event.message)
    const reason = event.text ? messageReason(event.text.text, event.text.textCode, event.text.params) : { reason: error }
    if (turnId !== undefined) {
      const turn = this.tracker.fail(turnId)
      this.speech?.drop(turnId)
      const messageId = turn?.messageId ?? outbox.list().find((m) => m.turnId === turnId)?.id
      publish({ type: 'turn-error', turnId, ...(messageId === undefined ? {} : { messageId }), code, error })
      if (messageId !== undefined) this.fail(messageId, reason)
      return
    }
    const owner = attributeError(event.message, inFlight, requests)
    if (owner.kind === 'request') return
    if (owner.kind === 'message') {
      // Before its turn started (e.g. 400: missing agent_id).
      inFlight.drop(owner.id)
      if (event.retryAfterMs !== undefined) return this.retryLater(owner.id, event.retryAfterMs)
      publish({ type: 'turn-error', messageId: owner.id, code, error })
      this.fail(owner.id, reason)
      return sender.pump()
    }
    notices.tell('error', event.text ?? hostText(error, 'serverError', { message: error }), typeof code === 'number' ? code : null)
  }

  /**
   * The server refused a message for now (rate limit), so it was not taken: it goes out again
   * after `ms`, still holding its conversation's place. A lost connection makes it interrupted first.
   */
  private retryLater(id: string, ms: number): void {
    const { outbox } = this.deps
    outbox.update(id, rateLimitedReason(ms))
    const timer = setTimeout(() => {
      this.retries.delete(timer)
      const message = outbox.get(id)
      if (message?.state === 'sent' && message.turnId === undefined) outbox.update(id, { state: 'queued', reason: undefined })
    }, ms)
    this.retries.add(timer)
  }

  /** The connection is gone: open turns are cut off, and never re-sent on their own. */
  connectionLost(): void {
    for (const timer of this.retries) clearTimeout(timer)
    this.retries.clear()
    const { turns, events } = this.tracker.loseAll()
    this.speech?.clear()
    events.forEach(this.deps.publish)
    for (const turn of turns) this.settle(turn, { state: 'interrupted', ...lostReason() })
  }

  /**
   * The server cannot stop turns: they end here for the user, and what the server still sends of
   * them is ignored. Messages whose answer has not begun (`waiting`) are marked stopped, retryable.
   */
  private stopHere(turnId: string | undefined, waiting: { id: string }[]): void {
    const text = 'Stopped. This server cannot be interrupted: it may still be working on the answer, whose rest is ignored'
    this.deps.notices.tell('info', hostText(text, 'stoppedLocally'))
    const stopped = this.tracker.confirmInterrupt(turnId)
    this.stoppedHere = [...this.stoppedHere, ...stopped.turns.map((t) => t.turnId)].slice(-STOPPED_KEPT)
    this.closeStopped(stopped)
    const { outbox } = this.deps
    for (const { id } of waiting) if (outbox.get(id)?.state === 'sent') outbox.update(id, { state: 'interrupted', ...stoppedBeforeAnswerReason() })
    if (waiting.length > 0) this.deps.sender.pump()
  }

  /** The user stopped them: the partial answer is the answer, nothing to retry. */
  private closeStopped({ turns, events }: { turns: Turn[]; events: HostEvent[] }): void {
    events.forEach(this.deps.publish)
    for (const turn of turns) {
      this.speech?.drop(turn.turnId)
      this.settle(turn, { state: 'answered' })
    }
  }

  private settle(turn: Turn, update: MessageUpdate & { state: 'answered' | 'interrupted' }): void {
    const { outbox } = this.deps
    if (turn.messageId !== undefined && outbox.get(turn.messageId)?.state === 'sent') outbox.update(turn.messageId, update)
  }

  private fail(messageId: string, reason: ReturnType<typeof messageReason>): void {
    if (this.deps.outbox.get(messageId)) this.deps.outbox.update(messageId, { state: 'failed', ...reason })
  }
}

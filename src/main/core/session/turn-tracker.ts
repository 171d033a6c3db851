/**
 * Turns as the server streams them. Servers often name no turn on tokens, speech chunks and tool
 * frames (the real `/v1/chat/stream` server puts no `turn_id` on them), so those go to the open
 * turn: the one named by the event when it does carry a `turnId`, else the most recently started
 * one. Pure: protocol events in, `HostEvent`s out; the session decides what they mean for the outbox.
 */
import type { HostEvent } from '../../../shared/host/events'
import { MAX_TURN_TEXT } from '../../../shared/protocol'
import type { ProtocolEventOf } from '../protocols/types'

export interface Turn {
  readonly turnId: string
  readonly conversationKey: string
  conversationId?: string
  /** The outbox message this turn answers (absent for a turn the app did not ask for). */
  readonly messageId?: string
  /**
   * What streamed so far: the core's only copy of it. The answer when the turn's end carries no
   * `content`, and the `content` of `turn-interrupted` (which the history keeps).
   */
  text: string
  /** A tool result that does not name its tool belongs to the last tool call. */
  lastToolName?: string
  /** The user asked to stop it; the server has not confirmed yet. */
  interruptRequested: boolean
}

export type StreamEvent = ProtocolEventOf<'token' | 'speech' | 'emotion' | 'tool-call' | 'tool-result' | 'turn-end'>

export type TrackResult =
  /** Attributed to an open turn; `ended` when it was the turn's end. */
  | { kind: 'turn'; turn: Turn; events: HostEvent[]; ended: boolean }
  /** The end of a turn already closed early (stopped or failed): its final text, nothing more. */
  | { kind: 'late-end'; events: HostEvent[] }
  /** The token would take the turn's text past `MAX_TURN_TEXT`: the turn is closed as `too-long`. */
  | { kind: 'too-long'; turn: Turn; events: HostEvent[] }
  /**
   * An event of a turn closed as too long, still streaming until the server stops it, or one that
   * names a turn closed early (stopped where the server cannot stop): dropped.
   */
  | { kind: 'dropped' }
  /** No open turn to attribute it to. */
  | { kind: 'orphan' }

/** How many early-closed turn ids are remembered for their late `stream_end`. */
const RECENTLY_CLOSED = 32

export class TurnTracker {
  /** In start order. */
  private readonly open = new Map<string, Turn>()
  private readonly recentlyClosed: string[] = []
  /** The last turn closed as too long; unnamed frames are its leftovers while no other turn is open. */
  private draining: string | undefined

  start(info: { turnId: string; conversationKey: string; conversationId?: string; messageId?: string }): HostEvent {
    const turn: Turn = { ...info, text: '', interruptRequested: false }
    this.draining = undefined
    this.open.delete(info.turnId)
    this.open.set(info.turnId, turn)
    return {
      type: 'turn-start',
      turnId: turn.turnId,
      conversationKey: turn.conversationKey,
      ...(turn.conversationId === undefined ? {} : { conversationId: turn.conversationId }),
      ...(turn.messageId === undefined ? {} : { messageId: turn.messageId }),
    }
  }

  track(event: StreamEvent): TrackResult {
    const named = event.turnId
    const turn = this.target(named)
    if (!turn) {
      if (this.draining !== undefined && (named === undefined || named === this.draining)) {
        if (event.kind === 'turn-end') this.draining = undefined
        return { kind: 'dropped' }
      }
      if (named === undefined || !this.recentlyClosed.includes(named)) return { kind: 'orphan' }
      if (event.kind !== 'turn-end') return { kind: 'dropped' }
      const fits = event.content !== undefined && event.content.length <= MAX_TURN_TEXT
      return { kind: 'late-end', events: fits ? [endEvent(named, event.conversationId, event.content ?? '')] : [] }
    }
    const turnId = turn.turnId
    switch (event.kind) {
      case 'token':
        if (turn.text.length + event.chunk.length > MAX_TURN_TEXT) {
          this.draining = turnId
          return { kind: 'too-long', turn, events: this.closeEarly([turn], 'too-long').events }
        }
        turn.text += event.chunk
        return attributed(turn, [{ type: 'turn-token', turnId, chunk: event.chunk }])
      case 'speech':
        return attributed(turn, [{ type: 'turn-speech', turnId, chunk: event.chunk, ...(event.emotion === undefined ? {} : { emotion: event.emotion }) }])
      case 'emotion':
        return attributed(turn, [{ type: 'turn-emotion', turnId, emotion: event.emotion }])
      case 'tool-call':
        turn.lastToolName = event.toolName
        return attributed(turn, [{ type: 'turn-tool-call', turnId, toolName: event.toolName, args: event.args }])
      case 'tool-result': {
        const toolName = event.toolName ?? turn.lastToolName
        return attributed(turn, [{ type: 'turn-tool-result', turnId, ...(toolName === undefined ? {} : { toolName }), result: event.result }])
      }
      case 'turn-end': {
        this.open.delete(turnId)
        if (event.conversationId !== undefined) turn.conversationId = event.conversationId
        // `content` is authoritative; the streamed text is only the fallback.
        const content = event.content !== undefined && event.content.length <= MAX_TURN_TEXT ? event.content : turn.text
        const events: HostEvent[] = [endEvent(turnId, turn.conversationId, content)]
        if (turn.interruptRequested) events.push({ type: 'turn-interrupted', turnId, reason: 'interrupted', content: turn.text })
        return { kind: 'turn', turn, events, ended: true }
      }
    }
  }

  /** Marks turns the user wants stopped (all open ones when `turnId` is omitted). */
  requestInterrupt(turnId?: string): Turn[] {
    const turns = turnId === undefined ? [...this.open.values()] : [this.open.get(turnId)].filter((t) => t !== undefined)
    for (const turn of turns) turn.interruptRequested = true
    return turns
  }

  /**
   * The server confirmed an interruption (4003): closes the named turn, or, without a name, every
   * turn the user asked to stop.
   */
  confirmInterrupt(turnId?: string): { turns: Turn[]; events: HostEvent[] } {
    const turns =
      turnId === undefined
        ? [...this.open.values()].filter((t) => t.interruptRequested)
        : [this.open.get(turnId)].filter((t) => t !== undefined)
    return this.closeEarly(turns, 'interrupted')
  }

  /** The server had nothing to interrupt (4004): the turns will end on their own. */
  cancelInterrupt(turnId?: string): void {
    for (const turn of this.open.values()) if (turnId === undefined || turn.turnId === turnId) turn.interruptRequested = false
  }

  /** The connection is gone, and every open turn with it. */
  loseAll(): { turns: Turn[]; events: HostEvent[] } {
    const result = this.closeEarly([...this.open.values()], 'connection-lost')
    this.recentlyClosed.length = 0
    this.draining = undefined
    return result
  }

  /** Closes a turn the server reported as failed; returns it when it was open. */
  fail(turnId: string): Turn | undefined {
    const turn = this.open.get(turnId)
    if (turn) this.closeEarly([turn], null)
    return turn
  }

  openTurns(): Turn[] {
    return [...this.open.values()]
  }

  private target(turnId: string | undefined): Turn | undefined {
    if (turnId !== undefined) return this.open.get(turnId)
    let latest: Turn | undefined
    for (const turn of this.open.values()) latest = turn
    return latest
  }

  private closeEarly(turns: Turn[], reason: 'interrupted' | 'connection-lost' | 'too-long' | null): { turns: Turn[]; events: HostEvent[] } {
    const events: HostEvent[] = []
    for (const turn of turns) {
      this.open.delete(turn.turnId)
      this.recentlyClosed.push(turn.turnId)
      if (reason) events.push({ type: 'turn-interrupted', turnId: turn.turnId, reason, content: turn.text })
    }
    this.recentlyClosed.splice(0, Math.max(0, this.recentlyClosed.length - RECENTLY_CLOSED))
    return { turns, events }
  }
}

function attributed(turn: Turn, events: HostEvent[]): TrackResult {
  return { kind: 'turn', turn, events, ended: false }
}

function endEvent(turnId: string, conversationId: string | undefined, content: string): HostEvent {
  return { type: 'turn-end', turnId, ...(conversationId === undefined ? {} : { conversationId }), content }
}

/**
 * An in-memory `ChatLinkLike` for session tests: records what is sent, and lets the test set the
 * link state and push server frames (parsed by the real frame parser, as the real link does).
 */
import { Emitter } from '../../../src/shared/emitter'
import type { LinkState, LinkStatus } from '../../../src/shared/host/link-status'
import { parseServerFrame, type ClientFrame, type ClientFrameInput, type ClientFrameOf, type ClientFrameType } from '../../../src/shared/protocol'
import type { ChatLinkEvents, ChatLinkLike } from '../../../src/main/core/link/types'

export class FakeLink extends Emitter<ChatLinkEvents> implements ChatLinkLike {
  status: LinkStatus = { state: 'offline', serverUrl: 'ws://127.0.0.1:5500/v1/chat/stream', serverKind: 'custom', since: 0, attempt: 0 }
  /** Frames written while ready, as JSON would carry them (undefined keys gone). */
  readonly sent: ClientFrame[] = []
  /** Called at the moment a frame is written, before `send` returns. */
  onSend: ((frame: ClientFrame) => void) | undefined
  private connections = 0

  start(): void {}
  async stop(): Promise<void> {
    this.setState('offline')
  }
  retryNow(): void {}

  send(frame: ClientFrameInput): boolean {
    if (this.status.state !== 'ready') return false
    const wire = JSON.parse(JSON.stringify(frame)) as ClientFrame
    this.onSend?.(wire)
    this.sent.push(wire)
    return true
  }

  /** `ready` gets a fresh connection id each time, like a new authorize. */
  setState(state: LinkState): void {
    const connectionId = state === 'ready' ? `conn-${++this.connections}` : undefined
    this.status = { ...this.status, state, since: Date.now(), ...(connectionId ? { connectionId } : { connectionId: undefined }) }
    this.emit('status', this.status)
  }

  repeatStatus(): void {
    this.emit('status', this.status)
  }

  /** Pushes a server frame given as a plain object (or raw text for bad frames). */
  push(frame: Record<string, unknown> | string): void {
    const result = parseServerFrame(typeof frame === 'string' ? frame : JSON.stringify({ id: null, timestamp: null, ...frame }))
    if (result.ok) this.emit('frame', result.frame)
    else this.emit('bad-frame', result.bad)
  }

  sentOf<K extends ClientFrameType>(type: K): ClientFrameOf<K>[] {
    return this.sent.filter((f): f is ClientFrameOf<K> => f.type === type)
  }
}

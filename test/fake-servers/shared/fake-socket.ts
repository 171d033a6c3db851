/** One client socket of a fake server (see fake-hub.ts), with timers that die with it. */
import type { IncomingMessage } from 'node:http'
import { WebSocket } from 'ws'

export type Json = Record<string, unknown>

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export const nonBlank = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0

/** One client socket. `ready` is the protocol's "authenticated and may chat" flag. */
export class FakeSocket {
  /** Aborted when the socket ends: stops its turns and timers. */
  readonly life = new AbortController()
  ready = false
  /** A dead peer: sends nothing, ignores everything, no close. */
  muted = false
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    readonly ws: WebSocket,
    readonly index: number,
    readonly request: IncomingMessage,
  ) {}

  send(frame: Json): void {
    this.sendRaw(JSON.stringify(frame))
  }

  sendRaw(data: string | Buffer, binary = Buffer.isBuffer(data)): void {
    if (this.muted || this.ws.readyState !== WebSocket.OPEN) return
    this.ws.send(data, { binary })
  }

  /** A timer cleared when the socket ends or is muted. */
  every(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setInterval(run, ms)
    this.timers.add(timer)
    return timer
  }

  after(ms: number, run: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      run()
    }, ms)
    this.timers.add(timer)
    return timer
  }

  clear(timer: NodeJS.Timeout | undefined): void {
    if (!timer) return
    clearTimeout(timer)
    this.timers.delete(timer)
  }

  mute(): void {
    this.muted = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  end(): void {
    this.mute()
    this.life.abort()
  }
}

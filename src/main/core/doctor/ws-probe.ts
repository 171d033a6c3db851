/**
 * The doctor's own view of the chat socket, step by step on one connection: upgrade, authorize,
 * then wait for the server's ping. Raw `ws`, so each step's failure is seen as it is. Frames are
 * `/v1/chat/stream`'s unless another protocol's parser is given.
 */
import { WebSocket } from 'ws'
import { parseServerFrame, type ParseResult, type RawFrame, type ServerFrame } from '../../../shared/protocol'

type Waiter<F> = { match: (frame: F) => boolean; resolve: (frame: F | undefined) => void }
type Parse<F> = (raw: RawFrame, isBinary: boolean) => ParseResult<F>

export class WsProbe<F = ServerFrame> {
  private ws: WebSocket | undefined
  private readonly frames: F[] = []
  private readonly waiters = new Set<Waiter<F>>()

  constructor(private readonly parse: Parse<F> = parseServerFrame as Parse<F>) {}

  /** Why the socket closed, once it has. */
  closed: { code: number; reason: string } | undefined

  /** Opens the socket; resolves with an error line, or undefined when open. */
  open(url: string, timeoutMs: number, headers?: Record<string, string>): Promise<{ error?: Error; status?: number }> {
    return new Promise((resolve) => {
      const ws = new WebSocket(url, { handshakeTimeout: timeoutMs, perMessageDeflate: false, ...(headers ? { headers } : {}) })
      this.ws = ws
      ws.once('open', () => resolve({}))
      ws.once('unexpected-response', (_req, res) => {
        resolve({ status: res.statusCode ?? 0 })
        ws.terminate()
      })
      ws.on('error', (error) => resolve({ error }))
      ws.on('message', (data, isBinary) => {
        const parsed = this.parse(isBinary ? new Uint8Array() : data.toString(), isBinary)
        if (!parsed.ok) return
        this.frames.push(parsed.frame)
        for (const waiter of [...this.waiters]) this.check(waiter)
      })
      ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() }
        for (const waiter of [...this.waiters]) this.finish(waiter, undefined)
      })
    })
  }

  send(frame: Record<string, unknown>): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame))
  }

  /** The first frame (received so far or later) that matches; undefined on close or timeout. */
  waitFor(match: (frame: F) => boolean, timeoutMs: number): Promise<F | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish(waiter, undefined), timeoutMs)
      const waiter: Waiter<F> = {
        match,
        resolve: (frame) => {
          clearTimeout(timer)
          resolve(frame)
        },
      }
      this.waiters.add(waiter)
      this.check(waiter)
      if (this.closed) this.finish(waiter, undefined)
    })
  }

  /** A WebSocket-level ping: the transport's own round trip (ms), or undefined without an answer. */
  roundTrip(timeoutMs: number): Promise<number | undefined> {
    const ws = this.ws
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.resolve(undefined)
    return new Promise((resolve) => {
      const started = performance.now()
      const timer = setTimeout(() => done(undefined), timeoutMs)
      const onPong = () => done(Math.max(0, Math.round(performance.now() - started)))
      const done = (ms: number | undefined) => {
        clearTimeout(timer)
        ws.off('pong', onPong)
        resolve(ms)
      }
      ws.on('pong', onPong)
      ws.ping()
    })
  }

  close(): void {
    this.ws?.terminate()
    this.ws = undefined
  }

  private check(waiter: Waiter<F>): void {
    const index = this.frames.findIndex(waiter.match)
    if (index < 0) return
    const [frame] = this.frames.splice(index, 1)
    this.finish(waiter, frame)
  }

  private finish(waiter: Waiter<F>, frame: F | undefined): void {
    if (!this.waiters.delete(waiter)) return
    waiter.resolve(frame)
  }
}

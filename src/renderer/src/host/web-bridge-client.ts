/**
 * Web mode's side of the host API: one WebSocket to the web host (`/bridge`), requests matched
 * to replies by id, event batches checked for their framing (the host validated the events), and reconnection with backoff
 * when the host restarts. A request is written to the socket at most once: one cut off by a
 * lost connection fails instead of being re-sent, because the host may already have run it.
 */
import { HOST_COMMAND_NAMES, HostError, type HostApi, type HostCommandName, type HostEventListener } from '../../../shared/host'
import { decodeBinaryResult, webHostMessageSchema, type WebRequest } from '../../../shared/host/web-bridge'
import type { HostConnection, TransportStatus } from './types'
import { checkedResponse, hostErrorOf, toHostError, framedEvents } from './validate'

/** The part of the browser's WebSocket the client uses (tests pass a fake). */
export interface BridgeSocket {
  readonly readyState: number
  /** Set to `arraybuffer`: results carrying bytes arrive as binary messages. */
  binaryType: string
  send(data: string): void
  close(code?: number): void
  onopen: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent) => void) | null
  onclose: ((event: CloseEvent) => void) | null
}

/** What a plain GET of `/bridge` (with the page's session cookie) tells about a failed connection. */
export type KeyVerdict = 'valid' | 'stale' | 'unreachable'

export interface WebBridgeOptions {
  /** `ws(s)://host/bridge`: the browser presents the session cookie. */
  url: string
  /** Asked after a connection failed before opening: is the host up, and does it know our key? */
  checkKey?: () => Promise<KeyVerdict>
  /** How long a request may wait for its answer, including time spent waiting for the socket. */
  requestTimeoutMs?: number
  backoff?: { initialMs: number; maxMs: number }
  createSocket?: (url: string) => BridgeSocket
  random?: () => number
  log?: (message: string, detail?: unknown) => void
}

interface Pending {
  command: HostCommandName
  frame: string
  sent: boolean
  timer: ReturnType<typeof setTimeout>
  resolve: (value: unknown) => void
  reject: (error: HostError) => void
}

/** `WebSocket.OPEN`, spelled out so the client also runs where there is no global WebSocket class. */
const OPEN = 1

const staleKey = (): HostError =>
  new HostError('refused', 'This page’s key is no longer valid: open the address that “mira web” printed.', { textCode: 'staleKey' })

export class WebBridgeClient implements HostConnection {
  readonly kind = 'web' as const
  readonly api: HostApi
  private status: TransportStatus
  private socket: BridgeSocket | undefined
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Set<HostEventListener>()
  private readonly transportListeners = new Set<(status: TransportStatus) => void>()
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private closed = false
  private readonly timeoutMs: number
  private readonly backoff: { initialMs: number; maxMs: number }
  private readonly log: (message: string, detail?: unknown) => void

  constructor(private readonly options: WebBridgeOptions) {
    this.timeoutMs = options.requestTimeoutMs ?? 30_000
    this.backoff = options.backoff ?? { initialMs: 300, maxMs: 10_000 }
    this.log = options.log ?? ((message, detail) => console.warn(`[mira bridge] ${message}`, detail ?? ''))
    this.status = { state: 'connecting', attempt: 0 }
    const commands = Object.fromEntries(HOST_COMMAND_NAMES.map((name) => [name, (request?: unknown) => this.call(name, request)]))
    const onEvents = (listener: HostEventListener): (() => void) => {
      this.listeners.add(listener)
      return () => this.listeners.delete(listener)
    }
    // Built from the name list so a new command needs no change here. Each entry checks its answer
    // against that command's response schema (see onMessage), which is what the type promises.
    this.api = { ...commands, onEvents } as HostApi
  }

  get transport(): TransportStatus {
    return this.status
  }

  start(): void {
    if (this.status.state === 'connecting' && !this.socket) this.connect()
  }

  onTransport(listener: (status: TransportStatus) => void): () => void {
    this.transportListeners.add(listener)
    return () => this.transportListeners.delete(listener)
  }

  retryNow(): void {
    if (this.closed) return
    if (this.status.state === 'reconnecting' || this.status.state === 'rejected') this.connect()
  }

  close(): void {
    this.closed = true
    clearTimeout(this.retryTimer)
    this.socket?.close(1000)
    this.socket = undefined
    this.failPending(() => true, new HostError('not-ready', 'The connection to Mira’s host was closed', { textCode: 'bridgeClosed' }))
  }

  private call(command: HostCommandName, request: unknown): Promise<unknown> {
    const refusal = this.status.state === 'rejected' ? staleKey() : undefined
    if (refusal || this.closed) return Promise.reject(refusal ?? new HostError('refused', 'The host connection is closed', { textCode: 'bridgeClosed' }))
    const id = this.nextId++
    const frame: WebRequest = request === undefined ? { id, command } : { id, command, request }
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        const seconds = Math.round(this.timeoutMs / 1000)
        const text = `${command}: Mira’s host did not answer within ${seconds} s`
        reject(new HostError('timeout', text, { textCode: 'bridgeTimeout', params: { command, seconds } }))
      }, this.timeoutMs)
      const entry: Pending = { command, frame: JSON.stringify(frame), sent: false, timer, resolve, reject }
      this.pending.set(id, entry)
      this.trySend(entry)
    })
  }

  private trySend(entry: Pending): void {
    if (entry.sent || this.socket?.readyState !== OPEN) return
    this.socket.send(entry.frame)
    entry.sent = true
  }

  private connect(): void {
    clearTimeout(this.retryTimer)
    const url = this.options.url
    if (this.closed) return
    if (this.status.state !== 'reconnecting') this.setStatus({ state: 'connecting', attempt: this.status.attempt })
    const ws = (this.options.createSocket ?? ((u: string): BridgeSocket => new WebSocket(u)))(url)
    ws.binaryType = 'arraybuffer'
    this.socket = ws
    let opened = false
    ws.onopen = () => {
      opened = true
      this.setStatus({ state: 'open', attempt: 0 })
      for (const entry of this.pending.values()) this.trySend(entry)
    }
    ws.onmessage = (event: MessageEvent) => this.onMessage(event.data)
    ws.onclose = () => {
      if (this.socket !== ws) return
      this.socket = undefined
      this.failPending((p) => p.sent, new HostError('not-ready', 'Lost the connection to Mira’s host before it answered', { textCode: 'bridgeLost' }))
      if (!this.closed) void this.afterClose(opened)
    }
  }

  private async afterClose(wasOpen: boolean): Promise<void> {
    // A browser hides why an upgrade failed; a plain GET tells a stale key from a host that is down.
    if (!wasOpen && this.options.checkKey) {
      const verdict = await this.options.checkKey().catch((): KeyVerdict => 'unreachable')
      if (this.closed || this.socket) return
      if (verdict === 'stale') {
        this.setStatus({ state: 'rejected', attempt: this.status.attempt })
        this.failPending(() => true, staleKey())
        return
      }
    }
    const attempt = this.status.attempt + 1
    const base = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** (attempt - 1))
    const delay = base * (0.5 + (this.options.random ?? Math.random)() * 0.5)
    this.setStatus({ state: 'reconnecting', attempt, nextAttemptAt: Date.now() + delay })
    this.retryTimer = setTimeout(() => this.connect(), delay)
  }

  private onMessage(data: unknown): void {
    let raw: unknown
    try {
      raw = typeof data === 'string' ? JSON.parse(data) : data instanceof ArrayBuffer ? decodeBinaryResult(data) : undefined
    } catch {
      raw = undefined
    }
    if (isEventBatch(raw)) return this.deliver(raw.events)
    const parsed = webHostMessageSchema.safeParse(raw)
    if (!parsed.success) return this.log('dropped a malformed message from the host', parsed.error.issues[0])
    const message = parsed.data
    if (message.kind === 'events') return
    const entry = this.pending.get(message.id)
    if (!entry) return
    this.pending.delete(message.id)
    clearTimeout(entry.timer)
    if (message.kind === 'error') return entry.reject(hostErrorOf(message.error))
    try {
      entry.resolve(checkedResponse(entry.command, message.response))
    } catch (error) {
      entry.reject(toHostError(error))
    }
  }

  private deliver(rawEvents: unknown[]): void {
    const events = framedEvents(rawEvents, this.log)
    if (events.length === 0) return
    for (const listener of [...this.listeners]) {
      try {
        listener(events)
      } catch (error) {
        console.error('[mira bridge] an event listener failed', error)
      }
    }
  }

  private failPending(which: (p: Pending) => boolean, error: HostError): void {
    for (const [id, entry] of this.pending) {
      if (!which(entry)) continue
      this.pending.delete(id)
      clearTimeout(entry.timer)
      entry.reject(error)
    }
  }

  private setStatus(status: TransportStatus): void {
    this.status = status
    for (const listener of [...this.transportListeners]) listener(status)
  }
}

function isEventBatch(raw: unknown): raw is { kind: 'events'; events: unknown[] } {
  return typeof raw === 'object' && raw !== null && 'kind' in raw && raw.kind === 'events' && 'events' in raw && Array.isArray(raw.events)
}

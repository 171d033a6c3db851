/**
 * ChatLink: the one WebSocket to the agent server. It authorizes first on every connection,
 * answers pings, watches for silence (a half-open TCP peer never closes), reconnects with
 * backoff (short and flat for a loopback server: reconnect-policy.ts), and hands typed frames up. It never throws on what the server sends.
 *
 * States: offline → connecting → authorizing → ready; a loss → reconnecting (or offline when
 * `autoReconnect` is false); a refused token (authorize_error, close 4001) or none to send (the
 * server answered; without a token, nothing is sent to it) → auth-failed,
 * which is left only by `retryNow()` or `start()` after `stop()`.
 * `lost` is emitted whenever a socket that had opened is closed or given up, except by `stop()`.
 * `status` is emitted on every state change, and again (same state) when a ping is answered.
 */
import type { RawData } from 'ws'
import { Emitter } from '../../../shared/emitter'
import type { LinkState, LinkStatus } from '../../../shared/host/link-status'
import { CloseCode, parseServerFrame, type ClientFrameInput, type ServerFrame } from '../../../shared/protocol'
import { backoffDelay, resolveBackoff } from './backoff'
import { backoffFor } from './reconnect-policy'
import { hostText } from '../../../shared/host/host-text'
import { closeReason, hostLabel, silenceReason, socketErrorReason, timeoutReason, type Reason } from './reasons'
import { closeGracefully, isOpen, openWs, textOf } from './socket'
import type { BackoffOptions, ChatLinkEvents, ChatLinkLike, ChatLinkOptions, LinkSocket } from './types'
import { SilenceWatchdog } from './watchdog'
import { messageOf } from '../../../shared/errors'

const PONG = JSON.stringify({ type: 'pong' })

export class ChatLink extends Emitter<ChatLinkEvents> implements ChatLinkLike {
  private state: LinkState = 'offline'
  private since = Date.now()
  private reason: Reason | undefined = hostText('Not started', 'linkNotStarted')
  private attempt = 0
  private nextAttemptAt: number | undefined
  private connectionId: string | undefined
  private authorizeRttMs: number | undefined
  private lastFrameAt: number | undefined
  private lastPingAt: number | undefined
  /** Bumped by every state change, so code after an emit can tell that a listener moved on. */
  private stateSeq = 0

  /** `start()` was called and `stop()` was not. */
  private active = false
  private ws: LinkSocket | undefined
  /** The current socket reached `open`. */
  private opened = false
  private socketError: Error | undefined
  private authSentAt = 0
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private connectTimer: ReturnType<typeof setTimeout> | undefined
  private authTimer: ReturnType<typeof setTimeout> | undefined

  private readonly host: string
  private readonly backoff: BackoffOptions
  private readonly random: () => number
  private readonly watchdog: SilenceWatchdog
  private readonly connectTimeoutMs: number
  private readonly authorizeTimeoutMs: number

  constructor(private readonly options: ChatLinkOptions) {
    super()
    this.host = hostLabel(options.url)
    this.backoff = resolveBackoff(options.backoff ?? backoffFor(options.url, options.serverKind))
    this.random = options.random ?? Math.random
    this.connectTimeoutMs = options.connectTimeoutMs ?? 10_000
    this.authorizeTimeoutMs = options.authorizeTimeoutMs ?? 10_000
    this.watchdog = new SilenceWatchdog(options.silenceTimeoutMs ?? 75_000, (silentFor) => {
      const ws = this.ws
      if (ws) this.lose(ws, silenceReason(this.host, silentFor), { kill: true })
    })
  }

  get status(): LinkStatus {
    const status: LinkStatus = {
      state: this.state,
      serverUrl: this.options.url,
      serverKind: this.options.serverKind ?? 'custom',
      since: this.since,
      attempt: this.attempt,
    }
    if (this.state === 'reconnecting' && this.nextAttemptAt !== undefined) status.nextAttemptAt = this.nextAttemptAt
    if (this.reason !== undefined && this.state !== 'ready') {
      status.reason = this.reason.text
      status.reasonCode = this.reason.textCode
      if (this.reason.params) status.reasonParams = this.reason.params
    }
    if (this.connectionId !== undefined) status.connectionId = this.connectionId
    if (this.authorizeRttMs !== undefined) status.authorizeRttMs = this.authorizeRttMs
    if (this.lastFrameAt !== undefined) status.lastFrameAt = this.lastFrameAt
    if (this.lastPingAt !== undefined) status.lastPingAt = this.lastPingAt
    return status
  }

  start(): void {
    if (this.active && this.state !== 'offline') return
    this.active = true
    this.attempt = 0
    this.connect()
  }

  async stop(): Promise<void> {
    this.active = false
    this.clearRetry()
    const ws = this.ws
    this.detach()
    if (this.state !== 'offline' || this.reason?.textCode !== 'linkStopped') this.setState('offline', hostText('Stopped', 'linkStopped'))
    if (ws) await closeGracefully(ws)
  }

  retryNow(reason = 'Reconnecting now'): void {
    if (!this.active) return
    const ws = this.ws
    if (ws) {
      const wasOpen = this.opened
      this.detach()
      ws.terminate()
      if (wasOpen && !this.emitLost({ reason })) return
    }
    if (this.state === 'auth-failed') this.attempt = 0
    this.connect()
  }

  send(frame: ClientFrameInput): boolean {
    const ws = this.ws
    if (this.state !== 'ready' || !ws || !isOpen(ws)) return false
    if (frame.type === 'authorize' || frame.type === 'pong') return false
    ws.send(JSON.stringify(frame))
    return true
  }

  private connect(): void {
    this.clearRetry()
    // Without a token the socket still opens (and sends nothing): a server that is not there is
    // then reported as unreachable, not as a token problem nobody could have caused.
    const token = this.options.getToken()?.trim() ?? ''
    const seq = this.setState('connecting', this.attempt > 0 ? this.reason : undefined)
    if (seq !== this.stateSeq || !this.active) return
    let ws: LinkSocket
    try {
      ws = (this.options.createSocket ?? openWs)(this.options.url)
    } catch (error) {
      const text = messageOf(error)
      this.setState('offline', hostText(`Invalid server address ${this.options.url} (${text})`, 'linkBadAddress', { url: this.options.url, error: text }))
      return
    }
    this.ws = ws
    this.opened = false
    this.socketError = undefined
    this.connectTimer = setTimeout(
      () => this.lose(ws, timeoutReason(this.host, 'connect', this.connectTimeoutMs), { kill: true }),
      this.connectTimeoutMs,
    )
    ws.on('open', () => this.onOpen(ws, token))
    ws.on('message', (data, isBinary) => this.onMessage(ws, data, isBinary))
    ws.on('error', (error) => {
      if (this.ws === ws) this.socketError ??= error
    })
    ws.on('close', (code, reason) => this.onClose(ws, code, reason.toString('utf8')))
  }

  private onOpen(ws: LinkSocket, token: string): void {
    if (this.ws !== ws) return
    clearTimeout(this.connectTimer)
    if (!token) {
      // Someone is there, and only a token can let us in: no authorize, no `lost` (nothing was authorized).
      this.detach()
      void closeGracefully(ws)
      this.setState('auth-failed', hostText('No token set: enter the server token in settings', 'linkNoToken'))
      return
    }
    this.opened = true
    this.authSentAt = Date.now()
    ws.send(JSON.stringify({ type: 'authorize', token }))
    this.watchdog.start()
    this.authTimer = setTimeout(
      () => this.lose(ws, timeoutReason(this.host, 'authorize', this.authorizeTimeoutMs), { kill: true }),
      this.authorizeTimeoutMs,
    )
    this.setState('authorizing', this.attempt > 0 ? this.reason : undefined)
  }

  private onMessage(ws: LinkSocket, data: RawData, isBinary: boolean): void {
    if (this.ws !== ws) return
    const now = Date.now()
    this.lastFrameAt = now
    this.watchdog.feed(now)
    const parsed = isBinary ? parseServerFrame(data, true) : parseServerFrame(textOf(data))
    if (!parsed.ok) {
      this.emit('bad-frame', parsed.bad)
      return
    }
    this.dispatch(ws, parsed.frame, now)
  }

  private dispatch(ws: LinkSocket, frame: ServerFrame, now: number): void {
    switch (frame.type) {
      case 'ping':
        ws.send(PONG)
        this.lastPingAt = now
        this.emit('status', this.status)
        return
      case 'authorize_success':
        if (this.state !== 'authorizing') return // a repeated success changes nothing
        clearTimeout(this.authTimer)
        this.connectionId = frame.connection_id
        this.authorizeRttMs = now - this.authSentAt
        this.attempt = 0
        this.setState('ready')
        return
      case 'authorize_error':
        this.lose(ws, hostText(`The server refused the token: ${frame.error}`, 'linkTokenRefused', { error: frame.error }), { kill: true, authFailed: true })
        return
      default:
        this.emit('frame', frame)
    }
  }

  private onClose(ws: LinkSocket, code: number, reason: string): void {
    if (this.ws !== ws) return
    const error = this.socketError
    if (code === CloseCode.authFailed) {
      const refused = reason
        ? hostText(`The server refused the token (close 4001: ${reason})`, 'linkTokenClosedReason', { reason })
        : hostText('The server refused the token (close 4001)', 'linkTokenClosed')
      this.lose(ws, refused, { code, authFailed: true })
    } else if (error && !this.opened) {
      this.lose(ws, socketErrorReason(this.host, error), { code })
    } else {
      this.lose(ws, closeReason(this.host, code, reason, code === CloseCode.abnormal ? error : undefined), { code })
    }
  }

  /** Gives up socket `ws` (if still current): `lost` when it had opened, then auth-failed or a retry. */
  private lose(ws: LinkSocket, reason: Reason, how: { code?: number; kill?: boolean; authFailed?: boolean }): void {
    if (this.ws !== ws) return
    const wasOpen = this.opened
    this.detach()
    if (how.kill) ws.terminate()
    if (wasOpen && !this.emitLost({ code: how.code, reason: reason.text })) return
    if (how.authFailed) this.setState('auth-failed', reason)
    else this.scheduleReconnect(reason)
  }

  /** Emits `lost`; false when a listener stopped or restarted the link meanwhile. */
  private emitLost(payload: ChatLinkEvents['lost']): boolean {
    const seq = this.stateSeq
    this.emit('lost', payload.code === undefined ? { reason: payload.reason } : payload)
    return seq === this.stateSeq && this.active
  }

  private scheduleReconnect(reason: Reason): void {
    if (this.options.autoReconnect === false) {
      this.setState('offline', reason)
      return
    }
    this.attempt++
    const delay = backoffDelay(this.attempt, this.backoff, this.random)
    const now = Date.now()
    this.nextAttemptAt = now + delay
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined
      this.connect()
    }, delay)
    this.setState('reconnecting', reason, now)
  }

  /** Forgets the current socket and its timers (the caller closes it). */
  private detach(): void {
    this.ws = undefined
    this.opened = false
    this.connectionId = undefined
    clearTimeout(this.connectTimer)
    clearTimeout(this.authTimer)
    this.connectTimer = undefined
    this.authTimer = undefined
    this.watchdog.stop()
  }

  private clearRetry(): void {
    clearTimeout(this.retryTimer)
    this.retryTimer = undefined
    this.nextAttemptAt = undefined
  }

  /** Returns the new state sequence number. */
  private setState(state: LinkState, reason?: Reason, now = Date.now()): number {
    this.state = state
    this.since = now
    this.reason = reason
    if (state !== 'reconnecting') this.nextAttemptAt = undefined
    const seq = ++this.stateSeq
    this.emit('status', this.status)
    return seq
  }
}

/**
 * ChatLink: the one WebSocket to the agent server. On every connection it runs the protocol
 * adapter's handshake (protocols/types.ts; `/v1/chat/stream`'s authorize by default), answers and
 * sends what keeps the connection alive, watches for silence (a half-open TCP peer never closes),
 * reconnects with backoff (short and flat for a loopback server: reconnect-policy.ts), and hands
 * typed frames up. It never throws on what the server sends.
 *
 * States: offline → connecting → authorizing (when the handshake awaits the server) → ready; a loss →
 * reconnecting (or offline when `autoReconnect` is false); refused credentials (DMP: authorize_error,
 * close 4001) or a missing one (the server answered; nothing is sent to it) → auth-failed,
 * which is left only by `retryNow()` or `start()` after `stop()`.
 * `lost` is emitted whenever a socket that had opened is closed or given up, except by `stop()`.
 * `status` is emitted on every state change, and again (same state) when a ping is answered.
 */
import type { RawData } from 'ws'
import { Emitter } from '../../../shared/emitter'
import type { LinkState, LinkStatus } from '../../../shared/host/link-status'
import { CloseCode, type ClientFrameInput, type ServerFrame } from '../../../shared/protocol'
import { dmpProtocol } from '../protocols/dmp'
import type { ProtocolCredentials, ServerProtocol } from '../protocols/types'
import { backoffDelay, resolveBackoff } from './backoff'
import { backoffFor } from './reconnect-policy'
import { hostText } from '../../../shared/host/host-text'
import { closeReason, hostLabel, refusedByCloseReason, silenceReason, socketErrorReason, timeoutReason, type Reason } from './reasons'
import { closeGracefully, isOpen, openWs, textOf } from './socket'
import { linkStatus } from './status'
import type { BackoffOptions, ChatLinkEvents, ChatLinkLike, ChatLinkOptions, LinkSocket } from './types'
import { SilenceWatchdog } from './watchdog'
import { messageOf } from '../../../shared/errors'

export class ChatLink<In = ServerFrame, Out = ClientFrameInput> extends Emitter<ChatLinkEvents<In>> implements ChatLinkLike<In, Out> {
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
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined

  private readonly host: string
  private readonly backoff: BackoffOptions
  private readonly random: () => number
  private readonly watchdog: SilenceWatchdog
  private readonly connectTimeoutMs: number
  private readonly authorizeTimeoutMs: number
  private readonly protocol: ServerProtocol<In, Out>

  constructor(private readonly options: ChatLinkOptions<In, Out>) {
    super()
    // Without an adapter the frame types are DMP's (the defaults of `In` and `Out`).
    this.protocol = options.protocol ?? (dmpProtocol() as unknown as ServerProtocol<In, Out>)
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
    return linkStatus({
      state: this.state,
      serverUrl: this.options.url,
      serverKind: this.options.serverKind ?? 'custom',
      protocol: this.protocol.kind,
      since: this.since,
      attempt: this.attempt,
      nextAttemptAt: this.state === 'reconnecting' ? this.nextAttemptAt : undefined,
      reason: this.state === 'ready' ? undefined : this.reason,
      connectionId: this.connectionId,
      authorizeRttMs: this.authorizeRttMs,
      lastFrameAt: this.lastFrameAt,
      lastPingAt: this.lastPingAt,
    })
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

  send(frame: Out): boolean {
    const ws = this.ws
    if (this.state !== 'ready' || !ws || !isOpen(ws)) return false
    if (this.protocol.isLinkFrame(frame)) return false
    ws.send(this.protocol.serialize(frame))
    return true
  }

  private connect(): void {
    this.clearRetry()
    // A missing credential is found out only once the socket opens: a server that is not there is
    // then reported as unreachable, not as a credential problem nobody could have caused.
    const token = this.options.getToken()?.trim()
    const credentials: ProtocolCredentials = { ...this.options.getCredentials?.(), ...(token ? { token } : {}) }
    const seq = this.setState('connecting', this.attempt > 0 ? this.reason : undefined)
    if (seq !== this.stateSeq || !this.active) return
    let ws: LinkSocket
    try {
      const target = this.protocol.target(this.options.url, credentials)
      ws = (this.options.createSocket ?? openWs)(target.url, target.headers)
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
    ws.on('open', () => this.onOpen(ws, credentials))
    ws.on('message', (data, isBinary) => this.onMessage(ws, data, isBinary))
    ws.on('error', (error) => {
      if (this.ws === ws) this.socketError ??= error
    })
    ws.on('close', (code, reason) => this.onClose(ws, code, reason.toString('utf8')))
  }

  private onOpen(ws: LinkSocket, credentials: ProtocolCredentials): void {
    if (this.ws !== ws) return
    clearTimeout(this.connectTimer)
    const handshake = this.protocol.handshake(credentials)
    if (handshake.kind === 'missing') {
      // Someone is there, and only a credential can let us in: nothing sent, no `lost` (nothing was authorized).
      this.detach()
      void closeGracefully(ws)
      this.setState('auth-failed', handshake.reason)
      return
    }
    this.opened = true
    this.authSentAt = Date.now()
    for (const frame of handshake.send) ws.send(this.protocol.serialize(frame))
    this.watchdog.start()
    if (handshake.kind === 'open') return this.becomeReady()
    this.authTimer = setTimeout(
      () => this.lose(ws, timeoutReason(this.host, 'authorize', this.authorizeTimeoutMs), { kill: true }),
      this.authorizeTimeoutMs,
    )
    this.setState('authorizing', this.attempt > 0 ? this.reason : undefined)
  }

  private becomeReady(): void {
    this.attempt = 0
    const { heartbeat, serialize } = this.protocol
    const ws = this.ws
    if (heartbeat && ws) this.heartbeatTimer = setInterval(() => isOpen(ws) && ws.send(serialize(heartbeat.frame())), heartbeat.intervalMs)
    this.setState('ready')
  }

  private onMessage(ws: LinkSocket, data: RawData, isBinary: boolean): void {
    if (this.ws !== ws) return
    const now = Date.now()
    this.lastFrameAt = now
    this.watchdog.feed(now)
    const parsed = isBinary ? this.protocol.parse(data, true) : this.protocol.parse(textOf(data), false)
    if (!parsed.ok) {
      this.emit('bad-frame', parsed.bad)
      return
    }
    this.dispatch(ws, parsed.frame, now)
  }

  private dispatch(ws: LinkSocket, frame: In, now: number): void {
    const control = this.protocol.control(frame)
    switch (control.kind) {
      case 'reply':
        ws.send(this.protocol.serialize(control.frame))
        this.lastPingAt = now
        this.emit('status', this.status)
        return
      case 'ready':
        if (this.state !== 'authorizing') return // a repeated success changes nothing
        clearTimeout(this.authTimer)
        this.connectionId = control.connectionId
        this.authorizeRttMs = now - this.authSentAt
        this.becomeReady()
        return
      case 'refused':
        this.lose(ws, control.reason, { kill: true, authFailed: true })
        return
      case 'consumed':
        return
      case 'pass':
        this.emit('frame', frame)
    }
  }

  private onClose(ws: LinkSocket, code: number, reason: string): void {
    if (this.ws !== ws) return
    const error = this.socketError
    if (this.protocol.authFailedCloseCodes.includes(code)) {
      this.lose(ws, refusedByCloseReason(code, reason), { code, authFailed: true })
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
    clearInterval(this.heartbeatTimer)
    this.connectTimer = undefined
    this.authTimer = undefined
    this.heartbeatTimer = undefined
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

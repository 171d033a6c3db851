/**
 * One client on `/v1/chat/stream`: authorize first, ping/pong, then frame dispatch. Frames are
 * handled one at a time, in order; turns run beside that queue, so an interrupt is never stuck
 * behind a long answer. A client may run several turns at once.
 *
 * Bounds: before `authorize`, a frame may be at most `PRE_AUTH_FRAME_BYTES` (a bigger one closes
 * the socket with 1009, counted on the socket, so it is neither buffered nor parsed); at most
 * `MAX_WAITING_FRAMES` wait to be handled (then the socket is not read until half have been); a
 * client that does not read its answers is dropped (see send-frame.ts).
 */
import { randomUUID } from 'node:crypto'
import type { Socket } from 'node:net'
import type { RawData, WebSocket } from 'ws'
import { CloseCode, ErrorCode, parseClientFrame, type ClientFrame, type ClientFrameOf } from '../../shared/protocol'
import { tokenMatches } from '../access'
import type { AvatarConfig } from '../avatars/store'
import { listBackgrounds } from '../backgrounds/store'
import type { CompanionContext } from '../context'
import { messageOf } from '../../shared/errors'
import { openConversation } from '../turns/conversation'
import { runTurn } from '../turns/runner'
import { badFrameError, byteLength, toText } from './inbound'
import { frameSender, type SendFrame } from './send-frame'

export interface SessionTimings {
  pingIntervalMs: number
  pongTimeoutMs: number
  /** A client with this much unread output is dropped. Default 8 MB. */
  maxBufferedBytes?: number
}

/** An `authorize` frame is tiny; anything this big before it is not a client speaking the protocol. */
export const PRE_AUTH_FRAME_BYTES = 64 * 1024
/**
 * A chat message's text (a long paste fits; 20 × 10 MB messages grew memory and history by
 * hundreds of MB). Above it the message gets `error` 400 and starts no turn; nothing is stored.
 */
export const MAX_CHAT_MESSAGE_CHARS = 100_000
/** Frames waiting to be handled before the socket stops being read. */
export const MAX_WAITING_FRAMES = 64
const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024
/** 1009: "message too big" (RFC 6455). */
const TOO_BIG = 1009

interface ActiveTurn {
  controller: AbortController
  done: Promise<void>
}

/** How long `shutdown` waits for interrupted turns to send their `stream_end`. */
const TURN_DRAIN_MS = 2_000
const CLOSE_WAIT_MS = 1_000

export class ClientSession {
  readonly connectionId = randomUUID()
  private readonly send: SendFrame
  private authorized = false
  private readonly turns = new Map<string, ActiveTurn>()
  private avatar: AvatarConfig | undefined
  private queue: Promise<void> = Promise.resolve()
  private waiting = 0
  private authTimer: NodeJS.Timeout | undefined
  private pingTimer: NodeJS.Timeout | undefined
  private pongTimer: NodeJS.Timeout | undefined
  private readonly closed: Promise<void>

  constructor(
    private readonly ws: WebSocket,
    private readonly ctx: CompanionContext,
    private readonly timings: SessionTimings,
    private readonly socket?: Socket,
  ) {
    this.send = frameSender(ws, {
      ...(socket ? { socket } : {}),
      maxBufferedBytes: timings.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
      onStalled: () => {
        ctx.log(`session ${this.connectionId}: the client does not read its answers; dropped`)
        ws.terminate()
      },
    })
    // A client that never authorizes is not kept forever.
    this.authTimer = setTimeout(() => this.ws.close(CloseCode.authFailed, 'Authentication timeout'), timings.pingIntervalMs + timings.pongTimeoutMs)
    let unframed = 0
    const countPreAuth = (chunk: Buffer): void => {
      unframed += chunk.length
      // One read may end a frame and start the next: a read's worth of slack.
      if (unframed > 2 * PRE_AUTH_FRAME_BYTES) this.tooBig()
    }
    socket?.on('data', countPreAuth)
    this.stopCounting = () => socket?.off('data', countPreAuth)
    ws.on('message', (data, isBinary) => {
      unframed = 0
      if (!this.authorized && byteLength(data) > PRE_AUTH_FRAME_BYTES) return this.tooBig()
      this.waiting++
      if (this.waiting >= MAX_WAITING_FRAMES) ws.pause()
      this.queue = this.queue
        .then(() => this.receive(data, isBinary))
        .catch((error: unknown) => {
          ctx.log(`session ${this.connectionId}: ${messageOf(error)}`)
          this.send({ type: 'error', error: `Failed to process message: ${messageOf(error)}`, code: null })
        })
        .finally(() => {
          this.waiting--
          if (ws.isPaused && this.waiting <= MAX_WAITING_FRAMES / 2) ws.resume()
        })
    })
    ws.on('error', (error) => ctx.log(`session ${this.connectionId}: socket error: ${error.message}`))
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()))
    void this.closed.then(() => this.onClose())
  }

  private readonly stopCounting: () => void

  /** Frames received and not yet handled. */
  get waitingFrames(): number {
    return this.waiting
  }

  /** A frame too big before authorize: say why (1009), and stop reading at once. */
  private tooBig(): void {
    this.stopCounting()
    this.ctx.log(`session ${this.connectionId}: a frame over ${PRE_AUTH_FRAME_BYTES / 1024} KB before authorize; closed`)
    this.ws.close(TOO_BIG, `Authorize first: frames before it are limited to ${PRE_AUTH_FRAME_BYTES / 1024} KB`)
    this.ws.pause()
    // The close frame goes out, then the connection ends: nothing more is buffered.
    this.socket?.destroySoon()
  }

  /** Resolves when the socket has closed. */
  whenClosed(): Promise<void> {
    return this.closed
  }

  private async receive(data: RawData, isBinary: boolean): Promise<void> {
    const parsed = parseClientFrame(isBinary ? new Uint8Array() : toText(data), isBinary)
    const type = parsed.ok ? parsed.frame.type : parsed.bad.frameType
    if (type === 'authorize') {
      return this.authorize(parsed.ok && parsed.frame.type === 'authorize' ? parsed.frame.token : '')
    }
    if (!this.authorized) {
      this.send({ type: 'error', error: 'Authentication required', code: null })
      return
    }
    if (!parsed.ok) {
      this.send({ type: 'error', ...badFrameError(parsed.bad) })
      return
    }
    await this.dispatch(parsed.frame)
  }

  private authorize(token: string): void {
    if (!tokenMatches(this.ctx.token, token)) {
      this.send({ type: 'authorize_error', error: 'Invalid token' })
      this.ws.close(CloseCode.authFailed, 'Authentication failed')
      return
    }
    clearTimeout(this.authTimer)
    this.send({ type: 'authorize_success', connection_id: this.connectionId })
    if (this.authorized) return
    this.authorized = true
    this.stopCounting()
    this.pingTimer = setInterval(() => this.ping(), this.timings.pingIntervalMs)
  }

  private ping(): void {
    this.send({ type: 'ping' })
    this.pongTimer ??= setTimeout(() => this.ws.close(CloseCode.pingTimeout, 'Ping timeout'), this.timings.pongTimeoutMs)
  }

  private async dispatch(frame: ClientFrame): Promise<void> {
    switch (frame.type) {
      case 'authorize':
        return this.authorize(frame.token)
      case 'pong':
        clearTimeout(this.pongTimer)
        this.pongTimer = undefined
        return
      case 'chat_message':
        return this.startTurn(frame)
      case 'interrupt_stream':
        return this.interrupt(frame.turn_id)
      case 'fetch_backgrounds':
        await this.ctx.layout.backgroundsReady
        this.send({ type: 'background_files', files: await listBackgrounds(this.ctx.layout.backgrounds) })
        return
      case 'fetch_avatar_configs': {
        const configs = await this.ctx.avatars.list()
        this.send({ type: 'avatar_config_files', configs: configs.map((c) => ({ filename: c.filename, name: c.name })) })
        return
      }
      case 'switch_avatar_config':
        return this.switchAvatar(frame.file)
    }
  }

  private async startTurn(frame: ClientFrameOf<'chat_message'>): Promise<void> {
    if (frame.content.length > MAX_CHAT_MESSAGE_CHARS) {
      const error = `Message too long: ${frame.content.length} characters, the limit is ${MAX_CHAT_MESSAGE_CHARS}. Send it in parts.`
      this.send({ type: 'error', error, code: ErrorCode.badRequest })
      return
    }
    const opened = await openConversation(this.ctx.history, frame)
    if (!opened.ok) {
      this.send({ type: 'error', error: opened.error, code: ErrorCode.badRequest })
      return
    }
    this.avatar ??= await this.ctx.avatars.defaultConfig()
    const turnId = randomUUID()
    const controller = new AbortController()
    const persona = frame.persona?.trim() || this.avatar?.persona
    const done = runTurn(
      { brain: this.ctx.brain, tools: this.ctx.tools, history: this.ctx.history, send: this.send, log: this.ctx.log },
      {
        turnId,
        conversationId: opened.conversationId,
        userId: frame.user_id.trim(),
        agentId: frame.agent_id.trim(),
        messages: [...opened.window, { role: 'user', content: frame.content }],
        ...(persona ? { persona } : {}),
        ...(frame.images?.length ? { images: frame.images } : {}),
        emotions: this.avatar?.emotions ?? [],
        signal: controller.signal,
      },
    )
      .catch((error: unknown) => this.ctx.log(`turn ${turnId}: ${messageOf(error)}`))
      .finally(() => this.turns.delete(turnId))
    this.turns.set(turnId, { controller, done })
  }

  private interrupt(turnId: string | undefined): void {
    if (turnId !== undefined) {
      const turn = this.turns.get(turnId)
      if (!turn) {
        this.send({ type: 'error', error: `Turn ${turnId} is not active`, code: ErrorCode.nothingToInterrupt })
        return
      }
      turn.controller.abort()
      this.send({ type: 'error', error: `Turn ${turnId} interrupted`, code: ErrorCode.interrupted })
      return
    }
    const active = [...this.turns.values()]
    if (active.length === 0) {
      this.send({ type: 'error', error: 'No active turns to interrupt', code: ErrorCode.nothingToInterrupt })
      return
    }
    for (const turn of active) turn.controller.abort()
    this.send({ type: 'error', error: `Interrupted ${active.length} active turns`, code: ErrorCode.interrupted })
  }

  private async switchAvatar(file: string): Promise<void> {
    const config = await this.ctx.avatars.load(file)
    if (!config) {
      this.send({ type: 'error', error: `Config file not found: ${file}`, code: null })
      return
    }
    this.avatar = config
    this.send({
      type: 'set_model_and_conf',
      model_info: config.modelInfo,
      conf_name: config.name,
      conf_uid: config.uid,
      client_uid: this.connectionId,
    })
    this.send({ type: 'avatar_config_switched', file: config.filename })
  }

  private onClose(): void {
    this.stopCounting()
    clearTimeout(this.authTimer)
    clearInterval(this.pingTimer)
    clearTimeout(this.pongTimer)
    // The client is gone: its turns stop (their partial answers are still saved).
    for (const turn of this.turns.values()) turn.controller.abort()
  }

  /** Server shutdown: interrupted turns send their `stream_end`, then the socket closes with 1001. */
  async shutdown(): Promise<void> {
    const turns = [...this.turns.values()]
    for (const turn of turns) turn.controller.abort()
    await Promise.race([Promise.allSettled(turns.map((t) => t.done)), delay(TURN_DRAIN_MS)])
    this.ws.close(CloseCode.goingAway, 'Server shutting down')
    await Promise.race([this.closed, delay(CLOSE_WAIT_MS)])
    this.ws.terminate()
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}

/** One client connection of the fake agent server: authorize, ping, requests, scripted turns. */
import { randomUUID } from 'node:crypto'
import { WebSocket } from 'ws'
import type { AnswerContext, AnswerScript, ChatMessageIn, FakeStep } from './fake-agent-scripts'

/** What a connection reads from its server (live, so tests may change `token`, `answer`, `ignorePongs`). */
/** An avatar config the fake offers; `emotionMap` goes out in its `set_model_and_conf` (default: Live2D-style indexes). */
export interface FakeAvatarConfig {
  filename: string
  name: string
  emotionMap?: Record<string, string | number>
  /** The model path sent as `model_info.url`. Default `/live2d/<name>/runtime/<name>.model3.json`. */
  modelUrl?: string
  /** More `model_info` fields, over the defaults (e.g. `tapMotions`, `pointerInteractive`, `kScale`). */
  modelInfo?: Record<string, unknown>
}

export interface ConnectionHost {
  readonly token: string
  readonly answer: AnswerScript
  readonly ignorePongs: boolean
  readonly dropMessages: boolean
  readonly pingIntervalMs: number
  readonly pongTimeoutMs: number
  readonly authorizeDelayMs: number
  readonly greeting: FakeStep[]
  readonly backgrounds: string[]
  readonly avatarConfigs: FakeAvatarConfig[]
  /** Records a client frame that was a JSON object. */
  record(connection: number, frame: Record<string, unknown>): void
}

type StepOutcome = 'next' | 'ended' | 'stop'

/** A running answer: its context and the text streamed so far (for `stream_end.content`). */
interface Turn {
  ctx: AnswerContext
  content: string
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done)
  })

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const nonBlank = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0

export class FakeConnection {
  readonly connectionId = randomUUID()
  authorized = false
  /** Dead peer: sends nothing and ignores everything. */
  halfOpen = false
  private readonly turns = new Map<string, AbortController>()
  /** Aborted when the connection ends (stops greeting steps and a delayed authorize). */
  private readonly life = new AbortController()
  private pingTimer: NodeJS.Timeout | undefined
  private pongTimer: NodeJS.Timeout | undefined

  constructor(
    readonly ws: WebSocket,
    readonly index: number,
    private readonly host: ConnectionHost,
  ) {}

  /** Goes silent: no pings, nothing sent, everything ignored (a dead peer). */
  mute(): void {
    this.halfOpen = true
    clearInterval(this.pingTimer)
    clearTimeout(this.pongTimer)
  }

  /** The socket is gone: stop every timer and running turn. */
  end(): void {
    this.mute()
    this.life.abort()
    for (const turn of this.turns.values()) turn.abort()
    this.turns.clear()
  }

  /** Sends a frame with the real server's `"id": null, "timestamp": null` envelope. */
  sendFrame(frame: Record<string, unknown>): void {
    this.sendRaw(JSON.stringify({ id: null, timestamp: null, ...frame }), false)
  }

  sendRaw(data: string | Buffer, binary: boolean): void {
    if (this.halfOpen || this.ws.readyState !== WebSocket.OPEN) return
    this.ws.send(data, { binary })
  }

  onMessage(data: Buffer, isBinary: boolean): void {
    if (this.halfOpen) return
    let frame: unknown
    try {
      frame = isBinary ? undefined : JSON.parse(data.toString('utf8'))
    } catch {
      frame = undefined
    }
    if (isObject(frame)) this.host.record(this.index, frame)
    if (!this.authorized) {
      if (isObject(frame) && frame.type === 'authorize') void this.authorize(frame.token)
      else this.sendFrame({ type: 'error', error: 'Authentication required', code: null })
      return
    }
    if (!isObject(frame)) return this.sendFrame({ type: 'error', error: 'Invalid JSON format', code: null })
    this.handle(frame)
  }

  private async authorize(token: unknown): Promise<void> {
    if (this.host.authorizeDelayMs > 0) {
      await sleep(this.host.authorizeDelayMs, this.life.signal)
      if (this.life.signal.aborted || this.authorized) return
    }
    if (!nonBlank(token) || token !== this.host.token) {
      this.sendFrame({ type: 'authorize_error', error: 'Invalid authentication token' })
      this.ws.close(4001, 'Authentication failed')
      return
    }
    this.authorized = true
    this.sendFrame({ type: 'authorize_success', connection_id: this.connectionId })
    this.pingTimer = setInterval(() => this.ping(), this.host.pingIntervalMs)
    if (this.host.greeting.length) void this.runSteps(this.host.greeting, this.life.signal)
  }

  private ping(): void {
    this.sendFrame({ type: 'ping' })
    this.pongTimer ??= setTimeout(() => {
      this.mute()
      this.ws.close(4000, 'Ping timeout')
    }, this.host.pongTimeoutMs)
  }

  private handle(frame: Record<string, unknown>): void {
    const type = frame.type
    const reply = (f: Record<string, unknown>) => this.sendFrame(f)
    switch (type) {
      case 'pong':
        if (this.host.ignorePongs) return
        clearTimeout(this.pongTimer)
        this.pongTimer = undefined
        return
      case 'authorize':
        return reply({ type: 'authorize_success', connection_id: this.connectionId })
      case 'chat_message':
        if (!nonBlank(frame.agent_id) || !nonBlank(frame.user_id)) {
          return reply({ type: 'error', error: 'agent_id and user_id are required', code: 400 })
        }
        if (typeof frame.content !== 'string') return reply({ type: 'error', error: 'content must be a string', code: 400 })
        if (this.host.dropMessages) return
        return void this.runTurn(frame as ChatMessageIn)
      case 'interrupt_stream':
        return this.interrupt(frame.turn_id)
      case 'fetch_backgrounds':
        return reply({ type: 'background_files', files: this.host.backgrounds })
      case 'fetch_avatar_configs':
        return reply({ type: 'avatar_config_files', configs: this.host.avatarConfigs.map(({ filename, name }) => ({ filename, name })) })
      case 'switch_avatar_config':
        return this.switchAvatar(frame.file)
      case undefined:
      case null:
      case '':
        return reply({ type: 'error', error: 'Missing message type', code: null })
      default:
        return reply({ type: 'error', error: `Unsupported message type: ${String(type)}`, code: null })
    }
  }

  private interrupt(turnId: unknown): void {
    if (nonBlank(turnId)) {
      const turn = this.turns.get(turnId)
      if (!turn) return this.sendFrame({ type: 'error', error: `No active turn ${turnId}`, code: 4004, turn_id: turnId })
      turn.abort()
      this.turns.delete(turnId)
      return this.sendFrame({ type: 'error', error: `Turn ${turnId} interrupted`, code: 4003, turn_id: turnId })
    }
    const count = this.turns.size
    if (count === 0) return this.sendFrame({ type: 'error', error: 'No active turns to interrupt', code: 4004 })
    for (const turn of this.turns.values()) turn.abort()
    this.turns.clear()
    this.sendFrame({ type: 'error', error: `Interrupted ${count} active turns`, code: 4003 })
  }

  private switchAvatar(file: unknown): void {
    const config = this.host.avatarConfigs.find((c) => c.filename === file)
    if (!config) return this.sendFrame({ type: 'error', error: `Config file not found: ${String(file)}`, code: null })
    const name = config.filename.replace(/\.[^.]+$/, '')
    this.sendFrame({
      type: 'set_model_and_conf',
      model_info: {
        name,
        url: config.modelUrl ?? `/live2d/${name}/runtime/${name}.model3.json`,
        kScale: 0.5,
        initialXshift: 0,
        initialYshift: 0,
        idleMotionGroupName: 'Idle',
        emotionMap: config.emotionMap ?? { neutral: 0, happy: 1, sad: 2, angry: 3 },
        ...config.modelInfo,
      },
      conf_name: config.name,
      conf_uid: name,
      client_uid: this.connectionId,
    })
    this.sendFrame({ type: 'avatar_config_switched', file: config.filename })
  }

  private async runTurn(message: ChatMessageIn): Promise<void> {
    const turnId = randomUUID()
    const conversationId = nonBlank(message.conversation_id) ? message.conversation_id : randomUUID()
    const controller = new AbortController()
    this.turns.set(turnId, controller)
    const turn: Turn = { ctx: { turnId, conversationId, connection: this.index, signal: controller.signal }, content: '' }
    this.sendFrame({ type: 'stream_start', turn_id: turnId, conversation_id: conversationId })
    try {
      const steps = await this.host.answer(message, turn.ctx)
      const outcome = await this.runSteps(steps, controller.signal, turn)
      if (outcome === 'next' && !controller.signal.aborted) {
        this.sendFrame({ type: 'stream_end', turn_id: turnId, conversation_id: conversationId, content: turn.content })
      }
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error)
      this.sendFrame({ type: 'error', error: `Failed to process message: ${text}`, code: 500, turn_id: turnId })
    } finally {
      if (this.turns.get(turnId) === controller) this.turns.delete(turnId)
    }
  }

  private async runSteps(
    steps: Iterable<FakeStep> | AsyncIterable<FakeStep>,
    signal: AbortSignal,
    turn?: Turn,
  ): Promise<StepOutcome> {
    for await (const step of steps) {
      if (signal.aborted) return 'stop'
      const outcome = await this.runStep(step, signal, turn)
      if (outcome !== 'next') return outcome
    }
    return 'next'
  }

  private async runStep(step: FakeStep, signal: AbortSignal, turn: Turn | undefined): Promise<StepOutcome> {
    const send = (frame: Record<string, unknown>) => this.sendFrame(frame)
    if ('frame' in step) send(step.frame)
    else if ('raw' in step) this.sendRaw(step.raw, step.binary ?? Buffer.isBuffer(step.raw))
    else if ('tokens' in step) {
      for (const [i, chunk] of step.tokens.entries()) {
        if (i > 0 && step.delayMs) await sleep(step.delayMs, signal)
        if (signal.aborted) return 'stop'
        if (turn) turn.content += chunk
        send({ type: 'stream_token', chunk, node: step.node ?? null })
      }
      if (step.delayMs) await sleep(step.delayMs, signal)
    } else if ('tts' in step) send({ type: 'tts_ready_chunk', chunk: step.tts, emotion: step.emotion ?? null })
    else if ('tool' in step) {
      send({ type: 'tool_call', tool_name: step.tool, args: JSON.stringify(step.args), node: step.node ?? null })
      if (step.delayMs) await sleep(step.delayMs, signal)
      if (signal.aborted) return 'stop'
      send({ type: 'tool_result', result: JSON.stringify(step.result), node: step.node ?? null })
    } else if ('delayMs' in step) await sleep(step.delayMs, signal)
    else if ('end' in step) {
      if (!turn) return 'next'
      const content = step.end === true ? turn.content : (step.end.content ?? turn.content)
      send({ type: 'stream_end', turn_id: turn.ctx.turnId, conversation_id: turn.ctx.conversationId, content })
      return 'ended'
    } else if ('fail' in step) {
      send({ type: 'error', error: step.fail, code: step.code === undefined ? 500 : step.code, turn_id: turn?.ctx.turnId ?? null })
      return 'ended'
    } else if ('close' in step) {
      this.ws.close(step.close, step.reason)
      return 'stop'
    } else if ('drop' in step) {
      this.ws.terminate()
      return 'stop'
    } else if ('halfOpen' in step) {
      this.mute()
      return 'stop'
    } else if ('hang' in step) {
      await sleep(2 ** 31 - 1, signal)
      return 'stop'
    }
    return signal.aborted ? 'stop' : 'next'
  }
}


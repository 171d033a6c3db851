/**
 * One chat turn over a `ChatLinkLike`: wait for `ready`, send one `chat_message`, report the
 * answer as `ChatEvent`s, and settle on `stream_end` or on the first reason to give up.
 */
import { describeSeconds, hostLabel } from '../../main/core/link/reasons'
import type { ChatLinkLike } from '../../main/core/link/types'
import type { LinkStatus } from '../../shared/host/link-status'
import { decodeJsonText, isInformationalErrorCode, MAX_TURN_TEXT, type ServerFrame } from '../../shared/protocol'
import { ExitCode } from '../exit-codes'
import { lowerFirst } from '../../shared/text'
import type { ChatEvent, FailureKind } from './events'

export interface TurnRequest {
  content: string
  agentId: string
  userId: string
  conversationId?: string
  persona?: string
}

export interface TurnOptions {
  /** The whole run, connecting included. */
  timeoutMs: number
  /** The link's silence timeout: a loss after this long without data is reported as silence. */
  silenceTimeoutMs: number
  onEvent: (event: ChatEvent) => void
}

export interface TurnOutcome {
  exitCode: number
  /** Why the run failed, as one line (no `mira:` prefix). */
  failure?: string
  conversationId?: string
}

const exitCodeOf: Record<FailureKind, number> = {
  auth: ExitCode.authFailed,
  connection: ExitCode.unreachable,
  silence: ExitCode.unreachable,
  timeout: ExitCode.unreachable,
  server: ExitCode.serverError,
  'too-long': ExitCode.serverError,
  interrupted: ExitCode.interrupted,
}

export class TurnRunner {
  private sent = false
  private turnId: string | undefined
  private conversationId: string | undefined
  private streamed = ''
  private startedAt = 0
  private lastLoss: { code?: number; at: number } | undefined
  private settle: ((outcome: TurnOutcome) => void) | undefined
  private readonly unsubscribe: (() => void)[] = []
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly link: ChatLinkLike,
    private readonly request: TurnRequest,
    private readonly options: TurnOptions,
  ) {
    this.conversationId = request.conversationId
  }

  run(): Promise<TurnOutcome> {
    return new Promise((resolve) => {
      this.settle = resolve
      this.startedAt = Date.now()
      this.unsubscribe.push(
        this.link.on('status', (status) => this.onStatus(status)),
        this.link.on('frame', (frame) => this.onFrame(frame)),
        this.link.on('bad-frame', (bad) => this.options.onEvent({ event: 'notice', text: `Ignored a malformed frame: ${bad.message}` })),
        this.link.on('lost', (lost) => {
          this.lastLoss = { ...(lost.code === undefined ? {} : { code: lost.code }), at: Date.now() }
        }),
      )
      this.timer = setTimeout(
        () => this.fail('timeout', `no complete answer within ${describeSeconds(this.options.timeoutMs)} (see --timeout)`),
        this.options.timeoutMs,
      )
      this.link.start()
    })
  }

  /** Ctrl-C: ask the server to stop the turn, then settle with 130. */
  interrupt(): void {
    if (!this.settle) return
    // `turn_id: undefined` is not serialized: before stream_start every active turn is interrupted.
    if (this.sent) this.link.send({ type: 'interrupt_stream', turn_id: this.turnId })
    this.fail('interrupted', 'interrupted')
  }

  private onStatus(status: LinkStatus): void {
    if (status.state === 'ready' && !this.sent) {
      // Keys left `undefined` are not serialized (a new conversation sends no conversation_id).
      this.sent = this.link.send({
        type: 'chat_message',
        content: this.request.content,
        agent_id: this.request.agentId,
        user_id: this.request.userId,
        conversation_id: this.request.conversationId || undefined,
        persona: this.request.persona || undefined,
        images: undefined,
        limit: undefined,
        metadata: undefined,
      })
    } else if (status.state === 'auth-failed') {
      this.fail('auth', lowerFirst(status.reason ?? 'the server refused the token'))
    } else if (status.state === 'offline') {
      this.onOffline(status)
    }
  }

  private onOffline(status: LinkStatus): void {
    const reason = (status.reason ?? 'the connection ended').replace(hostLabel(status.serverUrl), status.serverUrl)
    const loss = this.lastLoss
    // A loss with no close code after a full silence period is the watchdog giving up on a dead peer.
    const lastHeard = status.lastFrameAt ?? this.startedAt
    if (loss && loss.code === undefined && loss.at - lastHeard >= this.options.silenceTimeoutMs * 0.9) {
      const seconds = describeSeconds(loss.at - lastHeard)
      this.fail('silence', `the connection went silent: no data from ${status.serverUrl} for ${seconds} (see --silence-timeout)`)
      return
    }
    this.fail('connection', lowerFirst(reason))
  }

  private onFrame(frame: ServerFrame): void {
    const emit = this.options.onEvent
    switch (frame.type) {
      case 'stream_start':
        this.turnId = frame.turn_id
        this.conversationId = frame.conversation_id ?? this.conversationId
        return emit({ event: 'start', turn_id: frame.turn_id, conversation_id: frame.conversation_id ?? null })
      case 'stream_token':
        if (this.streamed.length + frame.chunk.length > MAX_TURN_TEXT) return this.tooLong()
        this.streamed += frame.chunk
        return emit({ event: 'token', chunk: frame.chunk })
      case 'tts_ready_chunk':
        return emit({ event: 'tts', chunk: frame.chunk, emotion: frame.emotion ?? null })
      case 'tool_call':
        return emit({ event: 'tool_call', tool_name: frame.tool_name, args: decodeJsonText(frame.args) })
      case 'tool_result':
        return emit({ event: 'tool_result', result: decodeJsonText(frame.result) })
      case 'stream_end':
        return this.onEnd(frame)
      case 'error':
        return this.onError(frame)
      default:
        return
    }
  }

  /** The answer would pass `MAX_TURN_TEXT`: the server is told to stop, and the run ends (exit 4). */
  private tooLong(): void {
    if (!this.settle) return
    this.link.send({ type: 'interrupt_stream', turn_id: this.turnId })
    this.fail('too-long', `the answer passed ${MAX_TURN_TEXT / (1024 * 1024)} MB of text; stopped it`)
  }

  private onEnd(frame: Extract<ServerFrame, { type: 'stream_end' }>): void {
    if (!this.settle) return
    this.conversationId = frame.conversation_id ?? this.conversationId
    this.options.onEvent({
      event: 'end',
      turn_id: frame.turn_id ?? this.turnId ?? null,
      conversation_id: this.conversationId ?? null,
      content: frame.content ?? this.streamed,
    })
    this.finish({ exitCode: ExitCode.ok, ...(this.conversationId ? { conversationId: this.conversationId } : {}) })
  }

  private onError(frame: Extract<ServerFrame, { type: 'error' }>): void {
    if (isInformationalErrorCode(frame.code) || !this.sent) {
      this.options.onEvent({ event: 'notice', text: frame.error, ...(frame.code === null ? {} : { code: frame.code }) })
      return
    }
    const code = frame.code === null ? '' : ` (code ${frame.code})`
    this.fail('server', `the server reported an error: ${frame.error}${code}`, frame.code)
  }

  private fail(kind: FailureKind, line: string, code?: number | null): void {
    if (!this.settle) return
    this.options.onEvent({ event: 'error', kind, error: line, ...(code === undefined ? {} : { code }) })
    this.finish({ exitCode: exitCodeOf[kind], failure: line, ...(this.conversationId ? { conversationId: this.conversationId } : {}) })
  }

  private finish(outcome: TurnOutcome): void {
    const settle = this.settle
    this.settle = undefined
    clearTimeout(this.timer)
    for (const off of this.unsubscribe.splice(0)) off()
    settle?.(outcome)
  }
}

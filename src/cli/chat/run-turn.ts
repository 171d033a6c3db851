/**
 * One chat turn over a `ChatLinkLike` and its protocol adapter: wait for `ready`, send one message,
 * report the answer as `ChatEvent`s (the same for every protocol; speech chunks are made here when
 * the server sends none), and settle at the turn's end or on the first reason to give up.
 */
import { describeSeconds, hostLabel } from '../../main/core/link/reasons'
import type { ChatLinkLike } from '../../main/core/link/types'
import type { Intent, ProtocolEvent, ProtocolEventOf, ServerProtocol } from '../../main/core/protocols/types'
import { ClientSpeech } from '../../main/core/session/client-speech'
import type { LinkStatus } from '../../shared/host/link-status'
import { MAX_TURN_TEXT } from '../../shared/protocol'
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

export class TurnRunner<In, Out> {
  private sent = false
  /** For a server without speech chunks: made here from the tokens. */
  private readonly speech: ClientSpeech | undefined
  private turnId: string | undefined
  private conversationId: string | undefined
  private streamed = ''
  private startedAt = 0
  private lastLoss: { code?: number; at: number } | undefined
  private settle: ((outcome: TurnOutcome) => void) | undefined
  private readonly unsubscribe: (() => void)[] = []
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly link: ChatLinkLike<In, Out>,
    private readonly protocol: ServerProtocol<In, Out>,
    private readonly request: TurnRequest,
    private readonly options: TurnOptions,
  ) {
    this.conversationId = request.conversationId
    this.speech = protocol.capabilities.speechChunks ? undefined : new ClientSpeech()
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

  /** Ctrl-C: ask the server to stop the turn (where it can be asked), then settle with 130. */
  interrupt(): void {
    if (!this.settle) return
    // Before the turn starts, no turn id: every active turn is interrupted.
    if (this.sent) this.write({ kind: 'interrupt', ...(this.turnId === undefined ? {} : { turnId: this.turnId }) })
    this.fail('interrupted', 'interrupted')
  }

  private write(intent: Intent): boolean {
    const encoded = this.protocol.encode(intent)
    return encoded !== undefined && encoded.frames.every((frame) => this.link.send(frame))
  }

  private onStatus(status: LinkStatus): void {
    if (status.state === 'ready' && !this.sent) {
      const { content, agentId, userId, conversationId, persona } = this.request
      this.sent = this.write({
        kind: 'send',
        text: content,
        identity: { agentId, userId, ...(persona ? { persona } : {}) },
        ...(conversationId ? { conversationId } : {}),
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

  private onFrame(frame: In): void {
    for (const event of this.protocol.decode(frame)) this.onEvent(event)
  }

  private onEvent(event: ProtocolEvent): void {
    const emit = this.options.onEvent
    switch (event.kind) {
      case 'turn-start':
        this.turnId = event.turnId
        this.conversationId = event.conversationId ?? this.conversationId
        return emit({ event: 'start', turn_id: event.turnId, conversation_id: event.conversationId ?? null })
      case 'token':
        if (this.streamed.length + event.chunk.length > MAX_TURN_TEXT) return this.tooLong()
        this.streamed += event.chunk
        emit({ event: 'token', chunk: event.chunk })
        return this.speak(this.speech?.token('turn', event.chunk))
      case 'speech':
        return emit({ event: 'tts', chunk: event.chunk, emotion: event.emotion ?? null })
      case 'emotion':
        return this.speech?.emotion('turn', event.emotion)
      case 'tool-call':
        return emit({ event: 'tool_call', tool_name: event.toolName, args: event.args })
      case 'tool-result':
        return emit({ event: 'tool_result', result: event.result, ...(event.toolName === undefined ? {} : { tool_name: event.toolName }) })
      case 'turn-end':
        this.speak(this.speech?.end('turn', event.content))
        return this.onEnd(event)
      case 'interrupt-result':
        return emit({ event: 'notice', text: event.message, ...(event.code === undefined ? {} : { code: event.code }) })
      case 'error':
        return this.onError(event)
      case 'notice':
        return emit({ event: 'notice', text: event.text.text })
      default:
        return
    }
  }

  private speak(chunks: { chunk: string; emotion?: string }[] | undefined): void {
    for (const c of chunks ?? []) this.options.onEvent({ event: 'tts', chunk: c.chunk, emotion: c.emotion ?? null })
  }

  /** The answer would pass `MAX_TURN_TEXT`: the server is told to stop, and the run ends (exit 4). */
  private tooLong(): void {
    if (!this.settle) return
    this.write({ kind: 'interrupt', ...(this.turnId === undefined ? {} : { turnId: this.turnId }) })
    this.fail('too-long', `the answer passed ${MAX_TURN_TEXT / (1024 * 1024)} MB of text; stopped it`)
  }

  private onEnd(event: ProtocolEventOf<'turn-end'>): void {
    if (!this.settle) return
    this.conversationId = event.conversationId ?? this.conversationId
    this.options.onEvent({
      event: 'end',
      turn_id: event.turnId ?? this.turnId ?? null,
      conversation_id: this.conversationId ?? null,
      content: event.content ?? this.streamed,
    })
    this.finish({ exitCode: ExitCode.ok, ...(this.conversationId ? { conversationId: this.conversationId } : {}) })
  }

  private onError(event: ProtocolEventOf<'error'>): void {
    const error = event.text?.text ?? (event.fix ? `${event.message} (${event.fix})` : event.message)
    if (!this.sent) {
      this.options.onEvent({ event: 'notice', text: error, ...(event.code === null ? {} : { code: event.code }) })
      return
    }
    const code = event.code === null ? '' : ` (code ${event.code})`
    this.fail('server', `the server reported an error: ${error}${code}`, event.code)
  }

  private fail(kind: FailureKind, line: string, code?: number | string | null): void {
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

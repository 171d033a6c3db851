/**
 * General Bots as a `ServerProtocol` (shared/protocol/generalbots-websocket.md): `ws://host:8080/ws`
 * with `?token=` (as the guide's `BotClient` connects), a client `ping` every 30 s, `message`
 * {session_id, content} out; `stream_start`/`stream_chunk`/`stream_end` keyed by `message_id`, or a
 * whole `message`, `bot_typing`, `tool_call`/`tool_result` and `error` {code, message} in. No
 * interrupt, no speech chunks (the session chunks the tokens). Frames are in generalbots-frames.ts.
 *
 * Assumed where the guide is vague:
 * - A Mira conversation is a General Bots session (its id is the conversation id). Without a fixed
 *   session (`--session-id`) the connection is ready at the server's `session_created`, and a new
 *   conversation takes that session; a second new conversation on the same connection shares it
 *   (the guide has no way to ask for another), and a notice says so. A fixed session is `subscribe`d to at once and the
 *   connection is ready without waiting, as the guide's client does.
 * - A frame opens a turn only while one of Mira's messages waits for one; stream frames of a
 *   `message_id` the open turn does not stream (the rest of an answer begun before a reconnection)
 *   are ignored.
 * - `AUTH_FAILED` refuses the credentials (no retry loop); `RATE_LIMITED` sends the message again
 *   after a back-off that doubles each time, up to `RATE_LIMIT_RETRIES` times.
 */
import { randomUUID } from 'node:crypto'
import { hostText } from '../../../shared/host/host-text'
import { opt, withDocumentedPath } from './fields'
import { errorText, parseGeneralBotsFrame, type GeneralBotsClientFrame, type GeneralBotsFrame } from './generalbots-frames'
import { ImplicitTurns } from './implicit-turn'
import type { Encoded, Intent, LinkControl, ProtocolCredentials, ProtocolEvent, ServerProtocol } from './types'

export type { GeneralBotsClientFrame, GeneralBotsFrame } from './generalbots-frames'

/** The guide's limits. */
export const GENERALBOTS_MAX_MESSAGE_BYTES = 64 * 1024
export const GENERALBOTS_PING_INTERVAL_MS = 30_000
const RATE_LIMIT_RETRIES = 5
const RATE_LIMIT_MAX_DELAY_MS = 30_000

export interface GeneralBotsOptions {
  /** A fixed session for every conversation (`--session-id`). */
  sessionId?: string
  /** The first back-off after `RATE_LIMITED` (default 1 s). */
  rateLimitBackoffMs?: number
  /** For tests: how often to ping (default the guide's 30 s). */
  pingIntervalMs?: number
  /** For tests: the ids of turns. */
  newId?: () => string
}

export function generalBotsProtocol(options: GeneralBotsOptions = {}): ServerProtocol<GeneralBotsFrame, GeneralBotsClientFrame> {
  const turns = new ImplicitTurns(options.newId ?? randomUUID)
  const backoffMs = options.rateLimitBackoffMs ?? 1_000
  /** The session the server made for this connection. */
  let fresh: string | undefined
  /** A conversation already goes on in `fresh`. */
  let freshTaken = false
  /** The `message_id` the open turn streams. */
  let stream: string | undefined
  let rateLimitedInARow = 0

  function encode(intent: Intent): Encoded<GeneralBotsClientFrame> | undefined {
    if (intent.kind === 'new-conversation') return newConversation(intent.conversationId)
    if (intent.kind !== 'send') return undefined
    const sessionId = intent.conversationId ?? options.sessionId ?? fresh
    if (sessionId === undefined) return undefined
    if (sessionId === fresh) freshTaken = true
    turns.sent(sessionId)
    // General Bots takes text only: images are not sent.
    return { frames: [{ type: 'message', session_id: sessionId, content: intent.text }], conversationId: sessionId }
  }

  /**
   * A new conversation takes the session the server made for this connection; once a conversation
   * has it, the guide offers no way to ask for another, so the next one continues it, saying so.
   */
  function newConversation(chosen: string | undefined): Encoded<GeneralBotsClientFrame> {
    const sessionId = chosen ?? options.sessionId ?? fresh
    const continues = chosen === undefined && options.sessionId === undefined && freshTaken
    return { frames: [], ...opt('conversationId', sessionId), ...(continues ? { continues } : {}) }
  }

  /** The open turn, opened now when one of our messages waits for it; `undefined` when the frame answers none of ours. */
  function open(sessionId: string | undefined): { turnId: string; start: ProtocolEvent[] } | undefined {
    if (!turns.awaiting) return undefined
    const opened = turns.ensure(sessionId)
    if (opened.start.length > 0) {
      stream = undefined
      rateLimitedInARow = 0
    }
    return opened
  }

  /** The open turn when a stream frame of `messageId` belongs to it. */
  function streaming(messageId: string | undefined): string | undefined {
    const turnId = turns.openTurn
    if (turnId === undefined) return undefined
    if (messageId !== undefined && stream !== undefined && messageId !== stream) return undefined
    stream ??= messageId
    return turnId
  }

  function end(turnId: string, content: string | undefined): ProtocolEvent[] {
    const turn = turns.end()
    stream = undefined
    return [{ kind: 'turn-end', turnId, ...opt('conversationId', turn?.conversationId), ...opt('content', content) }]
  }

  function decode(frame: GeneralBotsFrame): ProtocolEvent[] {
    const ignored: ProtocolEvent[] = [{ kind: 'ignored', what: frame.type }]
    switch (frame.type) {
      case 'bot_typing':
        if (!frame.is_typing) return []
        return open(frame.session_id)?.start ?? ignored
      case 'stream_start': {
        const opened = open(frame.session_id)
        if (!opened) return ignored
        if (stream !== undefined && frame.message_id !== stream) return ignored
        stream = frame.message_id
        return opened.start
      }
      case 'stream_chunk': {
        const turnId = streaming(frame.message_id)
        return turnId === undefined ? ignored : [{ kind: 'token', chunk: frame.content, turnId }]
      }
      case 'stream_end': {
        const turnId = streaming(frame.message_id)
        return turnId === undefined ? ignored : end(turnId, frame.content)
      }
      case 'message': {
        // A user's message echoed to the session's subscribers is no answer.
        if (frame.role === 'user') return ignored
        const opened = open(frame.session_id)
        return opened ? [...opened.start, ...end(opened.turnId, frame.content)] : ignored
      }
      case 'tool_call': {
        const opened = open(frame.session_id)
        return opened ? [...opened.start, { kind: 'tool-call', toolName: frame.tool, args: frame.arguments ?? {}, turnId: opened.turnId }] : ignored
      }
      case 'tool_result': {
        const turnId = turns.openTurn
        return turnId === undefined ? ignored : [{ kind: 'tool-result', ...opt('toolName', frame.tool), result: frame.result, turnId }]
      }
      case 'error':
        return [errorEvent(frame.code, frame.message ?? frame.code ?? 'Unknown error')]
      case 'session_closed':
        // A message to it gets SESSION_NOT_FOUND, worded for the user then.
        return ignored
      case 'session_created':
      case 'pong':
        return [] // the link's own business
    }
  }

  function errorEvent(code: string | undefined, message: string): ProtocolEvent {
    const turn = turns.end()
    stream = undefined
    if (!turn) turns.failedBeforeStart()
    let retryAfterMs: number | undefined
    if (code === 'RATE_LIMITED' && !turn) {
      // Given up after the last retry: the next message gets its own.
      if (rateLimitedInARow < RATE_LIMIT_RETRIES) retryAfterMs = Math.min(backoffMs * 2 ** rateLimitedInARow++, RATE_LIMIT_MAX_DELAY_MS)
      else rateLimitedInARow = 0
    }
    return { kind: 'error', message, code: code ?? null, text: errorText(code, message), ...opt('turnId', turn?.turnId), ...opt('retryAfterMs', retryAfterMs) }
  }

  function control(frame: GeneralBotsFrame): LinkControl<GeneralBotsClientFrame> {
    switch (frame.type) {
      case 'session_created':
        fresh = frame.session_id
        return { kind: 'ready' }
      case 'pong':
        return { kind: 'consumed' }
      case 'error':
        if (frame.code !== 'AUTH_FAILED') return { kind: 'pass' }
        return { kind: 'refused', reason: errorText('AUTH_FAILED', frame.message ?? 'AUTH_FAILED') }
      default:
        return { kind: 'pass' }
    }
  }

  return {
    kind: 'generalbots',
    capabilities: { interrupt: false, history: true, tools: true, speechChunks: false, streaming: true, backgrounds: false, avatars: false },
    limits: { maxFrameBytes: GENERALBOTS_MAX_MESSAGE_BYTES },
    authFailedCloseCodes: [],
    target: (url, credentials) => ({ url: withToken(withDocumentedPath(url, '/ws'), credentials) }),
    handshake(credentials) {
      turns.reset()
      fresh = undefined
      freshTaken = false
      stream = undefined
      rateLimitedInARow = 0
      if (!credentials.token?.trim()) return { kind: 'missing', reason: hostText('No token set: enter the server token in settings', 'linkNoToken') }
      return options.sessionId === undefined ? { kind: 'await', send: [] } : { kind: 'open', send: [{ type: 'subscribe', session_id: options.sessionId }] }
    },
    parse: parseGeneralBotsFrame,
    control,
    heartbeat: { intervalMs: options.pingIntervalMs ?? GENERALBOTS_PING_INTERVAL_MS, frame: () => ({ type: 'ping' }) },
    isLinkFrame: (frame) => frame.type === 'ping' || frame.type === 'subscribe',
    serialize: (frame) => JSON.stringify(frame),
    describe: (frame) => frame.type,
    encode,
    decode,
  }
}

/** The address with `?token=` (replacing one typed into it), as the guide's client connects. */
function withToken(url: string, credentials: ProtocolCredentials): string {
  const token = credentials.token?.trim()
  if (!token) return url
  const parsed = new URL(url)
  parsed.searchParams.set('token', token)
  return parsed.toString()
}

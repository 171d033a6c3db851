/**
 * Lexicon as a `ServerProtocol` (shared/protocol/lexicon-websocket.md): `ws://host:8000/ws/chat`
 * with the `X-API-Key`, `X-User-ID` and `X-Chat-ID` headers (the core runs in Node, so the key
 * stays out of the address and logs), ready at `connection_established`; `{content}` out;
 * `message_received`, `message_stream_started`/`_token`/`_ended` and `error` {error_code,
 * error_message, details.fix} in. No interrupt, no tools, no speech chunks (the session chunks the
 * tokens), at most 10 messages a second (the session's send loop keeps to it).
 *
 * A connection is bound to one chat: which one, and creating it, is lexicon-chats.ts'. A Mira
 * conversation's id is its chat's id.
 *
 * Assumed where the guide is vague:
 * - A turn opens at `message_stream_started` (or the first token) while one of Mira's messages
 *   waits for it; stream events when none waits (an answer begun before a reconnection) are ignored.
 * - `AUTH_ERROR` and `CHAT_NOT_FOUND` at connection time refuse the credentials (no retry loop);
 *   `RATE_LIMIT_EXCEEDED` sends the message again after a second.
 * - Keep-alive: `{type: 'ping'}` every 30 s (the guide asks for pings but gives no shape).
 */
import { randomUUID } from 'node:crypto'
import { hostText } from '../../../shared/host/host-text'
import { opt, withDocumentedPath } from './fields'
import { ImplicitTurns } from './implicit-turn'
import type { LexiconChats } from './lexicon-chats'
import { errorText, parseLexiconFrame, type LexiconClientFrame, type LexiconFrame } from './lexicon-frames'
import type { Encoded, Intent, LinkControl, ProtocolEvent, ServerProtocol } from './types'

export type { LexiconClientFrame, LexiconFrame } from './lexicon-frames'

export const LEXICON_PATH = '/ws/chat'
export const LEXICON_RATE = { max: 10, windowMs: 1_000 }
export const LEXICON_PING_INTERVAL_MS = 30_000
const RATE_LIMIT_RETRY_MS = 1_000

export interface LexiconOptions {
  /** Which chat the connection is on; without it, the one in the credentials (`chatId`) serves every conversation. */
  chats?: LexiconChats
  pingIntervalMs?: number
  /** For tests: the ids of turns. */
  newId?: () => string
}

export function lexiconProtocol(options: LexiconOptions = {}): ServerProtocol<LexiconFrame, LexiconClientFrame> {
  const turns = new ImplicitTurns(options.newId ?? randomUUID)
  const chats = options.chats
  /** The chat this connection is on (what the server said, else what was asked for). */
  let bound: string | undefined
  /** `connection_established` came on this connection. */
  let connected = false
  /** A message of another conversation waits for the answer in progress to end, then for its chat. */
  let deferred: { conversationId: string | undefined } | undefined

  /** The chat a message of conversation `conversationId` goes to on this connection, or `undefined` (it must wait for another). */
  function chatFor(conversationId: string | undefined): string | undefined {
    if (bound === undefined) return undefined
    if (!chats || chats.fixed) return bound
    if (conversationId === bound) return bound
    if (conversationId === undefined && !chats.claimed(bound)) return bound
    // Another conversation's chat (or a new one), once this connection has no answer to wait for.
    if (turns.awaiting) deferred = { conversationId }
    else chats.want(conversationId)
    return undefined
  }

  function encode(intent: Intent): Encoded<LexiconClientFrame> | undefined {
    if (intent.kind === 'new-conversation') return { frames: [] }
    if (intent.kind !== 'send') return undefined
    const chatId = chatFor(intent.conversationId)
    if (chatId === undefined) return undefined
    chats?.claim(chatId)
    turns.sent(chatId)
    // Lexicon takes text only: images are not sent.
    return { frames: [{ content: intent.text }], conversationId: chatId }
  }

  /** The open turn, opened now when one of our messages waits for it. */
  function open(): { turnId: string; start: ProtocolEvent[] } | undefined {
    return turns.awaiting ? turns.ensure() : undefined
  }

  function decode(frame: LexiconFrame): ProtocolEvent[] {
    const events = decodeFrame(frame)
    if (deferred && !turns.awaiting) {
      chats?.want(deferred.conversationId)
      deferred = undefined
    }
    return events
  }

  function decodeFrame(frame: LexiconFrame): ProtocolEvent[] {
    const ignored: ProtocolEvent[] = [{ kind: 'ignored', what: frame.event_type }]
    switch (frame.event_type) {
      case 'message_stream_started':
        return open()?.start ?? ignored
      case 'message_stream_token': {
        const opened = open()
        return opened ? [...opened.start, { kind: 'token', chunk: frame.token, turnId: opened.turnId }] : ignored
      }
      case 'message_stream_ended': {
        const opened = open()
        if (!opened) return ignored
        const turn = turns.end()
        const end: ProtocolEvent = { kind: 'turn-end', turnId: opened.turnId, ...opt('conversationId', turn?.conversationId), ...opt('content', frame.content) }
        return [...opened.start, end]
      }
      case 'error':
        return [errorEvent(frame)]
      case 'message_received':
      case 'user_created':
      case 'connection_established':
      case 'pong':
        // Confirmations: the answer's own events say all Mira shows.
        return []
    }
  }

  function errorEvent(frame: Extract<LexiconFrame, { event_type: 'error' }>): ProtocolEvent {
    const turn = turns.end()
    if (!turn) turns.failedBeforeStart()
    const code = frame.error_code
    const message = frame.error_message ?? code ?? 'Unknown error'
    const fix = frame.details?.fix
    const retry = code === 'RATE_LIMIT_EXCEEDED' && !turn ? { retryAfterMs: RATE_LIMIT_RETRY_MS } : {}
    return { kind: 'error', message, code: code ?? null, text: errorText(code, message, fix), ...opt('fix', fix), ...opt('turnId', turn?.turnId), ...retry }
  }

  function control(frame: LexiconFrame): LinkControl<LexiconClientFrame> {
    switch (frame.event_type) {
      case 'connection_established':
        bound = frame.chat_id ?? bound
        connected = true
        return { kind: 'ready' }
      case 'pong':
        return { kind: 'consumed' }
      case 'error':
        if (frame.error_code !== 'AUTH_ERROR' && frame.error_code !== 'CHAT_NOT_FOUND') return { kind: 'pass' }
        // Refused at the door only; later, the same codes are a message's error.
        if (connected) return { kind: 'pass' }
        return { kind: 'refused', reason: errorText(frame.error_code, frame.error_message ?? frame.error_code, frame.details?.fix) }
      default:
        return { kind: 'pass' }
    }
  }

  return {
    kind: 'lexicon',
    capabilities: { interrupt: false, history: true, tools: false, speechChunks: false, streaming: true, backgrounds: false, avatars: false },
    limits: { rate: LEXICON_RATE },
    authFailedCloseCodes: [],
    target(url, credentials) {
      const headers: Record<string, string> = {}
      if (credentials.apiKey?.trim()) headers['X-API-Key'] = credentials.apiKey.trim()
      if (credentials.userId?.trim()) headers['X-User-ID'] = credentials.userId.trim()
      const chatId = chats?.current ?? credentials.chatId?.trim()
      if (chatId) headers['X-Chat-ID'] = chatId
      return { url: withDocumentedPath(url, LEXICON_PATH), headers }
    },
    handshake(credentials) {
      turns.reset()
      connected = false
      deferred = undefined
      bound = chats?.current ?? (credentials.chatId?.trim() || undefined)
      if (!credentials.apiKey?.trim()) return { kind: 'missing', reason: hostText('No API key set: enter the server’s API key in settings', 'linkNoApiKey') }
      if (!credentials.userId?.trim()) return { kind: 'missing', reason: hostText('No user id set: enter your user id in settings', 'linkNoUserId') }
      return { kind: 'await', send: [] }
    },
    parse: parseLexiconFrame,
    control,
    heartbeat: { intervalMs: options.pingIntervalMs ?? LEXICON_PING_INTERVAL_MS, frame: () => ({ type: 'ping' }) },
    isLinkFrame: (frame) => 'type' in frame,
    serialize: (frame) => JSON.stringify(frame),
    describe: (frame) => frame.event_type,
    encode,
    decode,
  }
}

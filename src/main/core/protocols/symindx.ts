/**
 * SYMindX as a `ServerProtocol` (shared/protocol/symindx-websocket.md): `chat` out to a target agent,
 * one whole `chat_response` in (with the agent's `emotion`), `event` / `emotion_change` for the
 * avatar, the server's `ping` answered with `pong`, `error` with a `data.code`. The protocol names no
 * turns (implicit-turn.ts), cannot interrupt, streams nothing and sends no speech chunks (the session
 * chunks the whole answer into sentences).
 *
 * Assumed where the guide is vague: the guide describes no authentication, only `UNAUTHORIZED`, so a
 * token, when set, goes as `Authorization: Bearer`; the handshake asks the target agent's `status`
 * and the connection is ready at its answer (a `status_update`, or any error but UNAUTHORIZED: the
 * server is there and lets us in); each conversation gets its own `conversationId`; `emotion_change`
 * events of other agents are ignored.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { hostText } from '../../../shared/host/host-text'
import { parseFrameBy } from '../../../shared/protocol'
import { opt, withDocumentedPath } from './fields'
import { ImplicitTurns } from './implicit-turn'
import type { Encoded, Intent, LinkControl, ProtocolCredentials, ProtocolEvent, ServerProtocol } from './types'

const text = z.string().nullish().transform((v) => v ?? undefined)
const data = <S extends z.ZodRawShape>(shape: S) =>
  z.looseObject(shape).nullish().transform((v) => v ?? ({} as z.output<z.ZodObject<S>>))
const frame = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.looseObject({ type: z.literal(type), id: text, data: data(shape) })

const schemas = {
  chat_response: frame('chat_response', { response: z.string(), agentId: text, emotion: text }),
  event: frame('event', { eventType: z.string(), agentId: text, currentEmotion: text }),
  error: frame('error', { code: z.union([z.string(), z.number()]).nullish(), message: text, details: z.unknown().optional() }),
  status_update: frame('status_update', { agentId: text, status: text }),
  command_result: frame('command_result', {}),
  ping: frame('ping', {}),
  pong: frame('pong', {}),
}

export type SymindxFrame = { [K in keyof typeof schemas]: z.output<(typeof schemas)[K]> }[keyof typeof schemas]
export type SymindxClientFrame =
  | { id: string; type: 'chat'; data: { message: string; conversationId?: string }; targetAgent: string; timestamp: string }
  | { type: 'subscribe'; data: { events: string[] } }
  | { type: 'status'; targetAgent?: string }
  | { type: 'pong' }

export interface SymindxOptions {
  /** The target agent (`--agent`); without it, each message goes to its identity's agent (Settings → Profile → Agent ID). */
  agent?: string
  /** For tests: the ids of messages, conversations and turns. */
  newId?: () => string
}

/** Codes that mean the credentials were refused. */
const REFUSED_CODES = new Set(['UNAUTHORIZED'])

export function symindxProtocol(options: SymindxOptions = {}): ServerProtocol<SymindxFrame, SymindxClientFrame> {
  const newId = options.newId ?? randomUUID
  const turns = new ImplicitTurns(newId)
  /** Agents messages went to, so that only their emotions reach the avatar. */
  const agents = new Set<string>()
  let handshaking = false
  /** Whether this connection presented a token: a refusal then means a wrong token, else a missing one. */
  let withToken = false

  function encode(intent: Intent): Encoded<SymindxClientFrame> | undefined {
    // A new conversation is a new `conversationId`; no interrupt, no backgrounds or avatars.
    if (intent.kind === 'new-conversation') return { frames: [], conversationId: intent.conversationId ?? newId() }
    if (intent.kind !== 'send') return undefined
    const conversationId = intent.conversationId ?? newId()
    const targetAgent = options.agent ?? intent.identity.agentId
    agents.add(targetAgent)
    turns.sent(conversationId)
    const chat: SymindxClientFrame = { id: newId(), type: 'chat', data: { message: intent.text, conversationId }, targetAgent, timestamp: new Date().toISOString() }
    return { frames: [chat], conversationId }
  }

  function decode(frame: SymindxFrame): ProtocolEvent[] {
    switch (frame.type) {
      case 'chat_response': {
        const { turnId, start } = turns.ensure()
        const turn = turns.end()
        const emotion = frame.data.emotion
        return [
          ...start,
          ...(emotion ? [{ kind: 'emotion' as const, emotion, turnId }] : []),
          { kind: 'token', chunk: frame.data.response, turnId },
          { kind: 'turn-end', turnId, ...opt('conversationId', turn?.conversationId), content: frame.data.response },
        ]
      }
      case 'event':
        return emotionChange(frame.data)
      case 'error': {
        const error = { kind: 'error' as const, message: errorText(frame.data), code: frame.data.code ?? null }
        // Errors name no message, but the server answers in order: an awaited answer's turn fails, so its caption says why.
        if (!turns.awaiting) return [error]
        const { turnId, start } = turns.ensure()
        turns.end()
        return [...start, { ...error, turnId }]
      }
      default:
        return [{ kind: 'ignored', what: frame.type }]
    }
  }

  /** The agent's mood changed: while an answer is awaited it belongs to that answer (and opens its turn). */
  function emotionChange(event: { eventType: string; agentId?: string | undefined; currentEmotion?: string | undefined }): ProtocolEvent[] {
    const ours = event.agentId === undefined || agents.has(event.agentId)
    if (event.eventType !== 'emotion_change' || !event.currentEmotion || !ours || !turns.awaiting) return [{ kind: 'ignored', what: `event ${event.eventType}` }]
    const { turnId, start } = turns.ensure()
    return [...start, { kind: 'emotion', emotion: event.currentEmotion, turnId }]
  }

  function control(frame: SymindxFrame): LinkControl<SymindxClientFrame> {
    if (frame.type === 'ping') return { kind: 'reply', frame: { type: 'pong' } }
    if (frame.type === 'pong') return { kind: 'consumed' }
    const code = frame.type === 'error' ? frame.data.code : undefined
    if (typeof code === 'string' && REFUSED_CODES.has(code)) {
      handshaking = false
      const error = errorText(frame.type === 'error' ? frame.data : {})
      if (!withToken) return { kind: 'refused', reason: hostText(`No token set: enter the server token in settings (${error})`, 'linkNoToken') }
      return { kind: 'refused', reason: hostText(`The server refused the token: ${error}`, 'linkTokenRefused', { error }) }
    }
    if (handshaking && (frame.type === 'status_update' || frame.type === 'error')) {
      handshaking = false
      return { kind: 'ready' }
    }
    return { kind: 'pass' }
  }

  return {
    kind: 'symindx',
    capabilities: { interrupt: false, history: true, tools: false, speechChunks: false, streaming: false, backgrounds: false, avatars: false },
    limits: {},
    authFailedCloseCodes: [],
    target: (url, credentials) => ({ url: withDocumentedPath(url, '/ws'), ...bearer(credentials) }),
    handshake(credentials) {
      turns.reset()
      handshaking = true
      withToken = Boolean(credentials.token?.trim())
      return { kind: 'await', send: [{ type: 'subscribe', data: { events: ['emotion_change'] } }, { type: 'status', ...opt('targetAgent', options.agent) }] }
    },
    parse: (raw, isBinary) => parseFrameBy<SymindxFrame>('type', schemas, raw, isBinary),
    control,
    isLinkFrame: (frame) => frame.type !== 'chat',
    serialize: (frame) => JSON.stringify(frame),
    describe: (frame) => frame.type,
    encode,
    decode,
  }
}

function bearer(credentials: ProtocolCredentials): { headers?: Record<string, string> } {
  const token = credentials.token?.trim()
  return token ? { headers: { Authorization: `Bearer ${token}` } } : {}
}

/** The server's message, with its details when they say more (`Missing required field: targetAgent`). */
function errorText(data: { message?: string | undefined; details?: unknown }): string {
  const message = data.message ?? 'Unknown error'
  return typeof data.details === 'string' && data.details && !message.includes(data.details) ? `${message}: ${data.details}` : message
}

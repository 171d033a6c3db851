/**
 * Dexto (formerly Saiki) as a `ServerProtocol` (shared/protocol/dexto-saiki-websocket.md): no
 * handshake, `message` out with `stream: true`, `{ event, data }` in. The protocol names no turns
 * (implicit-turn.ts), cannot interrupt, and sends no speech chunks (the session chunks tokens).
 *
 * Assumed where the guide is vague: `sessionId` continues a conversation, so Mira gives each
 * conversation its own; a new conversation (*New conversation* in the app, or a message sent without
 * a conversation) sends `reset` for that id first, which also clears the history of a server that
 * ignores `sessionId` and keeps one session, and of a fixed session in the app. Events may carry `sessionId`
 * in `data` (believed when they do); event names Mira has no use for are logged and ignored.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { parseFrameBy } from '../../../shared/protocol'
import { opt, withDocumentedPath } from './fields'
import { ImplicitTurns } from './implicit-turn'
import type { Encoded, Intent, ProtocolEvent, ServerProtocol } from './types'

const text = z.string().nullish().transform((v) => v ?? undefined)
const data = <S extends z.ZodRawShape>(shape: S) =>
  z.looseObject(shape).nullish().transform((v) => v ?? ({} as z.output<z.ZodObject<S>>))
const frame = <E extends string, S extends z.ZodRawShape>(event: E, shape: S) =>
  z.looseObject({ event: z.literal(event), data: data({ sessionId: text, ...shape }) })

const schemas = {
  thinking: frame('thinking', {}),
  chunk: frame('chunk', { content: z.string() }),
  toolCall: frame('toolCall', { toolName: z.string(), serverId: text, arguments: z.unknown().optional() }),
  toolResult: frame('toolResult', { toolName: text, serverId: text, result: z.unknown().optional() }),
  response: frame('response', { content: text }),
  error: frame('error', { message: text, error: text, code: z.union([z.string(), z.number()]).nullish(), details: z.unknown().optional() }),
}

export type DextoFrame = { [K in keyof typeof schemas]: z.output<(typeof schemas)[K]> }[keyof typeof schemas]
export type DextoClientFrame =
  | { type: 'message'; content: string; sessionId?: string; stream: true; imageData?: { base64: string; mimeType: string } }
  | { type: 'reset'; sessionId?: string }

export interface DextoOptions {
  /** A fixed session for every conversation (`--session-id`). */
  sessionId?: string
  /** For tests: the ids of new conversations and turns. */
  newId?: () => string
}

export function dextoProtocol(options: DextoOptions = {}): ServerProtocol<DextoFrame, DextoClientFrame> {
  const newId = options.newId ?? randomUUID
  const turns = new ImplicitTurns(newId)

  function encode(intent: Intent): Encoded<DextoClientFrame> | undefined {
    switch (intent.kind) {
      case 'send': {
        const sessionId = intent.conversationId ?? options.sessionId ?? newId()
        const message: DextoClientFrame = { type: 'message', content: intent.text, sessionId, stream: true, ...imageOf(intent.images) }
        const isNew = intent.conversationId === undefined && options.sessionId === undefined
        turns.sent(sessionId)
        return { frames: isNew ? [{ type: 'reset', sessionId }, message] : [message], conversationId: sessionId }
      }
      case 'new-conversation': {
        // Its own session, cleared first: a fixed one (`--session-id`) starts afresh too.
        const sessionId = intent.conversationId ?? options.sessionId ?? newId()
        return { frames: [{ type: 'reset', sessionId }], conversationId: sessionId }
      }
      default:
        // No interrupt, no backgrounds or avatars.
        return undefined
    }
  }

  function decode(frame: DextoFrame): ProtocolEvent[] {
    const said = frame.data.sessionId
    if (frame.event === 'error') {
      const message = frame.data.message ?? frame.data.error ?? 'Unknown error'
      const code = frame.data.code ?? null
      const turn = turns.end()
      if (!turn) turns.failedBeforeStart()
      return [{ kind: 'error', message, code, ...opt('turnId', turn?.turnId) }]
    }
    const { turnId, start } = turns.ensure(said)
    switch (frame.event) {
      case 'thinking':
        return start
      case 'chunk':
        return [...start, { kind: 'token', chunk: frame.data.content, turnId }]
      case 'toolCall':
        return [...start, { kind: 'tool-call', toolName: frame.data.toolName, args: frame.data.arguments ?? {}, turnId }]
      case 'toolResult':
        return [...start, { kind: 'tool-result', ...opt('toolName', frame.data.toolName), result: frame.data.result, turnId }]
      case 'response': {
        const turn = turns.end()
        return [...start, { kind: 'turn-end', turnId, ...opt('conversationId', said ?? turn?.conversationId), ...opt('content', frame.data.content) }]
      }
    }
  }

  return {
    kind: 'dexto',
    capabilities: { interrupt: false, history: true, tools: true, speechChunks: false, streaming: true, backgrounds: false, avatars: false },
    limits: {},
    authFailedCloseCodes: [],
    // `ws://host:3001/`; an address typed without a path gets that one.
    target: (url) => ({ url: withDocumentedPath(url, '/') }),
    handshake() {
      turns.reset()
      return { kind: 'open', send: [] }
    },
    parse: (raw, isBinary) => parseFrameBy<DextoFrame>('event', schemas, raw, isBinary),
    control: () => ({ kind: 'pass' }),
    isLinkFrame: () => false,
    serialize: (frame) => JSON.stringify(frame),
    describe: (frame) => frame.event,
    encode,
    decode,
  }
}

/** Dexto takes one image, as base64 with its type: the first data URL sent. */
function imageOf(images: string[] | undefined): { imageData?: { base64: string; mimeType: string } } {
  const match = images?.map((i) => /^data:([\w/+.-]+);base64,(.*)$/s.exec(i)).find((m) => m !== null)
  return match?.[1] && match[2] ? { imageData: { mimeType: match[1], base64: match[2] } } : {}
}

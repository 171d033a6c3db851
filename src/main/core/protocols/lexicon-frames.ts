/**
 * Lexicon's frames (shared/protocol/lexicon-websocket.md) and Mira's words for its error codes.
 * Every server event is `{event_type, timestamp, …}`; a client message is `{content, metadata?}`.
 * `pong` is not in the guide ("send periodic ping messages" without a shape): Mira pings with
 * `{type: 'ping'}` and takes an `event_type: 'pong'` answer, when one comes, as the link's own.
 */
import { z } from 'zod'
import { hostText, type HostText } from '../../../shared/host/host-text'
import { parseFrameBy, type ParseResult, type RawFrame } from '../../../shared/protocol'

const text = z.string().nullish().transform((v) => v ?? undefined)
const frame = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.looseObject({ event_type: z.literal(type), ...shape })

const schemas = {
  connection_established: frame('connection_established', { chat_id: text, user_id: text, tenant_id: text }),
  user_created: frame('user_created', { user_id: text }),
  message_received: frame('message_received', { message_id: text, chat_id: text, content: text }),
  message_stream_started: frame('message_stream_started', { chat_id: text }),
  message_stream_token: frame('message_stream_token', { chat_id: text, token: z.string() }),
  message_stream_ended: frame('message_stream_ended', { message_id: text, chat_id: text, content: text }),
  error: frame('error', {
    error_code: text,
    error_message: text,
    details: z.looseObject({ fix: text }).nullish().transform((v) => v ?? undefined),
  }),
  pong: frame('pong', {}),
}

export type LexiconFrame = { [K in keyof typeof schemas]: z.output<(typeof schemas)[K]> }[keyof typeof schemas]
export type LexiconClientFrame = { content: string; metadata?: Record<string, unknown> } | { type: 'ping' }

export const parseLexiconFrame = (raw: RawFrame, isBinary: boolean): ParseResult<LexiconFrame> =>
  parseFrameBy<LexiconFrame>('event_type', schemas, raw, isBinary)

/** The guide's codes (and the rate limit's, which it implies) in Mira's words; `{message}` and `{fix}` are the server's. */
const WORDS: Record<string, [code: string, text: string]> = {
  AUTH_ERROR: ['lexiconAuthError', 'The server refused the API key or user id: “{message}”. It advises: “{fix}”'],
  CHAT_NOT_FOUND: ['lexiconChatNotFound', 'The server has no such chat for this key: “{message}”. It advises: “{fix}”'],
  RATE_LIMIT_EXCEEDED: ['lexiconRateLimited', 'The server is getting too many messages (at most 10 a second): “{message}”. It advises: “{fix}”'],
  INVALID_MESSAGE: ['lexiconInvalidMessage', 'The server could not read what Mira sent: “{message}”. It advises: “{fix}”'],
}

/** Mira's words for an error event: by its code, else the server's own words (with its fix) as a server error. */
export function errorText(code: string | undefined, message: string, fix: string | undefined): HostText & { textCode: string } {
  const known = code === undefined ? undefined : WORDS[code]
  // Every error in the guide carries a fix; a server that gives none gets a dash.
  const params = { message, fix: fix ?? '—' }
  if (known) return hostText(known[1].replace('{message}', message).replace('{fix}', params.fix), known[0], params)
  const said = fix ? `${message} (${fix})` : message
  return hostText(`The server reported an error: “${said}”`, 'serverError', { message: said })
}

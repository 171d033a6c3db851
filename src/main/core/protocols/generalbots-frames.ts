/**
 * General Bots' frames (shared/protocol/generalbots-websocket.md) and Mira's words for its error
 * codes. Every example in the guide is flat (`{type, session_id, …}`) while its format summary
 * wraps fields in `payload`: a `payload` object is read as if its fields were at the top level.
 */
import { z } from 'zod'
import { hostText, type HostText } from '../../../shared/host/host-text'
import { parseFrameBy, type ParseResult, type RawFrame } from '../../../shared/protocol'

const text = z.string().nullish().transform((v) => v ?? undefined)

function flattenPayload(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  const { payload, ...rest } = value as Record<string, unknown>
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? { ...payload, ...rest } : value
}

const frame = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.preprocess(flattenPayload, z.looseObject({ type: z.literal(type), ...shape }))

const schemas = {
  session_created: frame('session_created', { session_id: z.string().min(1) }),
  session_closed: frame('session_closed', { session_id: text, reason: text }),
  pong: frame('pong', {}),
  bot_typing: frame('bot_typing', { session_id: text, is_typing: z.boolean() }),
  stream_start: frame('stream_start', { session_id: text, message_id: text }),
  stream_chunk: frame('stream_chunk', { message_id: text, content: z.string() }),
  stream_end: frame('stream_end', { message_id: text, content: text }),
  message: frame('message', { session_id: text, message_id: text, role: text, content: z.string() }),
  tool_call: frame('tool_call', { session_id: text, tool: z.string(), arguments: z.unknown().optional() }),
  tool_result: frame('tool_result', { session_id: text, tool: text, result: z.unknown().optional() }),
  error: frame('error', { code: text, message: text }),
}

export type GeneralBotsFrame = { [K in keyof typeof schemas]: z.output<(typeof schemas)[K]> }[keyof typeof schemas]
export type GeneralBotsClientFrame =
  | { type: 'message'; session_id: string; content: string }
  | { type: 'subscribe'; session_id: string }
  | { type: 'ping' }

export const parseGeneralBotsFrame = (raw: RawFrame, isBinary: boolean): ParseResult<GeneralBotsFrame> =>
  parseFrameBy<GeneralBotsFrame>('type', schemas, raw, isBinary)

/** The guide's error codes in Mira's words; the server's own words go in as `{message}`. */
const WORDS: Record<string, [code: string, text: string]> = {
  AUTH_FAILED: ['generalbotsAuthFailed', 'The bot refused the token (invalid or expired): {message}'],
  SESSION_NOT_FOUND: ['generalbotsSessionNotFound', 'The bot no longer has this conversation’s session: start a new conversation ({message})'],
  RATE_LIMITED: ['generalbotsRateLimited', 'The bot is getting too many messages: try again in a moment ({message})'],
  MESSAGE_TOO_LARGE: ['generalbotsMessageTooLarge', 'The message is larger than the bot accepts (64 KB): shorten it ({message})'],
  INVALID_FORMAT: ['generalbotsInvalidFormat', 'The bot could not read what Mira sent ({message})'],
  SUBSCRIPTION_FAILED: ['generalbotsSubscriptionFailed', 'The bot would not join Mira to the session: check the session id ({message})'],
}

/** Mira's words for an error frame: by its code, else the server's own words as a server error. */
export function errorText(code: string | undefined, message: string): HostText & { textCode: string } {
  const known = code === undefined ? undefined : WORDS[code]
  if (!known) return hostText(`The server reported an error: “${message}”`, 'serverError', { message })
  return hostText(known[1].replace('{message}', message), known[0], { message })
}

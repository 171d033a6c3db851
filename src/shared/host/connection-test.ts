/**
 * The connection test (`mira doctor`'s checks, also behind Settings → Test connection): fixed check
 * ids in the order a connection needs them, and fixed hint ids that each front end words its own way.
 */
import { z } from 'zod'
import { hostTextCodeSchema, hostTextParamsSchema } from './host-text'
import { SERVER_KINDS } from '../protocol/kinds'

export const CHECK_IDS = ['url', 'tcp', 'websocket', 'authorize', 'ping', 'rest', 'tts'] as const
export type CheckId = (typeof CHECK_IDS)[number]

/** What to try after a failure. */
export const CHECK_HINTS = [
  /** The address does not parse. */
  'url-format',
  /** Nothing answers on a loopback address: start the server. */
  'start-server',
  /** Nothing answers elsewhere: is it running, is the address right? */
  'check-address',
  /** HTTP answered, but no WebSocket upgrade on that path. */
  'check-path',
  'add-token',
  'check-token',
  /** The socket opened but nothing speaks the chat protocol on it. */
  'not-agent-server',
  /** Synthesis failed on the server. */
  'server-log',
  /** The built-in server did not start. */
  'builtin-failed',
  /** The server has no agent of the name messages go to (SYMindX): choose one it lists. */
  'choose-agent',
  /** *Auto* could not tell which protocol the server speaks: choose its kind. */
  'choose-kind',
] as const
export type CheckHint = (typeof CHECK_HINTS)[number]

export const connectionCheckSchema = z.object({
  id: z.enum(CHECK_IDS),
  status: z.enum(['pass', 'fail', 'skip']),
  /** What was seen, in English (addresses, server messages); the front end translates id, status and hint. */
  detail: z.string(),
  /** The detail's text code and params, for the front end to word it in the reader's language (host-text.ts). */
  textCode: hostTextCodeSchema.optional(),
  params: hostTextParamsSchema.optional(),
  hint: z.enum(CHECK_HINTS).optional(),
  /** Absent for checks skipped without running. */
  ms: z.number().nonnegative().optional(),
})
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>

export const testConnectionRequestSchema = z
  .object({
    /** The address to test, as typed; omitted: the server in use now (the built-in one when that is the choice). */
    url: z.string().max(2048).optional(),
    /** A token typed but not saved yet; `null`: test without one; omitted: the saved token. */
    token: z.string().trim().min(1).max(4096).nullable().optional(),
    /** The kind of server chosen for `url` (default `auto`). */
    kind: z.enum(SERVER_KINDS).optional(),
    /** Lexicon: an API key typed but not saved yet; `null`: test without one; omitted: the one saved for `url`. */
    apiKey: z.string().trim().min(1).max(4096).nullable().optional(),
    /** Lexicon: the user id in the form (default: the saved one). */
    userId: z.string().trim().min(1).max(200).optional(),
  })
  .strict()

export const testConnectionResponseSchema = z.object({ checks: z.array(connectionCheckSchema) })

import { z } from 'zod'
import { hostTextCodeSchema, hostTextParamsSchema } from './host-text'
import { PROTOCOL_KINDS } from '../protocol/kinds'

/**
 * The link to the agent server, as the UI sees it.
 * `offline`: not connected and not trying (stopped, or no server yet).
 * `auth-failed`: the server refused the token; no retry until settings change or the user retries.
 */
export const linkStateSchema = z.enum(['connecting', 'authorizing', 'ready', 'reconnecting', 'offline', 'auth-failed'])
export type LinkState = z.infer<typeof linkStateSchema>

export const linkStatusSchema = z.object({
  state: linkStateSchema,
  /** The chat-stream URL in use. */
  serverUrl: z.string(),
  /** `builtin` when the app's companion server is the peer. */
  serverKind: z.enum(['builtin', 'custom']),
  /** The chat protocol spoken, when not `/v1/chat/stream` (absent: `dmp`, whose REST API has the server voice). */
  protocol: z.enum(PROTOCOL_KINDS).optional(),
  /** When the link entered this state (ms since epoch). */
  since: z.number(),
  /** Reconnection attempts since the link was last ready. */
  attempt: z.number().int().nonnegative(),
  /** When `reconnecting`: the time of the next attempt (ms since epoch). */
  nextAttemptAt: z.number().optional(),
  /** Why the link is not ready, in one human-readable line. */
  reason: z.string().optional(),
  /** What the reason says, for the renderer to word it in the reader's language (see host-text.ts). */
  reasonCode: hostTextCodeSchema.optional(),
  reasonParams: hostTextParamsSchema.optional(),
  connectionId: z.string().optional(),
  /** Round trip of the last authorize (ms). */
  authorizeRttMs: z.number().optional(),
  /** Time of the last frame received (ms since epoch). */
  lastFrameAt: z.number().optional(),
  /** Time of the last ping answered with a pong (ms since epoch). */
  lastPingAt: z.number().optional(),
})
export type LinkStatus = z.infer<typeof linkStatusSchema>

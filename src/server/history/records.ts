/**
 * The lines of a history file (`history/<session_id>.jsonl`): one header, then messages and
 * metadata updates, each a JSON object on its own line.
 */
import { z } from 'zod'

/** Session ids become file names: letters, digits, `-` and `_` only (UUIDs fit). */
export const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

const metadataSchema = z.record(z.string(), z.unknown())

export const recordSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('session'),
    session_id: z.string().regex(SESSION_ID),
    user_id: z.string(),
    agent_id: z.string(),
    created_at: z.string(),
    metadata: metadataSchema,
  }),
  z.object({
    kind: z.literal('message'),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    at: z.string(),
    turn_id: z.string().optional(),
    /** The answer was cut off (interrupt, client gone, failure): `content` is what was streamed. */
    interrupted: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('metadata'), metadata: metadataSchema, at: z.string() }),
])

export type HistoryRecord = z.output<typeof recordSchema>
export type SessionRecord = Extract<HistoryRecord, { kind: 'session' }>
export type MessageRecord = Extract<HistoryRecord, { kind: 'message' }>

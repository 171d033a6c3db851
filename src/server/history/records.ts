/**
 * The lines of a history file (`history/<session_id>.jsonl`): one header, then messages and
 * metadata updates, each a JSON object on its own line.
 */
import { z } from 'zod'

/** Session ids become file names: letters, digits, `-` and `_` only (UUIDs fit). */
export const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/

const metadataSchema = z.record(z.string(), z.unknown())

export const sessionRecordSchema = z.object({
  kind: z.literal('session'),
  session_id: z.string().regex(SESSION_ID),
  user_id: z.string(),
  agent_id: z.string(),
  created_at: z.string(),
  metadata: metadataSchema,
})

export const recordSchema = z.discriminatedUnion('kind', [
  sessionRecordSchema,
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

/** A line as a record, or `undefined` when it is not one (damage). */
export function parseRecord(line: string): HistoryRecord | undefined {
  try {
    const parsed = recordSchema.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** A line as a message record, or `undefined` for any other line. */
export function parseMessage(line: string): MessageRecord | undefined {
  const record = parseRecord(line)
  return record?.kind === 'message' ? record : undefined
}

/** What a conversation's records add up to, besides its header. */
export interface Tally {
  metadata: Record<string, unknown>
  updatedAt: string
  messages: number
}

export function tallyOf(header: SessionRecord): Tally {
  return { metadata: { ...header.metadata }, updatedAt: header.created_at, messages: 0 }
}

export function addToTally(tally: Tally, record: HistoryRecord): void {
  if (record.kind === 'message') {
    tally.messages++
    tally.updatedAt = record.at
  } else if (record.kind === 'metadata') {
    tally.metadata = { ...tally.metadata, ...record.metadata }
    tally.updatedAt = record.at
  }
}

/** Metadata beyond this size (as JSON) is not stored. */
const MAX_METADATA_JSON = 8_192

export function boundedMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.stringify(metadata).length <= MAX_METADATA_JSON ? metadata : {}
  } catch {
    return {}
  }
}

/**
 * Frame parsing that never throws: every input becomes a typed frame or a typed `BadFrame`.
 * Used by the app's link (server frames) and by the companion server (client frames).
 */
import type { z } from 'zod'
import {
  clientFrameSchemas,
  serverFrameSchemas,
  type ClientFrame,
  type ServerFrame,
} from './frames'

export type BadFrameReason = 'binary' | 'not-json' | 'not-object' | 'missing-type' | 'unknown-type' | 'invalid'

export interface BadFrame {
  reason: BadFrameReason
  /** A one-line, human-readable explanation. */
  message: string
  /** The frame's `type`, when it had one. */
  frameType?: string
  /** The start of the raw text, for logs. */
  excerpt: string
}

export type ParseResult<F> = { ok: true; frame: F } | { ok: false; bad: BadFrame }

export type RawFrame = string | ArrayBuffer | Uint8Array | Uint8Array[]

const EXCERPT_LENGTH = 120

function excerptOf(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH)}…` : text
}

function bad(reason: BadFrameReason, message: string, excerpt: string, frameType?: string): { ok: false; bad: BadFrame } {
  return { ok: false, bad: { reason, message, excerpt, ...(frameType === undefined ? {} : { frameType }) } }
}

/** Says a frame is already valid (normalizing it in place as its schema would), or leaves it to the schema. */
type FastPath = (type: string, frame: Record<string, unknown>) => boolean

/**
 * A JSON frame whose kind is in field `key` (`type` here; other protocols use `event` or
 * `event_type`), checked against the schema for that kind.
 */
export function parseFrameBy<F>(key: string, schemas: Record<string, z.ZodType>, raw: RawFrame, isBinary: boolean, fastPath?: FastPath): ParseResult<F> {
  if (isBinary || typeof raw !== 'string') {
    return bad('binary', 'Binary frame received; only JSON text frames are part of the protocol', '')
  }
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return bad('not-json', 'Frame is not valid JSON', excerptOf(raw))
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return bad('not-object', 'Frame is not a JSON object', excerptOf(raw))
  }
  const type = (value as Record<string, unknown>)[key]
  if (typeof type !== 'string' || type.length === 0) {
    return bad('missing-type', `Frame has no "${key}" field`, excerptOf(raw))
  }
  if (fastPath?.(type, value as Record<string, unknown>)) return { ok: true, frame: value as F }
  const schema = Object.hasOwn(schemas, type) ? schemas[type] : undefined
  if (!schema) {
    return bad('unknown-type', `Unknown frame type "${type}"`, excerptOf(raw), type)
  }
  const result = schema.safeParse(value)
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue?.path.length ? issue.path.join('.') : 'frame'
    return bad('invalid', `Invalid "${type}" frame: ${where}: ${issue?.message ?? 'invalid'}`, excerptOf(raw), type)
  }
  return { ok: true, frame: result.data as F }
}

const nullableText = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string'

/**
 * The fast path for the frames that make up most of a stream: a well-formed `stream_token` or
 * `tts_ready_chunk` (a text `chunk`, optional text fields) is normalized in place exactly as its
 * schema would (`null` → `undefined`); anything else about it goes to the full schema, which then
 * gives the same answer (and the same error) as always.
 */
function plainTextFrame(type: string, frame: Record<string, unknown>): boolean {
  const optional = type === 'stream_token' ? 'node' : type === 'tts_ready_chunk' ? 'emotion' : undefined
  if (optional === undefined || typeof frame.chunk !== 'string' || !nullableText(frame[optional]) || !nullableText(frame.turn_id)) return false
  if (frame[optional] === null) frame[optional] = undefined
  if (frame.turn_id === null) frame.turn_id = undefined
  return true
}

/** Parses a frame the server sent. `isBinary` comes from the WebSocket layer. */
export function parseServerFrame(raw: RawFrame, isBinary = false): ParseResult<ServerFrame> {
  return parseFrameBy<ServerFrame>('type', serverFrameSchemas, raw, isBinary, plainTextFrame)
}

/** Parses a frame a client sent (the companion server's side). */
export function parseClientFrame(raw: RawFrame, isBinary = false): ParseResult<ClientFrame> {
  return parseFrameBy<ClientFrame>('type', clientFrameSchemas, raw, isBinary)
}

/**
 * `tool_call.args` and `tool_result.result` arrive as JSON strings. Decode them; text that
 * is not JSON stays as it is.
 */
export function decodeJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return value
  }
}

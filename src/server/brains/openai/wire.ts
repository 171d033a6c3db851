/**
 * The Chat Completions shapes we send and the chunks we accept. Chunks are parsed tolerantly:
 * unknown fields are dropped, `null` stands for "absent" (several providers send `content: null`).
 */
import { z } from 'zod'

export type WireContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } }

export interface WireToolCall {
  id: string
  type: 'function'
  function: { name: string; arguments: string }
}

export type WireMessage =
  | { role: 'system' | 'assistant'; content: string }
  | { role: 'user'; content: string | WireContentPart[] }
  | { role: 'assistant'; content: string | null; tool_calls: WireToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string }

export interface WireTool {
  type: 'function'
  function: { name: string; description: string; parameters: Record<string, unknown> }
}

export const toolCallDeltaSchema = z.object({
  index: z.number().int().nonnegative().nullish(),
  id: z.string().nullish(),
  function: z
    .object({
      name: z.string().nullish(),
      // Some servers send arguments already decoded; they are re-encoded for accumulation.
      arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
    })
    .nullish(),
})
export type ToolCallDelta = z.output<typeof toolCallDeltaSchema>

const deltaSchema = z.object({
  content: z.string().nullish(),
  tool_calls: z.array(toolCallDeltaSchema).nullish(),
})

const errorSchema = z.union([
  z.string(),
  z.object({ message: z.string().nullish(), code: z.union([z.string(), z.number()]).nullish() }),
])

/** A stream chunk, or a whole non-streamed completion (`message` instead of `delta`). */
export const chunkSchema = z.object({
  choices: z
    .array(
      z.object({
        index: z.number().nullish(),
        delta: deltaSchema.nullish(),
        message: deltaSchema.nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  error: errorSchema.nullish(),
})
export type Chunk = z.output<typeof chunkSchema>

/** Error bodies: OpenAI `{error:{message}}`, Ollama `{error:"..."}`, FastAPI `{detail}`. */
export const errorBodySchema = z.object({
  error: errorSchema.nullish(),
  detail: z.unknown().optional(),
  message: z.string().nullish(),
})

export function errorText(error: z.output<typeof errorSchema> | null | undefined): string | undefined {
  if (error === null || error === undefined) return undefined
  return typeof error === 'string' ? error : (error.message ?? (error.code === undefined ? undefined : String(error.code)))
}

import { z } from 'zod'

export const openAiOptionsSchema = z.object({
  /** e.g. `http://127.0.0.1:11434/v1` (Ollama), `https://api.openai.com/v1`. */
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:11434/v1' })
    .transform((url) => url.replace(/\/+$/, '')),
  model: z.string().trim().min(1, 'must name a model'),
  apiKey: z.string().trim().optional(),
  temperature: z.number().min(0).max(2).optional(),
  /** Connecting until the response headers. Generous: local servers load the model first. */
  timeoutMs: z.number().int().positive().default(60_000),
  /** Silence allowed between two body chunks once the answer streams. */
  idleTimeoutMs: z.number().int().positive().default(30_000),
  /** Model ↔ tool round trips per turn; the last call offers no tools, so the model must answer. */
  maxToolRounds: z.number().int().min(0).max(16).default(4),
})

export type OpenAiSettings = z.output<typeof openAiOptionsSchema>

export type OpenAiBrainOptions = z.input<typeof openAiOptionsSchema> & {
  /** For tests and proxies; defaults to the global `fetch`. */
  fetch?: typeof fetch
  log?: (line: string) => void
}

/** Validates the options; throws an Error naming the bad field. */
export function parseOpenAiOptions(options: z.input<typeof openAiOptionsSchema>): OpenAiSettings {
  const parsed = openAiOptionsSchema.safeParse(options)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new Error(`Invalid model server settings: ${issue?.path.join('.') || 'options'} ${issue?.message ?? 'is invalid'}`)
}

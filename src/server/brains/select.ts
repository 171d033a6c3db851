/**
 * Picks the brain at start-up: a configured OpenAI-compatible server first, else a local Ollama
 * if one answers quickly, else the offline fallback (the demo brain). Each step logs why.
 */
import { z } from 'zod'
import { createOpenAiBrain, type OpenAiBrainOptions } from './openai'
import type { Brain } from './types'

export const DEFAULT_OLLAMA_URL = 'http://127.0.0.1:11434'

type Tuning = Pick<OpenAiBrainOptions, 'temperature' | 'timeoutMs' | 'idleTimeoutMs' | 'maxToolRounds'>

export interface SelectBrainConfig {
  /** A configured server; used even when the check below fails (it may come up later). */
  openai?: OpenAiBrainOptions
  /** Ask the configured server for `GET {baseUrl}/models` and log what it says. Default true. */
  verify?: boolean
  /** Look for a local Ollama when nothing is configured. Default true. */
  probeOllama?: boolean
  ollamaUrl?: string
  /** For the Ollama probe and the check. Default 800 ms. */
  probeTimeoutMs?: number
  /** Applied to a brain found by the Ollama probe. */
  tuning?: Tuning
  fallback: () => Brain
  fetch?: typeof fetch
  log?: (line: string) => void
}

const tagsSchema = z.object({
  models: z.array(
    z.object({ name: z.string(), details: z.object({ family: z.string().nullish() }).nullish() }),
  ),
})
const modelsSchema = z.object({ data: z.array(z.object({ id: z.string() })) })

/** Embedding models answer chat requests with an error: never pick one. */
const EMBEDDING = /embed|minilm|bge-|bert/i

/** The server answered, but not with what we asked for. */
class UnexpectedAnswer extends Error {}

async function getJson(fetchImpl: typeof fetch, url: string, timeoutMs: number, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(timeoutMs) })
  if (!response.ok) {
    await response.body?.cancel()
    throw new UnexpectedAnswer(`HTTP ${response.status}`)
  }
  try {
    return (await response.json()) as unknown
  } catch {
    throw new UnexpectedAnswer('not JSON')
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time'
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
    return `${error.message}${cause}`
  }
  return String(error)
}

/** The chat models a local Ollama offers, in its order; empty when it has none; throws when it does not answer. */
async function ollamaModels(fetchImpl: typeof fetch, base: string, timeoutMs: number): Promise<string[]> {
  try {
    const tags = tagsSchema.safeParse(await getJson(fetchImpl, `${base}/api/tags`, timeoutMs))
    if (!tags.success) throw new UnexpectedAnswer('not an Ollama model list')
    return tags.data.models.filter((m) => !EMBEDDING.test(`${m.name} ${m.details?.family ?? ''}`)).map((m) => m.name)
  } catch (error) {
    // Nothing there, or too slow: do not wait a second time.
    if (!(error instanceof UnexpectedAnswer)) throw error
    // Something else answers on the port; it may speak only the OpenAI dialect.
    const models = modelsSchema.safeParse(await getJson(fetchImpl, `${base}/v1/models`, timeoutMs).catch(() => undefined))
    if (!models.success) throw error
    return models.data.data.map((m) => m.id).filter((id) => !EMBEDDING.test(id))
  }
}

async function verify(fetchImpl: typeof fetch, options: OpenAiBrainOptions, timeoutMs: number, log: (line: string) => void): Promise<void> {
  const base = options.baseUrl.replace(/\/+$/, '')
  try {
    const headers: Record<string, string> = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}
    const models = modelsSchema.safeParse(await getJson(fetchImpl, `${base}/models`, timeoutMs, headers))
    if (!models.success) throw new UnexpectedAnswer('not an OpenAI model list')
    const ids = models.data.data.map((m) => m.id)
    if (ids.includes(options.model)) log(`brain: ${base} answers and lists model ${options.model}`)
    else log(`brain: warning: ${base} does not list model ${options.model} (it lists: ${ids.slice(0, 10).join(', ') || 'none'})`)
  } catch (error) {
    log(`brain: warning: could not check ${base}/models (${reasonOf(error)}); using it anyway`)
  }
}

export async function selectBrain(config: SelectBrainConfig): Promise<Brain> {
  const fetchImpl = config.fetch ?? globalThis.fetch
  const log = config.log ?? (() => undefined)
  const timeoutMs = config.probeTimeoutMs ?? 800

  if (config.openai) {
    const brain = createOpenAiBrain({ fetch: fetchImpl, log, ...config.openai })
    if (config.verify ?? true) await verify(fetchImpl, config.openai, timeoutMs, log)
    log(`brain: ${brain.describe()} (configured)`)
    return brain
  }

  if (config.probeOllama ?? true) {
    const base = (config.ollamaUrl ?? DEFAULT_OLLAMA_URL).replace(/\/+$/, '')
    try {
      const [model] = await ollamaModels(fetchImpl, base, timeoutMs)
      if (model) {
        const brain = createOpenAiBrain({ ...config.tuning, fetch: fetchImpl, log, baseUrl: `${base}/v1`, model })
        log(`brain: ${brain.describe()} (found a local Ollama)`)
        return brain
      }
      log(`brain: Ollama at ${base} has no chat model (try: ollama pull llama3.2)`)
    } catch (error) {
      log(`brain: no Ollama at ${base} (${reasonOf(error)})`)
    }
  }

  const brain = config.fallback()
  log(`brain: ${brain.describe()} (offline fallback)`)
  return brain
}

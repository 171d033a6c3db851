/**
 * The agent server's REST API (base `http://host:port/v1`, derived from the chat URL with
 * `restBaseFromChatUrl`). Every call has a timeout that also covers reading the body, and every
 * failure becomes a `RestError` with a message people can read.
 */
import { z } from 'zod'
import { resolveServerPath } from '../../../shared/server-url'
import { sniffAudioType } from './audio-format'
import { RestError } from './rest-error'

export { RestError } from './rest-error'

export interface RestClientOptions {
  restBase: string
  token?: string
  /** Per call, including the body. Default 15 s. */
  timeoutMs?: number
  fetch?: typeof fetch
}

export interface StmSession {
  sessionId: string
  userId?: string
  agentId?: string
  createdAt?: string | number
  updatedAt?: string | number
  title?: string
}

type ChatRole = 'user' | 'assistant'
const isChatRole = (role: string): role is ChatRole => role === 'user' || role === 'assistant'

export interface ChatHistory {
  sessionId: string
  messages: { role: ChatRole; content: string }[]
}

const stamp = z.union([z.string(), z.number()]).nullish()

const sessionsSchema = z.object({
  sessions: z.array(
    z.looseObject({
      session_id: z.string(),
      user_id: z.string().nullish(),
      agent_id: z.string().nullish(),
      created_at: stamp,
      updated_at: stamp,
      metadata: z.looseObject({ title: z.string().nullish() }).nullish(),
    }),
  ),
})

const historySchema = z.looseObject({
  session_id: z.string().nullish(),
  messages: z.array(z.looseObject({ role: z.string(), content: z.string().nullish() })),
})

const synthesizeSchema = z.looseObject({ audio_data: z.string().min(1) })

interface RawResponse {
  contentType: string
  body: Uint8Array
}

export class RestClient {
  private readonly base: string
  private readonly token: string | undefined
  private readonly timeoutMs: number
  private readonly fetchImpl: typeof fetch

  constructor(options: RestClientOptions) {
    this.base = options.restBase.replace(/\/+$/, '')
    this.token = options.token
    this.timeoutMs = options.timeoutMs ?? 15_000
    this.fetchImpl = options.fetch ?? fetch
  }

  /** A server-given path as a URL on this server; throws `ServerUrlError` for anything outside it. */
  resolve(serverPath: string): string {
    return resolveServerPath(this.base, serverPath)
  }

  /**
   * `POST /tts/synthesize`: one complete audio file, its type sniffed from the bytes. Asks for the
   * file itself (`output_format: "bytes"`); a server answering base64 JSON anyway is fine too.
   * `signal` hangs up on the server, which then stops synthesizing.
   */
  async synthesize(text: string, options: { referenceId?: string; signal?: AbortSignal } = {}): Promise<{ bytes: Uint8Array; mimeType: string }> {
    const what = 'Speech synthesis'
    const response = await this.request(what, 'POST', '/tts/synthesize', {
      json: { text, ...(options.referenceId ? { reference_id: options.referenceId } : {}), output_format: 'bytes' },
      ...(options.signal ? { signal: options.signal } : {}),
    })
    const bytes = /^(audio\/|application\/octet-stream)/i.test(response.contentType)
      ? response.body
      : decodeBase64(what, parse(what, synthesizeSchema, response).audio_data)
    if (bytes.length === 0) throw new RestError(`${what}: the server sent no audio`, 'bad-response')
    return { bytes, mimeType: sniffAudioType(bytes) }
  }

  /** `GET /stm/sessions`; a server without short-term memory → `RestError` with `unsupported`. */
  async sessions(userId: string, agentId: string): Promise<StmSession[]> {
    const what = 'Loading conversations'
    const response = await this.request(what, 'GET', '/stm/sessions', { query: { user_id: userId, agent_id: agentId } })
    return parse(what, sessionsSchema, response).sessions.map((s) => ({
      sessionId: s.session_id,
      ...(s.user_id == null ? {} : { userId: s.user_id }),
      ...(s.agent_id == null ? {} : { agentId: s.agent_id }),
      ...(s.created_at == null ? {} : { createdAt: s.created_at }),
      ...(s.updated_at == null ? {} : { updatedAt: s.updated_at }),
      ...(s.metadata?.title == null ? {} : { title: s.metadata.title }),
    }))
  }

  /** `GET /stm/chat-history`; only user and assistant messages are kept. */
  async chatHistory(userId: string, agentId: string, sessionId: string, limit?: number): Promise<ChatHistory> {
    const what = 'Loading the conversation'
    const query = { user_id: userId, agent_id: agentId, session_id: sessionId, ...(limit === undefined ? {} : { limit: String(limit) }) }
    const data = parse(what, historySchema, await this.request(what, 'GET', '/stm/chat-history', { query }))
    const messages = data.messages.flatMap(({ role, content }) =>
      isChatRole(role) && typeof content === 'string' ? [{ role, content }] : [],
    )
    return { sessionId: data.session_id ?? sessionId, messages }
  }

  /** `GET /health`: whatever the server reports (JSON when it is JSON, else the text). */
  async health(): Promise<unknown> {
    const response = await this.request('Health check', 'GET', '/health', {})
    const text = new TextDecoder().decode(response.body)
    try {
      return JSON.parse(text) as unknown
    } catch {
      return text
    }
  }

  private async request(
    what: string,
    method: 'GET' | 'POST',
    path: string,
    options: { query?: Record<string, string>; json?: unknown; signal?: AbortSignal },
  ): Promise<RawResponse> {
    const url = new URL(`${this.base}${path}`)
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value)
    const headers: Record<string, string> = { accept: 'application/json, audio/*;q=0.9, */*;q=0.1' }
    if (options.json !== undefined) headers['content-type'] = 'application/json'
    if (this.token) headers.authorization = `Bearer ${this.token}`
    try {
      const response = await this.fetchImpl(url, {
        method,
        headers,
        ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
        signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(this.timeoutMs)]) : AbortSignal.timeout(this.timeoutMs),
      })
      const body = new Uint8Array(await response.arrayBuffer())
      if (!response.ok) throw httpError(what, response.status, body)
      return { contentType: response.headers.get('content-type') ?? '', body }
    } catch (error) {
      if (error instanceof RestError) throw error
      if (options.signal?.aborted) throw new RestError(`${what}: cancelled`, 'cancelled')
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new RestError(`${what}: the server did not answer within ${this.timeoutMs / 1000} s`, 'timeout')
      }
      throw new RestError(`${what}: cannot reach the server at ${url.origin} (${causeOf(error)})`, 'network')
    }
  }
}

function httpError(what: string, status: number, body: Uint8Array): RestError {
  const detail = detailOf(new TextDecoder().decode(body))
  const meaning =
    status === 401 || status === 403
      ? 'the server refused the token'
      : status === 404 || status === 501 || status === 503
        ? 'the server does not offer this'
        : status === 422 || status === 400
          ? 'the server rejected the request'
          : 'the server failed'
  return new RestError(`${what}: ${meaning} (HTTP ${status})${detail ? `: ${detail}` : ''}`, 'http', status)
}

/** FastAPI-style `{ detail }` (a string, or a list of `{ loc, msg }`), else the start of the text. */
function detailOf(text: string): string {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return text.trim().slice(0, 200)
  }
  const detail = typeof value === 'object' && value !== null && 'detail' in value ? value.detail : value
  if (typeof detail === 'string') return detail.slice(0, 200)
  if (Array.isArray(detail)) {
    return detail
      .map((d: unknown) => {
        const item = z.object({ msg: z.string(), loc: z.array(z.union([z.string(), z.number()])).optional() }).safeParse(d)
        if (!item.success) return JSON.stringify(d)
        const field = item.data.loc?.filter((p) => p !== 'body').join('.')
        return field ? `${field}: ${item.data.msg}` : item.data.msg
      })
      .join('; ')
      .slice(0, 300)
  }
  return JSON.stringify(detail).slice(0, 200)
}

function parse<T>(what: string, schema: z.ZodType<T>, response: RawResponse): T {
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder().decode(response.body))
  } catch {
    throw new RestError(`${what}: the server's answer is not JSON`, 'bad-response')
  }
  const result = schema.safeParse(value)
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
    throw new RestError(`${what}: unexpected answer from the server (${where}${issue?.message ?? 'invalid'})`, 'bad-response')
  }
  return result.data
}

function decodeBase64(what: string, text: string): Uint8Array {
  const payload = text.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(payload)) throw new RestError(`${what}: the audio is not valid base64`, 'bad-response')
  return new Uint8Array(Buffer.from(payload, 'base64'))
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause
  if (cause instanceof Error) return 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message
  return error.message
}

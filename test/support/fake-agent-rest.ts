/** The REST side (`/v1/...`) of the fake agent server. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { makeToneWav, TINY_PNG } from './wav'

export interface StmSession {
  session_id: string
  user_id: string
  agent_id: string
  created_at: string
  updated_at: string
  metadata: { title?: string }
}

export interface FakeRestOptions {
  /** Served by `POST /v1/tts/synthesize`. Default true; false → 404 (a server without TTS). */
  tts?: boolean
  /** Short-term memory. Default undefined → `/v1/stm/*` answers 503 (no history kept). */
  stm?: {
    sessions: StmSession[]
    /** session_id → messages */
    history: Record<string, { role: 'user' | 'assistant'; content: string }[]>
  }
  /** Background files, as `fetch_backgrounds` lists them. */
  backgrounds: string[]
  /** TTS requests for which this is true are never answered (a slow synthesis); their hang-up is recorded. */
  holdTts?: (text: string) => boolean
  /** The tone's length for a text, where a test sets it (see FakeAgentServer.ttsDurationMs). */
  ttsDurationMs?: (text: string) => number | undefined
  /** Other files served as they are (GET and HEAD), by path under `/v1` (e.g. `/live2d/a/a.model3.json`). */
  files?: Record<string, { type: string; body: Uint8Array | string }>
}

export interface RestRequest {
  method: string
  /** Path and query, as requested (e.g. `/v1/tts/synthesize`). */
  url: string
  body: string
  /** A held request whose client hung up before any answer (e.g. its synthesis was cancelled). */
  hungUp?: boolean
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** Handles one REST request; `log` records it for the tests. */
export async function handleRest(
  req: IncomingMessage,
  res: ServerResponse,
  options: FakeRestOptions,
  log: RestRequest[],
): Promise<void> {
  const body = await readBody(req)
  const method = req.method ?? 'GET'
  const url = new URL(req.url ?? '/', 'http://fake')
  log.push({ method, url: `${url.pathname}${url.search}`, body })
  const path = url.pathname

  if (method === 'GET' && path === '/v1/health') return json(res, 200, { status: 'ok' })

  if (method === 'POST' && path === '/v1/tts/synthesize' && options.tts !== false) {
    const input = parseJson(body)
    const text = typeof input === 'object' && input !== null ? (input as { text?: unknown }).text : undefined
    if (typeof text !== 'string' || text.length === 0) {
      return json(res, 422, { detail: [{ loc: ['body', 'text'], msg: 'String should have at least 1 character' }] })
    }
    if (options.holdTts?.(text)) {
      const entry = log.at(-1)
      res.on('close', () => {
        if (entry) entry.hungUp = true
      })
      return
    }
    // Longer text → longer audio, so playback-order tests see realistic differences.
    const durationMs = options.ttsDurationMs?.(text) ?? Math.min(1500, 150 + text.length * 10)
    // Long tones at a lower rate keep the answer small.
    const wav = makeToneWav({ durationMs, sampleRate: durationMs > 5_000 ? 8_000 : 16_000 })
    return json(res, 200, { audio_data: wav.toString('base64'), format: 'base64' })
  }

  if (method === 'GET' && path.startsWith('/v1/bg/')) {
    const known = options.backgrounds.some((file) => `/v1${file}` === path)
    if (!known) return json(res, 404, { detail: 'Not Found' })
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': TINY_PNG.length })
    return void res.end(TINY_PNG)
  }

  const file = (method === 'GET' || method === 'HEAD') && path.startsWith('/v1/') ? options.files?.[decodeURIComponent(path.slice(3))] : undefined
  if (file) {
    const bytes = typeof file.body === 'string' ? Buffer.from(file.body) : Buffer.from(file.body)
    res.writeHead(200, { 'content-type': file.type, 'content-length': bytes.length, 'access-control-allow-origin': '*' })
    return void res.end(method === 'HEAD' ? undefined : bytes)
  }

  if (method === 'GET' && (path === '/v1/stm/sessions' || path === '/v1/stm/chat-history')) {
    const stm = options.stm
    if (!stm) return json(res, 503, { detail: 'Short-term memory is not enabled' })
    const q = url.searchParams
    if (path === '/v1/stm/sessions') {
      const sessions = stm.sessions.filter(
        (s) => (!q.get('user_id') || s.user_id === q.get('user_id')) && (!q.get('agent_id') || s.agent_id === q.get('agent_id')),
      )
      return json(res, 200, { sessions })
    }
    const sessionId = q.get('session_id') ?? ''
    const limit = Number(q.get('limit') ?? '50')
    const messages = stm.history[sessionId]
    if (!messages) return json(res, 404, { detail: 'Session not found' })
    return json(res, 200, { session_id: sessionId, messages: messages.slice(-Math.max(1, limit)) })
  }

  json(res, 404, { detail: 'Not Found' })
}

/**
 * *Auto* where the address does not tell the protocol (`/ws` is SYMindX's and General Bots', a
 * proxy may put Dexto anywhere): a short connection that asks one harmless question and decides from
 * the shape of what comes back. The question is SYMindX's `status` (read-only): SYMindX answers
 * `status_update` (or its `error` {data: {code}}), General Bots a flat `error` {code, message} or,
 * logged in by a `?token=` in the address, `session_created` first; Dexto `{event: 'error'}`;
 * Lexicon `{event_type}`; a `/v1/chat/stream` server an `error` {error, code}. No credential is sent
 * and no chat message ever. A frame that fits no protocol decides nothing; the deadline is only a
 * last resort for a server that stays silent.
 */
import { WebSocket } from 'ws'
import type { ProtocolKind, ServerKind } from '../../../shared/protocol'
import { resolveKind } from './registry'

export const PROBE_DEADLINE_MS = 5_000

/** What auto decided: a kind (from the address or the probe), or why it cannot tell. */
export type Detection =
  | { kind: ProtocolKind; how: 'chosen' | 'path' | 'probe' }
  | { kind: undefined; why: 'unknown' | 'unreachable'; detail: string }

export interface ProbeOptions {
  deadlineMs?: number
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Frame types only one protocol sends. */
const TYPES: Record<string, ProtocolKind> = {
  status_update: 'symindx',
  chat_response: 'symindx',
  session_created: 'generalbots',
  session_closed: 'generalbots',
  bot_typing: 'generalbots',
  stream_chunk: 'generalbots',
  authorize_success: 'dmp',
  authorize_error: 'dmp',
  stream_token: 'dmp',
  tts_ready_chunk: 'dmp',
}

/** The protocol a server frame belongs to, or `undefined` when it could be several (a `ping`) or none. */
export function classifyFrame(frame: unknown): ProtocolKind | undefined {
  if (!isRecord(frame)) return undefined
  if (typeof frame.event_type === 'string') return 'lexicon'
  if (typeof frame.event === 'string' && frame.type === undefined) return 'dexto'
  if (typeof frame.type !== 'string') return undefined
  const known = TYPES[frame.type]
  if (known) return known
  if (frame.type !== 'error') return undefined
  if (isRecord(frame.data) && ('code' in frame.data || 'message' in frame.data)) return 'symindx'
  if (typeof frame.code === 'string' && typeof frame.message === 'string') return 'generalbots'
  if (typeof frame.error === 'string' && (frame.code === null || typeof frame.code === 'number')) return 'dmp'
  return undefined
}

/** Connects to `url` as it is, asks `status`, and decides from the answers. */
export function probeKind(url: string, options: ProbeOptions = {}): Promise<Detection> {
  const deadlineMs = options.deadlineMs ?? PROBE_DEADLINE_MS
  return new Promise((resolve) => {
    let settled = false
    const ws = new WebSocket(url, { handshakeTimeout: deadlineMs, perMessageDeflate: false })
    const finish = (result: Detection): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      ws.removeAllListeners('message')
      // An error after the decision (the terminate itself) must not surface as unhandled.
      ws.on('error', () => undefined)
      ws.terminate()
      resolve(result)
    }
    const unknown = (detail: string) => finish({ kind: undefined, why: 'unknown', detail })
    const timer = setTimeout(() => unknown(`no answer that names a protocol within ${deadlineMs / 1000} s`), deadlineMs)
    ws.once('open', () => ws.send(JSON.stringify({ type: 'status' })))
    ws.once('unexpected-response', (_req, res) => unknown(`HTTP ${res.statusCode ?? 0} instead of a WebSocket upgrade`))
    ws.on('error', (error) => finish({ kind: undefined, why: 'unreachable', detail: error.message }))
    ws.on('message', (data, isBinary) => {
      if (isBinary) return
      let frame: unknown
      try {
        frame = JSON.parse(data.toString())
      } catch {
        return
      }
      const kind = classifyFrame(frame)
      if (kind) finish({ kind, how: 'probe' })
    })
    ws.on('close', (code) => unknown(`the server closed the connection (${code}) without saying what it is`))
  })
}

/** The kind to use: the one chosen, the one the path names, else the probe's finding. */
export async function detectKind(kind: ServerKind, url: string, options: ProbeOptions = {}): Promise<Detection> {
  if (kind !== 'auto') return { kind, how: 'chosen' }
  const byPath = resolveKind(kind, url)
  return byPath ? { kind: byPath, how: 'path' } : probeKind(url, options)
}

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
import { hostText, type HostText } from '../../../shared/host/host-text'
import type { ProtocolKind, ServerKind } from '../../../shared/protocol'
import { resolveKind } from './registry'

export const PROBE_DEADLINE_MS = 5_000

/** What auto decided: a kind (from the address or the probe), or why it cannot tell. */
export type Detection =
  | { kind: ProtocolKind; how: 'chosen' | 'path' | 'probe' }
  | { kind: undefined; why: 'unknown' | 'unreachable'; detail: string; cause: Cause }

/** Why it cannot tell, with what the words need: silent until the deadline, HTTP instead of an upgrade, closed, or not reached. */
type Cause = { seen: 'silent'; seconds: number } | { seen: 'http'; status: number } | { seen: 'closed'; code: number } | { seen: 'unreachable'; error: string }

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
    const unknown = (detail: string, cause: Cause) => finish({ kind: undefined, why: 'unknown', detail, cause })
    const seconds = deadlineMs / 1000
    const timer = setTimeout(() => unknown(`no answer that names a protocol within ${seconds} s`, { seen: 'silent', seconds }), deadlineMs)
    ws.once('open', () => ws.send(JSON.stringify({ type: 'status' })))
    ws.once('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0
      unknown(`HTTP ${status} instead of a WebSocket upgrade`, { seen: 'http', status })
    })
    ws.on('error', (error) => finish({ kind: undefined, why: 'unreachable', detail: error.message, cause: { seen: 'unreachable', error: error.message } }))
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
    ws.on('close', (code) => unknown(`the server closed the connection (${code}) without saying what it is`, { seen: 'closed', code }))
  })
}

/** The kind to use: the one chosen, the one the path names, else the probe's finding. */
export async function detectKind(kind: ServerKind, url: string, options: ProbeOptions = {}): Promise<Detection> {
  if (kind !== 'auto') return { kind, how: 'chosen' }
  const byPath = resolveKind(kind, url)
  return byPath ? { kind: byPath, how: 'path' } : probeKind(url, options)
}

/** Each protocol's name as people know it (the same in every language). */
export const PROTOCOL_NAMES: Record<ProtocolKind, string> = {
  dmp: 'Mira (/v1/chat/stream)',
  symindx: 'SYMindX',
  dexto: 'Dexto (Saiki)',
  generalbots: 'General Bots',
  lexicon: 'Lexicon',
}

/** What a probe found, for people: "Automatic: found SYMindX", or why it cannot tell. */
export function detectionText(detection: Detection, url: string): HostText & { textCode: string } {
  if (detection.kind !== undefined) {
    const name = PROTOCOL_NAMES[detection.kind]
    return hostText(`Automatic: found ${name} at ${url}`, 'autoFound', { kind: name, url })
  }
  const { detail, cause } = detection
  switch (cause.seen) {
    case 'unreachable':
      return hostText(`Automatic: could not reach ${url} to tell which kind of server it is (${detail})`, 'autoUnreachable', { url, error: cause.error })
    case 'silent':
      return hostText(`Automatic: could not tell which kind of server ${url} is (${detail}): choose the kind`, 'autoUnknownSilent', { url, seconds: cause.seconds })
    case 'http':
      return hostText(`Automatic: could not tell which kind of server ${url} is (${detail}): choose the kind`, 'autoUnknownHttp', { url, status: cause.status })
    case 'closed':
      return hostText(`Automatic: could not tell which kind of server ${url} is (${detail}): choose the kind`, 'autoUnknownClosed', { url, code: cause.code })
  }
}

/**
 * One streamed POST to the model server, with the time limits that keep a turn from hanging:
 * `timeoutMs` until the response headers, `idleTimeoutMs` between body chunks. Yields each
 * decoded JSON event. Leaving the loop early, a time-out, or the caller's signal aborts the
 * request, which closes its socket.
 */
import { BrainError } from '../types'
import { excerpt, httpFailure, networkFailure } from './failures'
import { SseParser } from './sse'

export interface StreamRequest {
  url: string
  headers: Record<string, string>
  body: unknown
  signal: AbortSignal
  timeoutMs: number
  idleTimeoutMs: number
  /** For error messages. */
  model: string
  fetch: typeof fetch
}

/** Yielded once when the server sends `[DONE]`: the stream is complete, not cut off. */
export const STREAM_DONE = Symbol('stream-done')

const MAX_ERROR_BODY = 16_384
const MAX_JSON_BODY = 8 * 1024 * 1024

type StopCause = 'timeout' | 'idle' | 'aborted'

/** An AbortController that remembers why it fired. */
class Watch {
  readonly controller = new AbortController()
  cause: StopCause | undefined
  private timer: ReturnType<typeof setTimeout> | undefined
  private readonly onAbort = (): void => this.stop('aborted')

  constructor(private readonly outer: AbortSignal) {
    if (outer.aborted) this.stop('aborted')
    else outer.addEventListener('abort', this.onAbort, { once: true })
  }

  arm(cause: 'timeout' | 'idle', ms: number): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.stop(cause), ms)
  }

  stop(cause: StopCause): void {
    this.cause ??= cause
    this.controller.abort()
  }

  dispose(): void {
    clearTimeout(this.timer)
    this.outer.removeEventListener('abort', this.onAbort)
    this.controller.abort()
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`
}

function parseEvent(data: string): unknown[] {
  try {
    return [JSON.parse(data)]
  } catch {
    // Servers that forget the blank line between events join them into one multi-line event.
    const lines = data.split('\n')
    if (lines.length > 1) {
      try {
        return lines.map((line) => JSON.parse(line) as unknown)
      } catch {
        // Reported below with the whole event.
      }
    }
    throw new BrainError(`The model server sent a malformed stream event: ${excerpt(data)}`)
  }
}

/** Yields the events' JSON values; returns true once `[DONE]` was seen. */
function* emit(events: string[]): Generator<unknown, boolean, undefined> {
  for (const data of events) {
    if (data.trim() === '[DONE]') {
      yield STREAM_DONE
      return true
    }
    yield* parseEvent(data)
  }
  return false
}

export async function* streamEvents(request: StreamRequest): AsyncGenerator<unknown, void, undefined> {
  const origin = new URL(request.url).origin
  const watch = new Watch(request.signal)
  let midStream = false
  const failure = (error: unknown): unknown => {
    if (error instanceof BrainError) return error
    if (watch.cause === 'aborted') return request.signal.reason
    if (watch.cause === 'timeout') return new BrainError(`The model server at ${origin} did not answer within ${seconds(request.timeoutMs)}`)
    if (watch.cause === 'idle') return new BrainError(`The model server at ${origin} sent nothing for ${seconds(request.idleTimeoutMs)}`)
    return networkFailure(error, origin, midStream)
  }

  try {
    watch.arm('timeout', request.timeoutMs)
    const response = await request.fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...request.headers },
      body: JSON.stringify(request.body),
      signal: watch.controller.signal,
    })
    watch.arm(response.ok ? 'idle' : 'timeout', response.ok ? request.idleTimeoutMs : request.timeoutMs)
    if (!response.ok) {
      const text = await readText(response, MAX_ERROR_BODY, () => undefined)
      throw httpFailure(response.status, text, request.model, request.url)
    }
    const contentType = response.headers.get('content-type') ?? ''
    if (contentType.includes('application/json')) {
      // The server ignored `stream: true` and sent one whole completion.
      const text = await readText(response, MAX_JSON_BODY, () => watch.arm('idle', request.idleTimeoutMs))
      yield* parseEvent(text)
      return
    }
    if (!response.body) throw new BrainError(`The model server at ${origin} sent an empty response`)
    const parser = new SseParser()
    const decoder = new TextDecoder()
    for await (const bytes of response.body) {
      midStream = true
      watch.arm('idle', request.idleTimeoutMs)
      if (yield* emit(parser.push(decoder.decode(bytes, { stream: true })))) return
    }
    yield* emit([...parser.push(decoder.decode()), ...parser.end()])
  } catch (error) {
    throw failure(error)
  } finally {
    watch.dispose()
  }
}

/** Reads a body as text, up to `max` characters (the rest is dropped with the connection). */
async function readText(response: Response, max: number, onChunk: () => void): Promise<string> {
  if (!response.body) return ''
  const decoder = new TextDecoder()
  let text = ''
  for await (const bytes of response.body) {
    onChunk()
    text += decoder.decode(bytes, { stream: true })
    if (text.length >= max) return text.slice(0, max)
  }
  return text + decoder.decode()
}

/** Turns HTTP statuses and network failures into one-line `BrainError`s a user can act on. */
import { BrainError } from '../types'
import { errorBodySchema, errorText } from './wire'

/** A non-2xx answer; `detail` is the server's own message, kept for decisions such as "tools unsupported". */
export class UpstreamHttpError extends BrainError {
  constructor(
    message: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(message)
  }
}

const oneLine = (text: string, max = 200): string => {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

/** The server's explanation from an error body, whatever its shape. */
export function detailOf(body: string): string {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(body))
    if (parsed.success) {
      const { error, detail, message } = parsed.data
      const text = errorText(error) ?? (typeof detail === 'string' ? detail : undefined) ?? message
      if (text) return oneLine(text)
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return oneLine(body)
}

export function httpFailure(status: number, body: string, model: string, url: string): UpstreamHttpError {
  const detail = detailOf(body)
  const suffix = detail ? `: ${detail}` : ''
  let message: string
  if (status === 401 || status === 403) {
    message = `The model server refused the API key (HTTP ${status})${suffix}`
  } else if (status === 404) {
    message = /model/i.test(detail)
      ? `The model server has no model "${model}" (HTTP 404)${suffix}`
      : `No chat endpoint at ${url} (HTTP 404): check the base URL (it usually ends in /v1)`
  } else if (status === 429) {
    message = `The model server is rate-limiting or out of quota (HTTP 429)${suffix}`
  } else if (status >= 500) {
    message = `The model server failed (HTTP ${status})${suffix}`
  } else {
    message = `The model server rejected the request (HTTP ${status})${suffix}`
  }
  return new UpstreamHttpError(message, status, detail)
}

interface ErrorWithCause {
  code?: unknown
  message?: unknown
  cause?: unknown
}

/** The innermost `code` of a fetch failure (`ECONNREFUSED`, `UND_ERR_SOCKET`, ...). */
function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const { code, cause } = current as ErrorWithCause
    if (typeof code === 'string') return code
    current = cause
  }
  return undefined
}

export function networkFailure(error: unknown, origin: string, midStream: boolean): BrainError {
  const code = codeOf(error)
  if (code === 'ECONNREFUSED') return new BrainError(`Cannot reach the model server at ${origin}: connection refused`)
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new BrainError(`Cannot resolve the model server at ${origin}`)
  if (midStream) return new BrainError(`The model server at ${origin} dropped the connection mid-answer`)
  const reason = error instanceof Error ? oneLine(String((error.cause as ErrorWithCause | undefined)?.message ?? error.message)) : ''
  return new BrainError(`The request to the model server at ${origin} failed${reason ? `: ${reason}` : ''}`)
}

export function excerpt(text: string): string {
  return oneLine(text, 120)
}

/** Small helpers for JSON answers in the shape FastAPI-style servers use (`{ "detail": … }` on errors). */
import type { IncomingMessage, ServerResponse } from 'node:http'

export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

export function sendError(res: ServerResponse, status: number, detail: string): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  sendJson(res, status, { detail })
}

/** Reads a JSON request body of at most `maxBytes`. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? ''
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'Send the body as application/json')
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > maxBytes) throw new HttpError(413, `Body too large (max ${maxBytes} bytes)`)
  const parts: Buffer[] = []
  let size = 0
  for await (const part of req) {
    const buffer = part as Buffer
    size += buffer.length
    if (size > maxBytes) throw new HttpError(413, `Body too large (max ${maxBytes} bytes)`)
    parts.push(buffer)
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8')) as unknown
  } catch {
    throw new HttpError(400, 'Invalid JSON body')
  }
}

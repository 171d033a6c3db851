/**
 * A bare `ws` client for the fakes' conformance tests: it does only what a guide's own example
 * client does (open, JSON.stringify out, JSON.parse in), and keeps every frame for assertions.
 */
import { WebSocket, type ClientOptions } from 'ws'
import type { Json } from './fake-hub'

export interface RawClient {
  ws: WebSocket
  /** Every frame received, parsed (a binary or non-JSON frame is `{ unparsed: text }`). */
  frames: Json[]
  send(frame: Json): void
  sendRaw(data: string | Buffer): void
  /** The next frame (after the last one `next` returned) that matches. */
  next(predicate: (f: Json) => boolean, timeoutMs?: number): Promise<Json>
  closed: Promise<{ code: number; reason: string }>
}

const open = new Set<WebSocket>()

/** Opens a client; rejects when the upgrade is refused (the error names the HTTP status). */
export async function connectRaw(url: string, options: ClientOptions = {}): Promise<RawClient> {
  const ws = new WebSocket(url, options)
  open.add(ws)
  const frames: Json[] = []
  const waiters = new Set<() => void>()
  ws.on('message', (data, isBinary) => {
    const text = String(data)
    let frame: Json
    try {
      frame = isBinary ? { unparsed: text } : (JSON.parse(text) as Json)
    } catch {
      frame = { unparsed: text }
    }
    frames.push(frame)
    for (const waiter of [...waiters]) waiter()
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => {
      open.delete(ws)
      resolve({ code, reason: String(reason) })
    }),
  )
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  let seen = 0
  return {
    ws,
    frames,
    closed,
    send: (frame) => ws.send(JSON.stringify(frame)),
    sendRaw: (data) => ws.send(data),
    next: (predicate, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          for (; seen < frames.length; seen++) {
            const frame = frames[seen]
            if (frame && predicate(frame)) {
              seen++
              waiters.delete(check)
              clearTimeout(timer)
              return resolve(frame)
            }
          }
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames.slice(-5))}`))
        }, timeoutMs)
        waiters.add(check)
        check()
      }),
  }
}

/** Terminates every client still open (for afterEach). */
export function closeAllRaw(): void {
  for (const ws of open) ws.terminate()
  open.clear()
}

/** `f => f[key] === value`, for `next`. */
export const where =
  (key: string, value: unknown) =>
  (f: Json): boolean =>
    f[key] === value

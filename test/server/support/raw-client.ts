/**
 * A raw WebSocket client for conformance tests: sends frames exactly as given and records every
 * frame the server sends, so tests can assert the wire, quirks included.
 */
import { WebSocket } from 'ws'

export type Frame = Record<string, unknown> & { type: string }

export class RawClient {
  readonly frames: Frame[] = []
  readonly closed: Promise<{ code: number; reason: string }>
  private waiters: Array<() => void> = []

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) throw new Error('The server sent a binary frame')
      this.frames.push(JSON.parse(String(data)) as Frame)
      for (const wake of this.waiters.splice(0)) wake()
    })
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() })
        for (const wake of this.waiters.splice(0)) wake()
      })
    })
  }

  static async connect(url: string, headers: Record<string, string> = {}): Promise<RawClient> {
    const ws = new WebSocket(url, { headers })
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    return new RawClient(ws)
  }

  /** Connects and authorizes; resolves after `authorize_success`. */
  static async authorized(url: string, token = 'any-token'): Promise<RawClient> {
    const client = await RawClient.connect(url)
    client.send({ type: 'authorize', token })
    await client.waitFor((f) => f.type === 'authorize_success')
    return client
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame))
  }

  /** The first frame at index ≥ `from` that matches, waiting up to `timeoutMs`. */
  async waitFor(match: (frame: Frame) => boolean, options: { from?: number; timeoutMs?: number } = {}): Promise<Frame> {
    // A generous last resort: a frame that comes is waited for however busy the machine is.
    const deadline = Date.now() + (options.timeoutMs ?? 45_000)
    for (;;) {
      const found = this.frames.slice(options.from ?? 0).find(match)
      if (found) return found
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`Socket closed while waiting; got ${this.describe()}`)
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`Timed out waiting for a frame; got ${this.describe()}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  /** Frames from index `from` up to and including the first that matches `end`. */
  async collectUntil(end: (frame: Frame) => boolean, from = this.frames.length): Promise<Frame[]> {
    const last = await this.waitFor(end, { from })
    return this.frames.slice(from, this.frames.indexOf(last, from) + 1)
  }

  describe(): string {
    return this.frames.map((f) => f.type).join(', ') || 'no frames'
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return
    this.ws.close()
    await this.closed
  }
}

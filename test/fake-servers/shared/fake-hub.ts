/**
 * The common part of the protocol fakes (test/fake-servers/<protocol>/server.ts): an HTTP + ws
 * server on 127.0.0.1 (any free port by default), a recorder of every frame clients sent, waits on
 * that record, and faults on the live sockets. Each protocol's fake extends it with its URL path,
 * handshake and frames, in the style of test/support/fake-agent-server.ts.
 *
 *   server.url / httpBase                     ws://127.0.0.1:P<path>, http://127.0.0.1:P
 *   server.received                           every client frame (parsed when a JSON object), in order
 *   server.closes / httpRequests / upgrades   how connections ended; HTTP requests seen; upgrade requests
 *   server.chatMessages()                     the chat messages among them, with their text
 *   await server.waitForFrame(f => …, timeoutMs?, since?) / waitUntil(() => …)
 *   server.send(frame | raw | Buffer)         to every ready, live client
 *   server.dropAll() / closeAll(code) / goHalfOpen()
 *   await server.stop() / restart()           restart listens on the SAME port
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { isObject, type FakeSocket, type Json } from './fake-socket'

export { FakeSocket, isObject, nonBlank, type Json } from './fake-socket'

export interface ReceivedFrame {
  /** 0-based index of the connection, in accept order (continues across restarts). */
  connection: number
  /** The frame parsed, when it was a JSON object; undefined for anything else. */
  frame: Json | undefined
  /** The frame's text (binary frames: decoded as UTF-8). */
  raw: string
  binary: boolean
  at: number
}

export interface HttpRequestSeen {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: string
}

/** What an upgrade request gets: accepted (`undefined`) or refused with an HTTP status. */
export type UpgradeVerdict = { status: number; body?: string } | undefined

export abstract class FakeHub<S extends FakeSocket = FakeSocket> {
  readonly received: ReceivedFrame[] = []
  readonly closes: { connection: number; code: number; reason: string }[] = []
  readonly httpRequests: HttpRequestSeen[] = []
  /** The upgrade request of each accepted connection, in accept order (its address and headers). */
  readonly upgrades: { path: string; headers: IncomingMessage['headers'] }[] = []
  protected readonly sockets = new Set<S>()
  private readonly waiters = new Set<() => void>()
  private http?: Server
  private wss?: WebSocketServer
  private accepted = 0

  protected constructor(
    private readonly path: string,
    private port = 0,
  ) {}

  get url(): string {
    return `ws://127.0.0.1:${this.port}${this.path}`
  }

  get httpBase(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** Connections accepted since start (across restarts). */
  get connectionCount(): number {
    return this.accepted
  }

  /** Sockets open right now. */
  get activeConnections(): number {
    return this.sockets.size
  }

  /** Parsed frames whose `key` (e.g. `type`) is `value`. */
  framesWhere(key: string, value: unknown): ReceivedFrame[] {
    return this.received.filter((r) => r.frame?.[key] === value)
  }

  /** The chat messages clients sent (valid or not), with their text in this protocol's field. */
  chatMessages(): { connection: number; text: string; frame: Json }[] {
    return this.received.flatMap(({ connection, frame }) => {
      const text = frame && this.chatText(frame)
      return frame && text !== undefined ? [{ connection, text, frame }] : []
    })
  }

  /** Resolves with the first received frame from index `since` on that matches. */
  waitForFrame(predicate: (record: ReceivedFrame) => boolean, timeoutMs = 5_000, since = 0): Promise<ReceivedFrame> {
    return new Promise((resolve, reject) => {
      let checked = since
      const check = () => {
        for (; checked < this.received.length; checked++) {
          const record = this.received[checked]
          if (record && predicate(record)) {
            finish()
            return resolve(record)
          }
        }
      }
      const timer = setTimeout(() => {
        finish()
        reject(new Error(`${this.constructor.name}: no matching frame within ${timeoutMs} ms`))
      }, timeoutMs)
      const finish = () => {
        clearTimeout(timer)
        this.waiters.delete(check)
      }
      this.waiters.add(check)
      check()
    })
  }

  /** Polls `condition` every 5 ms until it holds. */
  async waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`${this.constructor.name}: condition not met within ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 5))
    }
  }

  /** Sends to every ready, live client (objects as JSON, text and Buffers verbatim). Returns the count. */
  send(frame: Json | string | Buffer): number {
    let count = 0
    for (const socket of this.sockets) {
      if (!socket.ready || socket.muted) continue
      if (typeof frame === 'string' || Buffer.isBuffer(frame)) socket.sendRaw(frame)
      else socket.send(frame)
      count++
    }
    return count
  }

  /** Current sockets stay open but the server sends nothing and reads nothing (a dead peer). */
  goHalfOpen(): void {
    for (const socket of this.sockets) socket.mute()
  }

  /** Terminates every socket without a close frame: clients see 1006. */
  dropAll(): void {
    for (const socket of this.sockets) socket.ws.terminate()
  }

  /** Closes every socket cleanly with `code`. */
  closeAll(code: number, reason = ''): void {
    for (const socket of this.sockets) {
      socket.mute()
      socket.ws.close(code, reason)
    }
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) {
      socket.end()
      socket.ws.terminate()
    }
    this.sockets.clear()
    const { http, wss } = this
    this.http = undefined
    this.wss = undefined
    wss?.close()
    if (http) {
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    }
  }

  /** Stops (if running) and listens again on the same port. */
  async restart(): Promise<void> {
    await this.stop()
    await this.listen()
  }

  protected async listen(): Promise<void> {
    const wss = new WebSocketServer({ noServer: true, maxPayload: this.maxPayload })
    const http = createServer((req, res) => void this.serveHttp(req, res))
    http.on('upgrade', (req, socket, head) => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname
      const verdict = path === this.path ? this.checkUpgrade(req) : { status: 404 }
      if (verdict) {
        const body = verdict.body ?? ''
        socket.end(`HTTP/1.1 ${verdict.status} Refused\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`)
        return
      }
      wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req))
    })
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject)
      http.listen(this.port, '127.0.0.1', () => {
        http.off('error', reject)
        resolve()
      })
    })
    this.port = (http.address() as AddressInfo).port
    this.http = http
    this.wss = wss
  }

  /** Frames above this many bytes close the socket with 1009 (ws's own limit). */
  protected get maxPayload(): number {
    return 16 * 1024 * 1024
  }

  /** Refuse an upgrade with an HTTP status; default: accept. */
  protected checkUpgrade(_req: IncomingMessage): UpgradeVerdict {
    return undefined
  }

  /** Plain HTTP requests; default 404. */
  protected async handleHttp(_req: IncomingMessage, res: ServerResponse, _body: string): Promise<void> {
    res.writeHead(404).end()
  }

  /** The text of a client frame when it is this protocol's chat message. */
  protected abstract chatText(frame: Json): string | undefined
  protected abstract createSocket(ws: WebSocket, index: number, req: IncomingMessage): S
  protected abstract onOpen(socket: S): void
  protected abstract onFrame(socket: S, record: ReceivedFrame): void

  private async serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    this.httpRequests.push({ method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body })
    await this.handleHttp(req, res, body).catch(() => res.destroy())
  }

  private accept(ws: WebSocket, req: IncomingMessage): void {
    const socket = this.createSocket(ws, this.accepted++, req)
    this.upgrades.push({ path: req.url ?? '/', headers: req.headers })
    this.sockets.add(socket)
    ws.on('message', (data, isBinary) => {
      if (socket.muted) return
      const raw = Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8')
      let parsed: unknown
      try {
        parsed = isBinary ? undefined : JSON.parse(raw)
      } catch {
        parsed = undefined
      }
      const record = { connection: socket.index, frame: isObject(parsed) ? parsed : undefined, raw, binary: isBinary, at: Date.now() }
      this.received.push(record)
      for (const waiter of [...this.waiters]) waiter()
      this.onFrame(socket, record)
    })
    ws.on('close', (code, reason) => {
      this.closes.push({ connection: socket.index, code, reason: reason.toString('utf8') })
      socket.end()
      this.sockets.delete(socket)
    })
    ws.on('error', () => ws.terminate())
    this.onOpen(socket)
  }
}

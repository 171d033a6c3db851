/**
 * An in-process fake of the agent server (shared/protocol/chat-stream.md), quirks included:
 * every frame carries `"id": null, "timestamp": null`; `stream_token` / `tts_ready_chunk` /
 * `tool_*` carry no `turn_id`; `tool_call.args` / `tool_result.result` are JSON strings; optional
 * fields are sometimes `null`; frames before `authorize` get `error` "Authentication required".
 *
 *   const server = await FakeAgentServer.start({ token, port, pingIntervalMs, pongTimeoutMs, answer })
 *   server.url / server.restBase           ws://127.0.0.1:P/v1/chat/stream, http://127.0.0.1:P/v1
 *   server.received                        every client frame that was a JSON object, in order
 *   server.closes / restRequests           how connections ended; REST requests seen
 *   await server.waitForFrame(f => f.type === 'pong', timeoutMs?, since?)
 *   await server.waitUntil(() => server.connectionCount === 2)
 *   server.send(frame | raw | Buffer)      to every authorized, live client (test frames)
 *   server.goHalfOpen() / dropAll()        dead TCP peer on current sockets / abrupt 1006
 *   server.closeAll(code, reason)          a clean close with that code (e.g. 1001, 4000)
 *   server.ignorePongs = true              pongs are lost: the next ping ends in close 4000
 *   server.dropMessages = true             chat_message is read and never answered (no stream_start)
 *   await server.stop() / restart()        restart listens on the SAME port
 *   server.answer = longAnswer(10_000)     scripts: see fake-agent-scripts.ts (`FakeStep`)
 *
 * Timers: pings start after authorize; `pongTimeoutMs` after an unanswered ping the socket is
 * closed 4000 "Ping timeout". Everything stops on `stop()`.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { FakeConnection, type ConnectionHost, type FakeAvatarConfig } from './fake-agent-connection'
import { handleRest, type FakeRestOptions, type RestRequest } from './fake-agent-rest'
import { echoAnswer, type AnswerScript, type FakeStep } from './fake-agent-scripts'

export * from './fake-agent-scripts'
export type { RestRequest, StmSession } from './fake-agent-rest'

export interface FakeAgentServerOptions {
  /** The accepted token. Default `test-token`. */
  token?: string
  /** Default 0 (any free port). */
  port?: number
  /** Default 30 000. */
  pingIntervalMs?: number
  /** Default 10 000. */
  pongTimeoutMs?: number
  /** What a `chat_message` makes the server stream. Default: "You said: <content>". */
  answer?: AnswerScript
  /** Wait this long before answering `authorize` (to observe the `authorizing` state). Default 0. */
  authorizeDelayMs?: number
  /** Steps sent right after `authorize_success` on every connection (e.g. a `set_model_and_conf`). */
  greeting?: FakeStep[]
  /** Paths listed by `fetch_backgrounds`. Default `/bg/night.jpg`, `/bg/beach.png`. */
  backgrounds?: string[]
  /** Listed by `fetch_avatar_configs`. Default mira.yaml (Mira), shizuku.yaml (Shizuku). */
  avatarConfigs?: FakeAvatarConfig[]
  /** REST: `tts: false` → no TTS endpoint (404); `stm` → serve these sessions instead of 503. */
  rest?: Pick<FakeRestOptions, 'tts' | 'stm' | 'files'>
}

export interface ReceivedFrame {
  /** 0-based index of the connection, in accept order (continues across restarts). */
  connection: number
  frame: Record<string, unknown>
  at: number
}

export class FakeAgentServer implements ConnectionHost {
  token: string
  answer: AnswerScript
  /** When true, pongs are dropped unread, so the next ping ends in close 4000 (a lost pong). */
  ignorePongs = false
  /** When true, a valid `chat_message` gets no answer at all, not even `stream_start` (a server that lost it). */
  dropMessages = false
  /** TTS requests for which this is true are never answered; `restRequests` records their hang-up. */
  holdTts: ((text: string) => boolean) | undefined
  /**
   * How long the tone for a text plays, where a test needs a sentence that cannot end by itself before the
   * test acts (however loaded the machine); undefined → the default (longer text, longer tone, ≤1.5 s).
   */
  ttsDurationMs: ((text: string) => number | undefined) | undefined
  readonly received: ReceivedFrame[] = []
  readonly restRequests: RestRequest[] = []
  /** How each connection ended, as the server saw it (1006 when the client vanished). */
  readonly closes: { connection: number; code: number; reason: string }[] = []
  readonly backgrounds: string[]
  readonly avatarConfigs: FakeAvatarConfig[]
  readonly pingIntervalMs: number
  readonly pongTimeoutMs: number
  readonly greeting: FakeStep[]
  readonly authorizeDelayMs: number
  private readonly restOptions: FakeRestOptions
  private readonly conns = new Set<FakeConnection>()
  private readonly frameWaiters = new Set<() => void>()
  private http?: Server
  private wss?: WebSocketServer
  private accepted = 0
  private port: number

  private constructor(options: FakeAgentServerOptions) {
    this.token = options.token ?? 'test-token'
    this.answer = options.answer ?? echoAnswer
    this.port = options.port ?? 0
    this.pingIntervalMs = options.pingIntervalMs ?? 30_000
    this.pongTimeoutMs = options.pongTimeoutMs ?? 10_000
    this.greeting = options.greeting ?? []
    this.authorizeDelayMs = options.authorizeDelayMs ?? 0
    this.backgrounds = options.backgrounds ?? ['/bg/night.jpg', '/bg/beach.png']
    this.avatarConfigs = options.avatarConfigs ?? [
      { filename: 'mira.yaml', name: 'Mira' },
      { filename: 'shizuku.yaml', name: 'Shizuku' },
    ]
    this.restOptions = { ...options.rest, backgrounds: this.backgrounds, holdTts: (text) => this.holdTts?.(text) ?? false,
      ttsDurationMs: (text) => this.ttsDurationMs?.(text),
    }
  }

  static async start(options: FakeAgentServerOptions = {}): Promise<FakeAgentServer> {
    const server = new FakeAgentServer(options)
    await server.listen()
    return server
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}/v1/chat/stream`
  }

  get restBase(): string {
    return `http://127.0.0.1:${this.port}/v1`
  }

  /** Connections accepted since start (across restarts). */
  get connectionCount(): number {
    return this.accepted
  }

  /** Sockets open right now. */
  get activeConnections(): number {
    return this.conns.size
  }

  /** Sockets open right now that passed `authorize`. */
  get authorizedConnections(): number {
    return [...this.conns].filter((c) => c.authorized).length
  }

  /** Received frames of one type (convenience for assertions). */
  framesOfType(type: string): ReceivedFrame[] {
    return this.received.filter((r) => r.frame.type === type)
  }

  /** Resolves with the first received frame from index `since` on that matches. */
  waitForFrame(
    predicate: (frame: Record<string, unknown>, record: ReceivedFrame) => boolean,
    timeoutMs = 5_000,
    since = 0,
  ): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      let checked = since
      const check = () => {
        for (; checked < this.received.length; checked++) {
          const record = this.received[checked]
          if (record && predicate(record.frame, record)) {
            finish()
            resolve(record.frame)
            return
          }
        }
      }
      const timer = setTimeout(() => {
        finish()
        reject(new Error(`FakeAgentServer: no matching frame within ${timeoutMs} ms`))
      }, timeoutMs)
      const finish = () => {
        clearTimeout(timer)
        this.frameWaiters.delete(check)
      }
      this.frameWaiters.add(check)
      check()
    })
  }

  /** Polls `condition` every 5 ms until it holds. */
  async waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`FakeAgentServer: condition not met within ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 5))
    }
  }

  /** Sends to every authorized, live client: an object gets the null envelope; text/Buffer go raw. Returns the count. */
  send(frame: Record<string, unknown> | string | Buffer): number {
    let count = 0
    for (const conn of this.conns) {
      if (!conn.authorized || conn.halfOpen) continue
      if (typeof frame === 'string' || Buffer.isBuffer(frame)) conn.sendRaw(frame, Buffer.isBuffer(frame))
      else conn.sendFrame(frame)
      count++
    }
    return count
  }

  /** Current sockets stay open but the server sends nothing and ignores everything (no close). */
  goHalfOpen(): void {
    for (const conn of this.conns) conn.mute()
  }

  /** Terminates every socket without a close frame: the client sees 1006. */
  dropAll(): void {
    for (const conn of this.conns) conn.ws.terminate()
  }

  /** Closes every socket cleanly with `code` (e.g. 1001 going away, 4000 ping timeout). */
  closeAll(code: number, reason = ''): void {
    for (const conn of this.conns) {
      conn.mute()
      conn.ws.close(code, reason)
    }
  }

  async stop(): Promise<void> {
    for (const conn of this.conns) {
      conn.end()
      conn.ws.terminate()
    }
    this.conns.clear()
    const http = this.http
    const wss = this.wss
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

  private async listen(): Promise<void> {
    const wss = new WebSocketServer({ noServer: true })
    const http = createServer((req, res) => {
      handleRest(req, res, this.restOptions, this.restRequests).catch(() => res.destroy())
    })
    http.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://fake').pathname !== '/v1/chat/stream') {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
        return
      }
      wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws))
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

  /** Part of `ConnectionHost`: stores a client frame and wakes `waitForFrame`. */
  record(connection: number, frame: Record<string, unknown>): void {
    this.received.push({ connection, frame, at: Date.now() })
    for (const waiter of [...this.frameWaiters]) waiter()
  }

  private accept(ws: WebSocket): void {
    const conn = new FakeConnection(ws, this.accepted++, this)
    this.conns.add(conn)
    ws.on('message', (data, isBinary) => conn.onMessage(data as Buffer, isBinary))
    ws.on('close', (code, reason) => {
      this.closes.push({ connection: conn.index, code, reason: reason.toString('utf8') })
      conn.end()
      this.conns.delete(conn)
    })
    ws.on('error', () => ws.terminate())
  }
}

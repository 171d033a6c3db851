/** Accepts WebSocket upgrades on `/v1/chat/stream` and keeps the live sessions. */
import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { CHAT_STREAM_PATH } from '../../shared/protocol'
import type { CompanionContext } from '../context'
import { ClientSession, type SessionTimings } from './session'

/** Images arrive inline as data URLs; leave room for a few. */
const MAX_FRAME_BYTES = 32 * 1024 * 1024

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

export class ChatGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  private readonly sessions = new Set<ClientSession>()
  private closing = false

  constructor(
    private readonly ctx: CompanionContext,
    private readonly timings: SessionTimings,
  ) {}

  get connectionCount(): number {
    return this.sessions.size
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://companion.invalid').pathname.replace(/\/+$/, '')
    if (path !== CHAT_STREAM_PATH) return refuse(socket, '404 Not Found')
    if (this.closing) return refuse(socket, '503 Service Unavailable')
    // No other web page may connect, loopback or not (only listed origins): see access.ts.
    if (!this.ctx.access.hostAllowed(req.headers.host) || !this.ctx.access.originAllowed(req.headers.origin, req.headers.host)) {
      this.ctx.log(`refused a chat connection from origin ${req.headers.origin ?? '-'} (host ${req.headers.host ?? '-'})`)
      return refuse(socket, '403 Forbidden')
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // An upgrade's socket is always a net.Socket (http's `upgrade` event).
      const session = new ClientSession(ws, this.ctx, this.timings, socket as Socket)
      this.sessions.add(session)
      void session.whenClosed().then(() => this.sessions.delete(session))
    })
  }

  /** Interrupts every turn (each still ends with `stream_end`), then closes every socket with 1001. */
  async close(): Promise<void> {
    this.closing = true
    await Promise.all([...this.sessions].map((session) => session.shutdown()))
    this.wss.close()
  }
}

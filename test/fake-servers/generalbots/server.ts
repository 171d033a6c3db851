/**
 * A fake General Bots server, from its WebSocket guide alone (shared/protocol/generalbots-websocket.md).
 *
 *   const server = await FakeGeneralBotsServer.start({ token, answer, idleTimeoutMs, rateLimit })
 *   server.url / server.urlWithToken()          ws://127.0.0.1:P/ws, …/ws?token=T
 *   server.streaming = false                    whole `message` answers instead of stream_start/chunk/end
 *
 * - Auth: `?token=T`, or a first frame `{type: 'auth', token}`. A wrong or missing token gets
 *   `error` AUTH_FAILED and close 1008. Once in, the server sends `session_created` for a fresh
 *   session (the guide shows the event but not when: assumed at login, so a client without a session
 *   gets one). Sessions outlive connections; `subscribe` to one (SESSION_NOT_FOUND when unknown).
 * - `message` {session_id, content} → `bot_typing` true, then `stream_start` {session_id, message_id},
 *   `stream_chunk` {message_id, content}…, `stream_end` {message_id, content: whole text} — or one
 *   `message` {session_id, message_id, role: 'assistant', content, timestamp} — then `bot_typing`
 *   false. `tool_call` {session_id, tool, arguments} / `tool_result` {session_id, tool, result}.
 *   A turn's frames go to the sender and every other connection subscribed to its session.
 * - `ping` → `pong` {timestamp}. A connection that sends nothing for `idleTimeoutMs` (5 min) is
 *   closed 1000 "Idle timeout".
 * - `error` {code, message}: AUTH_FAILED, SESSION_NOT_FOUND, RATE_LIMITED (`rateLimit`),
 *   MESSAGE_TOO_LARGE (a frame over 64 KB; the connection stays), INVALID_FORMAT (bad JSON, unknown
 *   type, no session_id or content), or a scripted `{ fail: code }`.
 * - `expireSession(id)` forgets a session and sends `session_closed` {reason: 'expired'} to its subscribers.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { WebSocket } from 'ws'
import { FakeHub, FakeSocket, nonBlank, type Json, type ReceivedFrame } from '../shared/fake-hub'
import { echoAnswer, runTurn, type AnswerScript, type ChatIn, type TurnWriter } from '../shared/script'

export interface FakeGeneralBotsOptions {
  port?: number
  /** Default `test-token`. */
  token?: string
  answer?: AnswerScript
  /** Default 300 000 (5 minutes). */
  idleTimeoutMs?: number
  /** Default 65 536. */
  maxMessageBytes?: number
  /** More messages than `max` in `windowMs` get RATE_LIMITED; `now` for a test clock. */
  rateLimit?: { max: number; windowMs: number }
  now?: () => number
}

interface Session {
  id: string
  history: ChatIn['history'][number][]
}

class BotSocket extends FakeSocket {
  readonly subscribed = new Set<string>()
  idleTimer: NodeJS.Timeout | undefined
  sentTimes: number[] = []
}

const stamp = () => new Date().toISOString()

export class FakeGeneralBotsServer extends FakeHub<BotSocket> {
  token: string
  answer: AnswerScript
  /** false: whole `message` answers. */
  streaming = true
  /** When true, a valid `message` is read and never answered (not even `bot_typing`). */
  dropMessages = false
  /** Applies from the next frame a client sends. */
  idleTimeoutMs: number
  readonly sessions = new Map<string, Session>()
  private readonly options: FakeGeneralBotsOptions

  private constructor(options: FakeGeneralBotsOptions) {
    super('/ws', options.port)
    this.options = options
    this.token = options.token ?? 'test-token'
    this.answer = options.answer ?? echoAnswer
    this.idleTimeoutMs = options.idleTimeoutMs ?? 300_000
  }

  static async start(options: FakeGeneralBotsOptions = {}): Promise<FakeGeneralBotsServer> {
    const server = new FakeGeneralBotsServer(options)
    await server.listen()
    return server
  }

  urlWithToken(token = this.token): string {
    return `${this.url}?token=${encodeURIComponent(token)}`
  }

  /** Forgets a session; its subscribers get `session_closed`. */
  expireSession(id: string): void {
    this.sessions.delete(id)
    for (const socket of this.sockets) {
      if (socket.subscribed.delete(id)) socket.send({ type: 'session_closed', session_id: id, reason: 'expired' })
    }
  }

  protected override get maxPayload(): number {
    return 1024 * 1024
  }

  protected createSocket(ws: WebSocket, index: number, req: IncomingMessage): BotSocket {
    return new BotSocket(ws, index, req)
  }

  protected chatText(frame: Json): string | undefined {
    return frame.type === 'message' && typeof frame.content === 'string' ? frame.content : undefined
  }

  protected onOpen(socket: BotSocket): void {
    this.touch(socket)
    const query = new URL(socket.request.url ?? '/', 'http://fake').searchParams.get('token')
    if (query !== null) this.login(socket, query)
  }

  protected onFrame(socket: BotSocket, { frame, raw }: ReceivedFrame): void {
    this.touch(socket)
    const fail = (code: string, message: string) => socket.send({ type: 'error', code, message })
    if (!socket.ready) return this.login(socket, frame?.type === 'auth' ? frame.token : undefined)
    if (Buffer.byteLength(raw) > (this.options.maxMessageBytes ?? 65_536)) return fail('MESSAGE_TOO_LARGE', 'Message exceeds 64 KB limit')
    if (!frame) return fail('INVALID_FORMAT', 'Malformed JSON')
    const sessionId = frame.session_id
    switch (frame.type) {
      case 'ping':
        return socket.send({ type: 'pong', timestamp: stamp() })
      case 'auth':
        return this.login(socket, frame.token)
      case 'subscribe':
        if (!nonBlank(sessionId) || !this.sessions.has(sessionId)) return fail('SESSION_NOT_FOUND', 'Session does not exist or has expired')
        socket.subscribed.add(sessionId)
        return
      case 'unsubscribe':
        if (nonBlank(sessionId)) socket.subscribed.delete(sessionId)
        return
      case 'typing_start':
      case 'typing_stop':
        return
      case 'message': {
        if (!nonBlank(sessionId) || typeof frame.content !== 'string') return fail('INVALID_FORMAT', 'message needs session_id and content')
        const session = this.sessions.get(sessionId)
        if (!session) return fail('SESSION_NOT_FOUND', 'Session does not exist or has expired')
        if (this.rateLimited(socket)) return fail('RATE_LIMITED', 'Too many messages')
        if (this.dropMessages) return
        return this.respond(socket, session, frame, frame.content)
      }
      default:
        return fail('INVALID_FORMAT', `Unknown message type: ${String(frame.type)}`)
    }
  }

  private login(socket: BotSocket, token: unknown): void {
    if (!nonBlank(token) || token !== this.token) {
      socket.send({ type: 'error', code: 'AUTH_FAILED', message: 'Invalid or expired token' })
      socket.ws.close(1008, 'AUTH_FAILED')
      socket.mute()
      return
    }
    if (socket.ready) return
    socket.ready = true
    const session: Session = { id: randomUUID(), history: [] }
    this.sessions.set(session.id, session)
    socket.send({ type: 'session_created', session_id: session.id })
  }

  private respond(socket: BotSocket, session: Session, frame: Json, text: string): void {
    const session_id = session.id
    const messageId = randomUUID()
    const send = (f: Json) => {
      for (const other of this.sockets) if (other === socket || (other.ready && other.subscribed.has(session_id))) other.send(f)
    }
    const message: ChatIn = { text, frame, conversation: session_id, history: [...session.history], connection: socket.index }
    const writer: TurnWriter = {
      protocol: 'General Bots',
      begin: () => {
        send({ type: 'bot_typing', session_id, is_typing: true })
        if (this.streaming) send({ type: 'stream_start', session_id, message_id: messageId })
      },
      token: (content) => {
        if (this.streaming) send({ type: 'stream_chunk', message_id: messageId, content })
      },
      toolCall: (tool, args) => send({ type: 'tool_call', session_id, tool, arguments: args }),
      toolResult: (tool, result) => send({ type: 'tool_result', session_id, tool, result }),
      fail: (code, text) => {
        send({ type: 'error', code, message: text })
        send({ type: 'bot_typing', session_id, is_typing: false })
      },
      end: (content) => {
        session.history.push({ role: 'user', content: text }, { role: 'assistant', content })
        if (this.streaming) send({ type: 'stream_end', message_id: messageId, content })
        else send({ type: 'message', session_id, message_id: messageId, role: 'assistant', content, timestamp: stamp() })
        send({ type: 'bot_typing', session_id, is_typing: false })
      },
    }
    void runTurn(this.answer, message, socket, writer)
  }

  /** Restarts the idle clock: any frame from the client counts. */
  private touch(socket: BotSocket): void {
    socket.clear(socket.idleTimer)
    socket.idleTimer = socket.after(this.idleTimeoutMs, () => socket.ws.close(1000, 'Idle timeout'))
  }

  private rateLimited(socket: BotSocket): boolean {
    const limit = this.options.rateLimit
    if (!limit) return false
    const now = (this.options.now ?? Date.now)()
    socket.sentTimes = socket.sentTimes.filter((t) => now - t < limit.windowMs)
    if (socket.sentTimes.length >= limit.max) return true
    socket.sentTimes.push(now)
    return false
  }
}

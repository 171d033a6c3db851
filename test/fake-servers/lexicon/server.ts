/**
 * A fake Lexicon chat tenant, from its WebSocket guide alone (shared/protocol/lexicon-websocket.md).
 *
 *   const server = await FakeLexiconServer.start({ apiKey, answer, rateLimit, now })
 *   server.url / chatUrl({ apiKey, userId, chatId })    ws://127.0.0.1:P/ws/chat[?api_key=…&user_id=…&chat_id=…]
 *   server.apiBase                                       http://127.0.0.1:P/api/v1
 *   const chatId = server.createChat('user123')          (or POST /api/v1/chats/, see lexicon-rest.ts)
 *
 * - Credentials: query `api_key`, `user_id`, `chat_id`, or headers `X-API-Key`, `X-User-ID`,
 *   `X-Chat-ID`. A bad one gets `error` {error_code, error_message, details: {fix}} — AUTH_ERROR
 *   (wrong or missing key, missing user_id / chat_id) or CHAT_NOT_FOUND — then close 1008 with the
 *   code as reason. Else `connection_established` {user_id, chat_id, tenant_id}, and `user_created`
 *   the first time a user id connects.
 * - `{content, metadata?}` → `message_received` {message_id, chat_id, user_id, content}, then
 *   `message_stream_started`, `message_stream_token` {token}…, `message_stream_ended`
 *   {message_id, chat_id, user_id, content: the whole answer}. No tools, no emotions, no interrupt.
 * - Limits: 10 frames a second per connection (`rateLimit`; a test clock via `now`): the excess gets
 *   RATE_LIMIT_EXCEEDED and is not saved. Assumed codes for what the guide leaves open:
 *   INVALID_MESSAGE (bad JSON, no content). `{type: 'ping'}` → `{event_type: 'pong'}` (the guide
 *   says to ping but not how). `idleTimeoutMs` (default none) closes an idle connection 1000.
 */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { WebSocket } from 'ws'
import { FakeHub, FakeSocket, isObject, nonBlank, type Json, type ReceivedFrame } from '../shared/fake-hub'
import { echoAnswer, runTurn, type AnswerScript, type ChatIn, type TurnWriter } from '../shared/script'
import { handleChatsRest, type LexiconChat } from './lexicon-rest'

export type { LexiconChat } from './lexicon-rest'

export interface FakeLexiconOptions {
  port?: number
  /** The tenant's API key. Default `test-api-key`. */
  apiKey?: string
  tenantId?: string
  answer?: AnswerScript
  /** Default 10 frames per 1000 ms, as the guide says. */
  rateLimit?: { max: number; windowMs: number }
  now?: () => number
  idleTimeoutMs?: number
}

class LexiconSocket extends FakeSocket {
  userId = ''
  chatId = ''
  frameTimes: number[] = []
  idleTimer: NodeJS.Timeout | undefined
}

const stamp = () => new Date().toISOString()

export class FakeLexiconServer extends FakeHub<LexiconSocket> {
  apiKey: string
  answer: AnswerScript
  /** When true, a message is saved (`message_received`) and never answered. */
  dropMessages = false
  readonly tenantId: string
  readonly chats = new Map<string, LexiconChat>()
  /** User ids this tenant has seen (a new one gets `user_created`). */
  readonly users = new Set<string>()
  private readonly options: FakeLexiconOptions

  private constructor(options: FakeLexiconOptions) {
    super('/ws/chat', options.port)
    this.options = options
    this.apiKey = options.apiKey ?? 'test-api-key'
    this.tenantId = options.tenantId ?? 'tenant-fake'
    this.answer = options.answer ?? echoAnswer
  }

  static async start(options: FakeLexiconOptions = {}): Promise<FakeLexiconServer> {
    const server = new FakeLexiconServer(options)
    await server.listen()
    return server
  }

  get apiBase(): string {
    return `${this.httpBase}/api/v1`
  }

  chatUrl(params: { apiKey?: string; userId?: string; chatId?: string }): string {
    const query = new URLSearchParams()
    if (params.apiKey !== undefined) query.set('api_key', params.apiKey)
    if (params.userId !== undefined) query.set('user_id', params.userId)
    if (params.chatId !== undefined) query.set('chat_id', params.chatId)
    return `${this.url}?${query}`
  }

  /** Creates a chat as the REST API would; returns its id. */
  createChat(userId: string, title = 'New chat'): string {
    const chat: LexiconChat = { id: randomUUID(), user_id: userId, tenant_id: this.tenantId, title, created_at: stamp(), messages: [] }
    this.chats.set(chat.id, chat)
    return chat.id
  }

  protected override async handleHttp(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    handleChatsRest(req, res, body, this)
  }

  protected createSocket(ws: WebSocket, index: number, req: IncomingMessage): LexiconSocket {
    return new LexiconSocket(ws, index, req)
  }

  protected chatText(frame: Json): string | undefined {
    return frame.type === undefined && typeof frame.content === 'string' ? frame.content : undefined
  }

  protected onOpen(socket: LexiconSocket): void {
    const query = new URL(socket.request.url ?? '/', 'http://fake').searchParams
    const param = (name: string, header: string) => query.get(name) ?? headerOf(socket.request, header)
    const apiKey = param('api_key', 'x-api-key')
    const userId = param('user_id', 'x-user-id')
    const chatId = param('chat_id', 'x-chat-id')
    const refuse = (code: string, message: string, fix: string) => {
      socket.send({ event_type: 'error', timestamp: stamp(), error_code: code, error_message: message, details: { fix } })
      socket.ws.close(1008, code)
      socket.mute()
    }
    if (!nonBlank(apiKey)) return refuse('AUTH_ERROR', 'Missing api_key parameter', 'Add api_key parameter: ?api_key=your_key or X-API-Key header')
    if (apiKey !== this.apiKey) {
      return refuse('AUTH_ERROR', 'Invalid API key', 'Check your tenant API key value. Each tenant has a unique API key in the tenants table.')
    }
    if (!nonBlank(userId)) return refuse('AUTH_ERROR', 'Missing user_id parameter', 'Add user_id parameter: ?user_id=your_user_id or X-User-ID header')
    if (!nonBlank(chatId)) return refuse('AUTH_ERROR', 'Missing chat_id parameter', 'Add chat_id parameter: ?chat_id=your_chat_id or X-Chat-ID header')
    if (!this.chats.has(chatId)) {
      return refuse('CHAT_NOT_FOUND', `Chat with chat_id '${chatId}' not found or does not belong to your tenant`, 'Create the chat first using POST /api/v1/chats/ endpoint')
    }
    socket.ready = true
    socket.userId = userId
    socket.chatId = chatId
    this.touch(socket)
    socket.send({ event_type: 'connection_established', timestamp: stamp(), user_id: userId, chat_id: chatId, tenant_id: this.tenantId })
    if (!this.users.has(userId)) {
      this.users.add(userId)
      socket.send({ event_type: 'user_created', timestamp: stamp(), user_id: userId })
    }
  }

  protected onFrame(socket: LexiconSocket, { frame }: ReceivedFrame): void {
    if (!socket.ready) return
    this.touch(socket)
    const error = (code: string, message: string, fix: string) =>
      socket.send({ event_type: 'error', timestamp: stamp(), error_code: code, error_message: message, details: { fix } })
    if (this.rateLimited(socket)) return error('RATE_LIMIT_EXCEEDED', 'Too many messages', 'Send at most 10 messages per second per connection')
    if (!frame) return error('INVALID_MESSAGE', 'Message is not valid JSON', 'Send a JSON object: {"content": "..."}')
    if (frame.type === 'ping') return socket.send({ event_type: 'pong', timestamp: stamp() })
    if (typeof frame.content !== 'string' || !frame.content.trim()) return error('INVALID_MESSAGE', 'Missing content', 'Send a JSON object: {"content": "..."}')
    const chat = this.chats.get(socket.chatId)
    if (!chat) return error('CHAT_NOT_FOUND', `Chat with chat_id '${socket.chatId}' not found or does not belong to your tenant`, 'Create the chat first using POST /api/v1/chats/ endpoint')
    const messageId = randomUUID()
    const history = chat.messages.map(({ role, content }) => ({ role, content }))
    chat.messages.push({ id: messageId, role: 'user', content: frame.content, metadata: isObject(frame.metadata) ? frame.metadata : undefined })
    const base = { chat_id: chat.id }
    socket.send({ event_type: 'message_received', timestamp: stamp(), message_id: messageId, ...base, user_id: socket.userId, content: frame.content })
    if (this.dropMessages) return
    this.respond(socket, chat, frame, history)
  }

  private respond(socket: LexiconSocket, chat: LexiconChat, frame: Json, history: ChatIn['history']): void {
    const message: ChatIn = { text: String(frame.content), frame, conversation: chat.id, history, connection: socket.index }
    const base = { chat_id: chat.id }
    const writer: TurnWriter = {
      protocol: 'Lexicon',
      begin: () => socket.send({ event_type: 'message_stream_started', timestamp: stamp(), ...base, user_id: socket.userId }),
      token: (token) => socket.send({ event_type: 'message_stream_token', timestamp: stamp(), ...base, token }),
      fail: (code, text) => socket.send({ event_type: 'error', timestamp: stamp(), error_code: code, error_message: text, details: { fix: 'Try again later' } }),
      end: (content) => {
        const id = randomUUID()
        chat.messages.push({ id, role: 'assistant', content })
        socket.send({ event_type: 'message_stream_ended', timestamp: stamp(), message_id: id, ...base, user_id: socket.userId, content })
      },
    }
    void runTurn(this.answer, message, socket, writer)
  }

  private touch(socket: LexiconSocket): void {
    if (this.options.idleTimeoutMs === undefined) return
    socket.clear(socket.idleTimer)
    socket.idleTimer = socket.after(this.options.idleTimeoutMs, () => socket.ws.close(1000, 'Idle timeout'))
  }

  private rateLimited(socket: LexiconSocket): boolean {
    const limit = this.options.rateLimit ?? { max: 10, windowMs: 1000 }
    const now = (this.options.now ?? Date.now)()
    socket.frameTimes = socket.frameTimes.filter((t) => now - t < limit.windowMs)
    if (socket.frameTimes.length >= limit.max) return true
    socket.frameTimes.push(now)
    return false
  }
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name]
  return typeof value === 'string' ? value : null
}

/**
 * A fake SYMindX runtime, from its WebSocket guide alone (shared/protocol/symindx-websocket.md).
 *
 *   const server = await FakeSymindxServer.start({ agents, answer, token, pingIntervalMs, pongTimeoutMs })
 *   server.url                                  ws://127.0.0.1:P/ws
 *   server.answer = () => [{ emotion: 'happy' }, { say: 'Hi!' }]     (see ../shared/script.ts)
 *
 * - `chat` {data.message, data.conversationId?, targetAgent, id?} → one whole `chat_response`
 *   {id (the client's), data: {response, agentId, processingTime, emotion}}: the guide has no streaming.
 * - `{ emotion }` steps send `event` / `emotion_change` to connections that subscribed to it, and set
 *   the `emotion` of the `chat_response` (default `neutral`).
 * - `status` {targetAgent} → its `status_update`; without targetAgent, one `status_update` per agent.
 * - Heartbeat: the server sends `{type: 'ping'}` every `pingIntervalMs`; a client that has not sent
 *   `pong` within `pongTimeoutMs` is terminated (the guide: "detect disconnected clients").
 * - `error` {data: {code, message, details}}: INVALID_MESSAGE (bad JSON, missing targetAgent or
 *   message, unknown type), AGENT_NOT_FOUND, UNAUTHORIZED, or a scripted `{ fail: code }`.
 * - Auth (the guide names UNAUTHORIZED but not how to authenticate; assumed): with `token` set, the
 *   upgrade must carry `?token=T` or `Authorization: Bearer T`, else the socket gets `error`
 *   UNAUTHORIZED and close 1008.
 * - `rateLimit` {max, windowMs}: more chats than `max` in a window get RATE_LIMIT_EXCEEDED (`now` for a test clock).
 */
import type { IncomingMessage } from 'node:http'
import type { WebSocket } from 'ws'
import { FakeHub, FakeSocket, nonBlank, type Json, type ReceivedFrame } from '../shared/fake-hub'
import { echoAnswer, runTurn, type AnswerScript, type ChatIn, type TurnWriter } from '../shared/script'

export interface SymindxAgent {
  id: string
  status?: string
}

export interface FakeSymindxOptions {
  port?: number
  /** Default: one agent, `nyx`. */
  agents?: SymindxAgent[]
  answer?: AnswerScript
  /** When set, connections must present it (see above). */
  token?: string
  /** Default 30 000. */
  pingIntervalMs?: number
  /** Default 10 000. */
  pongTimeoutMs?: number
  rateLimit?: { max: number; windowMs: number }
  now?: () => number
}

class SymindxSocket extends FakeSocket {
  readonly subscriptions = new Set<string>()
  pongTimer: NodeJS.Timeout | undefined
  chatTimes: number[] = []
}

const stamp = () => new Date().toISOString()

export class FakeSymindxServer extends FakeHub<SymindxSocket> {
  answer: AnswerScript
  token: string | undefined
  /** When true, a valid `chat` is read and never answered. */
  dropMessages = false
  readonly agents: SymindxAgent[]
  /** Each agent's current emotion (what `emotion_change.previousEmotion` reports). */
  readonly emotions = new Map<string, string>()
  /** Turns per `agentId:conversationId`. */
  readonly history = new Map<string, ChatIn['history'][number][]>()
  private readonly options: FakeSymindxOptions

  private constructor(options: FakeSymindxOptions) {
    super('/ws', options.port)
    this.options = options
    this.answer = options.answer ?? echoAnswer
    this.token = options.token
    this.agents = options.agents ?? [{ id: 'nyx', status: 'active' }]
  }

  static async start(options: FakeSymindxOptions = {}): Promise<FakeSymindxServer> {
    const server = new FakeSymindxServer(options)
    await server.listen()
    return server
  }

  protected createSocket(ws: WebSocket, index: number, req: IncomingMessage): SymindxSocket {
    return new SymindxSocket(ws, index, req)
  }

  protected chatText(frame: Json): string | undefined {
    const message = (frame.data as Json | undefined)?.message
    return frame.type === 'chat' && typeof message === 'string' ? message : undefined
  }

  protected onOpen(socket: SymindxSocket): void {
    if (this.token !== undefined && presentedToken(socket.request) !== this.token) {
      socket.send(error('UNAUTHORIZED', 'Authentication required', 'Missing or invalid token'))
      socket.ws.close(1008, 'Unauthorized')
      return
    }
    socket.ready = true
    socket.every(this.options.pingIntervalMs ?? 30_000, () => {
      socket.send({ type: 'ping', timestamp: stamp() })
      socket.pongTimer ??= socket.after(this.options.pongTimeoutMs ?? 10_000, () => socket.ws.terminate())
    })
  }

  protected onFrame(socket: SymindxSocket, { frame }: ReceivedFrame): void {
    if (!socket.ready) return
    if (!frame) return socket.send(error('INVALID_MESSAGE', 'Message format is invalid', 'Invalid JSON'))
    switch (frame.type) {
      case 'pong':
        socket.clear(socket.pongTimer)
        socket.pongTimer = undefined
        return
      case 'ping':
        return socket.send({ type: 'pong', timestamp: stamp() })
      case 'chat':
        return this.chat(socket, frame)
      case 'status':
        return this.status(socket, frame.targetAgent)
      case 'subscribe': {
        const events = (frame.data as Json | undefined)?.events
        if (Array.isArray(events)) for (const e of events) if (typeof e === 'string') socket.subscriptions.add(e)
        return
      }
      case 'typing_start':
      case 'typing_stop':
        return
      case 'command':
      case 'join_conversation':
      case 'agent_handoff':
      case 'batch':
        return socket.send(error('INVALID_MESSAGE', `Not in this fake: ${frame.type}`, 'See test/fake-servers/README.md'))
      default:
        return socket.send(error('INVALID_MESSAGE', 'Unknown message type', `Unknown type: ${String(frame.type)}`))
    }
  }

  private chat(socket: SymindxSocket, frame: Json): void {
    const data = (frame.data ?? {}) as Json
    if (!nonBlank(frame.targetAgent)) return socket.send(error('INVALID_MESSAGE', 'Message format is invalid', 'Missing required field: targetAgent'))
    if (typeof data.message !== 'string' || !data.message.trim()) {
      return socket.send(error('INVALID_MESSAGE', 'Message format is invalid', 'Missing required field: data.message'))
    }
    const agentId = frame.targetAgent
    if (!this.agents.some((a) => a.id === agentId)) return socket.send(error('AGENT_NOT_FOUND', `Agent ${agentId} not found`, agentId))
    if (this.rateLimited(socket)) return socket.send(error('RATE_LIMIT_EXCEEDED', 'Too many messages', 'Slow down'))
    if (this.dropMessages) return
    const conversation = `${agentId}:${nonBlank(data.conversationId) ? data.conversationId : 'default'}`
    const history = this.history.get(conversation) ?? []
    this.history.set(conversation, history)
    const message: ChatIn = { text: data.message, frame, conversation, history: [...history], connection: socket.index }
    const started = Date.now()
    let emotion = 'neutral'
    const writer: TurnWriter = {
      protocol: 'SYMindX',
      begin: () => {},
      token: () => {},
      emotion: (name, intensity) => {
        emotion = name
        this.emotionChange(agentId, name, intensity)
      },
      fail: (code, text) => socket.send(error(code, text, `agent ${agentId}`)),
      end: (response) => {
        history.push({ role: 'user', content: message.text }, { role: 'assistant', content: response })
        socket.send({
          ...(frame.id === undefined ? {} : { id: frame.id }),
          type: 'chat_response',
          data: { response, agentId, processingTime: Date.now() - started, emotion },
          timestamp: stamp(),
        })
      },
    }
    void runTurn(this.answer, message, socket, writer)
  }

  private status(socket: SymindxSocket, target: unknown): void {
    const agents = nonBlank(target) ? this.agents.filter((a) => a.id === target) : this.agents
    if (nonBlank(target) && agents.length === 0) return socket.send(error('AGENT_NOT_FOUND', `Agent ${target} not found`, target))
    for (const agent of agents) {
      socket.send({
        type: 'status_update',
        data: { agentId: agent.id, status: agent.status ?? 'active', currentTask: null, queueLength: 0, uptime: 3_600_000 },
        timestamp: stamp(),
      })
    }
  }

  /** Sends `emotion_change` to every connection subscribed to it. */
  emotionChange(agentId: string, currentEmotion: string, intensity = 0.8): void {
    const previousEmotion = this.emotions.get(agentId) ?? 'neutral'
    this.emotions.set(agentId, currentEmotion)
    for (const socket of this.sockets) {
      if (!socket.ready || !socket.subscriptions.has('emotion_change')) continue
      socket.send({ type: 'event', data: { eventType: 'emotion_change', agentId, previousEmotion, currentEmotion, intensity }, timestamp: stamp() })
    }
  }

  private rateLimited(socket: SymindxSocket): boolean {
    const limit = this.options.rateLimit
    if (!limit) return false
    const now = (this.options.now ?? Date.now)()
    socket.chatTimes = socket.chatTimes.filter((t) => now - t < limit.windowMs)
    if (socket.chatTimes.length >= limit.max) return true
    socket.chatTimes.push(now)
    return false
  }
}

function error(code: string, message: string, details: string): Json {
  return { type: 'error', data: { code, message, details }, timestamp: stamp() }
}

function presentedToken(req: IncomingMessage): string | undefined {
  const query = new URL(req.url ?? '/', 'http://fake').searchParams.get('token')
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
  return query ?? bearer
}

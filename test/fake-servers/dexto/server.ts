/**
 * A fake Dexto (formerly Saiki) agent, from its WebSocket guide alone (shared/protocol/dexto-saiki-websocket.md).
 *
 *   const server = await FakeDextoServer.start({ answer, token })
 *   server.url                                  ws://127.0.0.1:P/
 *   server.answer = () => [{ say: 'Let me look. ' }, { tool: 'list_files', args: { path: '.' }, result: ['a'] }]
 *
 * - `message` {content, sessionId?, stream?, imageData?} → events `{event, data}`: `thinking`,
 *   `chunk` {content} (only when `stream: true`), `toolCall` {toolName, serverId, arguments},
 *   `toolResult` {toolName, serverId, result}, `response` {content} (the whole answer), or an agent
 *   `error` {message, code} (scripted `{ fail: 'AGENT_ERROR' }`).
 * - The guide says agent events are *broadcast* from the agent's core: every connected client gets
 *   them, whoever asked, and an answer goes on when its asker disconnects (until `stop()`), so a
 *   client that reconnects gets the rest of it. Connection errors go only to the sender: `{message: 'Failed to process
 *   message'}` (bad JSON, no content) and `{message: 'Unknown message type'}`.
 * - `reset` {sessionId?} clears that session's history (`history`); no reply (the guide names none).
 *   No `sessionId` means the session `default`.
 * - No heartbeat and no interrupt in the guide: there are none here.
 * - Auth is not in the guide (assumed, as a proxy in front would do it): with `token` set, an upgrade
 *   without `Authorization: Bearer T` or `?token=T` is refused with HTTP 401.
 */
import type { IncomingMessage } from 'node:http'
import type { WebSocket } from 'ws'
import { FakeHub, FakeSocket, nonBlank, type Json, type ReceivedFrame, type UpgradeVerdict } from '../shared/fake-hub'
import { echoAnswer, runTurn, type AnswerScript, type ChatIn, type TurnWriter } from '../shared/script'

export interface FakeDextoOptions {
  port?: number
  answer?: AnswerScript
  /** When set, the upgrade must present it (see above). */
  token?: string
  /** The `serverId` of tool events. Default `fake-mcp`. */
  toolServerId?: string
  /** Where it listens: `/` (the guide's), or another path as behind a proxy. */
  path?: string
}

export class FakeDextoServer extends FakeHub {
  answer: AnswerScript
  token: string | undefined
  /** When true, a valid `message` is read and never answered (not even `thinking`). */
  dropMessages = false
  /** Turns per session id. `reset` empties one. */
  readonly history = new Map<string, ChatIn['history'][number][]>()
  private readonly toolServerId: string
  /** The agent's life: answers outlive their asker's socket, not the server. */
  private agent = new AbortController()

  private constructor(options: FakeDextoOptions) {
    super(options.path ?? '/', options.port)
    this.answer = options.answer ?? echoAnswer
    this.token = options.token
    this.toolServerId = options.toolServerId ?? 'fake-mcp'
  }

  static async start(options: FakeDextoOptions = {}): Promise<FakeDextoServer> {
    const server = new FakeDextoServer(options)
    await server.listen()
    return server
  }

  override async stop(): Promise<void> {
    this.agent.abort()
    this.agent = new AbortController()
    await super.stop()
  }

  /** Sends an agent event to every connected client, as the guide's agent events are. */
  broadcast(event: string, data: Json): void {
    for (const socket of this.sockets) if (socket.ready) socket.send({ event, data })
  }

  protected override checkUpgrade(req: IncomingMessage): UpgradeVerdict {
    if (this.token === undefined) return undefined
    const query = new URL(req.url ?? '/', 'http://fake').searchParams.get('token')
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    return (query ?? bearer) === this.token ? undefined : { status: 401, body: 'Unauthorized' }
  }

  protected createSocket(ws: WebSocket, index: number, req: IncomingMessage): FakeSocket {
    return new FakeSocket(ws, index, req)
  }

  protected chatText(frame: Json): string | undefined {
    return frame.type === 'message' && typeof frame.content === 'string' ? frame.content : undefined
  }

  protected onOpen(socket: FakeSocket): void {
    socket.ready = true
  }

  protected onFrame(socket: FakeSocket, { frame }: ReceivedFrame): void {
    const connectionError = (message: string) => socket.send({ event: 'error', data: { message } })
    if (!frame) return connectionError('Failed to process message')
    const session = nonBlank(frame.sessionId) ? frame.sessionId : 'default'
    switch (frame.type) {
      case 'message':
        if (typeof frame.content !== 'string' || (!frame.content.trim() && !frame.imageData)) return connectionError('Failed to process message')
        if (this.dropMessages) return
        return this.respond(socket, frame, session, frame.content)
      case 'reset':
        this.history.delete(session)
        return
      default:
        return connectionError('Unknown message type')
    }
  }

  private respond(socket: FakeSocket, frame: Json, session: string, text: string): void {
    const history = this.history.get(session) ?? []
    this.history.set(session, history)
    const message: ChatIn = { text, frame, conversation: session, history: [...history], connection: socket.index }
    const serverId = this.toolServerId
    const writer: TurnWriter = {
      protocol: 'Dexto',
      begin: () => this.broadcast('thinking', {}),
      token: (content) => {
        if (frame.stream === true) this.broadcast('chunk', { content })
      },
      toolCall: (toolName, args) => this.broadcast('toolCall', { toolName, serverId, arguments: args }),
      toolResult: (toolName, result) => this.broadcast('toolResult', { toolName, serverId, result }),
      fail: (code, text) => this.broadcast('error', { message: text, code }),
      end: (content) => {
        // A reset during the answer starts the session afresh: the answer belongs to the old one.
        if (this.history.get(session) === history) history.push({ role: 'user', content: text }, { role: 'assistant', content })
        this.broadcast('response', { content })
      },
    }
    void runTurn(this.answer, message, socket, writer, this.agent.signal)
  }
}

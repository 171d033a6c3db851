/**
 * The web bridge: browser tabs talk to the core over loopback WebSockets. Each request is
 * validated, run through `dispatchCommand` (the same path as Electron IPC) and answered by id;
 * event batches from the core go to every tab.
 */
import { WebSocket, WebSocketServer, type RawData } from 'ws'
import { encodeResult, webRequestSchema, type WebHostMessage } from '../../../shared/host/web-bridge'
import type { HostEvent } from '../../../shared/host'
import { dispatchCommand, type HostCore } from '../host/dispatch'

export interface BridgeOptions {
  core: HostCore
  log: (line: string) => void
  /** A tab that stops reading is dropped once this much is waiting for it; it reconnects and resyncs. */
  maxBufferedBytes?: number
}

export class Bridge {
  readonly wss = new WebSocketServer({ noServer: true, clientTracking: true })
  private readonly unsubscribe: () => void
  private readonly maxBufferedBytes: number

  constructor(private readonly options: BridgeOptions) {
    this.maxBufferedBytes = options.maxBufferedBytes ?? 32 * 1024 * 1024
    this.unsubscribe = options.core.onEvents((events) => this.broadcast(events))
    this.wss.on('connection', (ws) => this.accept(ws))
  }

  get clientCount(): number {
    return this.wss.clients.size
  }

  private accept(ws: WebSocket): void {
    ws.on('message', (data, isBinary) => void this.onMessage(ws, data, isBinary))
    ws.on('error', (error) => {
      this.options.log(`bridge client error: ${error.message}`)
      ws.terminate()
    })
  }

  private async onMessage(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    let raw: unknown
    try {
      raw = isBinary ? undefined : JSON.parse(rawText(data))
    } catch {
      raw = undefined
    }
    const parsed = webRequestSchema.safeParse(raw)
    if (!parsed.success) {
      const id = idOf(raw)
      const message = `Malformed bridge request: ${parsed.error.issues[0]?.message ?? 'not JSON'}`
      if (id === undefined) return this.options.log(`${message} (dropped)`)
      return this.send(ws, { kind: 'error', id, error: { code: 'invalid-request', message } })
    }
    const { id, command, request } = parsed.data
    const result = await dispatchCommand(this.options.core.handlers, command, request)
    if (result.ok) this.sendText(ws, encodeResult(id, result.response))
    else this.send(ws, { kind: 'error', id, error: result.error })
  }

  private broadcast(events: HostEvent[]): void {
    if (events.length === 0) return
    const text = JSON.stringify({ kind: 'events', events } satisfies WebHostMessage)
    for (const ws of this.wss.clients) this.sendText(ws, text)
  }

  private send(ws: WebSocket, message: WebHostMessage): void {
    this.sendText(ws, JSON.stringify(message))
  }

  /** Text, or a binary result (see `encodeResult`). */
  private sendText(ws: WebSocket, text: string | Uint8Array): void {
    if (ws.readyState !== WebSocket.OPEN) return
    if (ws.bufferedAmount > this.maxBufferedBytes) {
      this.options.log('bridge client is not reading; dropping it')
      ws.terminate()
      return
    }
    ws.send(text)
  }

  /** Says goodbye to every tab (1001), and cuts off those that do not answer within `graceMs`. */
  async close(graceMs = 1_000): Promise<void> {
    this.unsubscribe()
    const closed = new Promise<void>((resolve) => this.wss.close(() => resolve()))
    for (const ws of this.wss.clients) ws.close(1001, 'Host shutting down')
    const timer = setTimeout(() => {
      for (const ws of this.wss.clients) ws.terminate()
    }, graceMs)
    await closed
    clearTimeout(timer)
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  return Buffer.from(data).toString('utf8')
}

/** The request id of a message that failed validation, when it has a usable one. */
function idOf(raw: unknown): number | undefined {
  if (typeof raw !== 'object' || raw === null || !('id' in raw)) return undefined
  const id = raw.id
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : undefined
}

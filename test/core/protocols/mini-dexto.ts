/**
 * A minimal Dexto server for the adapter's unit tests: it records what clients send and sends what
 * the test scripts. (Full fake servers with faults live in test/fake-servers/.)
 */
import { WebSocketServer, type WebSocket } from 'ws'
import type { AddressInfo } from 'node:net'

export class MiniDexto {
  readonly received: Record<string, unknown>[] = []
  /** Answers each frame a client sends, when set. */
  onFrame: ((frame: Record<string, unknown>) => void) | undefined
  private socket: WebSocket | undefined
  private constructor(private readonly wss: WebSocketServer) {
    wss.on('connection', (ws) => {
      this.socket = ws
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as Record<string, unknown>
        this.received.push(frame)
        this.onFrame?.(frame)
      })
    })
  }

  static async start(port = 0): Promise<MiniDexto> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port })
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
    return new MiniDexto(wss)
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}/`
  }

  get connected(): boolean {
    return this.socket?.readyState === 1
  }

  messages(): Record<string, unknown>[] {
    return this.received.filter((f) => f.type === 'message')
  }

  send(event: string, data: Record<string, unknown> = {}): void {
    this.socket?.send(JSON.stringify({ event, data }))
  }

  /** Drops the client without a close frame, as a lost network would. */
  drop(): void {
    this.socket?.terminate()
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate()
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
  }
}

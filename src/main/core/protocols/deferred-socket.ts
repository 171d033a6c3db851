/**
 * A `LinkSocket` whose real socket opens only once something asynchronous is done (Lexicon: the
 * chat must exist, created over REST, before its id can go in the upgrade request). Until then it
 * is `CONNECTING`; if the preparation fails it reports the error and closes (1006), so the link
 * retries with its backoff exactly as for a server that is not there.
 */
import { EventEmitter } from 'node:events'
import { WebSocket } from 'ws'
import type { LinkSocket } from '../link/types'

export interface SocketTarget {
  url: string
  headers?: Record<string, string>
}

export class DeferredSocket extends EventEmitter implements LinkSocket {
  private real: LinkSocket | undefined
  private ended = false

  constructor(prepare: Promise<SocketTarget>, open: (url: string, headers?: Record<string, string>) => LinkSocket) {
    super()
    prepare.then(
      (target) => {
        if (this.ended) return
        const real = open(target.url, target.headers)
        this.real = real
        real.on('open', () => this.emit('open'))
        real.on('message', (data, isBinary) => this.emit('message', data, isBinary))
        real.on('error', (error) => this.emit('error', error))
        real.on('close', (code, reason) => this.emit('close', code, reason))
      },
      (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
    )
  }

  get readyState(): number {
    if (this.real) return this.real.readyState
    return this.ended ? WebSocket.CLOSED : WebSocket.CONNECTING
  }

  send(data: string): void {
    this.real?.send(data)
  }

  close(code?: number): void {
    if (this.real) this.real.close(code)
    else this.end()
  }

  terminate(): void {
    if (this.real) this.real.terminate()
    else this.end()
  }

  private fail(error: Error): void {
    if (this.ended) return
    this.emit('error', error)
    this.end()
  }

  private end(): void {
    if (this.ended) return
    this.ended = true
    this.emit('close', 1006, Buffer.alloc(0))
  }
}

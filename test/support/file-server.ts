/**
 * A loopback HTTP server for download tests: serves generated files, honours `Range` (206 with
 * `Content-Range`), and can cut the connection after some bytes, stall, or ignore ranges.
 * Every request's `Range` header is recorded.
 */
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FileServerBehaviour {
  /** Destroy the connection once this many bytes of the body went out (for the next request only). */
  cutAfter?: number
  /** Send this many bytes, then nothing until the client goes away (next request only). */
  stallAfter?: number
  /** Answer 200 with the whole file even when asked for a range. */
  ignoreRange?: boolean
}

export class FileServer {
  readonly ranges: Array<string | undefined> = []
  next: FileServerBehaviour = {}
  private constructor(
    private readonly server: Server,
    readonly files: Map<string, Buffer>,
  ) {}

  static async start(files: Record<string, Buffer>): Promise<FileServer> {
    const map = new Map(Object.entries(files))
    const server = createServer((req, res) => self.handle(req.url ?? '/', req.headers.range, res))
    const self = new FileServer(server, map)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
    return self
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/models`
  }

  private handle(url: string, range: string | undefined, res: ServerResponse): void {
    this.ranges.push(range)
    const behaviour = this.next
    this.next = {}
    const file = this.files.get(url.replace(/^\/models\//, ''))
    if (!file) return void res.writeHead(404).end('not found')
    const match = /^bytes=(\d+)-$/.exec(range ?? '')
    const from = match && !behaviour.ignoreRange ? Number(match[1]) : 0
    if (from >= file.length && match) return void res.writeHead(416, { 'Content-Range': `bytes */${file.length}` }).end()
    const body = file.subarray(from)
    const headers = { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.length) }
    if (from > 0) res.writeHead(206, { ...headers, 'Content-Range': `bytes ${from}-${file.length - 1}/${file.length}` })
    else res.writeHead(200, headers)
    const limit = behaviour.cutAfter ?? behaviour.stallAfter
    if (limit === undefined) return void res.end(body)
    res.write(body.subarray(0, limit), () => {
      // The bytes are out: now the connection ends short of its length (or just goes quiet). A FIN, not a
      // reset: a reset would let the client's system drop what it had not read yet.
      if (behaviour.cutAfter !== undefined) res.socket?.end()
    })
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

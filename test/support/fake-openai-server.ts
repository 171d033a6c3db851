/**
 * A scriptable OpenAI-compatible server on 127.0.0.1 for tests: `/v1/chat/completions` streams
 * what the test queued, `/v1/models` and (optionally) Ollama's `/api/tags` list models,
 * `/v1/audio/transcriptions` reads the multipart upload and answers with what `transcriber` makes of
 * it. Every request is recorded, including whether its connection closed before the answer was finished.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type FakeReply =
  /** Streams the text pieces as deltas, then `finish_reason: stop` and `[DONE]` (unless `end: 'cut'`). */
  | { kind: 'text'; deltas: string[]; end?: 'done' | 'cut'; delayMs?: number }
  /** Streams one tool call per entry, each call's JSON arguments split into the given pieces. */
  | { kind: 'tools'; calls: Array<{ name: string; args: string[]; id?: string }>; text?: string }
  | { kind: 'status'; status: number; body: unknown }
  /** Sends the headers and these deltas, then nothing, until the client goes away. */
  | { kind: 'stall'; deltas?: string[] }
  /** Sends nothing at all, not even headers. */
  | { kind: 'hang' }
  /** Writes this exact body as an SSE stream. */
  | { kind: 'raw'; body: string }
  /** Answers with a plain JSON body (a server ignoring `stream: true`). */
  | { kind: 'json'; body: unknown }

export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: unknown
  /** True once the connection closed before the reply was complete. */
  abortedByClient: boolean
  /** Resolves when the reply ends, either way. */
  closed: Promise<void>
}

export interface FakeOpenAiOptions {
  models?: string[]
  /** Serve Ollama's `GET /api/tags` as well. */
  ollama?: boolean
  /** Written in pieces of this many bytes, to exercise split lines and split UTF-8. */
  pieceBytes?: number
  lineEnding?: '\n' | '\r\n'
  /** `/v1/audio/transcriptions`: the text for an upload (default: an error, 404). */
  transcriber?: (upload: TranscriptionUpload) => Promise<string> | string
}

/** A transcription request as the server parsed it from the multipart body. */
export interface TranscriptionUpload {
  contentType: string
  fields: Record<string, string>
  file: { name: string; type: string; bytes: Buffer } | undefined
}

const chunk = (delta: Record<string, unknown>, finish: string | null = null): string =>
  JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'fake',
    system_fingerprint: null,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  })

export class FakeOpenAiServer {
  readonly requests: RecordedRequest[] = []
  readonly uploads: TranscriptionUpload[] = []
  private readonly replies: FakeReply[] = []

  private constructor(
    private readonly server: Server,
    private readonly options: FakeOpenAiOptions,
  ) {}

  static async start(options: FakeOpenAiOptions = {}): Promise<FakeOpenAiServer> {
    const server = createServer()
    const fake = new FakeOpenAiServer(server, options)
    server.on('request', (req, res) => void fake.handle(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return fake
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  get baseUrl(): string {
    return `${this.origin}/v1`
  }

  /** Replies for the next chat requests, in order; with none queued, a short text answer. */
  enqueue(...replies: FakeReply[]): void {
    this.replies.push(...replies)
  }

  chatRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path === '/v1/chat/completions')
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pieces: Buffer[] = []
    for await (const piece of req) pieces.push(piece as Buffer)
    const bytes = Buffer.concat(pieces)
    const raw = bytes.toString('utf8')
    let body: unknown = raw
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      // Recorded as text.
    }
    let markClosed = (): void => undefined
    const request: RecordedRequest = {
      method: req.method ?? '',
      path: new URL(req.url ?? '/', this.origin).pathname,
      headers: req.headers,
      body,
      abortedByClient: false,
      closed: new Promise((resolve) => (markClosed = resolve)),
    }
    this.requests.push(request)
    res.on('close', () => {
      request.abortedByClient = !res.writableFinished
      markClosed()
    })

    if (request.method === 'GET' && request.path === '/v1/models') {
      return this.json(res, 200, { object: 'list', data: (this.options.models ?? []).map((id) => ({ id, object: 'model' })) })
    }
    if (request.method === 'GET' && request.path === '/api/tags' && this.options.ollama) {
      return this.json(res, 200, { models: (this.options.models ?? []).map((name) => ({ name, model: name, details: { family: 'llama' } })) })
    }
    if (request.method === 'POST' && request.path === '/v1/chat/completions') {
      return this.reply(res, this.replies.shift() ?? { kind: 'text', deltas: ['Hello', ' there.'] })
    }
    if (request.method === 'POST' && request.path === '/v1/audio/transcriptions' && this.options.transcriber) {
      return this.transcribe(req, res, bytes, this.options.transcriber)
    }
    return this.json(res, 404, { error: { message: `no route ${request.path}` } })
  }

  private async transcribe(req: IncomingMessage, res: ServerResponse, body: Buffer, transcriber: NonNullable<FakeOpenAiOptions['transcriber']>): Promise<void> {
    const contentType = req.headers['content-type'] ?? ''
    let form: FormData
    try {
      form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData()
    } catch (error) {
      return this.json(res, 400, { error: { message: `not multipart: ${String(error)}` } })
    }
    const fields: Record<string, string> = {}
    let file: TranscriptionUpload['file']
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value
      else if (name === 'file') file = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) }
    }
    const upload = { contentType, fields, file }
    this.uploads.push(upload)
    if (!file || !fields.model) return this.json(res, 400, { error: { message: 'file and model are required' } })
    try {
      return this.json(res, 200, { text: await transcriber(upload) })
    } catch (error) {
      return this.json(res, 500, { error: { message: String(error) } })
    }
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }

  private async reply(res: ServerResponse, reply: FakeReply): Promise<void> {
    if (reply.kind === 'hang') return
    if (reply.kind === 'status') return this.json(res, reply.status, reply.body)
    if (reply.kind === 'json') return this.json(res, 200, reply.body)
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    res.flushHeaders()
    if (reply.kind === 'raw') return this.finish(res, reply.body)
    if (reply.kind === 'stall') {
      if (reply.deltas?.length) await this.write(res, this.events(reply.deltas.map((content) => chunk({ content }))))
      return // Never ends: the client must give up.
    }
    if (reply.kind === 'text') {
      const events = [chunk({ role: 'assistant', content: '' }), ...reply.deltas.map((content) => chunk({ content }))]
      if (reply.delayMs !== undefined) {
        for (const event of events) {
          await this.write(res, this.events([event]))
          await new Promise((resolve) => setTimeout(resolve, reply.delayMs))
        }
        events.length = 0
      }
      if (reply.end === 'cut') return this.finish(res, this.events(events))
      return this.finish(res, this.events([...events, chunk({}, 'stop'), '[DONE]']))
    }
    const events: string[] = [chunk({ role: 'assistant', content: reply.text ?? null })]
    reply.calls.forEach((call, index) => {
      const id = call.id ?? `call_${index}`
      events.push(chunk({ content: null, tool_calls: [{ index, id, type: 'function', function: { name: call.name, arguments: '' } }] }))
      for (const piece of call.args) events.push(chunk({ content: null, tool_calls: [{ index, function: { arguments: piece } }] }))
    })
    return this.finish(res, this.events([...events, chunk({}, 'tool_calls'), '[DONE]']))
  }

  private events(data: string[]): string {
    const eol = this.options.lineEnding ?? '\n'
    return data.map((item) => `data: ${item}${eol}${eol}`).join('')
  }

  private async write(res: ServerResponse, text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8')
    const size = this.options.pieceBytes ?? bytes.length
    for (let at = 0; at < bytes.length; at += size) {
      if (res.destroyed) return
      res.write(bytes.subarray(at, at + size))
      // Let each piece leave as its own TCP write.
      if (size < bytes.length) await new Promise((resolve) => setImmediate(resolve))
    }
  }

  private async finish(res: ServerResponse, text: string): Promise<void> {
    await this.write(res, text)
    if (!res.destroyed) res.end()
  }
}

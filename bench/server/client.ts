/**
 * A bench client: one raw `ws` socket on 127.0.0.1, authorized, that does one thing at a time
 * (a round trip or a whole turn) and times it. Frames are validated with the app's own parser;
 * anything unexpected fails the bench instead of skewing it, and every wait is bounded.
 */
import { performance } from 'node:perf_hooks'
import { WebSocket, type RawData } from 'ws'
import { ErrorCode, parseServerFrame, type ClientFrameInput, type ServerFrame } from '../../src/shared/protocol'

const WAIT_MS = 15_000

export interface TurnTiming {
  /** `chat_message` sent → first `stream_token`. */
  firstTokenMs: number
  /** `chat_message` sent → `stream_end`. */
  turnMs: number
  /** Frames from `stream_start` to `stream_end`, both included. */
  frames: number
}

function toText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8')
}

interface Task {
  /** Returns true when the task is done with this frame. */
  onFrame(frame: ServerFrame, at: number): boolean
  fail(error: Error): void
}

export class BenchClient {
  private task: Task | undefined
  private conversationId: string | undefined

  private constructor(
    private readonly ws: WebSocket,
    private readonly userId: string,
  ) {
    ws.on('message', (data, isBinary) => {
      const at = performance.now()
      const parsed = parseServerFrame(isBinary ? '' : toText(data), isBinary)
      if (!parsed.ok) return this.task?.fail(new Error(`bad frame from the server: ${parsed.bad.message}`))
      if (parsed.frame.type === 'ping') return this.send({ type: 'pong' })
      if (this.task?.onFrame(parsed.frame, at)) this.task = undefined
    })
    ws.on('close', (code) => this.task?.fail(new Error(`the server closed the socket (${code})`)))
  }

  static async open(url: string, userId: string): Promise<BenchClient> {
    const ws = new WebSocket(url)
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    const client = new BenchClient(ws, userId)
    await client.run(
      () => client.send({ type: 'authorize', token: 'bench' }),
      (frame) => (frame.type === 'authorize_success' ? true : undefined),
    )
    return client
  }

  /** `interrupt_stream` with nothing active → the 4004 `error` frame: pure protocol overhead. */
  roundTrip(): Promise<number> {
    const start = performance.now()
    return this.run(
      () => this.send({ type: 'interrupt_stream' }),
      (frame, at) => (frame.type === 'error' && frame.code === ErrorCode.nothingToInterrupt ? at - start : undefined),
    )
  }

  /** `fetch_backgrounds`: answered once a fresh data folder's default backgrounds are painted. */
  async backgrounds(): Promise<void> {
    await this.run(
      () => this.send({ type: 'fetch_backgrounds' }),
      (frame) => (frame.type === 'background_files' ? true : undefined),
      120_000,
    )
  }

  /** One whole answer, in the client's own conversation (started by its first turn). */
  turn(content: string): Promise<TurnTiming> {
    const start = performance.now()
    let firstToken: number | undefined
    let frames = 0
    return this.run(
      () =>
        this.send({
          type: 'chat_message',
          content,
          agent_id: 'bench',
          user_id: this.userId,
          ...(this.conversationId ? { conversation_id: this.conversationId } : {}),
        }),
      (frame, at) => {
        frames++
        if (frame.type === 'stream_start') this.conversationId = frame.conversation_id
        else if (frame.type === 'stream_token') firstToken ??= at
        else if (frame.type === 'error') throw new Error(`the turn failed: ${frame.error} (${frame.code})`)
        else if (frame.type === 'stream_end') {
          if (firstToken === undefined) throw new Error('the turn ended without a stream_token')
          return { firstTokenMs: firstToken - start, turnMs: at - start, frames }
        }
        return undefined
      },
    )
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve())
      this.ws.close(1000)
    })
  }

  private send(frame: ClientFrameInput): void {
    this.ws.send(JSON.stringify(frame))
  }

  /** Starts a task and resolves with `onFrame`'s first defined result; a throw in `onFrame` fails it. */
  private run<T>(start: () => void, onFrame: (frame: ServerFrame, at: number) => T | undefined, waitMs = WAIT_MS): Promise<T> {
    if (this.task) return Promise.reject(new Error('bench client is busy'))
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => task.fail(new Error(`no answer within ${waitMs / 1000} s`)), waitMs)
      const task: Task = {
        onFrame: (frame, at) => {
          let result: T | undefined
          try {
            result = onFrame(frame, at)
          } catch (error) {
            task.fail(error instanceof Error ? error : new Error(String(error)))
            return true
          }
          if (result === undefined) return false
          clearTimeout(timer)
          resolve(result)
          return true
        },
        fail: (error) => {
          clearTimeout(timer)
          if (this.task === task) this.task = undefined
          reject(error)
        },
      }
      this.task = task
      start()
    })
  }
}

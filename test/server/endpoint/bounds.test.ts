/**
 * What one client can make the companion hold: a big frame before authorize is refused with 1009
 * before it is buffered or parsed; frames waiting to be handled are bounded (the socket is not
 * read meanwhile, nothing is lost); a client that does not read its answers is dropped.
 */
import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import type { CompanionContext } from '../../../src/server/context'
import type { Brain } from '../../../src/server/brains/types'
import { ClientSession, MAX_WAITING_FRAMES, PRE_AUTH_FRAME_BYTES } from '../../../src/server/endpoint/session'
import { RawClient } from '../support/raw-client'
import { startTestServer, type TestServer } from '../support/server'

let server: TestServer | undefined
const clients: RawClient[] = []
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()))
  await server?.stop()
  server = undefined
})

/** Just enough of a `ws` socket for one session: frames in, frames out, pause and resume. */
class FakeSocket extends EventEmitter {
  readonly readyState = 1
  readonly bufferedAmount = 0
  isPaused = false
  readonly sent: string[] = []
  send(text: string): void {
    this.sent.push(text)
  }
  receive(frame: unknown): void {
    this.emit('message', Buffer.from(JSON.stringify(frame)), false)
  }
  pause(): void {
    this.isPaused = true
  }
  resume(): void {
    this.isPaused = false
  }
  close(): void {}
  terminate(): void {}
}

async function connect(url: string): Promise<RawClient> {
  const client = await RawClient.connect(url)
  clients.push(client)
  return client
}

describe('before authorize', () => {
  it('closes with 1009 and a reason on a frame over the limit, and never answers it', async () => {
    server = await startTestServer()
    const client = await connect(server.url)
    client.send({ type: 'chat_message', content: 'x'.repeat(PRE_AUTH_FRAME_BYTES + 1), user_id: 'u', agent_id: 'a' })
    const closed = await client.closed
    expect(closed.code).toBe(1009)
    expect(closed.reason).toMatch(/authorize first/i)
    expect(client.frames).toEqual([])
    expect(server.logs.some((line) => /before authorize; closed/.test(line))).toBe(true)
  })

  it('still takes a small frame before authorize as before: "Authentication required"', async () => {
    server = await startTestServer()
    const client = await connect(server.url)
    client.send({ type: 'chat_message', content: 'x'.repeat(1000), user_id: 'u', agent_id: 'a' })
    expect(await client.waitFor((f) => f.type === 'error')).toMatchObject({ error: 'Authentication required' })
  })

  it('after authorize, big frames (images) are fine', async () => {
    server = await startTestServer()
    const client = await RawClient.authorized(server.url)
    clients.push(client)
    const image = `data:image/png;base64,${'A'.repeat(PRE_AUTH_FRAME_BYTES * 2)}`
    client.send({ type: 'chat_message', content: 'hello', images: [image], user_id: 'u', agent_id: 'a' })
    await client.waitFor((f) => f.type === 'stream_end', { timeoutMs: 60_000 })
  }, 90_000)
})

describe('backpressure', () => {
  it('bounds the frames waiting to be handled: the socket is not read meanwhile, and every frame is answered', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const ws = new FakeSocket()
    const ctx = {
      log: () => {},
      token: undefined,
      // The slow part: listing avatar configs waits on the gate.
      avatars: { list: async () => (await gate, []) },
    } as unknown as CompanionContext
    const session = new ClientSession(ws as unknown as WebSocket, ctx, { pingIntervalMs: 60_000, pongTimeoutMs: 60_000 })
    ws.receive({ type: 'authorize', token: 't' })
    await expect.poll(() => ws.sent.length, { timeout: 30_000 }).toBe(1)
    const count = MAX_WAITING_FRAMES * 3
    for (let i = 0; i < count && !ws.isPaused; i++) ws.receive({ type: 'fetch_avatar_configs' })
    expect(ws.isPaused).toBe(true)
    expect(session.waitingFrames).toBe(MAX_WAITING_FRAMES)
    release()
    await expect.poll(() => ws.isPaused, { timeout: 30_000 }).toBe(false)
    for (let i = MAX_WAITING_FRAMES; i < count; i++) ws.receive({ type: 'fetch_avatar_configs' })
    await expect.poll(() => ws.sent.filter((f) => f.includes('avatar_config_files')).length, { timeout: 30_000 }).toBe(count)
    ws.emit('close')
  })

  it('drops a client that does not read its answers', async () => {
    // A long answer sent as fast as it is made.
    const brain: Brain = {
      kind: 'flood',
      describe: () => 'flood',
      async *respond() {
        for (let i = 0; i < 20_000; i++) {
          yield { type: 'token', text: `${'word '.repeat(200)}` }
          await new Promise((resolve) => setImmediate(resolve))
        }
      },
    }
    server = await startTestServer({ brain, maxBufferedBytes: 256 * 1024 })
    const client = await RawClient.authorized(server.url)
    clients.push(client)
    const socket = (client.ws as unknown as { _socket: { pause(): void } })._socket
    client.send({ type: 'chat_message', content: 'go', user_id: 'u', agent_id: 'a' })
    await client.waitFor((f) => f.type === 'stream_token')
    socket.pause()
    await expect.poll(() => server?.logs.some((line) => /does not read its answers; dropped/.test(line)), { timeout: 30_000 }).toBe(true)
    client.ws.terminate()
  }, 90_000)
})

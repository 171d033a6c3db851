/**
 * The web bridge client against a scripted socket: delivery at most once, timeouts, validation,
 * backoff and the stale-key verdict. (The e2e specs run it against the real web host.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HostError } from '../../../shared/host'
import { encodeResult } from '../../../shared/host/web-bridge'
import { WebBridgeClient, type BridgeSocket, type KeyVerdict } from './web-bridge-client'

class FakeSocket implements BridgeSocket {
  readyState = 0
  binaryType = 'blob'
  sent: { id: number; command: string; request?: unknown }[] = []
  onopen: BridgeSocket['onopen'] = null
  onmessage: BridgeSocket['onmessage'] = null
  onclose: BridgeSocket['onclose'] = null

  send(data: string): void {
    this.sent.push(JSON.parse(data))
  }
  close(): void {
    this.drop()
  }
  open(): void {
    this.readyState = 1
    this.onopen?.(new Event('open'))
  }
  receive(message: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }))
  }
  receiveBinary(data: Uint8Array): void {
    this.onmessage?.(new MessageEvent('message', { data: data.slice().buffer }))
  }
  drop(): void {
    this.readyState = 3
    // Node 20 has no CloseEvent class; the client does not read the event.
    this.onclose?.(new Event('close') as CloseEvent)
  }
}

const APP_INFO = { name: 'Mira', version: '1', transport: 'web', platform: 'linux', dataDir: '/d' }

let sockets: FakeSocket[]
let verdict: KeyVerdict
let client: WebBridgeClient
const logged: string[] = []

beforeEach(() => {
  vi.useFakeTimers()
  sockets = []
  verdict = 'unreachable'
  logged.length = 0
  client = new WebBridgeClient({
    url: 'ws://127.0.0.1:1/bridge?key=k',
    checkKey: async () => verdict,
    requestTimeoutMs: 5_000,
    backoff: { initialMs: 100, maxMs: 1_000 },
    random: () => 1,
    createSocket: () => {
      const socket = new FakeSocket()
      sockets.push(socket)
      return socket
    },
    log: (message) => logged.push(message),
  })
  client.start()
})

afterEach(() => {
  client.close()
  vi.useRealTimers()
})

const current = (): FakeSocket => {
  const socket = sockets.at(-1)
  if (!socket) throw new Error('no socket')
  return socket
}

describe('WebBridgeClient', () => {
  it('sends requests made before the socket opened, and resolves validated answers by id', async () => {
    const info = client.api.getAppInfo()
    expect(current().sent).toEqual([])
    current().open()
    expect(current().sent).toEqual([{ id: 1, command: 'getAppInfo' }])
    current().receive({ kind: 'result', id: 1, response: APP_INFO })
    await expect(info).resolves.toEqual(APP_INFO)
  })

  it('takes a result carrying bytes as one binary message: speech audio arrives as bytes, not base64', async () => {
    current().open()
    expect(current().binaryType).toBe('arraybuffer')
    const audio = client.api.synthesize({ text: 'Hi.', requestId: 'r1' })
    const wav = new Uint8Array([82, 73, 70, 70, 0, 255])
    const frame = encodeResult(1, { audio: wav, mimeType: 'audio/wav' })
    expect(frame).toBeInstanceOf(Uint8Array)
    current().receiveBinary(frame as Uint8Array)
    const result = await audio
    expect(result.audio).toBeInstanceOf(Uint8Array)
    expect([...result.audio]).toEqual([...wav])
    expect(result.mimeType).toBe('audio/wav')
    // A damaged binary message is dropped, not taken for an answer.
    const other = client.api.synthesize({ text: 'Again.' })
    current().receiveBinary(new Uint8Array([200, 0, 0, 0, 1]))
    expect(logged).toContain('dropped a malformed message from the host')
    current().receive({ kind: 'error', id: 2, error: { code: 'server-error', message: 'no' } })
    await expect(other).rejects.toMatchObject({ code: 'server-error' })
  })

  it('rejects an answer that does not match the command, and passes host errors on', async () => {
    current().open()
    const bad = client.api.getAppInfo()
    const refused = client.api.retryMessage({ id: 'm1' })
    current().receive({ kind: 'result', id: 1, response: { name: 42 } })
    current().receive({ kind: 'error', id: 2, error: { code: 'invalid-request', message: 'nope' } })
    await expect(bad).rejects.toMatchObject({ code: 'internal' })
    await expect(refused).rejects.toEqual(new HostError('invalid-request', 'nope'))
  })

  it('fails a request cut off by a lost connection and never sends it again', async () => {
    current().open()
    const sending = client.api.sendMessage({ text: 'hello' })
    current().drop()
    await expect(sending).rejects.toMatchObject({ code: 'not-ready' })
    await vi.advanceTimersByTimeAsync(100)
    expect(sockets).toHaveLength(2)
    current().open()
    expect(current().sent).toEqual([])
  })

  it('times out a request that never found an open socket, without sending it later', async () => {
    const waiting = client.api.getSnapshot()
    const failed = expect(waiting).rejects.toMatchObject({ code: 'timeout' })
    await vi.advanceTimersByTimeAsync(5_000)
    await failed
    current().open()
    expect(current().sent).toEqual([])
  })

  it('delivers the events of a batch as the host sent them, and drops what is not framed as one', () => {
    const seen: unknown[] = []
    client.api.onEvents((events) => seen.push(...events))
    current().open()
    const token = { type: 'turn-token', turnId: 't', chunk: 'Hi' }
    current().receive({ kind: 'events', events: [token, { type: 'from-the-future' }, null, 'turn-token', [token]] })
    current().receive({ kind: 'events', events: { 0: token } })
    current().receive('not an object')
    current().onmessage?.(new MessageEvent('message', { data: '{"kind":"events","events":[' }))
    current().onmessage?.(new MessageEvent('message', { data: new ArrayBuffer(4) }))
    expect(seen).toEqual([token])
    expect(logged).toEqual([
      ...Array(4).fill('dropped an unknown host event'),
      ...Array(4).fill('dropped a malformed message from the host'),
    ])
  })

  it('reconnects with a growing delay that resets once open', async () => {
    const states: string[] = []
    client.onTransport((s) => states.push(`${s.state}:${s.attempt}`))
    current().drop()
    await vi.advanceTimersByTimeAsync(0)
    expect(client.transport).toMatchObject({ state: 'reconnecting', attempt: 1 })
    await vi.advanceTimersByTimeAsync(99)
    expect(sockets).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(sockets).toHaveLength(2)
    current().drop()
    await vi.advanceTimersByTimeAsync(199)
    expect(sockets).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    current().open()
    expect(states).toEqual(['reconnecting:1', 'reconnecting:2', 'open:0'])
  })

  it('stops retrying when the host no longer knows the key, and refuses calls', async () => {
    verdict = 'stale'
    current().drop()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(client.transport.state).toBe('rejected')
    expect(sockets).toHaveLength(1)
    await expect(client.api.getAppInfo()).rejects.toMatchObject({ code: 'refused' })
  })
})

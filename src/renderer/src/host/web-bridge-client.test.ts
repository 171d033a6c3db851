/**
 * The web bridge client against a scripted socket: delivery at most once, timeouts, validation,
 * backoff and the stale-key verdict. (The e2e specs run it against the real web host.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HostError } from '../../../shared/host'
import { WebBridgeClient, type BridgeSocket, type KeyVerdict } from './web-bridge-client'

class FakeSocket implements BridgeSocket {
  readyState = 0
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

  it('delivers the valid events of a batch and drops the rest', () => {
    const seen: unknown[] = []
    client.api.onEvents((events) => seen.push(...events))
    current().open()
    current().receive({
      kind: 'events',
      events: [{ type: 'turn-token', turnId: 't', chunk: 'Hi' }, { type: 'from-the-future' }, { type: 'turn-token', turnId: 't' }],
    })
    current().receive('not an object')
    expect(seen).toEqual([{ type: 'turn-token', turnId: 't', chunk: 'Hi' }])
    expect(logged).toEqual(['dropped an invalid host event', 'dropped an invalid host event', 'dropped a malformed message from the host'])
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

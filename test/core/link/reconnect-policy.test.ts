/**
 * When the link tries again: short, flat retries for a loopback server; exponential backoff for
 * others; at once on network-online and wake. Fake timers and in-memory sockets: the policy is
 * checked on the fake clock, never on wall-clock time.
 */
import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ChatLink } from '../../../src/main/core/link/chat-link'
import { applySystemEvent, backoffFor, isLoopbackUrl, LOOPBACK_BACKOFF, retriesOn } from '../../../src/main/core/link/reconnect-policy'
import { DEFAULT_BACKOFF } from '../../../src/main/core/link/backoff'
import type { LinkSocket } from '../../../src/main/core/link/types'

/** A socket whose fate the test decides: refused (error + close 1006), or accepted (authorize answered). */
class ScriptedSocket extends EventEmitter implements LinkSocket {
  readyState = 0
  send(data: string): void {
    if ((JSON.parse(data) as { type: string }).type === 'authorize') {
      queueMicrotask(() => this.emit('message', Buffer.from(JSON.stringify({ type: 'authorize_success', connection_id: 'c' })), false))
    }
  }
  close(code = 1000): void {
    this.readyState = 3
    this.emit('close', code, Buffer.alloc(0))
  }
  terminate(): void {
    if (this.readyState !== 3) this.close(1006)
  }
}

/** A link whose sockets are refused while `server.up` is false; records when each attempt was made (fake clock). */
function scriptedLink(url: string, serverKind: 'builtin' | 'custom' = 'custom') {
  const server = { up: false }
  const attempts: number[] = []
  const link = new ChatLink({
    url,
    serverKind,
    getToken: () => 'token',
    random: () => 1,
    createSocket: () => {
      attempts.push(Date.now())
      const socket = new ScriptedSocket()
      queueMicrotask(() => {
        if (server.up) {
          socket.readyState = 1
          socket.emit('open')
        } else {
          socket.emit('error', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
          socket.close(1006)
        }
      })
      return socket
    },
  })
  return { link, server, attempts }
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] ?? 0))

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  vi.setSystemTime(1_000_000)
})
afterEach(() => {
  vi.useRealTimers()
})

describe('isLoopbackUrl and backoffFor', () => {
  it('knows loopback addresses', () => {
    for (const url of ['ws://127.0.0.1:5500/v1/chat/stream', 'ws://127.8.9.10:1/x', 'ws://[::1]:5500/v1/chat/stream', 'ws://localhost:5500/', 'wss://LOCALHOST/', 'ws://app.localhost/']) {
      expect(isLoopbackUrl(url), url).toBe(true)
    }
    for (const url of ['ws://192.168.1.2:5500/', 'wss://example.com/', 'ws://127.0.0.1.example.com/', 'ws://[::2]/', 'ws://10.127.0.1/', 'not a url']) {
      expect(isLoopbackUrl(url), url).toBe(false)
    }
  })

  it('retries loopback servers and the built-in one at ≤ 500 ms, others with exponential backoff', () => {
    expect(backoffFor('ws://127.0.0.1:5500/v1/chat/stream')).toEqual(LOOPBACK_BACKOFF)
    expect(backoffFor('ws://192.168.1.2:5500/v1/chat/stream', 'builtin')).toEqual(LOOPBACK_BACKOFF)
    expect(backoffFor('wss://agents.example.com/v1/chat/stream')).toEqual(DEFAULT_BACKOFF)
    expect(LOOPBACK_BACKOFF.maxMs).toBeLessThanOrEqual(1_000)
  })
})

describe('ChatLink retries by server', () => {
  it('tries a loopback server again at ≤ 500 ms intervals however long it is gone, and is ready at the next try once it is back', async () => {
    const { link, server, attempts } = scriptedLink('ws://127.0.0.1:5500/v1/chat/stream')
    link.start()
    for (let i = 0; i < 60; i++) await vi.advanceTimersByTimeAsync(100) // 6 s of outage
    expect(attempts.length).toBeGreaterThan(12)
    expect(Math.max(...gaps(attempts))).toBeLessThanOrEqual(500)

    server.up = true
    const back = Date.now()
    while (link.status.state !== 'ready') await vi.advanceTimersByTimeAsync(10)
    expect(Date.now() - back).toBeLessThanOrEqual(500)
    await link.stop()
  })

  it('backs off exponentially from a server on another machine', async () => {
    const { link, attempts } = scriptedLink('wss://agents.example.com/v1/chat/stream')
    link.start()
    for (let i = 0; i < 60; i++) await vi.advanceTimersByTimeAsync(100)
    expect(gaps(attempts)).toEqual([250, 500, 1_000, 2_000])
    await link.stop()
  })
})

describe('system events', () => {
  it('decide by state and by server', () => {
    expect(retriesOn('online', 'reconnecting', false)).toBe(true)
    expect(retriesOn('resumed', 'reconnecting', true)).toBe(true)
    // A ready link to another machine may have died with the network or the sleep; a loopback one cannot have.
    expect(retriesOn('online', 'ready', false)).toBe(true)
    expect(retriesOn('resumed', 'ready', false)).toBe(true)
    expect(retriesOn('online', 'ready', true)).toBe(false)
    expect(retriesOn('resumed', 'authorizing', true)).toBe(false)
    // Nothing to gain: the network going down, a stopped link, a refused token.
    expect(retriesOn('offline', 'reconnecting', false)).toBe(false)
    expect(retriesOn('online', 'offline', false)).toBe(false)
    expect(retriesOn('online', 'auth-failed', false)).toBe(false)
  })

  it('make a link to another machine that is waiting out its backoff try at once when the network is back', async () => {
    const { link, server, attempts } = scriptedLink('wss://agents.example.com/v1/chat/stream')
    link.start()
    for (let i = 0; i < 60; i++) await vi.advanceTimersByTimeAsync(100)
    const waiting = attempts.length
    expect(link.status.nextAttemptAt! - Date.now()).toBeGreaterThan(1_000)

    server.up = true
    expect(applySystemEvent(link, 'online', false)).toBe(true)
    expect(attempts).toHaveLength(waiting + 1)
    expect(attempts.at(-1)).toBe(Date.now())
    await vi.advanceTimersByTimeAsync(0)
    expect(link.status.state).toBe('ready')

    // Ready again: going offline changes nothing by itself.
    expect(applySystemEvent(link, 'offline', false)).toBe(false)
    expect(link.status.state).toBe('ready')
    await link.stop()
  })

  it('leave a ready link to the built-in server alone on wake', async () => {
    const { link, server, attempts } = scriptedLink('ws://127.0.0.1:5500/v1/chat/stream', 'builtin')
    server.up = true
    link.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(link.status.state).toBe('ready')
    expect(applySystemEvent(link, 'resumed', true)).toBe(false)
    expect(link.status.state).toBe('ready')
    expect(attempts).toHaveLength(1)
    await link.stop()
  })
})

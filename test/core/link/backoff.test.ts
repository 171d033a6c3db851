import { once } from 'node:events'
import { createServer, connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { backoffDelay, DEFAULT_BACKOFF, resolveBackoff } from '../../../src/main/core/link/backoff'
import { SilenceWatchdog } from '../../../src/main/core/link/watchdog'

describe('backoffDelay', () => {
  const options = resolveBackoff()

  it('defaults to 250 ms, factor 2, cap 30 s, half jitter', () => {
    expect(options).toEqual({ initialMs: 250, maxMs: 30_000, factor: 2, jitter: 0.5 })
    expect(DEFAULT_BACKOFF).toEqual(options)
  })

  it('stays within [delay·(1-jitter), delay] for the extremes of randomness', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const delay = Math.min(30_000, 250 * 2 ** (attempt - 1))
      expect(backoffDelay(attempt, options, () => 0)).toBe(Math.round(delay / 2))
      expect(backoffDelay(attempt, options, () => 1)).toBe(delay)
      const middle = backoffDelay(attempt, options, () => 0.5)
      expect(middle).toBeGreaterThanOrEqual(Math.round(delay / 2))
      expect(middle).toBeLessThanOrEqual(delay)
    }
  })

  it('grows exponentially, then holds at the cap, and never overflows', () => {
    const fixed = () => 1
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, options, fixed))).toEqual([250, 500, 1000, 2000])
    expect(backoffDelay(8, options, fixed)).toBe(30_000)
    expect(backoffDelay(5_000, options, fixed)).toBe(30_000)
    expect(backoffDelay(5_000, options, () => 0)).toBe(15_000)
  })

  it('clamps bad inputs: attempt < 1, random outside 0..1, jitter outside 0..1', () => {
    expect(backoffDelay(0, options, () => 1)).toBe(250)
    expect(backoffDelay(-3, options, () => 1)).toBe(250)
    expect(backoffDelay(1, options, () => 7)).toBe(250)
    expect(backoffDelay(1, options, () => -1)).toBe(125)
    const noJitter = resolveBackoff({ jitter: -2, initialMs: 100 })
    expect(backoffDelay(3, noJitter, () => 0)).toBe(400)
    expect(resolveBackoff({ jitter: 5, factor: 0.5 })).toMatchObject({ jitter: 1, factor: 1 })
  })
})

describe('SilenceWatchdog', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('fires only after a full timeout without feeding, once', () => {
    vi.useFakeTimers()
    const fired: number[] = []
    const dog = new SilenceWatchdog(1000, (silentFor) => fired.push(silentFor))
    dog.start()
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(600)
      dog.feed()
    }
    expect(fired).toEqual([])
    vi.advanceTimersByTime(999)
    expect(fired).toEqual([])
    vi.advanceTimersByTime(1)
    // The verdict comes one event-loop turn later (after the I/O phase).
    expect(fired).toEqual([])
    vi.advanceTimersToNextTimer()
    expect(fired).toHaveLength(1)
    expect(fired[0]).toBeGreaterThanOrEqual(1000)
    expect(dog.running).toBe(false)
    vi.advanceTimersByTime(10_000)
    expect(fired).toHaveLength(1)
  })

  it('leaves no timer after stop()', () => {
    vi.useFakeTimers()
    const dog = new SilenceWatchdog(1000, () => {
      throw new Error('must not fire')
    })
    dog.start()
    dog.feed()
    expect(vi.getTimerCount()).toBe(1)
    dog.stop()
    expect(vi.getTimerCount()).toBe(0)
  })

  it('counts a frame that arrived while the process was stalled, read in the same turn as the overdue timer', async () => {
    const server = createServer()
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    const port = (server.address() as { port: number }).port
    const accepted = once(server, 'connection') as Promise<[Socket]>
    const client = connect(port, '127.0.0.1')
    await once(client, 'connect')
    const [peer] = await accepted
    const fired: number[] = []
    const dog = new SilenceWatchdog(50, (silentFor) => fired.push(silentFor))
    const read = new Promise<void>((resolve) =>
      client.once('data', () => {
        dog.feed()
        resolve()
      }),
    )
    // All in one check-phase callback: the watchdog starts, the peer's byte reaches the kernel, then a stall
    // longer than the timeout. The next loop turn begins with the timers: the watchdog's is overdue, the byte unread.
    const stalled = new Promise<void>((resolve) =>
      setImmediate(() => {
        dog.start()
        peer.write('x')
        const until = Date.now() + 120
        while (Date.now() < until) {
          // A busy process: nothing else runs.
        }
        resolve()
      }),
    )
    await stalled
    await read
    // Two more loop turns: any verdict already scheduled has run by now.
    await new Promise((resolve) => setImmediate(resolve))
    await new Promise((resolve) => setImmediate(resolve))
    expect(fired).toEqual([])
    expect(dog.running).toBe(true)
    dog.stop()
    client.destroy()
    peer.destroy()
    server.close()
  })
})

/** ChatLink's life against the fake agent server: authorize, ping/pong, reconnect, stop. */
import { describe, expect, it } from 'vitest'
import { linkStatusSchema } from '../../../src/shared/host/link-status'
import { chat, makeLink, readyLink, sleep, startServer, useLinkCleanup } from './harness'

useLinkCleanup()

describe('ChatLink: authorize and ping', () => {
  it('sends authorize first on every connection and reports a valid status', async () => {
    const { server, link, probe } = await readyLink()
    expect(probe.states).toEqual(['connecting', 'authorizing', 'ready'])
    for (const status of probe.statuses) linkStatusSchema.parse(status)
    expect(new Set(probe.statuses).size).toBe(probe.statuses.length) // a fresh object per change
    const ready = link.status
    expect(ready).toMatchObject({ serverUrl: server.url, serverKind: 'custom', attempt: 0 })
    expect(ready.connectionId).toMatch(/^[0-9a-f-]{36}$/)
    expect(ready.authorizeRttMs).toBeGreaterThanOrEqual(0)
    expect(ready.reason).toBeUndefined()

    server.dropAll()
    await probe.waitForNth('ready', 2)
    const firsts = [0, 1].map((c) => server.received.find((r) => r.connection === c)?.frame)
    expect(firsts).toEqual([
      { type: 'authorize', token: 'test-token' },
      { type: 'authorize', token: 'test-token' },
    ])
    expect(link.status.connectionId).not.toBe(ready.connectionId)
  })

  it('reads the token at every connection', async () => {
    const server = await startServer({ token: 'second' })
    let token = 'first'
    const { link, probe } = makeLink(server.url, { getToken: () => token })
    link.start()
    await probe.waitForState('auth-failed')
    token = ' second '
    link.retryNow()
    await probe.waitForState('ready')
    expect(server.framesOfType('authorize').map((r) => r.frame.token)).toEqual(['first', 'second'])
  })

  it('answers every ping with a pong and stays connected', async () => {
    const { server, link, probe } = await readyLink({ pingIntervalMs: 20, pongTimeoutMs: 1000 })
    await server.waitUntil(() => server.framesOfType('pong').length >= 5)
    expect(server.framesOfType('pong').every((r) => r.connection === 0)).toBe(true)
    expect(link.status.state).toBe('ready')
    expect(link.status.lastPingAt).toBeGreaterThanOrEqual(link.status.since)
    expect(probe.lost).toEqual([])
  })

  it('send() refuses before ready and delivers once ready', async () => {
    const server = await startServer()
    const { link, probe } = makeLink(server.url)
    expect(link.send(chat('too early'))).toBe(false)
    link.start()
    expect(link.send(chat('still too early'))).toBe(false)
    await probe.waitForState('ready')
    expect(link.send({ type: 'authorize', token: 'x' })).toBe(false)
    expect(link.send(chat('now'))).toBe(true)
    await probe.waitFor(() => probe.frames.some((f) => f.type === 'stream_end'))
    expect(server.framesOfType('chat_message').map((r) => r.frame.content)).toEqual(['now'])
  })
})

describe('ChatLink: refused token', () => {
  it('goes auth-failed with the server text and does not retry', async () => {
    const server = await startServer({ token: 'right' })
    const { link, probe } = makeLink(server.url, { getToken: () => 'wrong' })
    link.start()
    const failed = await probe.waitForState('auth-failed')
    expect(failed.reason).toBe('The server refused the token: Invalid authentication token')
    expect(failed).toMatchObject({ reasonCode: 'linkTokenRefused', reasonParams: { error: 'Invalid authentication token' } })
    await sleep(200) // 20× the first backoff step: a retry loop would have reconnected by now
    expect(server.connectionCount).toBe(1)
    expect(link.status.state).toBe('auth-failed')
  })

  it('treats a bare close 4001 as a refusal too', async () => {
    const server = await startServer({ answer: () => [{ close: 4001, reason: 'Token revoked' }] })
    const { link, probe } = makeLink(server.url)
    link.start()
    await probe.waitForState('ready')
    link.send(chat('x'))
    const failed = await probe.waitForState('auth-failed')
    expect(failed.reason).toBe('The server refused the token (close 4001: Token revoked)')
    expect(failed).toMatchObject({ reasonCode: 'linkTokenClosedReason', reasonParams: { reason: 'Token revoked' } })
    expect(probe.lost).toEqual([{ code: 4001, reason: failed.reason }])
    await sleep(100)
    expect(server.connectionCount).toBe(1)
  })

  it('goes auth-failed when the server answers and no token is set, sending it nothing', async () => {
    const server = await startServer()
    const { link, probe } = makeLink(server.url, { getToken: () => '  ' })
    link.start()
    const failed = await probe.waitForState('auth-failed')
    expect(failed.reason).toMatch(/^No token set/)
    expect(failed.reasonCode).toBe('linkNoToken')
    expect(failed.reasonParams).toBeUndefined()
    expect(probe.states).toEqual(['connecting', 'auth-failed'])
    expect(probe.lost).toEqual([]) // nothing was authorized, so nothing was lost
    await server.waitUntil(() => server.closes.length === 1)
    expect(server.received).toEqual([])
    await sleep(50) // 5× the first backoff step: a retry loop would have reconnected by now
    expect(server.connectionCount).toBe(1)
  })

  it('reports a dead server as unreachable, not as a token problem, when no token is set', async () => {
    const server = await startServer()
    const url = server.url
    await server.stop()
    const { link, probe } = makeLink(url, { getToken: () => undefined })
    link.start()
    const retrying = await probe.waitForState('reconnecting')
    expect(retrying).toMatchObject({ reasonCode: 'linkUnreachable', reasonParams: { host: new URL(url).host, cause: 'ECONNREFUSED' } })
    expect(probe.states).not.toContain('auth-failed')
  })
})

describe('ChatLink: losses and reconnection', () => {
  it('reconnects after close 4000 (a lost pong)', async () => {
    const { server, link, probe } = await readyLink({ pingIntervalMs: 20, pongTimeoutMs: 30 })
    server.ignorePongs = true
    await probe.waitForState('reconnecting')
    expect(probe.lost[0]).toMatchObject({ code: 4000 })
    expect(probe.lost[0]?.reason).toMatch(/closed the connection \(4000 ping timeout\)$/)
    expect(probe.statuses.find((s) => s.state === 'reconnecting')).toMatchObject({ reasonCode: 'linkClosed', reasonParams: { code: 4000, close: 'pingTimeout' } })
    server.ignorePongs = false
    await probe.waitForNth('ready', 2)
    expect(link.status.attempt).toBe(0)
  })

  it('detects a half-open connection through the silence watchdog', async () => {
    const { server, probe } = await readyLink({ pingIntervalMs: 20 }, { silenceTimeoutMs: 150 })
    // Pings keep a healthy link alive well past the silence timeout.
    await server.waitUntil(() => server.framesOfType('pong').length >= 12)
    expect(probe.lost).toEqual([])
    server.goHalfOpen()
    await probe.waitForNth('ready', 2)
    expect(probe.lost).toHaveLength(1)
    expect(probe.lost[0]?.reason).toMatch(/^No data from 127\.0\.0\.1:\d+ for 0\.\d s: connection presumed dead$/)
    expect(probe.statuses.find((s) => s.state === 'reconnecting')).toMatchObject({ reasonCode: 'linkSilent', reasonParams: { seconds: expect.any(Number) } })
    expect(probe.lost[0]?.code).toBeUndefined()
    expect(server.connectionCount).toBe(2)
  })

  it('reconnects after a drop mid-stream, reporting the loss and the wait', async () => {
    const server = await startServer({ answer: () => [{ tokens: ['a ', 'b '] }, { drop: true }] })
    const { link, probe } = makeLink(server.url, { backoff: { initialMs: 40, maxMs: 1000, jitter: 0.5 }, random: () => 0 })
    link.start()
    await probe.waitForState('ready')
    link.send(chat('x'))
    const waiting = await probe.waitForState('reconnecting')
    expect(probe.frames.filter((f) => f.type === 'stream_token')).toHaveLength(2)
    expect(probe.lost).toEqual([{ code: 1006, reason: expect.stringMatching(/^Connection to 127\.0\.0\.1:\d+ lost/) }])
    expect(waiting.attempt).toBe(1)
    expect(waiting.nextAttemptAt).toBe(waiting.since + 20) // 40 ms with half jitter at random 0
    await probe.waitForNth('ready', 2)
    expect(link.status.attempt).toBe(0)
  })

  it('backs off while the server is down and comes back when it restarts', async () => {
    const { server, link, probe } = await readyLink()
    await server.stop()
    await probe.waitFor(() => link.status.attempt >= 3, 5_000, '3 attempts')
    const status = link.status
    expect(status.reason).toMatch(/^Cannot reach 127\.0\.0\.1:\d+ \(connection refused\)$/)
    const waits = probe.statuses.filter((s) => s.state === 'reconnecting').map((s) => (s.nextAttemptAt ?? 0) - s.since)
    expect(waits.slice(0, 3)).toEqual([10, 20, 40])
    await server.restart()
    await probe.waitForNth('ready', 2)
    expect(link.status.attempt).toBe(0)
  })

  it('retryNow() skips a long backoff and replaces a live socket', async () => {
    const { server, link, probe } = await readyLink({}, { backoff: { initialMs: 60_000 } })
    link.retryNow('Network changed')
    expect(probe.lost).toEqual([{ reason: 'Network changed' }])
    await probe.waitForNth('ready', 2)
    expect(server.connectionCount).toBe(2)

    server.dropAll()
    await probe.waitForState('reconnecting')
    expect(link.status.nextAttemptAt).toBeGreaterThan(Date.now() + 20_000)
    link.retryNow()
    await probe.waitForNth('ready', 3)
    expect(server.connectionCount).toBe(3)
  })

  it('with autoReconnect false goes offline after a loss and stays there', async () => {
    const { server, link, probe } = await readyLink({}, { autoReconnect: false })
    server.closeAll(1001, 'Server shutting down')
    const offline = await probe.waitForState('offline')
    expect(offline.reason).toMatch(/closed the connection \(1001 server going away: Server shutting down\)$/)
    expect(offline).toMatchObject({ reasonCode: 'linkClosedReason', reasonParams: { code: 1001, close: 'goingAway', reason: 'Server shutting down' } })
    await sleep(100)
    expect(server.connectionCount).toBe(1)
    link.retryNow()
    await probe.waitForNth('ready', 2)
  })
})

describe('ChatLink: stop', () => {
  // Process-wide count: other timers (the fake server's, vitest's) may end meanwhile, never start
  // for the link, so "no more than before" is what proves the link left none behind.
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

  it('closes with 1000, stays offline, and leaves no timers (from ready and from reconnecting)', async () => {
    const server = await startServer()
    const baseline = timers()
    const { link, probe } = makeLink(server.url, { backoff: { initialMs: 60_000 } })
    link.start()
    await probe.waitForState('ready')
    await link.stop()
    expect(link.status).toMatchObject({ state: 'offline', reason: 'Stopped', reasonCode: 'linkStopped' })
    await server.waitUntil(() => server.activeConnections === 0)
    expect(server.closes).toEqual([{ connection: 0, code: 1000, reason: '' }])
    expect(timers()).toBeLessThanOrEqual(baseline)

    link.start()
    await probe.waitForNth('ready', 2)
    server.dropAll()
    await probe.waitForState('reconnecting')
    await link.stop()
    expect(timers()).toBeLessThanOrEqual(baseline)
    link.retryNow() // stopped: a no-op
    expect(link.status.state).toBe('offline')
    expect(probe.lost).toHaveLength(1) // the drop, not the stops
  })
})

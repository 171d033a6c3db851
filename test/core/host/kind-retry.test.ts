/**
 * *Automatic* at an address where nothing answers yet: the core shows the link's usual
 * `reconnecting` (reason, next attempt), probes again on the link's schedule, and connects with the
 * kind found once the server is up, with no user action; a server that answers with nothing
 * recognizable ends the retries with "cannot tell".
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WebSocketServer } from 'ws'
import type { HostEvent, HostEventOf, LinkStatus } from '../../../src/shared/host'
import { createMiraCore } from '../../../src/main/core/host/mira-core'
import { dispatchCommand } from '../../../src/main/core/host/dispatch'
import { backoffDelay } from '../../../src/main/core/link/backoff'
import { LOOPBACK_BACKOFF } from '../../../src/main/core/link/reconnect-policy'
import { startFake } from '../../fake-servers'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A loopback port nothing listens on (just released by the OS). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function startCore(serverUrl: string) {
  const dataDir = await mkdtemp(join(tmpdir(), 'mira-kind-retry-'))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true, maxRetries: 5 }))
  const statuses: LinkStatus[] = []
  const core = await createMiraCore({ dataDir, transport: 'web', log: () => {}, overrides: { serverUrl } })
  cleanups.push(() => core.close())
  core.onEvents((batch: HostEvent[]) => {
    for (const e of batch) if (e.type === 'link-status') statuses.push((e as HostEventOf<'link-status'>).status)
  })
  const snapshotStatus = async (): Promise<LinkStatus> => {
    const result = await dispatchCommand(core.handlers, 'getSnapshot', undefined)
    if (!result.ok) throw new Error(result.error.message)
    return (result.response as { status: LinkStatus }).status
  }
  return { core, statuses, snapshotStatus }
}

describe('Automatic while nothing answers the probe', () => {
  it('shows reconnecting with its reason, keeps probing, and connects to a SYMindX started later', async () => {
    const port = await freePort()
    const url = `ws://127.0.0.1:${port}/ws`
    const { core, statuses, snapshotStatus } = await startCore(url)

    const first = await snapshotStatus()
    expect(first).toMatchObject({ state: 'reconnecting', serverUrl: url, attempt: 1, reasonCode: 'linkUnreachable' })
    expect(first.reason).toContain(`Cannot reach 127.0.0.1:${port} (connection refused)`)
    expect(first.nextAttemptAt).toBeGreaterThanOrEqual(first.since)
    expect(first.protocol).toBeUndefined()
    // It probes again by itself: the attempts count up, each waiting its turn.
    await vi.waitFor(() => expect(statuses.some((s) => s.state === 'reconnecting' && s.attempt >= 3)).toBe(true), { timeout: 20_000 })
    expect(statuses.some((s) => s.state === 'connecting' && s.reasonCode === 'linkUnreachable')).toBe(true)
    // On the link's schedule for a loopback server: each wait within that attempt's backoff bounds.
    for (const s of statuses.filter((s) => s.state === 'reconnecting')) {
      const wait = (s.nextAttemptAt ?? NaN) - s.since
      expect(wait).toBeGreaterThanOrEqual(backoffDelay(s.attempt, LOOPBACK_BACKOFF, () => 0))
      expect(wait).toBeLessThanOrEqual(backoffDelay(s.attempt, LOOPBACK_BACKOFF, () => 1))
    }

    // A message written meanwhile waits in the outbox and goes once the server is found.
    await dispatchCommand(core.handlers, 'updateSettings', { agentId: 'nyx' })
    const sent = await dispatchCommand(core.handlers, 'sendMessage', { text: 'are you there?' })
    expect(sent).toMatchObject({ ok: true, response: { state: 'queued' } })

    const fake = await startFake('symindx', { port })
    cleanups.push(() => fake.server.stop())
    await vi.waitFor(() => expect(statuses.at(-1)).toMatchObject({ state: 'ready', protocol: 'symindx', serverUrl: url }), { timeout: 20_000 })
    await vi.waitFor(() => expect(fake.server.chatMessages().map((m) => m.text)).toEqual(['are you there?']), { timeout: 20_000 })
    // Found by one probe, reused: no second probe before the link's own connection.
    expect(statuses.filter((s) => s.state === 'offline')).toEqual([])
  })

  it('stops at a server that answers with nothing recognizable: cannot tell, no more probes', async () => {
    const port = await freePort()
    const url = `ws://127.0.0.1:${port}/ws`
    const { core, statuses, snapshotStatus } = await startCore(url)
    expect(await snapshotStatus()).toMatchObject({ state: 'reconnecting', reasonCode: 'linkUnreachable' })

    const wss = new WebSocketServer({ host: '127.0.0.1', port })
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
    let connections = 0
    wss.on('connection', (ws) => {
      connections++
      ws.close(1000)
    })
    cleanups.push(() => new Promise<void>((resolve) => wss.close(() => resolve())))

    await vi.waitFor(() => expect(statuses.at(-1)).toMatchObject({ state: 'offline', reasonCode: 'serverKindUnknown' }), { timeout: 20_000 })
    expect(connections).toBe(1)
    // A retry still alive would probe at once on these (its status turning `connecting` synchronously).
    core.networkChanged(true)
    core.resumed()
    const after = await snapshotStatus()
    expect(after).toMatchObject({ state: 'offline', reasonCode: 'serverKindUnknown', reasonParams: { error: url } })
    expect(after.nextAttemptAt).toBeUndefined()
  })

  // The snapshot is read before any socket callback can run: `connecting` here is the probe just begun.
  it('probes at once when the network comes back, without waiting for the next attempt', async () => {
    const port = await freePort()
    const { core, snapshotStatus } = await startCore(`ws://127.0.0.1:${port}/ws`)
    expect(await snapshotStatus()).toMatchObject({ state: 'reconnecting' })
    core.networkChanged(true)
    expect(await snapshotStatus()).toMatchObject({ state: 'connecting', reasonCode: 'linkUnreachable' })
  })

  it('probes at once on Retry, keeping its count of attempts', async () => {
    const port = await freePort()
    const { core, snapshotStatus } = await startCore(`ws://127.0.0.1:${port}/ws`)
    expect(await snapshotStatus()).toMatchObject({ state: 'reconnecting' })
    expect(await dispatchCommand(core.handlers, 'retryConnection', undefined)).toMatchObject({ ok: true })
    const status = await snapshotStatus()
    expect(status).toMatchObject({ state: 'connecting', reasonCode: 'linkUnreachable' })
    expect(status.attempt).toBeGreaterThanOrEqual(1)
  })
})

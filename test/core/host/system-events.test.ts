/**
 * What the shell's power and network events do to the core's link (the policy itself is in
 * test/core/link/reconnect-policy.test.ts): a ready link to a loopback server survives them, one
 * still trying tries at once; and a restart of the app's own companion reconnects without backoff.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HostEvent, HostEventOf, LinkStatus } from '../../../src/shared/host'
import { createMiraCore } from '../../../src/main/core/host/mira-core'
import { dispatchCommand } from '../../../src/main/core/host/dispatch'
import { FakeAgentServer } from '../../support/fake-agent-server'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function startCore(overrides?: { serverUrl: string; token: string }) {
  const dataDir = await mkdtemp(join(tmpdir(), 'mira-system-events-'))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true, maxRetries: 5 }))
  const core = await createMiraCore({ dataDir, transport: 'web', log: () => {}, ...(overrides ? { overrides } : {}) })
  cleanups.push(() => core.close())
  const statuses: LinkStatus[] = []
  core.onEvents((batch: HostEvent[]) => {
    for (const e of batch) if (e.type === 'link-status') statuses.push((e as HostEventOf<'link-status'>).status)
  })
  const ready = () => vi.waitFor(() => expect(statuses.at(-1)?.state).toBe('ready'), { timeout: 10_000 })
  return { core, statuses, ready }
}

describe('MiraCore and system events', () => {
  it('keeps a ready link to a loopback server through network changes and wake', async () => {
    const server = await FakeAgentServer.start()
    cleanups.push(() => server.stop())
    const { core, ready } = await startCore({ serverUrl: server.url, token: server.token })
    await ready()
    core.networkChanged(false)
    core.networkChanged(true)
    core.resumed()
    // Each event is handled synchronously; a replaced link would show at once as a closed connection.
    const snapshot = await dispatchCommand(core.handlers, 'getSnapshot', undefined)
    expect(snapshot).toMatchObject({ ok: true, response: { status: { state: 'ready' } } })
    expect(server.activeConnections).toBe(1)
    expect(server.connectionCount).toBe(1)
  })

  it('reconnects to a restarted built-in companion directly, without a backoff wait', async () => {
    const { core, statuses, ready } = await startCore()
    await ready()
    const before = statuses.length
    const changed = await dispatchCommand(core.handlers, 'updateSettings', { companion: { ttsRate: 200 } })
    expect(changed).toMatchObject({ ok: true })
    const states = () => statuses.slice(before).map((s) => s.state)
    await vi.waitFor(() => expect(states().at(-1)).toBe('ready'), { timeout: 10_000 })
    expect(states()).toContain('connecting')
    expect(states()).not.toContain('reconnecting')
  })
})

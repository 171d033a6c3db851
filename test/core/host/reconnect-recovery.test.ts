/**
 * A failed reconnect (the secret store throws once while the server settings change) must leave the
 * core able to try again: the next attempt runs, and the link comes back once the store recovers.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HostEvent, HostEventOf } from '../../../src/shared/host'
import { createMiraCore } from '../../../src/main/core/host/mira-core'
import { dispatchCommand } from '../../../src/main/core/host/dispatch'
import type { SecretStore } from '../../../src/main/core/settings/secret-store'
import { FakeAgentServer } from '../../support/fake-agent-server'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** An in-memory store that throws while `locked`, like an OS keyring before the user unlocks it. */
class LockableSecrets implements SecretStore {
  locked = false
  private readonly values = new Map<string, string>()
  async get(name: string): Promise<string | undefined> {
    if (this.locked) throw new Error('keyring locked')
    return this.values.get(name)
  }
  async set(name: string, value: string | null): Promise<void> {
    if (this.locked) throw new Error('keyring locked')
    if (value === null) this.values.delete(name)
    else this.values.set(name, value)
  }
}

describe('MiraCore after a failed reconnect', () => {
  it('tries again on the next command and reconnects once the secret store recovers', async () => {
    const server = await FakeAgentServer.start()
    cleanups.push(() => server.stop())
    const dataDir = await mkdtemp(join(tmpdir(), 'mira-reconnect-'))
    cleanups.push(() => rm(dataDir, { recursive: true, force: true, maxRetries: 5 }))
    const secrets = new LockableSecrets()
    const core = await createMiraCore({ dataDir, transport: 'web', secrets, log: () => {} })
    cleanups.push(() => core.close())
    const events: HostEvent[] = []
    core.onEvents((batch) => events.push(...batch))
    const lastStatus = () => events.filter((e): e is HostEventOf<'link-status'> => e.type === 'link-status').at(-1)?.status
    const call = (name: string, request?: unknown) => dispatchCommand(core.handlers, name, request)

    expect(await call('setToken', { token: server.token, url: server.url })).toMatchObject({ ok: true })
    expect(await call('updateSettings', { server: { mode: 'custom', url: server.url } })).toMatchObject({ ok: true })
    await vi.waitFor(() => expect(lastStatus()).toMatchObject({ state: 'ready', serverKind: 'custom' }), { timeout: 10_000 })

    // A server setting changes while the keyring is locked: that reconnect fails…
    secrets.locked = true
    const failed = await call('updateSettings', { server: { silenceTimeoutMs: 60_000 } })
    expect(failed).toMatchObject({ ok: false, error: { message: expect.stringContaining('keyring locked') } })
    // …and the page learns the link is down, and why.
    await vi.waitFor(() =>
      expect(lastStatus()).toMatchObject({ state: 'offline', reasonCode: 'connectFailed', reasonParams: { error: 'keyring locked' } }),
    )

    // The keyring recovers: the next command tries again instead of repeating the old failure.
    secrets.locked = false
    expect(await call('retryConnection')).toMatchObject({ ok: true })
    await vi.waitFor(() => expect(lastStatus()).toMatchObject({ state: 'ready' }), { timeout: 10_000 })
    expect(await call('getSnapshot')).toMatchObject({ ok: true, response: { status: { state: 'ready' } } })
    expect(server.framesOfType('authorize').map((r) => r.frame.token)).toEqual([server.token, server.token])

    // A later settings change reconnects as usual.
    expect(await call('updateSettings', { server: { silenceTimeoutMs: 70_000 } })).toMatchObject({ ok: true })
    await vi.waitFor(() => expect(server.framesOfType('authorize')).toHaveLength(3), { timeout: 10_000 })
  })
})

/** `resetSettings`: the defaults come back (saved), the link follows the server change, secrets stay. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it, vi } from 'vitest'
import type { HostEvent, HostEventOf } from '../../../src/shared/host'
import { createMiraCore } from '../../../src/main/core/host/mira-core'
import { dispatchCommand } from '../../../src/main/core/host/dispatch'
import { FakeAgentServer } from '../../support/fake-agent-server'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

it('resets to the defaults, reconnects to the built-in server, and keeps the saved token', async () => {
  const server = await FakeAgentServer.start({ token: 'test-token' })
  cleanups.push(() => server.stop())
  const dataDir = await mkdtemp(join(tmpdir(), 'mira-reset-'))
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
  const core = await createMiraCore({ dataDir, transport: 'web', log: () => {} })
  cleanups.push(() => core.close())
  const events: HostEvent[] = []
  core.onEvents((batch) => events.push(...batch))
  const lastStatus = () => events.filter((e): e is HostEventOf<'link-status'> => e.type === 'link-status').at(-1)?.status
  const call = async (name: string, request?: unknown) => {
    const result = await dispatchCommand(core.handlers, name, request)
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    return result.response
  }

  await call('setToken', { token: 'test-token', url: server.url })
  await call('updateSettings', { server: { mode: 'custom', url: server.url }, agentId: 'other', historyLimit: 42 })
  await vi.waitFor(() => expect(lastStatus()).toMatchObject({ state: 'ready', serverKind: 'custom' }), { timeout: 10_000 })

  const view = await call('resetSettings')
  // The token stays, saved for its server, which is no longer the (default) custom address.
  expect(view).toMatchObject({
    hasToken: false,
    tokenOrigin: new URL(server.url).origin,
    settings: { agentId: 'mira', historyLimit: 10, server: { mode: 'builtin' } },
  })
  await vi.waitFor(() => expect(lastStatus()).toMatchObject({ state: 'ready', serverKind: 'builtin' }), { timeout: 10_000 })
  const saved = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as { agentId: string }
  expect(saved.agentId).toBe('mira')
  expect(await dispatchCommand(core.handlers, 'resetSettings', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
})

/**
 * The saved token goes only to the server it was saved for: a changed custom address (or a connection
 * test of another address) without a new token sends none — checked on what the fake servers receive.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HostEvent, HostEventOf, HostResponse } from '../../../src/shared/host'
import { createMiraCore } from '../../../src/main/core/host/mira-core'
import { dispatchCommand } from '../../../src/main/core/host/dispatch'
import { FakeAgentServer } from '../../support/fake-agent-server'

const TOKEN = 'first-server-token'
const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function fakeServer(): Promise<FakeAgentServer> {
  // Both accept the token, so a leak would even connect.
  const server = await FakeAgentServer.start({ token: TOKEN })
  cleanups.push(() => server.stop())
  return server
}

async function startCore(dataDir?: string) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'mira-token-binding-')))
  cleanups.push(() => rm(dir, { recursive: true, force: true, maxRetries: 5 }))
  const core = await createMiraCore({ dataDir: dir, transport: 'web', log: () => {} })
  cleanups.push(() => core.close())
  const events: HostEvent[] = []
  core.onEvents((batch) => events.push(...batch))
  const lastStatus = () => events.filter((e): e is HostEventOf<'link-status'> => e.type === 'link-status').at(-1)?.status
  async function call<K extends 'setToken' | 'updateSettings' | 'testConnection' | 'getSettings'>(name: K, request?: unknown) {
    const result = await dispatchCommand(core.handlers, name, request)
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    return result.response as HostResponse<K>
  }
  return { call, lastStatus, dir }
}

const tokensSentTo = (server: FakeAgentServer) => server.framesOfType('authorize').map((r) => r.frame.token)
const originOf = (server: FakeAgentServer) => new URL(server.url).origin

describe('the saved token and the custom server address', () => {
  it('is not sent to a new address of another server, and applies again back on its own server', async () => {
    const first = await fakeServer()
    const second = await fakeServer()
    const { call, lastStatus } = await startCore()
    await call('setToken', { token: TOKEN, url: first.url })
    await call('updateSettings', { server: { mode: 'custom', url: first.url } })
    await vi.waitFor(() => expect(lastStatus()).toMatchObject({ state: 'ready', serverKind: 'custom' }), { timeout: 10_000 })
    expect(tokensSentTo(first)).toEqual([TOKEN])

    const moved = await call('updateSettings', { server: { url: second.url } })
    expect(moved).toMatchObject({ hasToken: false, tokenOrigin: originOf(first) })
    await vi.waitFor(() => expect(lastStatus()).toMatchObject({ state: 'auth-failed', reasonCode: 'linkNoToken' }), { timeout: 10_000 })

    // The connection test of the server in use, and of a typed address there, send no token either.
    for (const request of [{}, { url: second.url }]) {
      const { checks } = await call('testConnection', request)
      expect(checks.find((c) => c.id === 'authorize')).toMatchObject({ status: 'fail', detail: 'no token to send', hint: 'add-token' })
    }
    expect(second.connectionCount).toBeGreaterThan(0)
    expect(tokensSentTo(second)).not.toContain(TOKEN)

    const back = await call('updateSettings', { server: { url: first.url.replace('ws://', 'http://') } })
    expect(back).toMatchObject({ hasToken: true, tokenOrigin: originOf(first) })
    await vi.waitFor(() => expect(tokensSentTo(first)).toEqual([TOKEN, TOKEN]), { timeout: 10_000 })
    expect(tokensSentTo(second)).not.toContain(TOKEN)
  })

  it('keeps the token for another address on the same server', async () => {
    const server = await fakeServer()
    const { call } = await startCore()
    await call('updateSettings', { server: { mode: 'custom', url: server.url } })
    await call('setToken', { token: TOKEN })
    await vi.waitFor(() => expect(tokensSentTo(server)).toEqual([TOKEN]), { timeout: 10_000 })
    expect(await call('updateSettings', { server: { url: `${server.url}?room=2` } })).toMatchObject({ hasToken: true })
    await vi.waitFor(() => expect(tokensSentTo(server)).toEqual([TOKEN, TOKEN]), { timeout: 10_000 })
    const proxied = await call('updateSettings', { server: { url: `${new URL(server.url).origin}/proxy/v1/chat/stream` } })
    expect(proxied).toMatchObject({ hasToken: true })
  })

  it('tests a typed address of another server without the saved token, and a typed token as typed', async () => {
    const first = await fakeServer()
    const second = await fakeServer()
    const { call } = await startCore()
    await call('setToken', { token: TOKEN, url: first.url })
    const bare = await call('testConnection', { url: second.url })
    expect(bare.checks.find((c) => c.id === 'authorize')).toMatchObject({ status: 'fail', hint: 'add-token' })
    expect(tokensSentTo(second)).toEqual([])
    const typed = await call('testConnection', { url: second.url, token: 'typed-here' })
    expect(typed.checks.find((c) => c.id === 'authorize')).toMatchObject({ status: 'fail', hint: 'check-token' })
    expect(tokensSentTo(second)).toEqual(['typed-here'])
    const own = await call('testConnection', { url: first.url })
    expect(own.checks.find((c) => c.id === 'authorize')).toMatchObject({ status: 'pass' })
  })

  it('migration: a token saved before tokens were bound belongs to the saved custom address', async () => {
    const first = await fakeServer()
    const second = await fakeServer()
    const dataDir = await mkdtemp(join(tmpdir(), 'mira-token-binding-'))
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ version: 1, server: { mode: 'custom', url: first.url } }))
    await writeFile(join(dataDir, 'secrets.json'), JSON.stringify({ version: 1, encoding: 'plain', secrets: { 'server-token': TOKEN } }))
    const { call, lastStatus } = await startCore(dataDir)
    expect(await call('getSettings')).toMatchObject({ hasToken: true, tokenOrigin: originOf(first) })
    await vi.waitFor(() => expect(tokensSentTo(first)).toEqual([TOKEN]), { timeout: 10_000 })
    expect(JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8'))).toMatchObject({
      secrets: { 'server-token': TOKEN, 'server-token-origin': originOf(first) },
    })
    await call('updateSettings', { server: { url: second.url } })
    await vi.waitFor(() => expect(lastStatus()?.reasonCode).toBe('linkNoToken'), { timeout: 10_000 })
    expect(tokensSentTo(second)).toEqual([])
  })
})

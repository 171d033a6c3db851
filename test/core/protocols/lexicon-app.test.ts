/**
 * Lexicon in the app's core (createMiraCore, as both transports run it) against the fake: the API
 * key saved for the server's origin only and never in the settings view, the chat made for the
 * connection reused across settings changes (no chat per reconnection), a user id change reconnecting.
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMiraCore, type MiraCore } from '../../../src/main/core/host/mira-core'
import type { HostEvent } from '../../../src/shared/host'
import { FakeLexiconServer } from '../../fake-servers/lexicon/server'

const waitFor = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 20 })
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function start() {
  const lexicon = await FakeLexiconServer.start({ apiKey: 'app-key' })
  cleanups.push(() => lexicon.stop())
  const dataDir = await mkdtemp(join(tmpdir(), 'mira-lexicon-app-'))
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ version: 1, userId: 'alice', server: { mode: 'custom', url: lexicon.url, kind: 'lexicon' } }))
  const core: MiraCore = await createMiraCore({ dataDir, transport: 'web', log: () => {} })
  cleanups.push(() => core.close())
  const events: HostEvent[] = []
  core.onEvents((batch) => events.push(...batch))
  const state = () => events.filter((e) => e.type === 'link-status').at(-1)?.status
  return { lexicon, core, events, state, dataDir }
}

describe('Lexicon in the app core', () => {
  it('connects once the API key is saved, keeps it out of the settings view, and makes no chat per reconnection', async () => {
    const t = await start()
    await waitFor(() => expect(t.state()).toMatchObject({ state: 'auth-failed', reasonCode: 'linkNoApiKey' }))
    const view = await t.core.handlers.setServerApiKey({ apiKey: 'app-key' })
    expect(view.hasServerApiKey).toBe(true)
    expect(JSON.stringify(view)).not.toContain('app-key')
    await waitFor(() => expect(t.state()?.state).toBe('ready'))
    expect(t.lexicon.chats.size).toBe(1)

    // Another server setting: the core reconnects, in the chat it already made (no conversation took it yet).
    const made = t.lexicon.upgrades.length
    await t.core.handlers.updateSettings({ server: { silenceTimeoutMs: 90_000 } })
    await waitFor(() => expect(t.lexicon.upgrades.length).toBe(made + 1))
    const chatIds = t.lexicon.upgrades.slice(-2).map((u) => u.headers['x-chat-id'])
    expect(chatIds[1]).toBe(chatIds[0])
    expect(t.lexicon.chats.size).toBe(1)

    // Another user: a new connection, for that user, in a chat of theirs.
    await t.core.handlers.updateSettings({ userId: 'bob' })
    await waitFor(() => expect(t.lexicon.upgrades.at(-1)?.headers['x-user-id']).toBe('bob'))
    await waitFor(() => expect(t.state()?.state).toBe('ready'))
    expect([...t.lexicon.chats.values()].map((c) => c.user_id)).toEqual(['alice', 'bob'])
  })

  it('does not send the key to another server: a new address has none', async () => {
    const t = await start()
    await t.core.handlers.setServerApiKey({ apiKey: 'app-key' })
    const other = await t.core.handlers.updateSettings({ server: { url: 'ws://127.0.0.1:1/ws/chat' } })
    expect(other.hasServerApiKey).toBe(false)
  })
})

describe('Test connection for a Lexicon address', () => {
  it('tests a key and user id typed in the dialog without saving them, and the saved key otherwise', async () => {
    const t = await start()
    const typed = await t.core.handlers.testConnection({ url: t.lexicon.url, kind: 'lexicon', apiKey: 'app-key', userId: 'carol' })
    expect(typed.checks.map((c) => [c.id, c.status])).toEqual([
      ['url', 'pass'],
      ['tcp', 'pass'],
      ['websocket', 'pass'],
      ['authorize', 'pass'],
      ['ping', 'pass'],
      ['rest', 'pass'],
      ['tts', 'skip'],
    ])
    expect([...t.lexicon.chats.values()].map((c) => c.user_id)).toEqual(['carol'])
    expect((await t.core.handlers.getSettings(undefined)).hasServerApiKey).toBe(false)

    const none = await t.core.handlers.testConnection({ url: t.lexicon.url, kind: 'lexicon' })
    expect(none.checks.find((c) => c.id === 'authorize')).toMatchObject({ status: 'fail', textCode: 'linkNoApiKey', hint: 'add-token' })
    await t.core.handlers.setServerApiKey({ apiKey: 'app-key' })
    const saved = await t.core.handlers.testConnection({ url: t.lexicon.url, kind: 'lexicon' })
    expect(saved.checks.find((c) => c.id === 'authorize')).toMatchObject({ status: 'pass', textCode: 'checkApiKeyAccepted' })
  })
})

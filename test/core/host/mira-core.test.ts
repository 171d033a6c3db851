/**
 * The core as both transports see it: commands through `dispatchCommand`, events in batches,
 * against the fake agent server (custom server) and the real companion (built-in server).
 */
import { mkdir, mkdtemp, rm, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HostEvent, HostEventOf } from '../../../src/shared/host'
import { createMiraCore } from '../../../src/main/core/host/mira-core'
import { dispatchCommand } from '../../../src/main/core/host/dispatch'
import { FakeAgentServer } from '../../support/fake-agent-server'
import { FakeOpenAiServer } from '../../support/fake-openai-server'

const cleanups: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mira-core-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true, maxRetries: 5 }))
  return dir
}

async function startCore(options: Parameters<typeof createMiraCore>[0]) {
  const core = await createMiraCore({ log: () => {}, ...options })
  cleanups.push(() => core.close())
  const events: HostEvent[] = []
  const batches: number[] = []
  core.onEvents((batch) => {
    batches.push(batch.length)
    events.push(...batch)
  })
  const of = <K extends HostEvent['type']>(type: K) => events.filter((e): e is HostEventOf<K> => e.type === type)
  const call = async (name: string, request?: unknown) => {
    const result = await dispatchCommand(core.handlers, name, request)
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
    return result.response
  }
  const waitReady = () => vi.waitFor(() => expect(of('link-status').at(-1)?.status.state).toBe('ready'), { timeout: 10_000 })
  return { core, events, batches, of, call, waitReady }
}

async function fakeServer(options: Parameters<typeof FakeAgentServer.start>[0] = {}) {
  const server = await FakeAgentServer.start(options)
  cleanups.push(() => server.stop())
  return server
}

describe('MiraCore against a custom server', () => {
  it('streams an answer and batches the events', async () => {
    const server = await fakeServer()
    const { call, of, batches, waitReady } = await startCore({
      dataDir: await tempDir(),
      transport: 'web',
      overrides: { serverUrl: server.url, token: 'test-token' },
    })
    await waitReady()
    // Settings can say what this run was started with (never the token itself).
    const view = (await call('getSettings')) as { startedWith?: unknown; settings: { server: { mode: string } } }
    expect(view.startedWith).toEqual({ serverUrl: server.url, token: true })
    expect(view.settings.server.mode).toBe('builtin')
    expect(JSON.stringify(view)).not.toContain('test-token')
    const message = (await call('sendMessage', { text: 'hello there' })) as { id: string }
    await vi.waitFor(() => expect(of('turn-end')).toHaveLength(1), { timeout: 10_000 })
    expect(of('turn-end')[0]?.content).toBe('You said: hello there')
    expect(of('turn-start')[0]?.messageId).toBe(message.id)
    const streamed = of('turn-token').map((e) => e.chunk).join('')
    expect(streamed).toBe('You said: hello there')
    // Tokens cross in batches, not one bridge message per token.
    expect(batches.length).toBeLessThan(of('turn-token').length + of('message').length + of('link-status').length)
  })

  it('reports a wrong token as auth-failed, and a corrected token reconnects', async () => {
    const server = await fakeServer()
    const dataDir = await tempDir()
    const { call, of } = await startCore({ dataDir, transport: 'web' })
    await call('updateSettings', { server: { mode: 'custom', url: server.url } })
    await call('setToken', { token: 'wrong' })
    // First "No token set" (custom server, no token yet), then the server's refusal of the wrong one.
    await vi.waitFor(
      () => expect(of('link-status').at(-1)?.status).toMatchObject({ state: 'auth-failed', reason: expect.stringMatching(/refused the token/) }),
      { timeout: 10_000 },
    )

    const view = (await call('setToken', { token: 'test-token' })) as { hasToken: boolean }
    expect(view.hasToken).toBe(true)
    await vi.waitFor(() => expect(of('link-status').at(-1)?.status.state).toBe('ready'), { timeout: 10_000 })
    // The token never comes back to the renderer, in any response or event.
    const snapshot = await call('getSnapshot')
    expect(JSON.stringify(snapshot)).not.toContain('test-token')
    expect(JSON.stringify(of('settings'))).not.toContain('test-token')
    // …and is not in the settings file either.
    expect(await readFile(join(dataDir, 'settings.json'), 'utf8')).not.toContain('test-token')
  })

  it('keeps a message typed while the server is down and delivers it once when it is back', async () => {
    const server = await fakeServer()
    const { call, of, waitReady } = await startCore({
      dataDir: await tempDir(),
      transport: 'web',
      overrides: { serverUrl: server.url, token: 'test-token' },
    })
    await waitReady()
    await server.stop()
    await vi.waitFor(() => expect(of('link-status').some((e) => e.status.state === 'reconnecting')).toBe(true), { timeout: 10_000 })
    const message = (await call('sendMessage', { text: 'typed offline' })) as { state: string }
    expect(message.state).toBe('queued')
    await server.restart()
    await vi.waitFor(() => expect(of('turn-end').map((e) => e.content)).toContain('You said: typed offline'), { timeout: 15_000 })
    const sent = server.received.filter((r) => r.frame.type === 'chat_message' && r.frame.content === 'typed offline')
    expect(sent).toHaveLength(1)
  })

  it('rejects invalid commands with a clear error and changes nothing', async () => {
    const server = await fakeServer()
    const { core } = await startCore({
      dataDir: await tempDir(),
      transport: 'web',
      overrides: { serverUrl: server.url, token: 'test-token' },
    })
    expect(await dispatchCommand(core.handlers, 'sendMessage', { text: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    })
    expect(await dispatchCommand(core.handlers, 'updateSettings', { historyLimit: 0 })).toMatchObject({ ok: false })
    expect(await dispatchCommand(core.handlers, 'nope', {})).toMatchObject({ ok: false, error: { code: 'unknown-command' } })
  })
})

describe('MiraCore with the built-in companion server', () => {
  it('starts the companion, connects without a typed token, and chats offline', async () => {
    const { call, of, waitReady } = await startCore({ dataDir: await tempDir(), transport: 'web' })
    await waitReady()
    expect(of('link-status').at(-1)?.status.serverKind).toBe('builtin')
    expect(((await call('getSettings')) as { startedWith?: unknown }).startedWith).toBeUndefined()
    await call('sendMessage', { text: 'hello' })
    await vi.waitFor(() => expect(of('turn-end')).toHaveLength(1), { timeout: 15_000 })
    expect(of('turn-end')[0]?.content).toMatch(/offline/i)
    const { backgrounds } = (await call('fetchBackgrounds')) as { backgrounds: { url: string }[] }
    expect(backgrounds.length).toBeGreaterThan(0)
    for (const background of backgrounds) expect(background.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/bg\//)
  })

  it('lists the offline voices and speaks a sample in one at a rate, while another server is in use too', async () => {
    const server = await fakeServer()
    const { call } = await startCore({ dataDir: await tempDir(), transport: 'web', overrides: { serverUrl: server.url, token: 'test-token' } })
    const { voices } = (await call('listOfflineVoices')) as { voices: { id: string; name: string }[] }
    expect(voices).toContainEqual({ id: 'ko', name: 'Korean' })
    const sample = async (voice: string, rate: number) =>
      ((await call('testOfflineVoice', { voice, rate, text: 'Hello, this is my voice.' })) as { audio: Uint8Array; mimeType: string })
    const slow = await sample('en-gb', 100)
    const fast = await sample('en-gb', 300)
    expect(slow.mimeType).toBe('audio/wav')
    expect(slow.audio.length).toBeGreaterThan(fast.audio.length * 2)
    expect(Buffer.from((await sample('de', 300)).audio).equals(Buffer.from(fast.audio))).toBe(false)
    await expect(call('testOfflineVoice', { voice: 'en us', rate: 175, text: 'x' })).rejects.toThrow(/invalid-request/)
  }, 60_000)

  it('answers through the OpenAI-compatible endpoint set in the settings, with tool calls', async () => {
    const llm = await FakeOpenAiServer.start({ models: ['tiny'] })
    cleanups.push(() => llm.close())
    const { call, of, waitReady } = await startCore({ dataDir: await tempDir(), transport: 'web' })
    await waitReady()
    const before = of('link-status').at(-1)?.status.serverUrl
    await call('setCompanionApiKey', { apiKey: 'sk-local', baseUrl: llm.baseUrl })
    const view = (await call('updateSettings', { companion: { llmBaseUrl: llm.baseUrl, llmModel: 'tiny' } })) as {
      hasCompanionApiKey: boolean
    }
    expect(view.hasCompanionApiKey).toBe(true)
    expect(JSON.stringify(view)).not.toContain('sk-local')
    await waitReady()
    llm.enqueue(
      { kind: 'tools', calls: [{ name: 'calculator', args: ['{"expression":', '"2+3*4"}'] }] },
      { kind: 'text', deltas: ['It is ', '14.'] },
    )
    await call('sendMessage', { text: 'what is 2+3*4?' })
    await vi.waitFor(() => expect(of('turn-end')).toHaveLength(1), { timeout: 15_000 })
    expect(of('turn-end')[0]?.content).toBe('It is 14.')
    // The restarted companion kept its port, so URLs and the page's CSP stay valid.
    expect(of('link-status').at(-1)?.status.serverUrl).toBe(before)
    expect(of('turn-tool-call')[0]).toMatchObject({ toolName: 'calculator', args: { expression: '2+3*4' } })
    expect(JSON.stringify(of('turn-tool-result')[0]?.result)).toContain('14')
    const request = llm.chatRequests()[0]
    expect(request?.headers.authorization).toBe('Bearer sk-local')
    expect(request?.body).toMatchObject({ model: 'tiny' })
  })

  it('sends the API key only to the endpoint it was saved for', async () => {
    const first = await FakeOpenAiServer.start({ models: ['tiny'] })
    const other = await FakeOpenAiServer.start({ models: ['tiny'] })
    cleanups.push(() => first.close(), () => other.close())
    const { call, of, waitReady } = await startCore({ dataDir: await tempDir(), transport: 'web' })
    await waitReady()
    await expect(call('setCompanionApiKey', { apiKey: 'sk-bound' })).rejects.toThrow(/needs the address of the endpoint/)
    await call('setCompanionApiKey', { apiKey: 'sk-bound', baseUrl: first.baseUrl })
    await call('updateSettings', { companion: { llmBaseUrl: first.baseUrl, llmModel: 'tiny' } })
    await waitReady()
    await call('sendMessage', { text: 'one' })
    await vi.waitFor(() => expect(of('turn-end')).toHaveLength(1), { timeout: 15_000 })
    expect(first.chatRequests()[0]?.headers.authorization).toBe('Bearer sk-bound')

    const view = (await call('updateSettings', { companion: { llmBaseUrl: other.baseUrl } })) as { hasCompanionApiKey: boolean }
    expect(view.hasCompanionApiKey).toBe(false)
    await waitReady()
    await call('sendMessage', { text: 'two' })
    await vi.waitFor(() => expect(of('turn-end')).toHaveLength(2), { timeout: 15_000 })
    expect(other.chatRequests()).toHaveLength(1)
    expect(other.chatRequests()[0]?.headers.authorization).toBeUndefined()

    const back = (await call('updateSettings', { companion: { llmBaseUrl: first.baseUrl } })) as { hasCompanionApiKey: boolean }
    expect(back.hasCompanionApiKey).toBe(true)
  })

  it('speaks at the rate set in the settings', async () => {
    const { call, waitReady } = await startCore({ dataDir: await tempDir(), transport: 'web' })
    await waitReady()
    const text = 'Hello there, this sentence measures how fast the offline voice speaks.'
    const audioBytes = async () => ((await call('synthesize', { text })) as { audio: Uint8Array }).audio.length
    const normal = await audioBytes()
    await call('updateSettings', { companion: { ttsRate: 400 } })
    await waitReady()
    const fast = await audioBytes()
    // Same text, same format: a faster voice makes a shorter (smaller) WAV.
    expect(fast).toBeLessThan(normal * 0.75)
    const refused = await dispatchCommand((await startCore({ dataDir: await tempDir(), transport: 'web' })).core.handlers, 'updateSettings', {
      companion: { ttsRate: 20 },
    })
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('At least 80 words per minute') } })
  })

  it('refuses an endpoint without a model, with a message for the field', async () => {
    const { core } = await startCore({ dataDir: await tempDir(), transport: 'web' })
    const result = await dispatchCommand(core.handlers, 'updateSettings', { companion: { llmBaseUrl: 'http://127.0.0.1:1/v1' } })
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: expect.stringContaining('Name the model'),
        textCode: 'settingsModelNeeded',
        params: { path: 'companion.llmModel', detail: 'Name the model to use with this endpoint' },
      },
    })
  })

  it('names the cause and the fix when the companion cannot start', async () => {
    const { of, call } = await startCore({
      dataDir: await tempDir(),
      transport: 'web',
      startCompanion: async () => {
        throw Object.assign(new Error('Port 5500 is already in use'), { hint: 'choose another port' })
      },
    })
    const snapshot = (await call('getSnapshot')) as { status: { state: string; reason: string; reasonCode?: string; reasonParams?: unknown } }
    expect(snapshot.status.state).toBe('offline')
    expect(snapshot.status.reason).toContain('Port 5500 is already in use — choose another port')
    expect(snapshot.status).toMatchObject({ reasonCode: 'builtinFailed', reasonParams: { error: 'Port 5500 is already in use — choose another port' } })
    // A message typed now is kept, not dropped.
    const message = (await call('sendMessage', { text: 'still here' })) as { state: string }
    expect(message.state).toBe('queued')
    await vi.waitFor(() => expect(of('message').some((e) => e.message.text === 'still here')).toBe(true), { timeout: 5_000 })
  })
})

describe('MiraCore in web mode on the Electron app\'s data dir', () => {
  it('keeps the app\'s encrypted secrets and tells the user they are unavailable here', async () => {
    const server = await fakeServer()
    const dataDir = await tempDir()
    const sealed = { version: 1, encoding: 'safe-storage:gnome_libsecret', secrets: { 'server-token': 'c2VhbGVk', 'companion-api-key': 'a2V5' } }
    await writeFile(join(dataDir, 'secrets.json'), JSON.stringify(sealed))
    const { call, of, waitReady } = await startCore({ dataDir, transport: 'web', overrides: { serverUrl: server.url, token: 'test-token' } })
    await waitReady()
    expect(of('notice').map((n) => n.text)).toContain(
      'Saved secrets stored by another storage are unavailable in this mode (kept for it): server-token (safe-storage:gnome_libsecret), companion-api-key (safe-storage:gnome_libsecret)',
    )
    await call('setCompanionApiKey', { apiKey: 'sk-web', baseUrl: 'http://127.0.0.1:1/v1' })
    const onDisk = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as { others?: Record<string, unknown> }
    expect(onDisk.others?.['safe-storage:gnome_libsecret']).toEqual(sealed.secrets)
  })
})

describe('MiraCore with a settings file it cannot use', () => {
  it('starts when settings.json is a directory, and says changes are not saved', async () => {
    const server = await fakeServer()
    const dataDir = await tempDir()
    await mkdir(join(dataDir, 'settings.json'))
    const { of, waitReady } = await startCore({ dataDir, transport: 'web', overrides: { serverUrl: server.url, token: 'test-token' } })
    await waitReady()
    expect(of('notice').map((n) => n.text).join('\n')).toMatch(/settings\.json cannot be read \(EISDIR.*defaults are in use, and changes are not saved\./)
  })
})

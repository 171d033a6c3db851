import { describe, expect, it } from 'vitest'
import { EVENTS_CHANNEL, HOST_COMMAND_NAMES, commandChannel, type HostCommandName } from '../../src/shared/host/channels'
import { HostError, type HostEvent, type HostEventListener, type HostHandlers } from '../../src/shared/host'
import type { HostCore } from '../../src/main/core/host/dispatch'
import {
  registerIpcGateway,
  senderProblem,
  type FrameLike,
  type InvokeEventLike,
  type IpcMainLike,
  type MainContentsLike,
} from '../../src/main/shell/ipc-gateway'

const APP_URL = 'file:///opt/mira/out/renderer/index.html'
const isAppUrl = (url: string): boolean => url === APP_URL

const unused = async (): Promise<never> => {
  throw new HostError('internal', 'not used in this test')
}

function fakeCore() {
  const interrupts: unknown[] = []
  const listeners = new Set<HostEventListener>()
  const handlers: HostHandlers = {
    getAppInfo: async () => ({ name: 'Mira', version: '0.1.0', transport: 'electron', platform: 'linux', dataDir: '/data' }),
    getSnapshot: unused,
    retryConnection: unused,
    sendMessage: async () => {
      throw new HostError('not-ready', 'The link is down')
    },
    interrupt: async (request) => {
      interrupts.push(request)
      return { ok: true }
    },
    retryMessage: unused,
    discardMessage: unused,
    getSettings: unused,
    updateSettings: unused,
    resetSettings: unused,
    setToken: unused,
    transcribe: unused,
    setSttApiKey: unused,
    setGlobalPushToTalk: unused,
    listWhisperModels: unused,
    downloadWhisperModel: unused,
    cancelWhisperModelDownload: unused,
    removeWhisperModel: unused,
    getSttStatus: unused,
    testStt: unused,
    setCompanionApiKey: unused,
    setServerApiKey: unused,
    fetchBackgrounds: unused,
    fetchAvatarConfigs: unused,
    switchAvatarConfig: unused,
    synthesize: unused,
    cancelSynthesis: unused,
    listConversations: unused,
    loadConversation: unused,
    renameConversation: unused,
    deleteConversation: unused,
    restoreConversation: unused,
    openExternal: unused,
    addBackground: unused,
    listLocalBackgrounds: unused,
    removeBackground: unused,
    testConnection: unused,
    listCharacters: unused,
    addCharacter: unused,
    removeCharacter: unused,
    chooseCharacter: unused,
    setLive2dRuntime: unused,
    listOfflineVoices: unused,
    testOfflineVoice: unused,
    setCharacterSettings: unused,
    setCharacterThumbnail: unused,
  }
  const core: HostCore = {
    handlers,
    onEvents: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
  const emit = (batch: HostEvent[]): void => {
    for (const listener of listeners) listener(batch)
  }
  return { core, interrupts, listeners, emit }
}

function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>()
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, listener)
    },
    removeHandler: (channel) => handlers.delete(channel),
  }
  return { ipcMain, handlers }
}

function fakeContents(url = APP_URL) {
  const sent: Array<{ channel: string; args: unknown[] }> = []
  const contents: MainContentsLike & { url: string; destroyed: boolean } = {
    url,
    destroyed: false,
    send: (channel, ...args) => sent.push({ channel, args }),
    getURL: () => contents.url,
    isDestroyed: () => contents.destroyed,
  }
  return { contents, sent }
}

const top = (url = APP_URL): FrameLike => ({ url, parent: null })

function setup() {
  const core = fakeCore()
  const ipc = fakeIpcMain()
  const main = fakeContents()
  const logs: string[] = []
  let window: MainContentsLike | undefined = main.contents
  const dispose = registerIpcGateway({
    ipcMain: ipc.ipcMain,
    core: core.core,
    mainContents: () => window,
    isAppUrl,
    log: (line) => logs.push(line),
  })
  const invoke = (name: HostCommandName, event: InvokeEventLike, request?: unknown): Promise<unknown> => {
    const handler = ipc.handlers.get(commandChannel(name))
    if (!handler) throw new Error(`no handler for ${name}`)
    return Promise.resolve(handler(event, request))
  }
  return { ...core, ...ipc, main, logs, dispose, invoke, closeWindow: () => (window = undefined) }
}

describe('senderProblem', () => {
  const { contents } = fakeContents()
  it('trusts only the top frame of the main window showing our page', () => {
    expect(senderProblem({ sender: contents, senderFrame: top() }, contents, isAppUrl)).toBeUndefined()
    expect(senderProblem({ sender: fakeContents().contents, senderFrame: top() }, contents, isAppUrl)).toBe('not the main window')
    expect(senderProblem({ sender: contents, senderFrame: top() }, undefined, isAppUrl)).toBe('not the main window')
    expect(senderProblem({ sender: contents, senderFrame: null }, contents, isAppUrl)).toBe('the sending frame is gone')
    expect(senderProblem({ sender: contents, senderFrame: { url: APP_URL, parent: top() } }, contents, isAppUrl)).toBe('not the top frame')
    expect(senderProblem({ sender: contents, senderFrame: top('https://evil.example/') }, contents, isAppUrl)).toMatch(/not the app's page/)
  })
})

describe('registerIpcGateway', () => {
  it('registers one handler per command channel', () => {
    const { handlers } = setup()
    expect([...handlers.keys()].sort()).toEqual(HOST_COMMAND_NAMES.map((name) => commandChannel(name)).sort())
  })

  it('dispatches a trusted call and answers with the envelope', async () => {
    const { invoke, main, interrupts } = setup()
    const event = { sender: main.contents, senderFrame: top() }
    await expect(invoke('getAppInfo', event)).resolves.toEqual({
      ok: true,
      response: { name: 'Mira', version: '0.1.0', transport: 'electron', platform: 'linux', dataDir: '/data' },
    })
    await expect(invoke('interrupt', event, { turnId: 't-1' })).resolves.toEqual({ ok: true, response: { ok: true } })
    expect(interrupts).toEqual([{ turnId: 't-1' }])
  })

  it('validates requests and carries host errors in the envelope', async () => {
    const { invoke, main, interrupts } = setup()
    const event = { sender: main.contents, senderFrame: top() }
    await expect(invoke('interrupt', event, { turnId: 't-1', extra: 'field' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    })
    await expect(invoke('sendMessage', event, { text: 'hello' })).resolves.toEqual({
      ok: false,
      error: { code: 'not-ready', message: 'The link is down' },
    })
    expect(interrupts).toEqual([])
  })

  it('refuses and logs calls from anything but our page, without running the handler', async () => {
    const { invoke, main, interrupts, logs, closeWindow } = setup()
    const refused = { ok: false, error: { code: 'refused' } }
    await expect(invoke('interrupt', { sender: main.contents, senderFrame: top('https://evil.example/') })).resolves.toMatchObject(refused)
    await expect(invoke('interrupt', { sender: main.contents, senderFrame: { url: APP_URL, parent: top() } })).resolves.toMatchObject(refused)
    await expect(invoke('interrupt', { sender: fakeContents().contents, senderFrame: top() })).resolves.toMatchObject(refused)
    closeWindow()
    await expect(invoke('interrupt', { sender: main.contents, senderFrame: top() })).resolves.toMatchObject(refused)
    expect(interrupts).toEqual([])
    expect(logs).toHaveLength(4)
    expect(logs[0]).toMatch(/refused interrupt: not the app's page \(https:\/\/evil\.example\/\)/)
  })

  it('sends event batches to our page only', () => {
    const { emit, main } = setup()
    const batch: HostEvent[] = [{ type: 'turn-token', turnId: 't', chunk: 'Hi' }]
    emit(batch)
    expect(main.sent).toEqual([{ channel: EVENTS_CHANNEL, args: [batch] }])
    main.contents.url = 'https://evil.example/'
    emit(batch)
    main.contents.url = APP_URL
    main.contents.destroyed = true
    emit(batch)
    expect(main.sent).toHaveLength(1)
  })

  it('undoes everything on dispose', () => {
    const { dispose, handlers, listeners } = setup()
    dispose()
    expect(handlers.size).toBe(0)
    expect(listeners.size).toBe(0)
  })
})

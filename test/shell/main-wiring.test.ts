/**
 * Runs `src/main/index.ts` — the real core, companion server and shell modules — against a fake
 * `electron` module: the nearest this machine (no Electron binary) gets to starting the app.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { EVENTS_CHANNEL, commandChannel } from '../../src/shared/host/channels'
import { makeVrm } from '../support/vrm-fixture'

vi.mock('electron', () => import('./fixtures/fake-electron'))
const fake = await import('./fixtures/fake-electron')

const APP_URL = pathToFileURL(resolve('src/renderer/index.html')).toString()
let dataDir: string
const previousDataDir = process.env.MIRA_DATA_DIR
const previousSession = process.env.XDG_SESSION_TYPE

/** Polls `check`; the bound (about a minute) is a last resort for a machine at any load. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2_400; i++) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

describe('the main process wiring (fake electron)', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mira-main-'))
    process.env.MIRA_DATA_DIR = dataDir
    // A Wayland session: system-wide push-to-talk falls back to a global shortcut (no key hook is loaded).
    process.env.XDG_SESSION_TYPE = 'wayland'
    await import('../../src/main/index')
    for (const ready of fake.state.readyResolvers) ready()
    await until(() => fake.FakeBrowserWindow.created.length === 1, 'the main window')
  })

  afterAll(async () => {
    if (previousDataDir === undefined) delete process.env.MIRA_DATA_DIR
    else process.env.MIRA_DATA_DIR = previousDataDir
    if (previousSession === undefined) delete process.env.XDG_SESSION_TYPE
    else process.env.XDG_SESSION_TYPE = previousSession
    await rm(dataDir, { recursive: true, force: true })
  })

  const window = () => {
    const created = fake.FakeBrowserWindow.created[0]
    if (!created) throw new Error('no window')
    return created
  }
  const trusted = () => ({ sender: window().webContents, senderFrame: { url: APP_URL, parent: null } })
  const invoke = async (name: Parameters<typeof commandChannel>[0], event: unknown, request?: unknown) => {
    const handler = fake.state.ipcHandlers.get(commandChannel(name))
    if (!handler) throw new Error(`no handler for ${name}`)
    return handler(event, request)
  }

  it('puts userData in the data dir and asks for the single-instance lock', () => {
    expect(fake.app.paths.get('userData')).toBe(dataDir)
    expect(fake.app.name).toBe('Mira')
    expect(fake.app.listeners.has('second-instance')).toBe(true)
  })

  it('opens a hidden, sandboxed window with the preload, loading the built page', () => {
    const { options } = window()
    expect(options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false },
    })
    expect((options.webPreferences as { preload: string }).preload).toBe(resolve('src/preload/index.cjs'))
    expect(window().webContents.url).toBe(APP_URL)
    window().emit('ready-to-show')
    expect(window().shown).toBe(true)
  })

  it('serves host commands from the real core to our page only', async () => {
    await expect(invoke('getAppInfo', trusted())).resolves.toMatchObject({
      ok: true,
      response: { name: expect.any(String), transport: 'electron', dataDir },
    })
    await expect(invoke('getAppInfo', { ...trusted(), senderFrame: { url: 'https://evil.example/', parent: null } })).resolves.toMatchObject({
      ok: false,
      error: { code: 'refused' },
    })
  })

  it('hands a confirmed link to the system browser, and refuses anything but http(s) and mailto', async () => {
    await expect(invoke('openExternal', trusted(), { url: 'https://example.com/guide' })).resolves.toEqual({ ok: true, response: { opened: true } })
    await expect(invoke('openExternal', trusted(), { url: 'file:///etc/passwd' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    expect(fake.state.openedExternal).toEqual(['https://example.com/guide'])
  })

  it("serves the user's backgrounds over its own mira-bg: scheme, and the CSP allows exactly that scheme for images", async () => {
    expect(fake.state.privilegedSchemes).toEqual([
      { scheme: 'mira-bg', privileges: { standard: true, secure: true } },
      { scheme: 'mira-character', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
    ])
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    const added = await invoke('addBackground', trusted(), { name: 'beach.png', data: png.toString('base64') })
    const url = (added as { response: { url: string } }).response.url
    expect(url).toMatch(/^mira-bg:\/\/local\/[a-f0-9]{32}\.png$/)
    const handler = fake.state.protocolHandlers.get('mira-bg')
    if (!handler) throw new Error('no mira-bg handler')
    const response = await handler(new Request(url))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await response.arrayBuffer())).toEqual(png)
    for (const other of ['mira-bg://local/../settings.json', 'mira-bg://local/settings.json', url.replace('local', 'other')]) {
      expect((await handler(new Request(other))).status).toBe(404)
    }
    const responses: unknown[] = []
    fake.state.headersListener?.({ responseHeaders: {} }, (r) => responses.push(r))
    const csp = (responses[0] as { responseHeaders: Record<string, string[]> }).responseHeaders['Content-Security-Policy']?.[0] ?? ''
    expect(csp).toMatch(/img-src [^;]* mira-bg:( |;|$)/)
    expect(csp).not.toMatch(/(media|connect|script)-src [^;]*mira-bg/)
  })

  it("serves the user's characters over mira-character:, to the page's loaders (CORS), and the CSP allows it for models and the Live2D runtime", async () => {
    const vrm = makeVrm({ version: '1.0' })
    const added = await invoke('addCharacter', trusted(), { name: 'Alice.vrm', data: Buffer.from(vrm).toString('base64') })
    const url = (added as { response: { url: string } }).response.url
    expect(url).toMatch(/^mira-character:\/\/local\/[a-f0-9]{32}\.vrm$/)
    const handler = fake.state.protocolHandlers.get('mira-character')
    if (!handler) throw new Error('no mira-character handler')
    const response = await handler(new Request(url))
    expect(response.status).toBe(200)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(Buffer.from(await response.arrayBuffer()).length).toBe(vrm.length)
    for (const other of ['mira-character://local/../settings.json', 'mira-character://local/index.json', url.replace('local', 'other')]) {
      expect((await handler(new Request(other))).status).toBe(404)
    }
    const responses: unknown[] = []
    fake.state.headersListener?.({ responseHeaders: {} }, (r) => responses.push(r))
    const csp = (responses[0] as { responseHeaders: Record<string, string[]> }).responseHeaders['Content-Security-Policy']?.[0] ?? ''
    for (const directive of ['script', 'connect', 'img']) expect(csp).toMatch(new RegExp(`${directive}-src [^;]*mira-character:`))
  })

  it('sends core events to the window', async () => {
    await invoke('retryConnection', trusted())
    await until(() => window().webContents.sent.some((m) => m.channel === EVENTS_CHANNEL), 'an event batch')
  })

  it('sets a CSP naming the built-in server, and grants only the microphone', async () => {
    const responses: unknown[] = []
    fake.state.headersListener?.({ responseHeaders: {} }, (response) => responses.push(response))
    const csp = (responses[0] as { responseHeaders: Record<string, string[]> }).responseHeaders['Content-Security-Policy']?.[0] ?? ''
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' mira-character:(;|$)/)
    expect(csp).toMatch(/img-src 'self' data: blob: http:\/\/127\.0\.0\.1:\d+/)
    const granted: boolean[] = []
    fake.state.permissionRequest?.(null, 'media', (g: boolean) => granted.push(g), { requestingUrl: APP_URL, mediaTypes: ['audio'] })
    fake.state.permissionRequest?.(null, 'geolocation', (g: boolean) => granted.push(g), { requestingUrl: APP_URL })
    expect(granted).toEqual([true, false])
  })

  it('guards every new webContents', () => {
    const contents = new fake.FakeWebContents()
    fake.app.emit('web-contents-created', {}, contents)
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    let prevented = false
    contents.emit('will-navigate', { url: 'https://example.com/', preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
  })

  type Item = MenuItemConstructorOptions
  const click = (items: unknown, label: string): void => {
    const search = (list: Item[]): Item | undefined => {
      for (const item of list) {
        const found = item.label === label ? item : Array.isArray(item.submenu) ? search(item.submenu) : undefined
        if (found) return found
      }
      return undefined
    }
    const item = search(items as Item[])
    if (!item?.click) throw new Error(`no menu item ${label}`)
    ;(item.click as () => void)()
  }
  const sentEvents = (): unknown[] =>
    window()
      .webContents.sent.filter((m) => m.channel === EVENTS_CHANNEL)
      .flatMap((m) => m.args[0] as unknown[])

  it('menu commands reach the page as app-command events', async () => {
    click(fake.state.menuTemplate, 'New Conversation')
    click(fake.state.menuTemplate, 'Settings…')
    await until(() => sentEvents().filter((e) => (e as { type: string }).type === 'app-command').length === 2, 'two app commands')
    expect(sentEvents().filter((e) => (e as { type: string }).type === 'app-command')).toEqual([
      { type: 'app-command', command: 'new-conversation' },
      { type: 'app-command', command: 'open-settings' },
    ])
    click(fake.state.menuTemplate, 'Open Data Folder')
    await until(() => fake.state.openedPaths.length === 1, 'the data folder to open')
    expect(fake.state.openedPaths).toEqual([dataDir])
    expect(fake.state.aboutOptions).toMatchObject({ applicationName: 'Mira', applicationVersion: '0.1.0-test' })
  })

  it('system-wide push-to-talk: on Wayland a global shortcut toggles; its press and a screen lock reach the page', async () => {
    expect(fake.globalShortcut.registered.size).toBe(0)
    await expect(invoke('setGlobalPushToTalk', trusted(), { key: 'F8' })).resolves.toEqual({ ok: true, response: { mode: 'toggle', key: 'F8', reason: 'wayland' } })
    await expect(invoke('setGlobalPushToTalk', trusted(), { key: 'Delete' })).resolves.toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    const pushes = () => sentEvents().filter((e) => (e as { type: string }).type === 'push-to-talk')
    fake.globalShortcut.registered.get('F8')?.()
    await until(() => pushes().length === 1, 'the press')
    // The screen locks while talking: the talk is let go (its second press may never come).
    fake.powerMonitor.emit('lock-screen')
    await until(() => pushes().length === 2, 'the release')
    expect(pushes()).toEqual([
      { type: 'push-to-talk', action: 'press' },
      { type: 'push-to-talk', action: 'release' },
    ])
    await expect(invoke('setGlobalPushToTalk', trusted(), { key: null })).resolves.toEqual({ ok: true, response: { mode: 'off' } })
    expect(fake.globalShortcut.registered.size).toBe(0)
  })

  it('has a tray icon whose menu hides and shows the window', () => {
    const tray = fake.FakeTray.created[0]
    if (!tray) throw new Error('no tray')
    expect(tray.image).toBe(resolve('resources', process.platform === 'darwin' ? 'icon-16.png' : 'icon-32.png'))
    expect(tray.tooltip).toBe('Mira')
    click(tray.menu, 'Hide Mira')
    expect(window().shown).toBe(false)
    click(tray.menu, 'Show Mira')
    expect(window().shown).toBe(true)
    expect((tray.menu as Item[]).map((item) => item.label ?? item.type)).toEqual(['Hide Mira', 'New Conversation', 'separator', 'Quit Mira'])
  })

  it('notifies of an answer that finished while the window was hidden; a click shows the window', async () => {
    const tray = fake.FakeTray.created[0]
    click(tray?.menu, 'Hide Mira')
    await expect(invoke('sendMessage', trusted(), { text: 'hello' })).resolves.toMatchObject({ ok: true })
    await until(() => fake.FakeNotification.created.length > 0, 'a notification')
    const notification = fake.FakeNotification.created[0]
    expect(notification?.shown).toBe(true)
    expect(notification?.options.title).toBe('Mira')
    // The demo brain's long greeting: without its emotion tags, shortened.
    expect(notification?.options.body).toMatch(/^Hi, nice to meet you! [^[\]]+…$/)
    expect(notification?.options.body.length).toBeLessThanOrEqual(140)
    notification?.emit('click')
    await until(() => window().shown, 'the window to show')
    expect(window().focused).toBe(true)
  })

  it('speaks a newly chosen language at once: the menu and the tray menu are rebuilt', async () => {
    expect((fake.state.menuTemplate as Item[]).map((item) => item.label)[0]).toBe(process.platform === 'darwin' ? 'Mira' : 'File')
    await expect(invoke('updateSettings', trusted(), { language: 'ko' })).resolves.toMatchObject({ ok: true })
    await until(() => (fake.state.menuTemplate as Item[]).some((item) => item.label === '파일'), 'the Korean menu')
    expect((fake.state.menuTemplate as Item[]).map((item) => item.label)).toEqual([
      ...(process.platform === 'darwin' ? ['Mira'] : []),
      '파일',
      '편집',
      '보기',
      '창',
      '도움말',
    ])
    const tray = fake.FakeTray.created[0]
    expect((tray?.menu as Item[]).map((item) => item.label ?? item.type)).toEqual(['Mira 숨기기', '새 대화', 'separator', 'Mira 종료'])
    // The translated items still do their work.
    click(fake.state.menuTemplate, '설정…')
    await until(() => sentEvents().filter((e) => (e as { type: string }).type === 'app-command').length === 3, 'a third app command')
    expect(sentEvents().at(-1)).toEqual({ type: 'app-command', command: 'open-settings' })
  })

  it('on quit: closes the core before quitting for real, and saves the window bounds', async () => {
    let prevented = 0
    fake.app.emit('before-quit', { preventDefault: () => prevented++ })
    expect(prevented).toBe(1)
    expect(fake.state.ipcHandlers.size).toBe(0)
    await until(() => fake.state.quitCalls === 1, 'app.quit()')
    // The second before-quit (from that quit) goes through.
    fake.app.emit('before-quit', { preventDefault: () => prevented++ })
    expect(prevented).toBe(1)
    expect(fake.FakeTray.created[0]?.destroyed).toBe(true)
    window().emit('close')
    const saved = JSON.parse(await readFile(join(dataDir, 'window-state.json'), 'utf8')) as unknown
    expect(saved).toEqual({
      version: 2,
      entries: [
        {
          bounds: { x: 10, y: 20, width: 900, height: 700 },
          maximized: false,
          display: { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
          savedAt: expect.any(Number),
        },
      ],
    })
    expect(fake.state.exitCodes).toEqual([])
    expect(fake.state.errorBoxes).toEqual([])
  })
})

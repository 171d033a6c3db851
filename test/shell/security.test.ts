import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  allowPermission,
  guardWebContents,
  installSessionPolicy,
  secureWebPreferences,
  withCsp,
  type GuardedContents,
  type PolicySession,
} from '../../src/main/shell/window/security'

const APP = 'file:///opt/mira/out/renderer/index.html'
const isAppUrl = (url: string): boolean => url.split('#')[0] === APP

type Handler = (event: { url: string; preventDefault(): void }) => void

/** A webContents stand-in that records the handlers the guard installs. */
function fakeContents() {
  const handlers = new Map<string, Handler>()
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined
  const contents: GuardedContents = {
    setWindowOpenHandler: (handler) => {
      openHandler = handler
    },
    on: (event: string, listener: Handler) => handlers.set(event, listener),
  }
  /** Fires an event; returns whether the guard prevented it. */
  const fire = (name: string, url?: string): boolean => {
    let prevented = false
    handlers.get(name)?.({ url: url ?? '', preventDefault: () => (prevented = true) })
    return prevented
  }
  return { contents, fire, open: (url: string) => openHandler?.({ url }) }
}

describe('guardWebContents', () => {
  const setup = () => {
    const logs: string[] = []
    const fake = fakeContents()
    guardWebContents(fake.contents, { isAppUrl, log: (line) => logs.push(line) })
    return { ...fake, logs }
  }

  it('denies every new window and logs it', () => {
    const { open, logs } = setup()
    expect(open('https://example.com/')).toEqual({ action: 'deny' })
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' })
    expect(logs).toEqual([
      'security: blocked a new window: https://example.com/',
      'security: blocked a new window: file:///etc/passwd',
    ])
  })

  it('lets navigation and redirects stay on our page only', () => {
    const { fire, logs } = setup()
    expect(fire('will-navigate', `${APP}#/chat`)).toBe(false)
    expect(fire('will-navigate', 'https://example.com/')).toBe(true)
    expect(fire('will-redirect', 'https://example.com/')).toBe(true)
    expect(fire('will-redirect', APP)).toBe(false)
    expect(fire('will-navigate', 'file:///home/user/.ssh/id_rsa')).toBe(true)
    expect(logs).toHaveLength(3)
  })

  it('refuses every <webview>', () => {
    const { fire } = setup()
    expect(fire('will-attach-webview')).toBe(true)
  })
})

describe('permissions', () => {
  it('grants the microphone to our page and nothing else', () => {
    expect(allowPermission('media', APP, ['audio'], isAppUrl)).toBe(true)
    expect(allowPermission('media', APP, ['audio', 'video'], isAppUrl)).toBe(false)
    expect(allowPermission('media', APP, ['video'], isAppUrl)).toBe(false)
    expect(allowPermission('media', APP, [], isAppUrl)).toBe(false)
    expect(allowPermission('media', APP, undefined, isAppUrl)).toBe(false)
    expect(allowPermission('media', 'https://example.com/', ['audio'], isAppUrl)).toBe(false)
    expect(allowPermission('media', undefined, ['audio'], isAppUrl)).toBe(false)
    for (const other of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'openExternal']) {
      expect(allowPermission(other, APP, ['audio'], isAppUrl)).toBe(false)
    }
  })
})

describe('installSessionPolicy', () => {
  function fakeSession() {
    const installed: {
      headers?: Parameters<PolicySession['webRequest']['onHeadersReceived']>[0]
      request?: Parameters<PolicySession['setPermissionRequestHandler']>[0]
      check?: Parameters<PolicySession['setPermissionCheckHandler']>[0]
    } = {}
    const session: PolicySession = {
      webRequest: { onHeadersReceived: (listener) => (installed.headers = listener) },
      setPermissionRequestHandler: (handler) => (installed.request = handler),
      setPermissionCheckHandler: (handler) => (installed.check = handler),
    }
    return { session, installed }
  }

  it('puts the current CSP on every response and decides permissions', () => {
    const { session, installed } = fakeSession()
    let csp = "default-src 'self'"
    const logs: string[] = []
    installSessionPolicy(session, { csp: () => csp, isAppUrl, log: (line) => logs.push(line) })

    const responses: unknown[] = []
    installed.headers?.({ responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': ['default-src *'] } }, (r) => responses.push(r))
    csp = "default-src 'none'"
    installed.headers?.({}, (r) => responses.push(r))
    expect(responses).toEqual([
      { responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] } },
      { responseHeaders: { 'Content-Security-Policy': ["default-src 'none'"] } },
    ])

    const granted: boolean[] = []
    installed.request?.(null, 'media', (g) => granted.push(g), { requestingUrl: APP, mediaTypes: ['audio'] })
    installed.request?.(null, 'geolocation', (g) => granted.push(g), { requestingUrl: APP })
    expect(granted).toEqual([true, false])
    expect(logs).toEqual([`security: denied permission geolocation to ${APP}`])

    expect(installed.check?.(null, 'media', 'file://', { requestingUrl: APP, mediaType: 'audio' })).toBe(true)
    expect(installed.check?.(null, 'media', 'file://', { requestingUrl: APP, mediaType: 'video' })).toBe(false)
    expect(installed.check?.(null, 'notifications', 'file://', { requestingUrl: APP })).toBe(false)
  })

  it('replaces a CSP header in any letter case', () => {
    expect(withCsp({ 'content-security-policy': ['x'], 'CONTENT-SECURITY-POLICY': ['y'], etag: ['1'] }, 'z')).toEqual({
      etag: ['1'],
      'Content-Security-Policy': ['z'],
    })
  })
})

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and turns middle click off', () => {
    expect(secureWebPreferences('/p.js')).toMatchObject({
      preload: '/p.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    })
  })

  it('is what every window of the shell is made with', () => {
    const dir = join(import.meta.dirname, '../../src/main')
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
    const windows = files.flatMap((file) => {
      const text = readFileSync(join(dir, file), 'utf8')
      return [...text.matchAll(/new BrowserWindow\(\{([\s\S]*?)\n {2}\}\)/g)].map((m) => ({ file, options: m[1] }))
    })
    expect(windows.length).toBeGreaterThan(0)
    for (const { file, options } of windows) expect(options, file).toMatch(/webPreferences: secureWebPreferences\(/)
  })
})

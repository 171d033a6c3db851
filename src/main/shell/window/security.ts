/**
 * The renderer's cage: no new windows, no navigation away from our page, no <webview>, a strict
 * CSP on every response, and no permission except the microphone for our own page.
 * Written against small structural types so it runs in Node tests with fakes.
 */
type Log = (line: string) => void

interface Preventable {
  preventDefault(): void
}
interface NavigationEvent extends Preventable {
  readonly url: string
}

/** The parts of Electron's `WebContents` the guard uses. */
/**
 * The `webPreferences` of every window: sandboxed, context-isolated, our preload only; middle
 * click (`auxclick`) off as defence in depth, since new windows are already denied.
 */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    disableBlinkFeatures: 'Auxclick',
  } as const
}

export interface GuardedContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown
}

export interface GuardPolicy {
  isAppUrl(url: string): boolean
  log: Log
}

export function guardWebContents(contents: GuardedContents, policy: GuardPolicy): void {
  contents.setWindowOpenHandler(({ url }) => {
    // Links reach the system browser only through the in-app confirmation and the `openExternal`
    // host command; a window the page tries to open itself never opens.
    policy.log(`security: blocked a new window: ${url}`)
    return { action: 'deny' }
  })
  const stayHome = (what: string) => (event: NavigationEvent) => {
    if (policy.isAppUrl(event.url)) return
    event.preventDefault()
    policy.log(`security: blocked ${what} to ${event.url}`)
  }
  contents.on('will-navigate', stayHome('navigation'))
  contents.on('will-redirect', stayHome('a redirect'))
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    policy.log('security: blocked a <webview>')
  })
}

/** The only permission granted: the microphone (audio only), for our own page. */
export function allowPermission(
  permission: string,
  requestingUrl: string | undefined,
  mediaTypes: readonly string[] | undefined,
  isAppUrl: (url: string) => boolean,
): boolean {
  if (permission !== 'media' || !requestingUrl || !isAppUrl(requestingUrl)) return false
  return mediaTypes !== undefined && mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio')
}

type ResponseHeaders = Record<string, string[]>

/** The parts of Electron's `Session` the policy uses. */
export interface PolicySession {
  readonly webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: ResponseHeaders },
        callback: (response: { responseHeaders?: ResponseHeaders }) => void,
      ) => void,
    ): void
  }
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl: string; mediaTypes?: Array<'video' | 'audio'> },
    ) => void,
  ): void
  setPermissionCheckHandler(
    handler: (
      contents: unknown,
      permission: string,
      origin: string,
      details: { requestingUrl?: string; mediaType?: 'video' | 'audio' | 'unknown' },
    ) => boolean,
  ): void
}

export interface SessionPolicy {
  /** The CSP to send now (the agent server can change while the app runs). */
  csp(): string
  isAppUrl(url: string): boolean
  log: Log
}

/** Sets our CSP on every response, replacing any the response had. */
export function withCsp(headers: ResponseHeaders | undefined, csp: string): ResponseHeaders {
  const result: ResponseHeaders = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value
  }
  result['Content-Security-Policy'] = [csp]
  return result
}

export function installSessionPolicy(session: PolicySession, policy: SessionPolicy): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, policy.csp()) })
  })
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = allowPermission(permission, details.requestingUrl, details.mediaTypes, policy.isAppUrl)
    if (!granted) policy.log(`security: denied permission ${permission} to ${details.requestingUrl}`)
    callback(granted)
  })
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    allowPermission(permission, details.requestingUrl, details.mediaType ? [details.mediaType] : undefined, policy.isAppUrl),
  )
}

/**
 * The Electron main process: wiring only. The core (no Electron) does the work; the shell modules
 * hold the window, the IPC gateway, the security policy and the OS events.
 */
import { type BrowserWindow, app, dialog, ipcMain, net, powerMonitor, protocol, safeStorage, session, shell } from 'electron'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildCsp } from '../shared/csp'
import { createMiraCore, type MiraCore } from './core/host/mira-core'
import { serverOverrides } from './core/host/overrides'
import { SECRETS_FILE, defaultDataDir } from './core/paths'
import { appPaths, isAppUrl, resolveAppLocation } from './shell/app-location'
import { BACKGROUND_SCHEME, CHARACTER_SCHEME, serveBackgroundProtocol } from './shell/background-protocol'
import { installDesktop, type Desktop } from './shell/desktop'
import { shellLocale } from './shell/i18n/shell-language'
import { shellStrings } from './shell/i18n/strings'
import { registerIpcGateway } from './shell/ipc-gateway'
import { openShellSecretStore } from './shell/safe-storage-secrets'
import { watchSystemEvents } from './shell/system-events'
import { installGlobalPushToTalk } from './shell/push-to-talk/electron-push-to-talk'
import { createMainWindow } from './shell/window/main-window'
import { serveAppPageWithCsp } from './shell/window/app-page-csp'
import { guardWebContents, installSessionPolicy } from './shell/window/security'
import { messageOf } from '../shared/errors'

const log = (line: string): void => console.error(`[mira] ${line}`)
const paths = appPaths(dirname(fileURLToPath(import.meta.url)))
const location = resolveAppLocation({
  packaged: app.isPackaged,
  rendererUrl: process.env.ELECTRON_RENDERER_URL,
  indexHtml: paths.indexHtml,
})
const ours = (url: string): boolean => isAppUrl(location, url)

// One folder for the app, web mode and the CLI (MIRA_DATA_DIR or the platform's config dir).
const dataDir = defaultDataDir(process.env, process.platform, homedir())
app.setName('Mira')
app.setPath('userData', dataDir)

let core: MiraCore | undefined
let mainWindow: BrowserWindow | undefined
let desktop: Desktop | undefined
const cleanups: Array<() => void> = []

function showMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

async function openMainWindow(): Promise<BrowserWindow> {
  const window = await createMainWindow({
    location,
    preload: paths.preload,
    icon: paths.icon,
    stateFile: join(dataDir, 'window-state.json'),
    log,
  })
  mainWindow = window
  desktop?.windowOpened(window)
  return window
}

async function start(): Promise<void> {
  const secrets = await openShellSecretStore(join(dataDir, SECRETS_FILE), safeStorage, process.platform, log)
  // Off until the page turns it on (Settings → Listening); its key events go out on the core's event stream.
  const pushToTalk = installGlobalPushToTalk((action) => core?.emit({ type: 'push-to-talk', action }), log)
  cleanups.push(() => pushToTalk.dispose())
  const started = await createMiraCore({
    dataDir,
    transport: 'electron',
    secrets,
    // MIRA_SERVER / MIRA_TOKEN: another server for this run only (also how the e2e specs point the app at theirs).
    overrides: serverOverrides(process.env),
    appVersion: app.getVersion(),
    log,
    // Links from answers, already confirmed by the reader and checked by the core: the system browser opens them.
    openExternal: (url) => shell.openExternal(url),
    globalPushToTalk: (key) => pushToTalk.ptt.set(key),
    modelBaseUrl: process.env.MIRA_WHISPER_MODEL_URL,
  })
  core = started
  serveBackgroundProtocol(protocol, started.localBackgrounds)
  serveBackgroundProtocol(protocol, started.localCharacters, CHARACTER_SCHEME.scheme)
  const { settings } = await started.handlers.getSettings(undefined)
  desktop = installDesktop({
    core: started,
    appName: 'Mira',
    dev: location.kind === 'dev',
    resources: paths.resources,
    icon: paths.icon,
    dataDir,
    language: settings.language,
    window: () => mainWindow,
    openWindow: openMainWindow,
    log,
  })
  const csp = () => buildCsp({ serverOrigin: started.serverOrigin(), dev: location.kind === 'dev', localBackgrounds: true, localCharacters: true })
  installSessionPolicy(session.defaultSession, { csp, isAppUrl: ours, log })
  // The built page is a file:// URL, which gets no response headers: its policy is put on it here.
  if (location.kind === 'file') {
    serveAppPageWithCsp(protocol, { csp, isAppUrl: ours, fetchFile: (request) => net.fetch(request, { bypassCustomProtocolHandlers: true }) })
  }
  cleanups.push(
    registerIpcGateway({
      ipcMain,
      core: started,
      mainContents: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : undefined),
      isAppUrl: ours,
      log,
    }),
    () => desktop?.dispose(),
    watchSystemEvents({
      powerMonitor,
      isOnline: () => net.isOnline(),
      onResume: () => started.resumed(),
      onNetworkChange: (online) => {
        log(`network ${online ? 'online' : 'offline'}`)
        started.networkChanged(online)
      },
    }),
  )
  await openMainWindow()
}

// Before the app is ready: the user's backgrounds and characters get their own schemes.
protocol.registerSchemesAsPrivileged([BACKGROUND_SCHEME, CHARACTER_SCHEME])

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', showMainWindow)
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, { isAppUrl: ours, log }))
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (core && (!mainWindow || mainWindow.isDestroyed())) void openMainWindow()
  })

  let phase: 'running' | 'closing' | 'closed' = 'running'
  app.on('before-quit', (event) => {
    if (phase === 'closed') return
    // Close the core first (outbox, companion server), then quit for real.
    event.preventDefault()
    if (phase === 'closing') return
    phase = 'closing'
    for (const cleanup of cleanups.splice(0)) cleanup()
    void (core?.close() ?? Promise.resolve())
      .catch((error: unknown) => log(`shutdown: ${messageOf(error)}`))
      .finally(() => {
        phase = 'closed'
        app.quit()
      })
  })

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = messageOf(error)
      log(`could not start: ${message}`)
      // Start-up failed, perhaps in reading the settings: the dialog speaks the system's language.
      const strings = shellStrings(shellLocale('system', app.getPreferredSystemLanguages()))
      dialog.showErrorBox(strings.dialog.couldNotStart('Mira'), message)
      app.exit(1)
    })
}

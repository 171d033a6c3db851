/**
 * Desktop integration, wired to Electron: the application menu, the tray icon and answer
 * notifications. "New conversation" and "Settings…" reach the page as `app-command` host events
 * on the core's event stream, like everything else the page hears from the host.
 */
import { Menu, Notification, Tray, app, shell, type BrowserWindow } from 'electron'
import type { HostEvent, HostEventListener, HostEventOf } from '../../shared/host'
import type { LanguageSetting } from '../../shared/locale'
import { messageOf } from '../../shared/errors'
import { notifyFinishedAnswers, type AnswerNotice } from './answer-notifications'
import { appMenuTemplate } from './app-menu'
import { followLanguage } from './i18n/shell-language'
import { installTray, trayIconPath, type TrayController } from './tray'

type AppCommand = HostEventOf<'app-command'>['command']

export interface DesktopOptions {
  core: { emit(event: HostEvent): void; onEvents(listener: HostEventListener): () => void }
  appName: string
  dev: boolean
  /** `resources/` (tray icon) and the app icon (notifications, About). */
  resources: string
  icon: string
  dataDir: string
  /** The `language` setting at start; later changes arrive as `settings` events from the core. */
  language: LanguageSetting
  /** The main window, if one is open. */
  window(): BrowserWindow | undefined
  /** Opens a new main window (after it was closed; macOS keeps running without one). */
  openWindow(): Promise<BrowserWindow>
  log(line: string): void
}

export interface Desktop {
  /** Call for every new main window: the tray follows its visibility. */
  windowOpened(window: BrowserWindow): void
  dispose(): void
}

const live = (window: BrowserWindow | undefined): BrowserWindow | undefined => (window && !window.isDestroyed() ? window : undefined)

export function installDesktop(options: DesktopOptions): Desktop {
  const { log } = options
  const visible = (): boolean => {
    const window = live(options.window())
    return window !== undefined && window.isVisible() && !window.isMinimized()
  }

  function reveal(window: BrowserWindow): void {
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  }

  async function showWindow(): Promise<BrowserWindow> {
    const existing = live(options.window())
    if (existing) reveal(existing)
    // A new window shows itself after its first paint.
    return existing ?? options.openWindow()
  }

  async function command(command: AppCommand): Promise<void> {
    const existing = live(options.window())
    const window = await showWindow()
    const emit = (): void => options.core.emit({ type: 'app-command', command })
    // A page still loading has no listener yet: the command waits for it.
    if (existing && !window.webContents.isLoading()) emit()
    else window.webContents.once('did-finish-load', emit)
  }

  const run = (what: string, task: () => Promise<unknown>) => (): void => {
    task().catch((error: unknown) => log(`${what}: ${messageOf(error)}`))
  }
  const newConversation = run('new conversation', () => command('new-conversation'))
  const openSettings = run('settings', () => command('open-settings'))
  const openDataFolder = run('data folder', async () => {
    const problem = await shell.openPath(options.dataDir)
    if (problem) log(`data folder: ${problem}`)
  })

  let tray: TrayController | undefined
  const language = followLanguage({
    events: options.core,
    initial: options.language,
    preferredSystemLanguages: () => app.getPreferredSystemLanguages(),
    // Both menus speak the new language at once.
    onChange: () => {
      setMenu()
      tray?.refresh()
    },
  })
  function setMenu(): void {
    const template = appMenuTemplate({
      appName: options.appName,
      platform: process.platform,
      dev: options.dev,
      actions: { newConversation, openSettings, openDataFolder },
      strings: language.strings(),
    })
    Menu.setApplicationMenu(Menu.buildFromTemplate(template))
  }

  app.setAboutPanelOptions({ applicationName: options.appName, applicationVersion: app.getVersion(), iconPath: options.icon })
  setMenu()
  try {
    tray = installTray({
      tray: new Tray(trayIconPath(options.resources, process.platform)),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      appName: options.appName,
      platform: process.platform,
      windowVisible: visible,
      strings: language.strings,
      actions: {
        toggleWindow: () => (visible() ? live(options.window())?.hide() : run('show window', showWindow)()),
        newConversation,
        quit: () => app.quit(),
      },
    })
  } catch (error) {
    // Some Linux desktops have no tray; the app works without it.
    log(`tray: not available: ${messageOf(error)}`)
  }

  // Held until clicked or closed: a notification that is garbage-collected loses its click.
  const shown = new Set<Notification>()
  const notify = (notice: AnswerNotice): void => {
    if (!Notification.isSupported()) return
    const notification = new Notification({ title: notice.title, body: notice.body, icon: options.icon })
    shown.add(notification)
    notification.on('click', () => {
      shown.delete(notification)
      notice.onClick()
    })
    notification.on('close', () => shown.delete(notification))
    notification.show()
  }
  const stopNotifier = notifyFinishedAnswers({
    events: options.core,
    attentive: () => visible() && live(options.window())?.isFocused() === true,
    notify,
    showWindow: run('show window', showWindow),
    appName: options.appName,
    strings: language.strings,
  })

  return {
    windowOpened(window) {
      const refresh = (): void => tray?.refresh()
      window.on('show', refresh)
      window.on('hide', refresh)
      window.on('minimize', refresh)
      window.on('restore', refresh)
      refresh()
    },
    dispose() {
      stopNotifier()
      language.stop()
      tray?.dispose()
      for (const notification of shown) notification.close()
      shown.clear()
    },
  }
}

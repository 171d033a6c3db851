/**
 * The tray icon: Show/Hide, New conversation, Quit. The menu is rebuilt when the window shows or
 * hides, so its first item always says what a click will do, and when the language changes. Written against small structural
 * types so it runs in Node tests with fakes.
 */
import { join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import type { ShellStrings } from './i18n/strings'

export interface TrayActions {
  toggleWindow(): void
  newConversation(): void
  quit(): void
}

export function trayMenuTemplate(options: {
  appName: string
  windowVisible: boolean
  actions: TrayActions
  strings: ShellStrings
}): MenuItemConstructorOptions[] {
  const { actions, appName } = options
  const text = options.strings.tray
  return [
    { label: options.windowVisible ? text.hide(appName) : text.show(appName), click: () => actions.toggleWindow() },
    { label: text.newConversation, click: () => actions.newConversation() },
    { type: 'separator' },
    { label: text.quit(appName), click: () => actions.quit() },
  ]
}

/**
 * The icon file in `resources/`: macOS menu bars are 22 pt (16 px art; Electron picks up a
 * `@2x` file by itself if one is added); Windows and Linux scale a 32 px image down cleanly on
 * high-DPI screens.
 */
export function trayIconPath(resources: string, platform: NodeJS.Platform): string {
  return join(resources, platform === 'darwin' ? 'icon-16.png' : 'icon-32.png')
}

/** The parts of Electron's `Tray` used here. */
export interface TrayLike<M> {
  setToolTip(text: string): void
  setContextMenu(menu: M | null): void
  on(event: 'click', listener: () => void): unknown
  destroy(): void
}

export interface TrayOptions<M> {
  tray: TrayLike<M>
  buildMenu(template: MenuItemConstructorOptions[]): M
  appName: string
  platform: NodeJS.Platform
  windowVisible(): boolean
  actions: TrayActions
  /** The words in the current language (read at every rebuild). */
  strings(): ShellStrings
}

export interface TrayController {
  /** Rebuilds the menu (call when the window shows or hides, or the language changes). */
  refresh(): void
  dispose(): void
}

export function installTray<M>(options: TrayOptions<M>): TrayController {
  const { tray } = options
  let disposed = false
  const refresh = (): void => {
    if (disposed) return
    const template = trayMenuTemplate({
      appName: options.appName,
      windowVisible: options.windowVisible(),
      actions: options.actions,
      strings: options.strings(),
    })
    tray.setContextMenu(options.buildMenu(template))
  }
  tray.setToolTip(options.appName)
  // On macOS a click opens the menu; elsewhere a click is the quick way to show or hide.
  if (options.platform !== 'darwin') tray.on('click', () => options.actions.toggleWindow())
  refresh()
  return {
    refresh,
    dispose() {
      if (disposed) return
      disposed = true
      tray.destroy()
    },
  }
}

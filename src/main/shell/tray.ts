/**
 * The tray icon: Show/Hide, New conversation, Quit. The menu is rebuilt when the window shows or
 * hides, so its first item always says what a click will do. Written against small structural
 * types so it runs in Node tests with fakes.
 */
import { join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'

export interface TrayActions {
  toggleWindow(): void
  newConversation(): void
  quit(): void
}

export function trayMenuTemplate(options: { appName: string; windowVisible: boolean; actions: TrayActions }): MenuItemConstructorOptions[] {
  const { actions } = options
  return [
    { label: options.windowVisible ? `Hide ${options.appName}` : `Show ${options.appName}`, click: () => actions.toggleWindow() },
    { label: 'New Conversation', click: () => actions.newConversation() },
    { type: 'separator' },
    { label: `Quit ${options.appName}`, click: () => actions.quit() },
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
}

export interface TrayController {
  /** Rebuilds the menu (call when the window shows or hides). */
  refresh(): void
  dispose(): void
}

export function installTray<M>(options: TrayOptions<M>): TrayController {
  const { tray } = options
  let disposed = false
  const refresh = (): void => {
    if (disposed) return
    tray.setContextMenu(options.buildMenu(trayMenuTemplate({ appName: options.appName, windowVisible: options.windowVisible(), actions: options.actions })))
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

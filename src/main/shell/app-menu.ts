/**
 * The application menu: File (new conversation, settings, quit), the standard Edit roles so copy
 * and paste work, View (reload and DevTools only in development), Window, and Help (about, the
 * data folder). On macOS Settings… and Quit live in the app menu, as users expect there.
 */
import type { MenuItemConstructorOptions } from 'electron'

/** What the menu's own items do; the wiring connects them to the window and the core. */
export interface AppMenuActions {
  newConversation(): void
  openSettings(): void
  openDataFolder(): void
}

export interface AppMenuOptions {
  appName: string
  platform: NodeJS.Platform
  dev: boolean
  actions: AppMenuActions
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const { actions } = options
  const mac = options.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = []
  const settings: MenuItemConstructorOptions = { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => actions.openSettings() }
  const newConversation: MenuItemConstructorOptions = {
    label: 'New Conversation',
    accelerator: 'CmdOrCtrl+N',
    click: () => actions.newConversation(),
  }
  const macEdit: MenuItemConstructorOptions[] = mac ? [{ role: 'pasteAndMatchStyle' }] : []
  const devView: MenuItemConstructorOptions[] = options.dev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : []
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        settings,
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    })
    template.push({ label: 'File', submenu: [newConversation, { type: 'separator' }, { role: 'close' }] })
  } else {
    template.push({ label: 'File', submenu: [newConversation, settings, { type: 'separator' }, { role: 'quit' }] })
  }
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...macEdit,
      { role: 'delete' },
      { role: 'selectAll' },
    ],
  })
  template.push({
    label: 'View',
    submenu: [
      ...devView,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  })
  template.push({ role: 'windowMenu' })
  const dataFolder: MenuItemConstructorOptions = { label: 'Open Data Folder', click: () => actions.openDataFolder() }
  template.push({
    role: 'help',
    submenu: mac ? [dataFolder] : [{ role: 'about', label: `About ${options.appName}` }, { type: 'separator' }, dataFolder],
  })
  return template
}

/**
 * The application menu: File (new conversation, settings, quit), the standard Edit roles so copy
 * and paste work, View (reload and DevTools only in development), Window, and Help (about, the
 * data folder). On macOS Settings… and Quit live in the app menu, as users expect there.
 */
import type { MenuItemConstructorOptions } from 'electron'
import type { ShellStrings } from './i18n/strings'

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
  /** Every label, role items' too: Electron's own role labels are English only. */
  strings: ShellStrings
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const { actions } = options
  const text = options.strings.menu
  const mac = options.platform === 'darwin'
  const roleText = options.strings.roles
  /** A built-in item (behaviour, shortcut) under our translated label. */
  const role = (name: keyof ShellStrings['roles']): MenuItemConstructorOptions => {
    const label = roleText[name]
    return { role: name, label: typeof label === 'function' ? label(options.appName) : label }
  }
  const template: MenuItemConstructorOptions[] = []
  const settings: MenuItemConstructorOptions = { label: text.settings, accelerator: 'CmdOrCtrl+,', click: () => actions.openSettings() }
  const newConversation: MenuItemConstructorOptions = {
    label: text.newConversation,
    accelerator: 'CmdOrCtrl+N',
    click: () => actions.newConversation(),
  }
  const macEdit: MenuItemConstructorOptions[] = mac ? [role('pasteAndMatchStyle')] : []
  const devView: MenuItemConstructorOptions[] = options.dev
    ? [role('reload'), role('forceReload'), role('toggleDevTools'), { type: 'separator' }]
    : []
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about', label: text.about(options.appName) },
        { type: 'separator' },
        settings,
        { type: 'separator' },
        role('hide'),
        role('hideOthers'),
        role('unhide'),
        { type: 'separator' },
        role('quit'),
      ],
    })
    template.push({ label: text.file, submenu: [newConversation, { type: 'separator' }, role('close')] })
  } else {
    template.push({ label: text.file, submenu: [newConversation, settings, { type: 'separator' }, role('quit')] })
  }
  template.push({
    label: text.edit,
    submenu: [
      role('undo'),
      role('redo'),
      { type: 'separator' },
      role('cut'),
      role('copy'),
      role('paste'),
      ...macEdit,
      role('delete'),
      role('selectAll'),
    ],
  })
  template.push({
    label: text.view,
    submenu: [
      ...devView,
      role('resetZoom'),
      role('zoomIn'),
      role('zoomOut'),
      { type: 'separator' },
      role('togglefullscreen'),
    ],
  })
  // The Window and Help menus keep their roles (macOS adds its window list) under our own titles.
  template.push({ role: 'windowMenu', label: text.window, submenu: [role('minimize'), ...(mac ? [role('zoom')] : []), role('close')] })
  const dataFolder: MenuItemConstructorOptions = { label: text.openDataFolder, click: () => actions.openDataFolder() }
  template.push({
    role: 'help',
    label: text.help,
    submenu: mac ? [dataFolder] : [{ role: 'about', label: text.about(options.appName) }, { type: 'separator' }, dataFolder],
  })
  return template
}

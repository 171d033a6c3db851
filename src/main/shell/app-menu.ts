/**
 * The minimal application menu: standard roles, so copy/paste and the usual shortcuts work.
 * Reload and DevTools only in development. Tray and richer menus come later.
 */
import type { MenuItemConstructorOptions } from 'electron'

export function appMenuTemplate(options: { appName: string; platform: NodeJS.Platform; dev: boolean }): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = []
  const macEdit: MenuItemConstructorOptions[] = mac ? [{ role: 'pasteAndMatchStyle' }] : []
  const devView: MenuItemConstructorOptions[] = options.dev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : []
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    })
  } else {
    template.push({ label: 'File', submenu: [{ role: 'quit' }] })
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
  return template
}

import { describe, expect, it } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { appMenuTemplate } from '../../src/main/shell/app-menu'

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ])
}

describe('appMenuTemplate', () => {
  it('has the editing roles, so copy and paste work', () => {
    const all = roles(appMenuTemplate({ appName: 'Mira', platform: 'linux', dev: false }))
    expect(all).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']))
  })

  it('offers reload and devtools in development only', () => {
    const prod = roles(appMenuTemplate({ appName: 'Mira', platform: 'linux', dev: false }))
    const dev = roles(appMenuTemplate({ appName: 'Mira', platform: 'linux', dev: true }))
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(prod).not.toContain(role)
      expect(dev).toContain(role)
    }
  })

  it('puts the app menu first on macOS', () => {
    const mac = appMenuTemplate({ appName: 'Mira', platform: 'darwin', dev: false })
    expect(mac[0]?.label).toBe('Mira')
    expect(roles(mac)).toContain('pasteAndMatchStyle')
  })
})

import { join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { installTray, trayIconPath, trayMenuTemplate } from '../../src/main/shell/tray'

class FakeTray {
  tooltip = ''
  menus: Array<MenuItemConstructorOptions[] | null> = []
  clickListeners: Array<() => void> = []
  destroyed = 0
  setToolTip(text: string): void {
    this.tooltip = text
  }
  setContextMenu(menu: MenuItemConstructorOptions[] | null): void {
    this.menus.push(menu)
  }
  on(_event: 'click', listener: () => void): void {
    this.clickListeners.push(listener)
  }
  destroy(): void {
    this.destroyed++
  }
}

function setup(platform: NodeJS.Platform) {
  const tray = new FakeTray()
  const calls: string[] = []
  let visible = true
  const controller = installTray({
    tray,
    buildMenu: (template) => template,
    appName: 'Mira',
    platform,
    windowVisible: () => visible,
    actions: { toggleWindow: () => calls.push('toggle'), newConversation: () => calls.push('new'), quit: () => calls.push('quit') },
  })
  const labels = () => (tray.menus.at(-1) ?? []).map((item) => item.label ?? item.type)
  const click = (label: string) => (tray.menus.at(-1)?.find((item) => item.label === label)?.click as (() => void) | undefined)?.()
  return { tray, calls, controller, labels, click, setVisible: (v: boolean) => (visible = v) }
}

describe('the tray', () => {
  it('offers Show/Hide, New Conversation and Quit, each doing its action', () => {
    const { tray, calls, labels, click } = setup('linux')
    expect(tray.tooltip).toBe('Mira')
    expect(labels()).toEqual(['Hide Mira', 'New Conversation', 'separator', 'Quit Mira'])
    click('Hide Mira')
    click('New Conversation')
    click('Quit Mira')
    expect(calls).toEqual(['toggle', 'new', 'quit'])
  })

  it('says Show or Hide as the window is, once refreshed', () => {
    const { controller, labels, setVisible } = setup('linux')
    setVisible(false)
    expect(labels()[0]).toBe('Hide Mira')
    controller.refresh()
    expect(labels()[0]).toBe('Show Mira')
  })

  it('toggles the window on click, except on macOS where a click opens the menu', () => {
    const linux = setup('linux')
    for (const listener of linux.tray.clickListeners) listener()
    expect(linux.calls).toEqual(['toggle'])
    expect(setup('darwin').tray.clickListeners).toEqual([])
  })

  it('is destroyed once, and never rebuilt afterwards', () => {
    const { tray, controller } = setup('win32')
    const menus = tray.menus.length
    controller.dispose()
    controller.dispose()
    controller.refresh()
    expect(tray.destroyed).toBe(1)
    expect(tray.menus).toHaveLength(menus)
  })

  it('uses an icon from resources/ that exists', async () => {
    const { existsSync } = await import('node:fs')
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const path = trayIconPath('resources', platform)
      expect(path.startsWith(join('resources', 'icon-'))).toBe(true)
      expect(existsSync(path)).toBe(true)
    }
  })

  it('builds the template without a tray', () => {
    const template = trayMenuTemplate({ appName: 'Mira', windowVisible: false, actions: { toggleWindow() {}, newConversation() {}, quit() {} } })
    expect(template[0]?.label).toBe('Show Mira')
  })
})

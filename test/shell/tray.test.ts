import { join } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import type { Locale } from '../../src/shared/locale'
import { shellStrings } from '../../src/main/shell/i18n/strings'
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
  let locale: Locale = 'en'
  const controller = installTray({
    tray,
    buildMenu: (template) => template,
    appName: 'Mira',
    platform,
    windowVisible: () => visible,
    strings: () => shellStrings(locale),
    actions: { toggleWindow: () => calls.push('toggle'), newConversation: () => calls.push('new'), quit: () => calls.push('quit') },
  })
  const labels = () => (tray.menus.at(-1) ?? []).map((item) => item.label ?? item.type)
  const click = (label: string) => (tray.menus.at(-1)?.find((item) => item.label === label)?.click as (() => void) | undefined)?.()
  return { tray, calls, controller, labels, click, setVisible: (v: boolean) => (visible = v), setLocale: (l: Locale) => (locale = l) }
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

  it('speaks the current language at every rebuild; the tooltip keeps the brand', () => {
    const { tray, controller, labels, click, calls, setLocale, setVisible } = setup('linux')
    setLocale('ja')
    controller.refresh()
    expect(labels()).toEqual(['Miraを隠す', '新しい会話', 'separator', 'Miraを終了'])
    setVisible(false)
    setLocale('ko')
    controller.refresh()
    expect(labels()).toEqual(['Mira 보기', '새 대화', 'separator', 'Mira 종료'])
    click('Mira 보기')
    click('새 대화')
    click('Mira 종료')
    expect(calls).toEqual(['toggle', 'new', 'quit'])
    expect(tray.tooltip).toBe('Mira')
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
    const actions = { toggleWindow() {}, newConversation() {}, quit() {} }
    const template = trayMenuTemplate({ appName: 'Mira', windowVisible: false, actions, strings: shellStrings('en') })
    expect(template[0]?.label).toBe('Show Mira')
    expect(trayMenuTemplate({ appName: 'Mira', windowVisible: false, actions, strings: shellStrings('ko') })[0]?.label).toBe('Mira 보기')
  })
})

/**
 * The desktop wiring (menu, tray, notifications) against the fake `electron` module: it speaks
 * the `language` setting and switches at once when the setting changes.
 */
import type { MenuItemConstructorOptions } from 'electron'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HostEvent, HostEventListener } from '../../src/shared/host'
import { defaultSettings, type Settings } from '../../src/shared/settings'

vi.mock('electron', () => import('./fixtures/fake-electron'))
const fake = await import('./fixtures/fake-electron')
const { installDesktop } = await import('../../src/main/shell/desktop')

type Item = MenuItemConstructorOptions
const settingsEvent = (language: Settings['language']): HostEvent => ({
  type: 'settings',
  view: { settings: { ...defaultSettings(), language }, hasToken: false, hasCompanionApiKey: false },
})

const installed: Array<{ dispose(): void }> = []
afterEach(() => {
  for (const desktop of installed.splice(0)) desktop.dispose()
  fake.state.preferredLanguages = ['en-US']
})

function install(language: Settings['language']) {
  const listeners = new Set<HostEventListener>()
  const desktop = installDesktop({
    core: {
      emit: () => undefined,
      onEvents: (listener) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    },
    appName: 'Mira',
    dev: false,
    resources: 'resources',
    icon: 'resources/icon.png',
    dataDir: '/tmp/mira-data',
    language,
    // No window: the user is not looking, so finished answers are told of.
    window: () => undefined,
    openWindow: () => Promise.reject(new Error('no window in this test')),
    log: () => undefined,
  })
  installed.push(desktop)
  const tray = fake.FakeTray.created.at(-1)
  if (!tray) throw new Error('no tray')
  return {
    push: (...events: HostEvent[]) => {
      for (const listener of listeners) listener(events)
    },
    menus: () => (fake.state.menuTemplate as Item[]).map((item) => item.label),
    file: () => ((fake.state.menuTemplate as Item[])[0]?.submenu as Item[]).map((item) => item.label ?? item.role ?? item.type),
    tray: () => (tray.menu as Item[]).map((item) => item.label ?? item.type),
    trayObject: tray,
    dispose: () => desktop.dispose(),
  }
}

const notificationBody = (): string | undefined => fake.FakeNotification.created.at(-1)?.options.body
const codeOnly: HostEvent = { type: 'turn-end', turnId: 't1', content: '```\nx = 1\n```' }

// On macOS the app menu comes first; these tests read the File menu at index 0 (app-menu.test.ts covers macOS).
describe.skipIf(process.platform === 'darwin')('the desktop in the chosen language (fake electron)', () => {
  it("'system' follows the OS's preferred languages", () => {
    fake.state.preferredLanguages = ['fr-FR', 'ko-KR', 'en-US']
    const korean = install('system')
    expect(korean.menus()).toEqual(['파일', '편집', '보기', '창', '도움말'])
    expect(korean.tray()).toEqual(['Mira 보기', '새 대화', 'separator', 'Mira 종료'])
    expect(korean.trayObject.tooltip).toBe('Mira')
    fake.state.preferredLanguages = ['de-DE']
    expect(install('system').menus()).toEqual(['File', 'Edit', 'View', 'Window', 'Help'])
  })

  it('a chosen language wins over the system', () => {
    fake.state.preferredLanguages = ['ko-KR']
    const desktop = install('ja')
    expect(desktop.file()).toEqual(['新しい会話', '設定…', 'separator', 'Miraを終了'])
    expect(desktop.tray()).toEqual(['Miraを表示', '新しい会話', 'separator', 'Miraを終了'])
  })

  it('a change of the language setting rebuilds the menu and the tray menu at once, and words notifications in it', () => {
    const desktop = install('en')
    expect(desktop.file()).toEqual(['New Conversation', 'Settings…', 'separator', 'Quit Mira'])
    desktop.push(settingsEvent('ja'))
    expect(desktop.menus()).toEqual(['ファイル', '編集', '表示', 'ウィンドウ', 'ヘルプ'])
    expect(desktop.file()).toEqual(['新しい会話', '設定…', 'separator', 'Miraを終了'])
    expect(desktop.tray()).toEqual(['Miraを表示', '新しい会話', 'separator', 'Miraを終了'])
    desktop.push(codeOnly)
    expect(notificationBody()).toBe('Miraの回答が届きました。')

    // Settings saved without a new language leave the menu as it is.
    const menu = fake.state.menuTemplate
    desktop.push(settingsEvent('ja'))
    expect(fake.state.menuTemplate).toBe(menu)

    fake.state.preferredLanguages = ['ko-KR']
    desktop.push(settingsEvent('system'))
    expect(desktop.file()).toEqual(['새 대화', '설정…', 'separator', 'Mira 종료'])
    expect(desktop.tray()).toEqual(['Mira 보기', '새 대화', 'separator', 'Mira 종료'])
    desktop.push(codeOnly)
    expect(notificationBody()).toBe('Mira의 답변이 도착했습니다.')
  })

  it('stops following the setting once disposed', () => {
    const desktop = install('en')
    desktop.dispose()
    const menu = fake.state.menuTemplate
    desktop.push(settingsEvent('ko'))
    expect(fake.state.menuTemplate).toBe(menu)
    expect(desktop.trayObject.destroyed).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { appMenuTemplate, type AppMenuOptions } from '../../src/main/shell/app-menu'
import { shellStrings } from '../../src/main/shell/i18n/strings'

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ])
}

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.label === label) return item
    const inner = Array.isArray(item.submenu) ? find(item.submenu, label) : undefined
    if (inner) return inner
  }
  return undefined
}

function menu(overrides: Partial<AppMenuOptions> = {}) {
  const calls: string[] = []
  const template = appMenuTemplate({
    appName: 'Mira',
    platform: 'linux',
    dev: false,
    actions: {
      newConversation: () => calls.push('new'),
      openSettings: () => calls.push('settings'),
      openDataFolder: () => calls.push('data'),
    },
    strings: shellStrings('en'),
    ...overrides,
  })
  const click = (label: string): void => {
    const item = find(template, label)
    if (!item?.click) throw new Error(`no clickable ${label}`)
    // The menu passes the item, window and event; the actions ignore them.
    ;(item.click as () => void)()
  }
  return { template, calls, click }
}

describe('appMenuTemplate', () => {
  it('has the editing roles, so copy and paste work', () => {
    expect(roles(menu().template)).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit']))
  })

  it('offers reload and devtools in development only, full screen always', () => {
    const prod = roles(menu().template)
    const dev = roles(menu({ dev: true }).template)
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(prod).not.toContain(role)
      expect(dev).toContain(role)
    }
    expect(prod).toContain('togglefullscreen')
  })

  it('File holds New Conversation, Settings… and Quit, each doing its action', () => {
    const { template, calls, click } = menu()
    const file = template[0]
    expect(file?.label).toBe('File')
    const labels = (file?.submenu as MenuItemConstructorOptions[]).map((item) => item.label ?? item.role ?? item.type)
    expect(labels).toEqual(['New Conversation', 'Settings…', 'separator', 'Quit Mira'])
    expect(find(template, 'New Conversation')?.accelerator).toBe('CmdOrCtrl+N')
    expect(find(template, 'Settings…')?.accelerator).toBe('CmdOrCtrl+,')
    click('New Conversation')
    click('Settings…')
    click('Open Data Folder')
    expect(calls).toEqual(['new', 'settings', 'data'])
  })

  it('has Window and Help menus; Help has About and the data folder', () => {
    const { template } = menu()
    expect(template.map((item) => item.label ?? item.role)).toEqual(['File', 'Edit', 'View', 'Window', 'Help'])
    expect(template.slice(-2).map((item) => item.role)).toEqual(['windowMenu', 'help'])
    const help = template.at(-1)?.submenu as MenuItemConstructorOptions[]
    expect(help.map((item) => item.role ?? item.label ?? item.type)).toEqual(['about', 'separator', 'Open Data Folder'])
  })

  it('on macOS: the app menu first, with About, Settings… and Quit', () => {
    const { template, calls, click } = menu({ platform: 'darwin' })
    expect(template[0]?.label).toBe('Mira')
    const appItems = template[0]?.submenu as MenuItemConstructorOptions[]
    expect(appItems.map((item) => item.role ?? item.label).filter(Boolean)).toEqual(['about', 'Settings…', 'hide', 'hideOthers', 'unhide', 'quit'])
    expect(appItems.map((item) => item.label).filter(Boolean)).toEqual(['About Mira', 'Settings…', 'Hide Mira', 'Hide Others', 'Show All', 'Quit Mira'])
    expect(roles(template)).toContain('pasteAndMatchStyle')
    expect(roles(template).filter((role) => role === 'about')).toHaveLength(1)
    click('Settings…')
    expect(calls).toEqual(['settings'])
  })

  it.each([
    ['ja', ['ファイル', '編集', '表示', 'ウィンドウ', 'ヘルプ'], ['新しい会話', '設定…', 'separator', 'Miraを終了'], 'データフォルダを開く', 'Miraについて', 'コピー'],
    ['ko', ['파일', '편집', '보기', '창', '도움말'], ['새 대화', '설정…', 'separator', 'Mira 종료'], '데이터 폴더 열기', 'Mira 정보', '복사'],
  ] as const)('speaks %s: every label translated, role items kept as roles', (locale, menus, file, dataFolder, about, copy) => {
    const { template, calls, click } = menu({ strings: shellStrings(locale) })
    expect(template.map((item) => item.label)).toEqual(menus)
    const fileItems = template[0]?.submenu as MenuItemConstructorOptions[]
    expect(fileItems.map((item) => item.label ?? item.role ?? item.type)).toEqual(file)
    const help = template.at(-1)?.submenu as MenuItemConstructorOptions[]
    expect(help.map((item) => item.label ?? item.type)).toEqual([about, 'separator', dataFolder])
    expect(help[0]?.role).toBe('about')
    // The same roles as in English, nothing replaced by a hand-made item; their labels translated too.
    expect(roles(template)).toEqual(roles(menu().template))
    const edit = template[1]?.submenu as MenuItemConstructorOptions[]
    expect(edit.find((item) => item.role === 'copy')?.label).toBe(copy)
    expect(fileItems.at(-1)?.role).toBe('quit')
    click(file[0])
    click(file[1])
    click(dataFolder)
    expect(calls).toEqual(['new', 'settings', 'data'])
  })

  it('on macOS in Japanese: the app menu keeps the brand, Settings… is translated', () => {
    const { template } = menu({ platform: 'darwin', strings: shellStrings('ja') })
    expect(template.map((item) => item.label)).toEqual(['Mira', 'ファイル', '編集', '表示', 'ウィンドウ', 'ヘルプ'])
    const appItems = template[0]?.submenu as MenuItemConstructorOptions[]
    expect(appItems.map((item) => item.role ?? item.label).filter(Boolean)).toEqual(['about', '設定…', 'hide', 'hideOthers', 'unhide', 'quit'])
  })
})

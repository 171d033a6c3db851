import { describe, expect, it } from 'vitest'
import type { HostEvent, HostEventListener } from '../../src/shared/host'
import { defaultSettings, type Settings } from '../../src/shared/settings'
import { followLanguage, shellLocale } from '../../src/main/shell/i18n/shell-language'
import { shellStrings, type ShellStrings } from '../../src/main/shell/i18n/strings'

const settingsEvent = (language: Settings['language']): HostEvent => ({
  type: 'settings',
  view: { settings: { ...defaultSettings(), language }, hasToken: false, hasCompanionApiKey: false },
})

/** Every entry's path, e.g. `menu.file`. */
function entries(strings: object, prefix = ''): string[] {
  return Object.entries(strings).flatMap(([key, value]: [string, unknown]) =>
    typeof value === 'object' && value !== null ? entries(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  )
}

describe('shellLocale', () => {
  it("'system' is the first of the OS's languages Mira speaks, else English", () => {
    expect(shellLocale('system', ['fr-FR', 'ja-JP', 'en-US'])).toBe('ja')
    expect(shellLocale('system', ['ko-KR'])).toBe('ko')
    expect(shellLocale('system', ['de-DE', 'zh-Hans-CN'])).toBe('en')
    expect(shellLocale('system', [])).toBe('en')
  })

  it('a chosen language wins over the system', () => {
    expect(shellLocale('ko', ['ja-JP'])).toBe('ko')
    expect(shellLocale('en', ['ja-JP'])).toBe('en')
  })
})

describe('the shell catalog', () => {
  it('has the same entries in every language, each filled in and different from English where it is words', () => {
    const en = shellStrings('en')
    for (const locale of ['ja', 'ko'] as const) {
      const other = shellStrings(locale)
      expect(entries(other)).toEqual(entries(en))
      const pick = (strings: ShellStrings) => [strings.menu.file, strings.menu.settings, strings.tray.quit('Mira'), strings.notification.finished('Mira')]
      for (const [index, text] of pick(other).entries()) {
        expect(text).not.toBe(pick(en)[index])
        expect(text.trim()).not.toBe('')
      }
    }
  })

  it('keeps the brand in the words that name the app', () => {
    for (const locale of ['en', 'ja', 'ko'] as const) {
      const strings = shellStrings(locale)
      for (const text of [strings.menu.about('Mira'), strings.tray.show('Mira'), strings.tray.hide('Mira'), strings.dialog.couldNotStart('Mira')]) {
        expect(text).toContain('Mira')
      }
    }
  })
})

describe('followLanguage', () => {
  function setup(initial: Settings['language'], preferred: string[]) {
    let listener: HostEventListener | undefined
    let stopped = 0
    const changes: ShellStrings[] = []
    const system = { preferred }
    const language = followLanguage({
      events: {
        onEvents: (l) => {
          listener = l
          return () => stopped++
        },
      },
      initial,
      preferredSystemLanguages: () => system.preferred,
      onChange: (strings) => changes.push(strings),
    })
    const push = (...events: HostEvent[]) => listener?.(events)
    return { language, changes, push, system, stopped: () => stopped }
  }

  it("starts in the setting's language, 'system' following the OS", () => {
    expect(setup('system', ['ko-KR', 'en-US']).language.strings()).toBe(shellStrings('ko'))
    expect(setup('ja', ['ko-KR']).language.strings()).toBe(shellStrings('ja'))
  })

  it('tells of a change of locale once, not of settings that leave it as it is', () => {
    const { language, changes, push, system } = setup('system', ['en-US'])
    push(settingsEvent('en'), { type: 'turn-end', turnId: 't', content: 'hi' })
    expect(changes).toEqual([])
    push(settingsEvent('ja'))
    expect(changes).toEqual([shellStrings('ja')])
    expect(language.strings()).toBe(shellStrings('ja'))
    // Back to 'system', read afresh from the OS.
    system.preferred = ['ko']
    push(settingsEvent('system'), settingsEvent('system'))
    expect(changes).toEqual([shellStrings('ja'), shellStrings('ko')])
  })

  it('stops listening when stopped', () => {
    const { language, stopped } = setup('en', [])
    language.stop()
    expect(stopped()).toBe(1)
  })
})

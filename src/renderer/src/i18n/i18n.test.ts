import { describe, expect, it } from 'vitest'
import { messages, resolveLocale, systemLocale } from '.'

/** Every leaf key path of a message tree. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`),
  )
}

describe('i18n', () => {
  it('picks the first preferred language Mira speaks, else English', () => {
    expect(systemLocale(['fr-FR', 'ja-JP', 'en-US'])).toBe('ja')
    expect(systemLocale(['ko'])).toBe('ko')
    expect(systemLocale(['de-DE', 'fr'])).toBe('en')
    expect(systemLocale([])).toBe('en')
  })

  it('follows the system for `system` and the setting otherwise', () => {
    expect(resolveLocale('system', ['ko-KR'])).toBe('ko')
    expect(resolveLocale(undefined, ['ja'])).toBe('ja')
    expect(resolveLocale('en', ['ja'])).toBe('en')
  })

  it('gives Japanese and Korean exactly the English keys, none empty', () => {
    const english = keys(messages.en).sort()
    for (const locale of ['ja', 'ko'] as const) {
      expect(keys(messages[locale]).sort()).toEqual(english)
      for (const key of english) {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages[locale])
        expect(text, `${locale}: ${key}`).not.toBe('')
      }
    }
  })
})

/**
 * The messages compiled at build time say exactly what the string tables say, in every language,
 * with every placeholder filled; and a message that does not compile stops the build.
 */
import { describe, expect, it } from 'vitest'
import { compileTree } from '../../src/renderer/build/precompiled-messages'

/**
 * The renderer's i18n module, loaded at run time: this (Node) project does not type-check renderer
 * sources, so it comes in by a path the compiler does not follow, with just the types used here.
 */
type Tree = { [key: string]: string | Tree }
type Translate = (key: string, named: Record<string, string>) => string
interface I18nModule {
  LOCALES: readonly string[]
  messages: Record<string, Tree>
  createAppI18n(locale: string, compiled?: Record<string, Record<string, unknown>>): { global: { t: Translate } }
}
const load = (path: string): Promise<unknown> => import(`../../src/renderer/src/${path}`)
const { LOCALES, messages, createAppI18n } = (await load('i18n/index.ts')) as I18nModule

/** Every leaf of a message tree: its key path and text. */
function leaves(tree: object, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : leaves(value as object, `${prefix}${key}.`),
  )
}

describe('precompiled messages', () => {
  it('compile only the messages with message syntax', () => {
    const compiled = compileTree({ a: 'Plain text.', b: { c: 'Hello {name}', d: 'Still plain' } })
    expect(Object.keys(compiled)).toEqual(['b'])
    expect(Object.keys(compiled.b as object)).toEqual(['c'])
  })

  it('fail the build on a message that does not compile, naming it', () => {
    expect(() => compileTree({ chat: { broken: 'Hello {name' } }, ['en'])).toThrow(/en\.chat\.broken does not compile/)
  })

  it.each(LOCALES)('%s: every message reads the same compiled as from its string', (locale) => {
    const compiled = Object.fromEntries(LOCALES.map((l) => [l, compileTree(messages[l] ?? {}, [l])]))
    const fromStrings = createAppI18n(locale).global
    const fromCompiled = createAppI18n(locale, compiled).global
    const all = leaves(messages[locale] ?? {})
    expect(all.length).toBeGreaterThan(100)
    let withPlaceholders = 0
    for (const [key, text] of all) {
      const names = [...text.matchAll(/\{\s*(\w+)\s*\}/g)].map((m) => m[1] ?? '')
      if (names.length) withPlaceholders++
      const params = Object.fromEntries(names.map((name) => [name, `<${name}>`]))
      const t = (global: typeof fromStrings) => global.t(key, params)
      expect(t(fromCompiled), key).toBe(t(fromStrings))
      for (const name of names) expect(t(fromCompiled), key).toContain(`<${name}>`)
    }
    expect(withPlaceholders).toBeGreaterThan(10)
  })
})

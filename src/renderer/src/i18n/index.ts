/**
 * The app's translations (vue-i18n, Composition API). The app runs on messages compiled at build
 * time (`virtual:mira-messages`, see src/renderer/build/precompiled-messages.ts): no message compiler
 * in the page, and no `eval`, so the strict CSP holds. Tests use the string tables below as they are.
 * Messages live in one module per area; English is the source and the type check below makes
 * every other language carry exactly its keys.
 */
import { createI18n } from 'vue-i18n'
import { LOCALES, type LanguageSetting, type Locale, pickLocale, resolveLocale as resolveSetting } from '../../../shared/locale'
import { character } from './messages/character'
import { chat } from './messages/chat'
import { common } from './messages/common'
import { host } from './messages/host'
import { layout } from './messages/layout'
import { problems } from './messages/problems'
import { tools } from './messages/tools'
import { listen } from './messages/listen'
import { recognisers } from './messages/recognisers'
import { scene } from './messages/scene'
import { settings } from './messages/settings'
import { speech } from './messages/speech'

export { LOCALES, type Locale }

const en = { common: common.en, chat: chat.en, settings: settings.en, scene: scene.en, speech: speech.en, host: host.en, layout: layout.en, problem: problems.en, tools: tools.en, listen: listen.en, recognisers: recognisers.en, character: character.en }
export type MessageSchema = typeof en

/** Same keys as English, any strings: a missing or extra key in ja/ko fails the type check. */
type SameShape<T> = { [K in keyof T]: T[K] extends string ? string : SameShape<T[K]> }
const ja: SameShape<MessageSchema> = { common: common.ja, chat: chat.ja, settings: settings.ja, scene: scene.ja, speech: speech.ja, host: host.ja, layout: layout.ja, problem: problems.ja, tools: tools.ja, listen: listen.ja, recognisers: recognisers.ja, character: character.ja }
const ko: SameShape<MessageSchema> = { common: common.ko, chat: chat.ko, settings: settings.ko, scene: scene.ko, speech: speech.ko, host: host.ko, layout: layout.ko, problem: problems.ko, tools: tools.ko, listen: listen.ko, recognisers: recognisers.ko, character: character.ko }

export const messages: Record<Locale, MessageSchema> = { en, ja: ja as MessageSchema, ko: ko as MessageSchema }

/** The first of the system's preferred languages that Mira speaks, else English. */
export function systemLocale(preferred: readonly string[] = navigator.languages): Locale {
  return pickLocale(preferred)
}

/** The locale a language setting means: `system` follows the system (the browser's languages). */
export function resolveLocale(setting: LanguageSetting | undefined, preferred: readonly string[] = navigator.languages): Locale {
  return resolveSetting(setting, preferred)
}

type Tree = { [key: string]: unknown }

/** `tree` with the leaves `over` has replaced by them. */
function overlay(tree: Tree, over: Tree | undefined): Tree {
  if (!over) return tree
  return Object.fromEntries(
    Object.entries(tree).map(([key, value]) => {
      const top = over[key]
      if (top === undefined) return [key, value]
      return [key, typeof value === 'string' ? top : overlay(value as Tree, top as Tree)]
    }),
  )
}

/**
 * `compiled`: messages compiled at build time (the app passes `virtual:mira-messages`), used in
 * place of their strings; without it (tests) vue-i18n compiles the strings on first use.
 */
export function createAppI18n(locale: Locale = systemLocale(), compiled?: Record<string, Tree>) {
  const table = compiled ? (Object.fromEntries(LOCALES.map((l) => [l, overlay(messages[l], compiled[l])])) as Record<Locale, MessageSchema>) : messages
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: table,
    missingWarn: false,
    fallbackWarn: false,
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>

declare module 'vue-i18n' {
  // Typed keys for `t()`: a key English lacks is a type error.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface DefineLocaleMessage extends MessageSchema {}
}

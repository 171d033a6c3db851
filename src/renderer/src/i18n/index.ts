/**
 * The app's translations (vue-i18n, Composition API, JIT-compiled messages: no `eval`, so the strict CSP holds).
 * Messages live in one module per area; English is the source and the type check below makes
 * every other language carry exactly its keys.
 */
import { createI18n } from 'vue-i18n'
import { LOCALES, type LanguageSetting, type Locale, pickLocale, resolveLocale as resolveSetting } from '../../../shared/locale'
import { character } from './messages/character'
import { chat } from './messages/chat'
import { common } from './messages/common'
import { host } from './messages/host'
import { scene } from './messages/scene'
import { settings } from './messages/settings'
import { speech } from './messages/speech'

export { LOCALES, type Locale }

const en = { common: common.en, chat: chat.en, settings: settings.en, scene: scene.en, speech: speech.en, host: host.en, character: character.en }
export type MessageSchema = typeof en

/** Same keys as English, any strings: a missing or extra key in ja/ko fails the type check. */
type SameShape<T> = { [K in keyof T]: T[K] extends string ? string : SameShape<T[K]> }
const ja: SameShape<MessageSchema> = { common: common.ja, chat: chat.ja, settings: settings.ja, scene: scene.ja, speech: speech.ja, host: host.ja, character: character.ja }
const ko: SameShape<MessageSchema> = { common: common.ko, chat: chat.ko, settings: settings.ko, scene: scene.ko, speech: speech.ko, host: host.ko, character: character.ko }

export const messages: Record<Locale, MessageSchema> = { en, ja: ja as MessageSchema, ko: ko as MessageSchema }

/** The first of the system's preferred languages that Mira speaks, else English. */
export function systemLocale(preferred: readonly string[] = navigator.languages): Locale {
  return pickLocale(preferred)
}

/** The locale a language setting means: `system` follows the system (the browser's languages). */
export function resolveLocale(setting: LanguageSetting | undefined, preferred: readonly string[] = navigator.languages): Locale {
  return resolveSetting(setting, preferred)
}

export function createAppI18n(locale: Locale = systemLocale()) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
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

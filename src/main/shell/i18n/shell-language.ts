/**
 * Which language the shell speaks: the `language` setting, where `system` means the OS's
 * preferred languages (Electron's `app.getPreferredSystemLanguages()`). It follows the setting
 * as the core reports changes on its event stream, so the menus can be rebuilt at once.
 */
import type { HostEventListener } from '../../../shared/host'
import { resolveLocale, type LanguageSetting, type Locale } from '../../../shared/locale'
import { shellStrings, type ShellStrings } from './strings'

/** The shell's locale for a setting: `system` is the first of the OS's languages Mira speaks, else English. */
export function shellLocale(setting: LanguageSetting | undefined, preferredSystemLanguages: readonly string[]): Locale {
  return resolveLocale(setting, preferredSystemLanguages)
}

export interface ShellLanguageOptions {
  events: { onEvents(listener: HostEventListener): () => void }
  /** The setting at start-up. */
  initial: LanguageSetting
  preferredSystemLanguages(): readonly string[]
  /** The locale changed: rebuild what shows the shell's words. */
  onChange(strings: ShellStrings): void
}

export interface ShellLanguage {
  strings(): ShellStrings
  stop(): void
}

export function followLanguage(options: ShellLanguageOptions): ShellLanguage {
  const localeOf = (setting: LanguageSetting): Locale => shellLocale(setting, options.preferredSystemLanguages())
  let locale = localeOf(options.initial)
  const stop = options.events.onEvents((batch) => {
    for (const event of batch) {
      if (event.type !== 'settings') continue
      const next = localeOf(event.view.settings.language)
      if (next === locale) continue
      locale = next
      options.onChange(shellStrings(locale))
    }
  })
  return { strings: () => shellStrings(locale), stop }
}

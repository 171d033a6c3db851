/**
 * The languages Mira speaks and how the `language` setting picks one: shared by the page (which
 * asks the browser for the system's languages) and the Electron shell (which asks the OS).
 */
export const LOCALES = ['en', 'ja', 'ko'] as const
export type Locale = (typeof LOCALES)[number]
export type LanguageSetting = 'system' | Locale

/** The first of the system's preferred languages (BCP 47 tags, best first) that Mira speaks, else English. */
export function pickLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0]
    const match = LOCALES.find((locale) => locale === base)
    if (match) return match
  }
  return 'en'
}

/** The locale a language setting means: `system` (or no setting yet) follows the system. */
export function resolveLocale(setting: LanguageSetting | undefined, preferred: readonly string[]): Locale {
  return setting === undefined || setting === 'system' ? pickLocale(preferred) : setting
}

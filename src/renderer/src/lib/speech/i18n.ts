/**
 * Translations for the speech store, which builds notices outside any component. The app
 * provides its i18n instance under vue-i18n's `I18nInjectionKey` (main.ts); without it (store
 * tests) the notes are English.
 */
import { inject } from 'vue'
import { I18nInjectionKey, type Composer } from 'vue-i18n'
import { createAppI18n } from '../../i18n'
import type { Translate } from './errors'

export function useSpeechI18n(): { t: Translate; locale: () => string } {
  const provided = inject(I18nInjectionKey, null)
  const global = (provided ?? createAppI18n('en')).global as unknown as Pick<Composer, 't' | 'locale'>
  return { t: (key, named) => global.t(key, named ?? {}), locale: () => global.locale.value }
}

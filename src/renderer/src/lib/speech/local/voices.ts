/**
 * The local voices offered in the settings: a few of espeak-ng's languages, named in their own
 * language (like a language menu), so they need no translation.
 */
export const LOCAL_VOICES: readonly { id: string; name: string }[] = [
  { id: 'en-us', name: 'English (US)' },
  { id: 'en-gb', name: 'English (UK)' },
  { id: 'ja', name: '日本語' },
  { id: 'ko', name: '한국어' },
  { id: 'cmn', name: '中文' },
  { id: 'de', name: 'Deutsch' },
  { id: 'fr-fr', name: 'Français' },
  { id: 'es', name: 'Español' },
  { id: 'it', name: 'Italiano' },
  { id: 'pt-br', name: 'Português (Brasil)' },
  { id: 'ru', name: 'Русский' },
]

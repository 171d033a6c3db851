import { useI18n } from 'vue-i18n'
import { say, type LocalText } from '../lib/local-text'

/** `say(text)` in the current language, for components that show a LocalText. */
export function useSay(): (value: LocalText) => string {
  const { t } = useI18n()
  return (value) => say((name, params) => t(name, params), value)
}

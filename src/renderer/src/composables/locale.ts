import { watchEffect } from 'vue'
import { useI18n } from 'vue-i18n'
import { resolveLocale } from '../i18n'
import { useSettingsStore } from '../stores/settings'

/**
 * Applies the language setting at once (and one previewed in the open settings dialog): `system`
 * follows the browser's preferred languages; `<html lang>` follows too.
 */
export function useLocaleSync(): void {
  const settings = useSettingsStore()
  const { locale } = useI18n({ useScope: 'global' })
  watchEffect(() => {
    const next = resolveLocale(settings.language)
    locale.value = next
    document.documentElement.lang = next
  })
}
